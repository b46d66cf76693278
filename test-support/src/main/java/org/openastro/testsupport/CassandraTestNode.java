package org.openastro.testsupport;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.config.TypedDriverOption;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The real Cassandra node shared by all tests of one test JVM; get it as a parameter through
 * {@link CassandraExtension}. Tests share it, so each test should work in keyspaces of its own
 * ({@link #newKeyspaceName(String)}).
 */
public final class CassandraTestNode {

  /** Schema changes on a small machine busy with several test JVMs can take seconds; the driver default is 2 s. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final InetSocketAddress contactPoint;
  private final String datacenter;
  private final String description;

  CassandraTestNode(InetSocketAddress contactPoint, String datacenter, String description) {
    this.contactPoint = Objects.requireNonNull(contactPoint, "contactPoint");
    this.datacenter = Objects.requireNonNull(datacenter, "datacenter");
    this.description = Objects.requireNonNull(description, "description");
  }

  /** Where to connect with CQL. */
  public InetSocketAddress contactPoint() {
    return contactPoint;
  }

  /** The local datacenter to configure in a driver session. */
  public String datacenter() {
    return datacenter;
  }

  /**
   * A new driver session without keyspace; the caller closes it. Built from the driver's defaults
   * (not from an application.conf on the test classpath) with a longer request timeout.
   */
  public CqlSession newSession() {
    OptionsMap options = OptionsMap.driverDefaults();
    options.put(TypedDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT);
    options.put(TypedDriverOption.CONNECTION_CONNECT_TIMEOUT, CONNECT_TIMEOUT);
    options.put(TypedDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, CONNECT_TIMEOUT);
    options.put(TypedDriverOption.CONTROL_CONNECTION_TIMEOUT, CONNECT_TIMEOUT);
    // Tests open and close many sessions: do not linger for Netty's 2 s quiet period on each close.
    options.put(TypedDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0);
    options.put(TypedDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0);
    return CqlSession.builder()
        .addContactPoint(contactPoint)
        .withLocalDatacenter(datacenter)
        .withConfigLoader(DriverConfigLoader.fromMap(options))
        .build();
  }

  /**
   * A keyspace name no other caller in this JVM gets, like {@code prefix_1a2b3c4d}: lowercase,
   * a valid unquoted CQL identifier, shorter than 48 characters (Cassandra's limit).
   */
  public String newKeyspaceName(String prefix) {
    return KeyspaceNames.unique(prefix);
  }

  @Override
  public String toString() {
    return "CassandraTestNode[" + contactPoint.getHostString() + ":" + contactPoint.getPort() + ", datacenter "
        + datacenter + ", " + description + "]";
  }
}
