package org.openastro.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.bench.gateway.MqttNodes.Credentials;
import org.openastro.cql.ingest.HeartbeatRow;
import org.openastro.config.Config;
import org.openastro.cql.CqlSessions;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * The peer of the ingest benchmark for real: Debian's Mosquitto ({@code /usr/sbin/mosquitto}, which
 * .ci/run installs) with the benchmark's configuration, the bridge in its own JVM, the shared test
 * Cassandra node. Nodes publish as the benchmark's do (HiveMQ clients, id and secret); the rows must
 * land, and neither the broker nor the bridge may outlive the test.
 */
@ExtendWith(CassandraExtension.class)
class PeerBridgeIT {
  static final String MOSQUITTO = System.getProperty("openastro.mosquitto", Mosquitto.DEFAULT_BINARY);
  static final int NODES = 3;
  static final int HEARTBEATS = 20;

  @Test
  void heartbeatsPublishedToTheBrokerLandAsTheNaiveRows(CassandraTestNode cassandra) throws Exception {
    LocalDate firstDay = HeartbeatRow.dayOf(Instant.now());
    long brokerPid;
    long bridgePid;
    String keyspace = cassandra.newKeyspaceName("peer");
    try (CqlSession admin = cassandra.newSession()) {
      createNodeTables(admin, keyspace);
    }
    try (CqlSession session = CqlSessions.open(Config.from(Map.of()), List.of(cassandra.contactPoint()),
        cassandra.datacenter(), keyspace)) {
      NaiveRows.addLivenessColumn(session);
      List<Credentials> nodes = new ArrayList<>();
      for (int i = 0; i < NODES; i++) {
        nodes.add(new Credentials(UUID.randomUUID().toString(), "secret-" + i));
      }
      try (Mosquitto broker = Mosquitto.start(MOSQUITTO, 8, 10_000);
          BridgeProcess bridge = BridgeProcess.start(new BridgeProcess.Settings(broker.port(),
              cassandra.contactPoint(), cassandra.datacenter(), keyspace, 2, 8, Duration.ofDays(1), 4096, 256))) {
        brokerPid = broker.pid();
        bridgePid = bridge.pid();
        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
          Mqtt5AsyncClient client = MqttNodes.client(nodes.get(i), "127.0.0.1", broker.port(), i);
          MqttNodes.connect(client, nodes.get(i)).get(30, TimeUnit.SECONDS);
          clients.add(client);
        }
        for (int k = 0; k < HEARTBEATS; k++) {
          for (int i = 0; i < NODES; i++) {
            publish(clients.get(i), topicOf(nodes.get(i)), HeartbeatLoad.HEARTBEAT);
          }
        }
        publish(clients.get(0), topicOf(nodes.get(0)), new byte[0]); // alive, status unchanged
        // The ACL: a node may not publish another node's heartbeats (the broker drops it).
        publish(clients.get(0), topicOf(nodes.get(1)), HeartbeatLoad.HEARTBEAT);
        long expected = (long) NODES * HEARTBEATS + 1;

        await().atMost(Duration.ofSeconds(30)).until(() -> bridge.count().settled() >= expected);
        MqttNodes.disconnectAll(clients);
        BridgeProcess.Count last = bridge.stop();

        assertThat(last.written()).isEqualTo(expected);
        assertThat(last.failed()).isZero();
        assertThat(last.rejected()).isZero();
        assertThat(last.mostInFlight()).isBetween(1, 8);
      }
      LocalDate lastDay = HeartbeatRow.dayOf(Instant.now());
      for (int i = 0; i < NODES; i++) {
        UUID id = UUID.fromString(nodes.get(i).nodeId());
        List<Row> rows = session.execute(
            "SELECT status, source FROM node_heartbeats WHERE node_id = ? AND day IN ?", id,
            Stream.of(firstDay, lastDay).distinct().toList()).all();
        assertThat(rows).filteredOn(r -> "ONLINE".equals(r.getString("status"))).hasSize(HEARTBEATS);
        assertThat(rows).hasSize(i == 0 ? HEARTBEATS + 1 : HEARTBEATS);
        assertThat(rows).allSatisfy(r -> assertThat(r.getString("source")).isEqualTo("mqtt"));
        Row state = session.execute("SELECT status, last_heartbeat FROM nodes WHERE node_id = ?", id).one();
        assertThat(state.getString("status")).isEqualTo("ONLINE");
        assertThat(state.getInstant("last_heartbeat")).isNotNull();
      }
      session.execute(SimpleStatement.newInstance("DROP KEYSPACE " + keyspace).setTimeout(Duration.ofSeconds(60)));
    }
    assertThat(ProcessHandle.of(brokerPid).filter(ProcessHandle::isAlive)).as("mosquitto left running").isEmpty();
    assertThat(ProcessHandle.of(bridgePid).filter(ProcessHandle::isAlive)).as("bridge JVM left running").isEmpty();
  }

  /**
   * The keyspace with the schema's first version only (V001: nodes, node_heartbeats and their
   * neighbours, as shipped), the tables the bridge writes: the whole schema is seventeen versions of
   * DDL, some 40 s on this 2-core machine, for tables this test never touches.
   */
  private static void createNodeTables(CqlSession admin, String keyspace) throws Exception {
    admin.execute("CREATE KEYSPACE " + keyspace
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    String v001;
    try (InputStream in = PeerBridgeIT.class.getResourceAsStream("/org/openastro/cql/schema/V001__nodes.cql")) {
      v001 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String withoutComments = v001.lines().filter(line -> !line.trim().startsWith("--"))
        .collect(Collectors.joining("\n"));
    for (String statement : withoutComments.split(";\\s*(\\n|$)")) {
      if (!statement.isBlank()) {
        admin.execute(SimpleStatement.newInstance(
            statement.trim().replaceFirst("^CREATE TABLE IF NOT EXISTS ", "CREATE TABLE " + keyspace + "."))
            .setTimeout(Duration.ofSeconds(60)));
      }
    }
  }

  private static String topicOf(Credentials node) {
    return BridgeIngest.TOPIC_PREFIX + node.nodeId() + BridgeIngest.TOPIC_SUFFIX;
  }

  /** QoS 1; the broker's PUBACK (before the bridge writes anything). */
  private static void publish(Mqtt5AsyncClient client, String topic, byte[] payload) throws Exception {
    client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
        .exceptionally(e -> null).get(30, TimeUnit.SECONDS);
  }
}
