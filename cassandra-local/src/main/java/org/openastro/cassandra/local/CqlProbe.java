package org.openastro.cassandra.local;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.config.TypedDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a CQL endpoint who it is, with a short timeout: the readiness check of a launched node and
 * the "is a node already running here?" check before launching one.
 */
final class CqlProbe {

  private static final Logger LOG = LoggerFactory.getLogger(CqlProbe.class);
  static final String QUERY = "SELECT release_version, data_center FROM system.local";

  /** What a node says about itself in {@code system.local}. */
  record NodeIdentity(String releaseVersion, String datacenter) {
  }

  private CqlProbe() {
  }

  /** A plain TCP connect: cheap enough to poll often while the node is still booting. */
  static boolean acceptsConnections(InetSocketAddress address, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(address, Math.toIntExact(timeout.toMillis()));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** One probe's outcome: who answered, or (identity null) why nothing did. */
  record Answer(NodeIdentity identity, String failure) {

    Optional<NodeIdentity> answered() {
      return Optional.ofNullable(identity);
    }

    /** The node serves CQL but refused the login: with PasswordAuthenticator, at first, the
     *  default superuser does not exist yet. */
    boolean loginRefused() {
      return identity == null && failure.contains(AuthenticationException.class.getSimpleName());
    }
  }

  /** Empty when nothing answers plain, unauthenticated CQL there within {@code timeout}. */
  static Optional<NodeIdentity> identify(InetSocketAddress address, Duration timeout) {
    return identify(address, timeout, NodeSecurity.NONE);
  }

  /** Empty when nothing answers CQL there within {@code timeout}, speaking as {@code security} asks. */
  static Optional<NodeIdentity> identify(InetSocketAddress address, Duration timeout, NodeSecurity security) {
    return ask(address, timeout, security).answered();
  }

  /**
   * With password authentication the probe logs in as the default superuser, so a node answers
   * only once that role exists; with TLS it trusts the certificates of the node's keystore.
   */
  static Answer ask(InetSocketAddress address, Duration timeout, NodeSecurity security) {
    CqlSessionBuilder builder = CqlSession.builder()
        .addContactPoint(address)
        .withConfigLoader(probeConfig(timeout));
    if (security.passwordAuthentication()) {
      builder.withAuthCredentials(NodeSecurity.DEFAULT_SUPERUSER, NodeSecurity.DEFAULT_SUPERUSER_PASSWORD);
    }
    if (security.clientTls()) {
      builder.withSslContext(ProbeTls.trustingKeystoreOf(security));
    }
    try (CqlSession session = builder.build()) {
      Row row = session.execute(QUERY).one();
      if (row == null) {
        return new Answer(null, "no row in system.local");
      }
      return new Answer(new NodeIdentity(row.getString("release_version"), row.getString("data_center")), null);
    } catch (RuntimeException e) {
      String failure = describe(e);
      LOG.debug("No CQL answer from {} yet: {}", address, failure);
      return new Answer(null, failure);
    }
  }

  /** The driver's "could not reach any contact point" hides the reason in its per-node errors. */
  private static String describe(RuntimeException e) {
    if (e instanceof AllNodesFailedException all && !all.getAllErrors().isEmpty()) {
      return all.getAllErrors().values().stream()
          .flatMap(List::stream)
          .map(Throwable::toString)
          .distinct()
          .collect(Collectors.joining("; "));
    }
    return e.toString();
  }

  /**
   * Built from the driver's own defaults only (not the application's application.conf: a
   * configured session keyspace or datacenter there must not break the probe). The datacenter is
   * inferred because a reused node may live in any datacenter; we read it back from system.local.
   */
  private static DriverConfigLoader probeConfig(Duration timeout) {
    OptionsMap options = OptionsMap.driverDefaults();
    options.put(TypedDriverOption.SESSION_NAME, "openastro-probe");
    options.put(TypedDriverOption.LOAD_BALANCING_POLICY_CLASS, "DcInferringLoadBalancingPolicy");
    options.put(TypedDriverOption.CONNECTION_CONNECT_TIMEOUT, timeout);
    options.put(TypedDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, timeout);
    options.put(TypedDriverOption.CONTROL_CONNECTION_TIMEOUT, timeout);
    options.put(TypedDriverOption.REQUEST_TIMEOUT, timeout);
    // Nothing but one query: skip schema and token metadata, keep the event loops small,
    // and do not linger for Netty's default 2 s quiet period on close.
    options.put(TypedDriverOption.METADATA_SCHEMA_ENABLED, false);
    options.put(TypedDriverOption.METADATA_TOKEN_MAP_ENABLED, false);
    options.put(TypedDriverOption.NETTY_IO_SIZE, 1);
    options.put(TypedDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0);
    options.put(TypedDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0);
    return DriverConfigLoader.fromMap(options);
  }
}
