package org.openastro.cql;

import static org.openastro.config.Parsers.bool;
import static org.openastro.config.Parsers.durationAtLeast;
import static org.openastro.config.Parsers.hostPorts;
import static org.openastro.config.Parsers.intBetween;
import static org.openastro.config.Parsers.path;
import static org.openastro.config.Parsers.port;
import static org.openastro.config.Parsers.text;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.openastro.config.Setting;

/** The settings that say which Cassandra/ScyllaDB cluster to use and how. */
public final class CassandraSettings {
  private static final Pattern KEYSPACE = Pattern.compile("[a-z][a-z0-9_]{0,47}");

  public static final Setting<Integer> PORT = Setting.of("CASSANDRA_PORT", "9042",
      "CQL native port: of contact points given without a port, and of the local node", port());

  public static final Setting<List<InetSocketAddress>> CONTACT_POINTS = Setting.of(
      "CASSANDRA_CONTACT_POINTS", null,
      "host[:port],... of an existing cluster; when unset a local Cassandra node is launched",
      hostPorts(9042));

  public static final Setting<String> LOCAL_DC = Setting.of("CASSANDRA_LOCAL_DC", "datacenter1",
      "the driver's local datacenter (must match the cluster's DC name)", text());

  public static final Setting<String> KEYSPACE_NAME = Setting.of("CASSANDRA_KEYSPACE", "openastro",
      "keyspace holding all tables (created if missing)", s -> {
        if (!KEYSPACE.matcher(s).matches()) {
          throw new IllegalArgumentException(
              "expected a lowercase CQL identifier: a letter, then letters, digits or _, at most 48");
        }
        return s;
      });

  public static final Setting<String> USERNAME = Setting.of("CASSANDRA_USERNAME", null,
      "user for PasswordAuthenticator; unset = no authentication", text());

  public static final Setting<String> PASSWORD = Setting.secret("CASSANDRA_PASSWORD",
      "password for CASSANDRA_USERNAME", text());

  public static final Setting<Boolean> TLS = Setting.of("CASSANDRA_TLS", "false",
      "CQL over TLS (the cluster's client_encryption_options); the node's certificate must be trusted"
          + " (CASSANDRA_TLS_TRUSTSTORE_PATH, else the JDK's trusted CAs)", bool());

  public static final Setting<Path> TLS_TRUSTSTORE_PATH = Setting.of("CASSANDRA_TLS_TRUSTSTORE_PATH", null,
      "CAs trusted for the nodes' certificates with CASSANDRA_TLS: a PEM file of certificates, or a PKCS12"
          + " or JKS trust store; unset = the JDK's trusted CAs", path());

  public static final Setting<String> TLS_TRUSTSTORE_PASSWORD = Setting.secret("CASSANDRA_TLS_TRUSTSTORE_PASSWORD",
      "password of a PKCS12/JKS CASSANDRA_TLS_TRUSTSTORE_PATH (not needed for PEM)", text());

  public static final Setting<Boolean> TLS_HOSTNAME_VALIDATION = Setting.of("CASSANDRA_TLS_HOSTNAME_VALIDATION",
      "true", "with CASSANDRA_TLS, a node's certificate must name the host the driver connects to", bool());

  public static final Setting<Replication> REPLICATION = Setting.of("CASSANDRA_REPLICATION",
      "SimpleStrategy:1",
      "keyspace replication when it is created: SimpleStrategy:<rf> or"
          + " NetworkTopologyStrategy:<dc>=<rf>[,<dc>=<rf>...]",
      Replication::parse);

  public static final Setting<Duration> REQUEST_TIMEOUT = Setting.of("CASSANDRA_REQUEST_TIMEOUT",
      "5s", "driver timeout of one request", durationAtLeast(Duration.ofMillis(100)));

  public static final Setting<Duration> SCHEMA_TIMEOUT = Setting.of("CASSANDRA_SCHEMA_TIMEOUT",
      "60s", "how long applying the schema may take, waiting for other processes included",
      durationAtLeast(Duration.ofSeconds(1)));

  public static final Setting<Integer> CONNECTIONS_PER_HOST = Setting.of(
      "CASSANDRA_CONNECTIONS_PER_HOST", "1",
      "driver connections per node (each multiplexes up to 1024 requests)", intBetween(1, 16));

  public static final Setting<Integer> MAX_CONCURRENT_REQUESTS = Setting.of(
      "CASSANDRA_MAX_CONCURRENT_REQUESTS", "1000",
      "requests one process sends to Cassandra at once (the driver's concurrency-limiting throttler);"
          + " more wait in its queue, so a burst of reads cannot exhaust a connection's 1024 stream ids",
      intBetween(1, 100_000));

  public static final Setting<Integer> MAX_QUEUED_REQUESTS = Setting.of(
      "CASSANDRA_MAX_QUEUED_REQUESTS", "20000",
      "requests waiting for the throttler; beyond, a request fails at once as overloaded",
      intBetween(0, 1_000_000));

  private CassandraSettings() {}
}
