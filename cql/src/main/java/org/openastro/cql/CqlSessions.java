package org.openastro.cql;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.ssl.SslEngineFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openastro.config.Config;
import org.openastro.config.ConfigException;

/** Builds driver sessions from the settings, so every process talks to Cassandra the same way. */
public final class CqlSessions {
  private CqlSessions() {}

  /**
   * Native protocol v4, not the v5 that Cassandra 5 and this driver would agree on. With v5, a
   * lightweight transaction that times out under contention is answered with a WRITE_TIMEOUT that
   * carries a trailing {@code contentions} count (CASSANDRA-15350), which the driver's decoder
   * (native-protocol 1.5.1) does not read. v5 packs several frames into one segment, so the two
   * unread bytes are taken for the next frame's header, the decoder fails, and the driver closes
   * the connection: every request in flight on it fails with "Unexpected error on channel". Seen
   * in the chaos run (two schedulers racing LWTs on a 3-node cluster): thousands of unrelated
   * writes failed with each contended LWT. v4 delimits every frame by its own length, so the extra
   * bytes are skipped and only the contended LWT times out, as it should. Nothing here uses a
   * v5-only feature (per-query keyspace, now_in_seconds).
   */
  static final String PROTOCOL_VERSION = "V4";

  /**
   * A session to {@code contactPoints} in {@code localDc}, optionally bound to {@code keyspace}
   * (null for none). Blocks while connecting: call it at start-up, never on an event loop.
   *
   * @throws ConfigException when the cluster refuses the credentials ({@code CASSANDRA_USERNAME},
   *     {@code CASSANDRA_PASSWORD}) or the TLS handshake ({@code CASSANDRA_TLS*}); the message
   *     says which setting to look at
   */
  public static CqlSession open(Config config, List<InetSocketAddress> contactPoints, String localDc,
      String keyspace) {
    return open(config, contactPoints, localDc, keyspace, null);
  }

  /**
   * As above, and with {@code meterRegistry} (a Micrometer {@code MeterRegistry}, or null for none)
   * the driver's own request metrics are recorded into it: {@code cassandra.session.cql-requests}
   * (the latency of every CQL request, writes included, as the driver measures it, retries and
   * speculative executions included) and {@code cassandra.session.cql-client-timeouts}. Needs
   * {@code org.apache.cassandra:java-driver-metrics-micrometer} on the class path.
   */
  public static CqlSession open(Config config, List<InetSocketAddress> contactPoints, String localDc,
      String keyspace, Object meterRegistry) {
    Duration requestTimeout = config.get(CassandraSettings.REQUEST_TIMEOUT);
    ProgrammaticDriverConfigLoaderBuilder options = DriverConfigLoader.programmaticBuilder()
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
        .withString(DefaultDriverOption.PROTOCOL_VERSION, PROTOCOL_VERSION)
        .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE,
            config.get(CassandraSettings.CONNECTIONS_PER_HOST))
        // A cluster started a moment ago may still be settling its schema.
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
        .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(30))
        // Reconnect quickly after an outage so ingest resumes without a restart.
        .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(500))
        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(5))
        // Bursts (the scheduler reading 10,000 nodes by id) queue here instead of failing with
        // "no connection available" and taking the gateway's writes down with them.
        .withString(DefaultDriverOption.REQUEST_THROTTLER_CLASS, "ConcurrencyLimitingRequestThrottler")
        .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_CONCURRENT_REQUESTS,
            config.get(CassandraSettings.MAX_CONCURRENT_REQUESTS))
        .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_QUEUE_SIZE, config.get(CassandraSettings.MAX_QUEUED_REQUESTS));
    if (meterRegistry != null) {
      options = options
          .withString(DefaultDriverOption.METRICS_FACTORY_CLASS,
              "com.datastax.oss.driver.internal.metrics.micrometer.MicrometerMetricsFactory")
          // Tags instead of the session name inside the metric name: stable Prometheus names.
          .withString(DefaultDriverOption.METRICS_ID_GENERATOR_CLASS, "TaggingMetricIdGenerator")
          .withString(DefaultDriverOption.METRICS_ID_GENERATOR_PREFIX, "cassandra")
          .withString(DefaultDriverOption.SESSION_NAME, "openastro")
          .withStringList(DefaultDriverOption.METRICS_SESSION_ENABLED, List.of("cql-requests", "cql-client-timeouts"))
          .withDuration(DefaultDriverOption.METRICS_SESSION_CQL_REQUESTS_HIGHEST, requestTimeout)
          .withDoubleList(DefaultDriverOption.METRICS_SESSION_CQL_REQUESTS_PUBLISH_PERCENTILES, List.of(0.5, 0.99));
    }
    DriverConfigLoader loader = options.build();
    CqlSessionBuilder builder = CqlSession.builder()
        .withConfigLoader(loader)
        .withLocalDatacenter(localDc);
    if (meterRegistry != null) {
      builder.withMetricRegistry(meterRegistry);
    }
    for (InetSocketAddress address : contactPoints) {
      builder.addContactPoint(address.isUnresolved()
          ? new InetSocketAddress(address.getHostString(), address.getPort()) : address);
    }
    String user = config.get(CassandraSettings.USERNAME);
    if (user != null) {
      String password = config.get(CassandraSettings.PASSWORD);
      if (password == null) {
        throw new ConfigException("CASSANDRA_PASSWORD must be set when CASSANDRA_USERNAME is set");
      }
      builder.withAuthCredentials(user, password);
    }
    Optional<SslEngineFactory> tls = CqlTls.engineFactory(config);
    tls.ifPresent(builder::withSslEngineFactory);
    if (keyspace != null) {
      builder.withKeyspace(keyspace);
    }
    try {
      return builder.build();
    } catch (AllNodesFailedException e) {
      throw ConnectFailures.explain(e, user, tls.isPresent());
    }
  }
}
