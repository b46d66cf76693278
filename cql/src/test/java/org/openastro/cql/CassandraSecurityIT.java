package org.openastro.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openastro.cassandra.local.LocalCassandraNode;
import org.openastro.cassandra.local.LocalNodeOptions;
import org.openastro.cassandra.local.LocalTlsKeystore;
import org.openastro.cassandra.local.NodeSecurity;
import org.openastro.config.Config;
import org.openastro.config.ConfigException;
import org.openastro.cql.ingest.HeartbeatHistoryWriter;
import org.openastro.cql.ingest.HeartbeatRow;
import org.openastro.cql.node.Node;
import org.openastro.cql.schema.SchemaApplier;
import org.openastro.cql.schema.WriteDurability;
import org.openastro.cql.testing.Await;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our sessions ({@link CqlSessions}, configured as in production) against a node that wants what a
 * secured cluster wants: a login (PasswordAuthenticator), grants (CassandraAuthorizer) and TLS on
 * the CQL port. Not the shared test node, which asks nothing: a node of its own, started once in a
 * temporary directory, stopped and deleted after.
 */
class CassandraSecurityIT {
  private static final Logger LOG = LoggerFactory.getLogger(CassandraSecurityIT.class);
  private static final Replication RF1 = Replication.parse("SimpleStrategy:1");
  private static final String SUPERUSER = NodeSecurity.DEFAULT_SUPERUSER;
  private static final String SUPERUSER_PASSWORD = NodeSecurity.DEFAULT_SUPERUSER_PASSWORD;

  @TempDir
  static Path directory;
  static LocalTlsKeystore nodeKeys;
  static LocalCassandraNode node;

  @BeforeAll
  static void startSecuredNode() {
    long started = System.nanoTime();
    nodeKeys = LocalTlsKeystore.create(directory, "node", Duration.ofDays(2));
    // On failure start() stops the child it launched; the temporary directory goes with the class.
    node = LocalCassandraNode.start(LocalNodeOptions.defaults(directory.resolve("cassandra"))
        .withFreePorts()
        .withoutSystemTableSync()
        .withRelaunchOnExit(false)
        .withHeapMb(768)
        .withPasswordAuthentication()
        .withClientTls(nodeKeys.keystore(), nodeKeys.password()));
    LOG.info("Secured node {} up {} ms after the keystore was asked for", node,
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      long pid = node.pid();
      node.close();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("Cassandra child pid %d still alive after close()", pid).isFalse();
    }
  }

  /**
   * The least-privilege set-up the README describes, as one story because a schema costs seconds
   * of DDL: a schema role that may only create keyspaces applies the schema; an application role
   * granted SELECT and MODIFY on that keyspace (and SELECT on the settings view) starts (the
   * applier finds nothing to do), runs the gateway's statements, and may change nothing else.
   */
  @Test
  void aSchemaRoleAppliesTheSchemaAndARoleWithSelectAndModifyRunsTheGateway() {
    String keyspace = "secured_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (CqlSession admin = open(credentials(SUPERUSER, SUPERUSER_PASSWORD), null)) {
      admin.execute("CREATE ROLE openastro_schema WITH PASSWORD = 'schema-pw' AND LOGIN = true");
      admin.execute("GRANT CREATE ON ALL KEYSPACES TO openastro_schema");
      admin.execute("CREATE ROLE openastro_app WITH PASSWORD = 'app-pw' AND LOGIN = true");
      admin.execute("GRANT SELECT ON TABLE system_views.settings TO openastro_app");
    }

    try (CqlSession schema = open(credentials("openastro_schema", "schema-pw"), null)) {
      new SchemaApplier(schema, keyspace, RF1, Duration.ofSeconds(180)).apply();
      assertThat(schema.execute("SELECT version FROM " + keyspace + ".schema_migrations").all())
          .isNotEmpty();
      // The creator of a keyspace gets every permission on it: it may hand some on.
      schema.execute("GRANT SELECT, MODIFY ON KEYSPACE " + keyspace + " TO openastro_app");
    }

    Config app = credentials("openastro_app", "app-pw");
    try (CqlSession unbound = open(app, null)) {
      new SchemaApplier(unbound, keyspace, RF1, Duration.ofSeconds(30)).apply();
      // With SELECT on system_views.settings the durability check reads the node's group commit
      // (without it, it would assume periodic and warn for nothing).
      assertThat(WriteDurability.riskOf(unbound, keyspace, node.datacenter())).isEmpty();
    }
    try (CqlSession session = open(app, keyspace)) {
      Store store = new Store(session);
      // What a gateway builds at start-up. Cassandra checks grants when a statement runs, not
      // when it is prepared: these show the statements prepare, the writes and reads below run.
      store.nodeSecrets();
      store.nodeStates();
      store.nodeTasks();
      store.missions();
      store.tasks();
      store.taskProgress();
      store.apiKeys();
      store.enrolmentTokens();
      UUID nodeId = UUID.randomUUID();
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      assertThat(Await.result(store.nodes().register(new Node(nodeId, NodeStatus.PARKED, 28.76, -17.88, 2396, 356,
          0.8, Set.of("V"), MountType.EQ, ControlProtocol.INDI, 0.5, null, null, now, now))).created()).isTrue();
      HeartbeatHistoryWriter heartbeats = new HeartbeatHistoryWriter(session, Duration.ofDays(1));
      Await.result(heartbeats.write(List.of(heartbeats.insertOf(
          new HeartbeatRow(nodeId, now, "mqtt", "IDLE", null, null)))));
      assertThat(Await.result(store.heartbeats().lastHeartbeat(nodeId, now))).contains(now);

      assertThatThrownBy(() -> session.execute("DROP TABLE node_heartbeats"))
          .isInstanceOf(UnauthorizedException.class)
          .hasMessageContaining("openastro_app");
    }
  }

  @Test
  void aWrongPasswordFailsAtStartUpNamingTheSettings() {
    assertThatThrownBy(() -> open(credentials(SUPERUSER, "not-the-password-7"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CASSANDRA_USERNAME='cassandra'")
        .hasMessageContaining("CASSANDRA_PASSWORD")
        .hasMessageContaining(node.cqlAddress().getPort() + "")
        .hasMessageNotContaining("not-the-password-7")
        .satisfies(CassandraSecurityIT::logMessage);
  }

  @Test
  void noCredentialsAgainstANodeThatWantsThemFailsNamingTheSettings() {
    assertThatThrownBy(() -> open(tls(Map.of()), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("requires authentication")
        .hasMessageContaining("CASSANDRA_USERNAME is not set")
        .satisfies(CassandraSecurityIT::logMessage);
  }

  @Test
  void plainTextAgainstTheTlsPortFailsNamingCassandraTls() {
    Map<String, String> plain = Map.of("CASSANDRA_USERNAME", SUPERUSER, "CASSANDRA_PASSWORD", SUPERUSER_PASSWORD);
    assertThatThrownBy(() -> open(Config.from(plain), null))
        .hasMessageContaining("CASSANDRA_TLS=true")
        .satisfies(CassandraSecurityIT::logMessage);
  }

  @Test
  void aNodeCertificateTheTrustStoreDoesNotVouchForIsRefused() {
    LocalTlsKeystore stranger = LocalTlsKeystore.create(directory, "stranger", Duration.ofDays(2));
    Map<String, String> settings = new HashMap<>(Map.of("CASSANDRA_USERNAME", SUPERUSER,
        "CASSANDRA_PASSWORD", SUPERUSER_PASSWORD, "CASSANDRA_TLS", "true",
        "CASSANDRA_TLS_TRUSTSTORE_PATH", stranger.certificatePem().toString()));
    assertThatThrownBy(() -> open(Config.from(settings), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TLS handshake")
        .hasMessageContaining("CASSANDRA_TLS_TRUSTSTORE_PATH")
        .satisfies(CassandraSecurityIT::logMessage);
  }

  /** What the run command would print ("Configuration error: ..." / "Start-up failed: ..."). */
  private static void logMessage(Throwable refused) {
    LOG.info("Refused as expected ({}): {}", refused.getClass().getSimpleName(), refused.getMessage());
  }

  /** CASSANDRA_TLS with the node's certificate in PEM as the trust store, and a login. */
  private static Config credentials(String user, String password) {
    return tls(Map.of("CASSANDRA_USERNAME", user, "CASSANDRA_PASSWORD", password));
  }

  private static Config tls(Map<String, String> more) {
    Map<String, String> settings = new HashMap<>(more);
    settings.put("CASSANDRA_TLS", "true");
    settings.put("CASSANDRA_TLS_TRUSTSTORE_PATH", nodeKeys.certificatePem().toString());
    return Config.from(settings);
  }

  private static CqlSession open(Config config, String keyspace) {
    List<InetSocketAddress> contactPoints = List.of(node.cqlAddress());
    return CqlSessions.open(config, contactPoints, node.datacenter(), keyspace);
  }
}
