package org.openastro.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openastro.cassandra.local.LocalCassandraNode;
import org.openastro.cassandra.local.LocalNodeOptions;
import org.openastro.config.Config;
import org.openastro.cql.CqlSessions;
import org.openastro.cql.Replication;
import org.openastro.cql.ingest.HeartbeatRow;
import org.openastro.cql.schema.SchemaApplier;
import org.openastro.gateway.mqtt.GatewayFixture.Registered;

/**
 * Cassandra stopped and started again, then killed, under MQTT load, on a node of its own: while
 * it is down no report is acknowledged (HTTP 503 + Retry-After, readiness 503), ingest resumes by
 * itself once it is back, and every acknowledged heartbeat is in the history.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CassandraOutageIT {
  static final String KEYSPACE = "outage";
  static final int NODES = 4;
  static final int MAX_OUTSTANDING = 8;

  static Path dataDir;
  static int nativePort;
  static int storagePort;
  static LocalCassandraNode first;
  static LocalCassandraNode current;
  static CqlSession session;
  static GatewayFixture gw;
  static final List<Publisher> publishers = new ArrayList<>();
  static ScheduledExecutorService ticker;
  /** The node's directory (with its log) is kept when the test failed. */
  static boolean passed;

  record Ack(UUID nodeId, int seq, long atNanos) {}

  static final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
  static final AtomicInteger attempts = new AtomicInteger();

  /** One node publishing QoS 1 heartbeats with a sequence number, reconnecting by itself. */
  static final class Publisher {
    final Registered node;
    final Mqtt5AsyncClient client;
    final AtomicInteger seq = new AtomicInteger();
    final AtomicInteger outstanding = new AtomicInteger();

    Publisher(Registered node, int port) {
      this.node = node;
      this.client = Mqtt5Client.builder().identifier(node.nodeId().toString())
          .serverHost("127.0.0.1").serverPort(port)
          .simpleAuth(Mqtt5SimpleAuth.builder().username(node.nodeId().toString())
              .password(node.secret().getBytes(StandardCharsets.UTF_8)).build())
          .automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS).maxDelay(1, TimeUnit.SECONDS)
          .applyAutomaticReconnect()
          .buildAsync();
    }

    void tick() {
      if (!client.getState().isConnected() || outstanding.get() >= MAX_OUTSTANDING) {
        return;
      }
      int n = seq.incrementAndGet();
      outstanding.incrementAndGet();
      attempts.incrementAndGet();
      client.publishWith().topic("openastro/v1/nodes/" + node.nodeId() + "/heartbeat").qos(MqttQos.AT_LEAST_ONCE)
          .payload(("{\"telemetry\": {\"seq\": " + n + "}}").getBytes(StandardCharsets.UTF_8)).send()
          .whenComplete((result, error) -> {
            outstanding.decrementAndGet();
            if (error == null && acknowledged(result)) {
              acks.add(new Ack(node.nodeId(), n, System.nanoTime()));
            }
          });
    }

    static boolean acknowledged(Mqtt5PublishResult result) {
      return result.getError().isEmpty() && result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1
          && qos1.getPubAck().getReasonCode() == Mqtt5PubAckReasonCode.SUCCESS;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("openastro-outage-it");
    try (ServerSocket s = new ServerSocket(0)) {
      storagePort = s.getLocalPort();
    }
    first = LocalCassandraNode.start(LocalNodeOptions.defaults(dataDir).withNativePort(0)
        .withStoragePort(storagePort).withReuseRunningNode(false));
    current = first;
    nativePort = first.cqlAddress().getPort();
    try (CqlSession admin = CqlSession.builder().addContactPoint(first.cqlAddress())
        .withLocalDatacenter(first.datacenter()).build()) {
      new SchemaApplier(admin, KEYSPACE, Replication.parse("SimpleStrategy:1"), Duration.ofSeconds(120)).apply();
    }
    session = CqlSessions.open(Config.from(Map.of("CASSANDRA_REQUEST_TIMEOUT", "1s")), List.of(first.cqlAddress()),
        first.datacenter(), KEYSPACE);
    gw = new GatewayFixture(session, Map.of("MQTT_PING_HEARTBEAT_INTERVAL", "60s"));
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (ticker != null) {
        ticker.shutdownNow();
      }
      for (Publisher p : publishers) {
        try {
          p.client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // best effort
        }
      }
      if (gw != null) {
        gw.close();
      }
      if (session != null) {
        session.close();
      }
    } finally {
      if (current != null) {
        current.close();
      }
      if (first != null) {
        first.close(); // idempotent; matters when the restart failed
      }
      if (dataDir != null && passed) {
        try (Stream<Path> all = Files.walk(dataDir)) {
          all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  static long acksAfter(long nanos) {
    return acks.stream().filter(a -> a.atNanos() > nanos).count();
  }

  static boolean everyNodeAckedAfter(long nanos) {
    return publishers.stream().allMatch(p -> acks.stream().anyMatch(a -> a.nodeId().equals(p.node.nodeId())
        && a.atNanos() > nanos));
  }

  static double dropped() {
    return gw.registry.find("openastro.heartbeats.dropped").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  static HttpResponse<String> heartbeatOverHttp(Registered node) throws Exception {
    return gw.send("POST", "/api/v1/nodes/" + node.nodeId() + "/heartbeat", null, node.secret());
  }

  static int ready() throws Exception {
    return gw.send("GET", "/health/ready", null, null).statusCode();
  }

  /** Registers and connects the publishing nodes once; (re)starts their ticks; waits for acks. */
  static List<Registered> publishing() throws Exception {
    if (publishers.isEmpty()) {
      for (int i = 0; i < NODES; i++) {
        Publisher p = new Publisher(gw.register(), gw.mqttPort());
        p.client.connect().get(30, TimeUnit.SECONDS);
        publishers.add(p);
      }
    }
    ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(() -> publishers.forEach(Publisher::tick), 0, 50, TimeUnit.MILLISECONDS);
    long from = System.nanoTime();
    int before = acks.size();
    await().atMost(Duration.ofSeconds(30)).until(() -> everyNodeAckedAfter(from) && acks.size() >= before + 10 * NODES);
    return publishers.stream().map(p -> p.node).toList();
  }

  /** Stops publishing, waits for every answer, then checks row by row that each acknowledged heartbeat is stored. */
  static void assertEveryAcknowledgedHeartbeatStored() throws Exception {
    ticker.shutdown();
    assertThat(ticker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> publishers.stream().allMatch(p -> p.outstanding.get() == 0));
    Map<UUID, Set<Integer>> stored = new HashMap<>();
    LocalDate today = HeartbeatRow.dayOf(Instant.now());
    for (Publisher p : publishers) {
      Set<Integer> seqs = new HashSet<>();
      for (LocalDate day : List.of(today.minusDays(1), today)) {
        for (Row row : session.execute("SELECT telemetry FROM node_heartbeats WHERE node_id = ? AND day = ?",
            p.node.nodeId(), day)) {
          String telemetry = row.getString("telemetry");
          if (telemetry != null) {
            seqs.add(new JsonObject(telemetry).getInteger("seq"));
          }
        }
      }
      stored.put(p.node.nodeId(), seqs);
    }
    List<Ack> lost = acks.stream().filter(a -> !stored.get(a.nodeId()).contains(a.seq())).toList();
    assertThat(lost).as("acknowledged but not in the history (of %d acknowledged)", acks.size()).isEmpty();
  }

  @Test
  @Order(1)
  void noAcknowledgedHeartbeatIsLostAndIngestResumesByItself() throws Exception {
    List<Registered> nodes = publishing();
    assertThat(heartbeatOverHttp(nodes.get(0)).statusCode()).isEqualTo(204);
    assertThat(ready()).isEqualTo(200);

    // Cassandra goes away under load
    double droppedBefore = dropped();
    current.close();
    long stopped = System.nanoTime();

    await().atMost(Duration.ofSeconds(20)).until(() -> ready() == 503);
    await().atMost(Duration.ofSeconds(20)).until(() -> heartbeatOverHttp(nodes.get(1)).statusCode() == 503);
    HttpResponse<String> unavailable = heartbeatOverHttp(nodes.get(1));
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.headers().firstValue("retry-after")).isPresent();
    assertThat(new JsonObject(unavailable.body()).getString("error")).isEqualTo("unavailable");

    // nothing is acknowledged while it is down, though the nodes keep trying
    long quietFrom = System.nanoTime();
    int attemptsBefore = attempts.get();
    double refusedBefore = gw.counter("openastro.mqtt.connects.refused", "reason", "storage_unavailable");
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> acksAfter(quietFrom) == 0);
    assertThat(acksAfter(stopped + Duration.ofSeconds(2).toNanos())).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() > attemptsBefore
        || gw.counter("openastro.mqtt.connects.refused", "reason", "storage_unavailable") > refusedBefore);
    assertThat(dropped()).as("heartbeats that could not be written are counted").isGreaterThan(droppedBefore);

    // back on the same ports and data: nobody restarts the gateway or the clients
    current = LocalCassandraNode.start(LocalNodeOptions.defaults(dataDir).withNativePort(nativePort)
        .withStoragePort(storagePort).withReuseRunningNode(false));
    long restarted = System.nanoTime();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
        .until(() -> everyNodeAckedAfter(restarted));
    await().atMost(Duration.ofSeconds(30)).until(() -> ready() == 200);
    await().atMost(Duration.ofSeconds(30)).until(() -> heartbeatOverHttp(nodes.get(1)).statusCode() == 204);

    assertEveryAcknowledgedHeartbeatStored();
    assertThat(acks.stream().filter(a -> a.atNanos() > restarted).count()).isGreaterThanOrEqualTo(NODES);
  }

  /**
   * SIGKILL of the Cassandra process under QoS 1 load: the node writes its commit log with group
   * commit, so whatever it acknowledged is on disk; the process that owns the node relaunches it,
   * the commit log is replayed, and every heartbeat the gateway acknowledged is there, row by row.
   */
  @Test
  @Order(2)
  void aKilledNodeIsRelaunchedAndNoAcknowledgedHeartbeatIsLost() throws Exception {
    publishing();
    int relaunchesBefore = current.relaunches();
    long killedPid = current.pid();
    ProcessHandle.of(killedPid).orElseThrow().destroyForcibly();
    long killed = System.nanoTime();

    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
        .until(() -> current.relaunches() > relaunchesBefore && everyNodeAckedAfter(killed));
    assertThat(current.pid()).isNotEqualTo(killedPid);
    await().atMost(Duration.ofSeconds(30)).until(() -> ready() == 200);
    assertEveryAcknowledgedHeartbeatStored();
    passed = true;
  }
}
