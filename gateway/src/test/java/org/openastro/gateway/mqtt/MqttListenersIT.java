package org.openastro.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.api.wire.DownlinkMessages;
import org.openastro.cql.Buckets;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ScienceCase;
import org.openastro.domain.TaskStatus;
import org.openastro.events.EventAddresses;
import org.openastro.gateway.mqtt.GatewayFixture.Registered;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * Several MQTT listener instances (event loops) sharing one port: sessions, take-over and downlink
 * across instances; heartbeat events in batches; assignments carrying their mission's target.
 */
@ExtendWith(CassandraExtension.class)
class MqttListenersIT {
  static TestKeyspace keyspace;
  static GatewayFixture gw;
  static final List<JsonObject> heartbeatEvents = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start(CassandraTestNode node) {
    keyspace = TestKeyspace.create(node, "gwlisteners");
    gw = new GatewayFixture(keyspace.session(), Map.of("MQTT_INSTANCES", "3", "HEARTBEAT_EVENT_INTERVAL", "200ms"));
    for (int shard = 0; shard < Buckets.COUNT; shard++) {
      gw.vertx.eventBus().<JsonObject>consumer(EventAddresses.nodeHeartbeat(shard), m -> heartbeatEvents.add(m.body()));
    }
  }

  @AfterAll
  static void stop() {
    gw.close();
    keyspace.close();
  }

  static Mqtt5BlockingClient connected(Registered node) {
    Mqtt5BlockingClient client = gw.mqtt5(node);
    client.connectWith().simpleAuth().username(node.nodeId().toString())
        .password(node.secret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
    return client;
  }

  static String topic(UUID nodeId, String kind) {
    return "openastro/v1/nodes/" + nodeId + "/" + kind;
  }

  @Test
  void aNodeReconnectingOnAnotherListenerTakesOverAndGetsItsDownlinkThere() throws Exception {
    assertThat(gw.mqtt.instances()).isEqualTo(3);
    Registered node = gw.register();
    int before = gw.mqtt.connectedNodes();
    // Connections go round-robin over the listeners, so consecutive ones of the same node land on
    // different event loops: the take-over and the downlink routing must cross them.
    Mqtt5BlockingClient first = connected(node);
    Mqtt5BlockingClient second = connected(node);
    Mqtt5BlockingClient third = connected(node);
    await().atMost(Duration.ofSeconds(10)).until(() -> !first.getState().isConnected() && !second.getState().isConnected());
    assertThat(third.getState().isConnected()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> gw.mqtt.connectedNodes() == before + 1);

    try (Mqtt5BlockingClient.Mqtt5Publishes publishes = third.publishes(MqttGlobalPublishFilter.ALL)) {
      third.subscribeWith().topicFilter(topic(node.nodeId(), "tasks")).qos(MqttQos.AT_LEAST_ONCE).send();
      Task live = task(node.nodeId(), UUID.randomUUID());
      gw.vertx.eventBus().publish(EventAddresses.NODE_DOWNLINK, DownlinkMessages.assignment(node.nodeId(), live, null));
      Mqtt5Publish got = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
      assertThat(json(got).getJsonObject("task").getString("task_id")).isEqualTo(live.taskId().toString());
    }
    third.disconnect();
    await().atMost(Duration.ofSeconds(10)).until(() -> gw.mqtt.connectedNodes() == before);
  }

  @Test
  void everyHeartbeatReachesTheBusInABatchEntryInOrder() throws Exception {
    Registered node = gw.register();
    Mqtt5BlockingClient client = connected(node);
    for (int i = 0; i < 5; i++) {
      client.publishWith().topic(topic(node.nodeId(), "heartbeat")).qos(MqttQos.AT_LEAST_ONCE)
          .payload("{\"status\": \"ONLINE\"}".getBytes(StandardCharsets.UTF_8)).send();
    }
    client.disconnect();
    // the CONNECT heartbeat (status null) and the five published ones, each with its own receive time
    await().atMost(Duration.ofSeconds(10)).until(() -> entriesOf(node.nodeId()).size() == 6);
    List<JsonObject> entries = entriesOf(node.nodeId());
    assertThat(entries.get(0).getValue("status")).isNull();
    assertThat(entries.subList(1, 6)).allSatisfy(e -> {
      assertThat(e.getString("status")).isEqualTo("ONLINE");
      assertThat(e.getString("source")).isEqualTo("mqtt");
      assertThat(e.fieldNames()).isEqualTo(Set.of("node_id", "received_at", "source", "status", "current_task_id"));
    });
    List<Instant> times = entries.stream().map(e -> Instant.parse(e.getString("received_at"))).toList();
    assertThat(times).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void anOpenAssignmentSentOnSubscribeCarriesItsMissionsTarget() throws Exception {
    Registered node = gw.register();
    Instant now = Instant.now();
    Mission mission = Await.result(new MissionRepository(keyspace.session()).create(new Mission(UUID.randomUUID(),
        83.8221, -5.3911, ScienceCase.TTV, 3600, 0, 50, null, now.plusSeconds(86_400), MissionStatus.IN_PROGRESS,
        null, 35, true, Set.of(), null, null, "it", now))).value();
    Task open = task(node.nodeId(), mission.missionId());
    Mqtt5BlockingClient client = connected(node);
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
      client.subscribeWith().topicFilter(topic(node.nodeId(), "tasks")).qos(MqttQos.AT_LEAST_ONCE).send();
      JsonObject message = json(publishes.receive(10, TimeUnit.SECONDS).orElseThrow());
      assertThat(message.getJsonObject("task").getString("task_id")).isEqualTo(open.taskId().toString());
      JsonObject target = message.getJsonObject("mission");
      assertThat(target.getString("mission_id")).isEqualTo(mission.missionId().toString());
      assertThat(target.getDouble("target_ra")).isEqualTo(83.8221);
      assertThat(target.getDouble("target_dec")).isEqualTo(-5.3911);
      assertThat(target.getDouble("min_altitude_deg")).isEqualTo(35.0);
      assertThat(target.getString("science_case")).isEqualTo("TTV");
    }
    client.disconnect();
  }

  static Task task(UUID nodeId, UUID missionId) {
    Instant now = Instant.now();
    Task task = new Task(UUID.randomUUID(), missionId, nodeId, 3600, 0, TaskStatus.PENDING,
        now, now.plusSeconds(7200), null, null, 50, now, now);
    return Await.result(new TaskRepository(keyspace.session()).create(task)).value();
  }

  static JsonObject json(Mqtt5Publish publish) {
    return new JsonObject(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8));
  }

  static List<JsonObject> entries(JsonObject event) {
    JsonArray batch = event.getJsonArray("heartbeats");
    return batch.stream().map(JsonObject.class::cast).toList();
  }

  static boolean isOf(JsonObject entry, UUID nodeId) {
    return nodeId.toString().equals(entry.getString("node_id"));
  }

  static List<JsonObject> entriesOf(UUID nodeId) {
    return heartbeatEvents.stream().flatMap(e -> entries(e).stream()).filter(e -> isOf(e, nodeId)).toList();
  }
}
