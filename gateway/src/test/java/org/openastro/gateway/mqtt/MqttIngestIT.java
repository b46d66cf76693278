package org.openastro.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.cql.Row;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.api.wire.DownlinkMessages;
import org.openastro.cql.ingest.HeartbeatRow;
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

/** The gateway's MQTT side over real sockets (HiveMQ client, MQTT 5 and 3.1.1) against the real Cassandra node. */
@ExtendWith(CassandraExtension.class)
class MqttIngestIT {
  static TestKeyspace keyspace;
  static GatewayFixture gw;
  static TaskRepository tasks;

  @BeforeAll
  static void start(CassandraTestNode node) {
    keyspace = TestKeyspace.create(node, "gwmqtt");
    gw = new GatewayFixture(keyspace.session(), Map.of("MQTT_PING_HEARTBEAT_INTERVAL", "0s",
        "NODE_MAX_PAYLOAD_BYTES", "1024"));
    tasks = new TaskRepository(keyspace.session());
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

  static Mqtt5PubAck publish(Mqtt5BlockingClient client, String topic, String payload) {
    try {
      Mqtt5PublishResult result = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
          .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
      return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck();
    } catch (Mqtt5PubAckException e) {
      return e.getMqttMessage();
    }
  }

  static List<Row> history(UUID nodeId) {
    return keyspace.session().execute("SELECT received_at, source, status, telemetry FROM node_heartbeats"
        + " WHERE node_id = ? AND day = ?", nodeId, HeartbeatRow.dayOf(Instant.now())).all();
  }

  @Test
  void rightSecretConnectsWrongSecretIsNotAuthorizedOnBothVersions() throws Exception {
    Registered node = gw.register();
    connected(node).disconnect();

    Registered other = gw.register();
    Mqtt5BlockingClient wrong = gw.mqtt5(node);
    Throwable refused = catchThrowable(() -> wrong.connectWith().simpleAuth().username(node.nodeId().toString())
        .password(other.secret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send());
    assertThat(refused).isInstanceOf(Mqtt5ConnAckException.class);
    assertThat(((Mqtt5ConnAckException) refused).getMqttMessage().getReasonCode())
        .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);

    Mqtt3BlockingClient v3 = Mqtt3Client.builder().identifier(node.nodeId().toString())
        .serverHost("127.0.0.1").serverPort(gw.mqtt.actualPort()).buildBlocking();
    Throwable refused3 = catchThrowable(() -> v3.connectWith().simpleAuth().username(node.nodeId().toString())
        .password("x".repeat(64).getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send());
    assertThat(refused3).isInstanceOf(Mqtt3ConnAckException.class);
    assertThat(((Mqtt3ConnAckException) refused3).getMqttMessage().getReturnCode())
        .isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);

    v3.connectWith().simpleAuth().username(node.nodeId().toString())
        .password(node.secret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
    v3.publishWith().topic(topic(node.nodeId(), "heartbeat")).qos(MqttQos.AT_LEAST_ONCE).send();
    v3.disconnect();
    assertThat(gw.counter("openastro.mqtt.connects.refused", "reason", "bad_credentials")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void qos1HeartbeatIsAcknowledgedOnlyOnceItsRowIsReadable() throws Exception {
    Registered node = gw.register();
    Mqtt5BlockingClient client = connected(node);
    for (int i = 0; i < 5; i++) {
      Mqtt5PubAck ack = publish(client, topic(node.nodeId(), "heartbeat"), "{\"telemetry\": {\"seq\": " + i + "}}");
      assertThat(ack.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
      // read right after the PUBACK, without waiting: the row must already be there
      assertThat(history(node.nodeId()).stream().map(r -> r.getString("telemetry"))).contains("{\"seq\":" + i + "}");
    }
    client.disconnect();
  }

  @Test
  void emptyPayloadIsACompleteHeartbeat() throws Exception {
    Registered node = gw.register();
    Mqtt5BlockingClient client = connected(node);
    await().atMost(Duration.ofSeconds(5)).until(() -> history(node.nodeId()).size() == 1); // the CONNECT
    assertThat(publish(client, topic(node.nodeId(), "heartbeat"), "").getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    List<Row> rows = history(node.nodeId());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getString("source")).isEqualTo("mqtt");
    assertThat(rows.get(0).getString("status")).isNull();
    // liveness is the newest history row, shown as last_heartbeat
    JsonObject shown = new JsonObject(gw.send("GET", "/api/v1/nodes/" + node.nodeId(), null, null).body());
    assertThat(Instant.parse(shown.getString("last_heartbeat"))).isEqualTo(rows.get(0).getInstant("received_at"));
    client.disconnect();
  }

  @Test
  void statusIsWrittenOnlyWhenItChanges() throws Exception {
    Registered node = gw.register();
    Mqtt5BlockingClient client = connected(node);
    assertThat(publish(client, topic(node.nodeId(), "heartbeat"), "{\"status\": \"ONLINE\", \"telemetry\": {\"temp_c\": 4.5}}")
        .getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    Row stored = keyspace.session().execute("SELECT status, status_changed_at, writetime(status) FROM nodes WHERE node_id = ?",
        node.nodeId()).one();
    assertThat(stored.getString(0)).isEqualTo("ONLINE");
    long written = stored.getLong(2);
    assertThat(keyspace.session().execute("SELECT node_id FROM nodes_by_status WHERE status = 'ONLINE' AND bucket = ?",
        org.openastro.cql.Buckets.of(node.nodeId())).all()).extracting(r -> r.getUuid(0)).contains(node.nodeId());
    assertThat(publish(client, topic(node.nodeId(), "heartbeat"), "{\"status\": \"ONLINE\"}").getReasonCode())
        .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    assertThat(keyspace.session().execute("SELECT writetime(status) FROM nodes WHERE node_id = ?", node.nodeId())
        .one().getLong(0)).as("unchanged status is not rewritten").isEqualTo(written);
    assertThat(history(node.nodeId()).stream().map(r -> r.getString("telemetry"))).contains("{\"temp_c\":4.5}");
    client.disconnect();
  }

  @Test
  void keepAlivePingCountsAsHeartbeat() throws Exception {
    Registered node = gw.register();
    Mqtt5BlockingClient client = gw.mqtt5(node);
    client.connectWith().keepAlive(1).simpleAuth().username(node.nodeId().toString())
        .password(node.secret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
    await().atMost(Duration.ofSeconds(15)).until(() ->
        history(node.nodeId()).stream().filter(r -> "mqtt_ping".equals(r.getString("source"))).count() >= 2);
    client.disconnect();
  }

  @Test
  void aclRefusesOtherNodesTopicsAndCountsIt() throws Exception {
    Registered node = gw.register();
    Registered other = gw.register();
    Mqtt5BlockingClient client = connected(node);
    double before = gw.counter("openastro.acl.denied", "transport", "mqtt");
    Mqtt5PubAck ack = publish(client, topic(other.nodeId(), "heartbeat"), "");
    assertThat(ack.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
    assertThat(history(other.nodeId())).isEmpty();
    Throwable sub = catchThrowable(() -> client.subscribeWith().topicFilter(topic(other.nodeId(), "tasks"))
        .qos(MqttQos.AT_LEAST_ONCE).send());
    assertThat(sub).isInstanceOf(Mqtt5SubAckException.class);
    assertThat(((Mqtt5SubAckException) sub).getMqttMessage().getReasonCodes())
        .containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
    assertThat(publish(client, "openastro/v1/nodes/oops", "").getReasonCode())
        .isEqualTo(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID);
    assertThat(gw.counter("openastro.acl.denied", "transport", "mqtt")).isEqualTo(before + 2);
    // the connection survived all of it
    assertThat(publish(client, topic(node.nodeId(), "heartbeat"), "").getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    client.disconnect();
  }

  @Test
  void malformedAndOversizedPayloadsGetReasonCodesAndHugeOnesCloseOnlyThatConnection() throws Exception {
    Registered node = gw.register();
    Registered bystander = gw.register();
    Mqtt5BlockingClient client = connected(node);
    Mqtt5BlockingClient other = connected(bystander);
    Mqtt5PubAck broken = publish(client, topic(node.nodeId(), "heartbeat"), "{\"status\": ");
    assertThat(broken.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
    Mqtt5PubAck badStatus = publish(client, topic(node.nodeId(), "heartbeat"), "{\"status\": \"FAULTED\"}");
    assertThat(badStatus.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
    assertThat(badStatus.getReasonString().map(Object::toString)).hasValueSatisfying(s -> assertThat(s).contains("status"));
    Mqtt5PubAck tooLarge = publish(client, topic(node.nodeId(), "heartbeat"),
        "{\"telemetry\": {\"x\": \"" + "a".repeat(1200) + "\"}}");
    assertThat(tooLarge.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
    assertThat(gw.counter("openastro.heartbeats.rejected", "reason", "invalid_json")).isGreaterThanOrEqualTo(1);
    assertThat(gw.counter("openastro.heartbeats.rejected", "reason", "payload_too_large")).isGreaterThanOrEqualTo(1);

    // 3.1.1: no negative PUBACK; dropped, counted, connection kept
    Mqtt3BlockingClient v3 = Mqtt3Client.builder().identifier(node.nodeId().toString())
        .serverHost("127.0.0.1").serverPort(gw.mqtt.actualPort()).buildBlocking();
    client.disconnect();
    v3.connectWith().simpleAuth().username(node.nodeId().toString())
        .password(node.secret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
    double rejected = gw.counter("openastro.heartbeats.rejected", "reason", "invalid_field");
    v3.publishWith().topic(topic(node.nodeId(), "heartbeat")).qos(MqttQos.AT_LEAST_ONCE)
        .payload("{\"status\": 7}".getBytes(StandardCharsets.UTF_8)).send();
    assertThat(gw.counter("openastro.heartbeats.rejected", "reason", "invalid_field")).isEqualTo(rejected + 1);
    // far over the packet limit: that connection is closed, the bystander's is not
    Throwable huge = catchThrowable(() -> v3.publishWith().topic(topic(node.nodeId(), "heartbeat"))
        .qos(MqttQos.AT_LEAST_ONCE).payload(new byte[64 * 1024]).send());
    assertThat(huge).isNotNull();
    await().atMost(Duration.ofSeconds(5)).until(() -> !v3.getState().isConnected());
    assertThat(publish(other, topic(bystander.nodeId(), "heartbeat"), "").getReasonCode())
        .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    other.disconnect();
  }

  @Test
  void progressIsIdempotentNeverLowersExposureAndRefusesForeignOrUnknownTasks() throws Exception {
    Registered node = gw.register();
    Registered other = gw.register();
    Task task = assignedTask(node.nodeId());
    Task foreign = assignedTask(other.nodeId());
    Mqtt5BlockingClient client = connected(node);
    String progress = topic(node.nodeId(), "progress");
    String report = "{\"task_id\": \"" + task.taskId() + "\", \"exposure_delivered_s\": 600, \"status\": \"EXECUTING\","
        + " \"fits_object_storage_paths\": [\"s3://fits/a.fits\"]}";
    assertThat(publish(client, progress, report).getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    assertThat(publish(client, progress, report).getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    assertThat(publish(client, progress, report.replace("\"exposure_delivered_s\": 600", "\"exposure_delivered_s\": 300")).getReasonCode())
        .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    Row row = keyspace.session().execute("SELECT exposure_delivered_s, status FROM tasks WHERE task_id = ?", task.taskId()).one();
    assertThat(row.getDouble(0)).isEqualTo(600.0);
    assertThat(row.getString(1)).isEqualTo("EXECUTING");
    assertThat(keyspace.session().execute("SELECT exposure_delivered_s FROM tasks_by_mission WHERE mission_id = ? AND task_id = ?",
        task.missionId(), task.taskId()).one().getDouble(0)).isEqualTo(600.0);
    assertThat(gw.counter("openastro.progress.reports", "outcome", "applied")).isEqualTo(1);

    Mqtt5PubAck unknown = publish(client, progress, report.replace(task.taskId().toString(), UUID.randomUUID().toString()));
    assertThat(unknown.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
    assertThat(unknown.getReasonString().map(Object::toString).orElse("")).contains("not a known task");
    Mqtt5PubAck notMine = publish(client, progress, report.replace(task.taskId().toString(), foreign.taskId().toString()));
    assertThat(notMine.getReasonString().map(Object::toString).orElse("")).contains("not assigned to this node");

    String done = report.replace("\"exposure_delivered_s\": 600", "\"exposure_delivered_s\": 1200").replace("EXECUTING", "SUCCESS");
    assertThat(publish(client, progress, done).getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    assertThat(publish(client, progress, done).getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    assertThat(publish(client, progress, report).getReasonCode()).as("late EXECUTING report").isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    Row closed = keyspace.session().execute("SELECT exposure_delivered_s, status FROM tasks WHERE task_id = ?", task.taskId()).one();
    assertThat(closed.getDouble(0)).isEqualTo(1200.0);
    assertThat(closed.getString(1)).isEqualTo("SUCCESS");
    client.disconnect();
  }

  @Test
  void assignmentMadeWhileOfflineIsDeliveredOnReconnectAndLiveOnesAtOnce() throws Exception {
    Registered node = gw.register();
    Task offline = assignedTask(node.nodeId());
    Mqtt5BlockingClient client = connected(node);
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
      client.subscribeWith().topicFilter(topic(node.nodeId(), "tasks")).qos(MqttQos.AT_LEAST_ONCE).send();
      Mqtt5Publish first = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
      JsonObject message = new JsonObject(new String(first.getPayloadAsBytes(), StandardCharsets.UTF_8));
      assertThat(message.getString("type")).isEqualTo("assignment");
      assertThat(message.getJsonObject("task").getString("task_id")).isEqualTo(offline.taskId().toString());

      Task live = assignedTask(node.nodeId());
      gw.vertx.eventBus().publish(EventAddresses.NODE_DOWNLINK, DownlinkMessages.assignment(node.nodeId(), live, null));
      Mqtt5Publish second = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
      assertThat(new JsonObject(new String(second.getPayloadAsBytes(), StandardCharsets.UTF_8))
          .getJsonObject("task").getString("task_id")).isEqualTo(live.taskId().toString());
    }
    client.disconnect();
  }

  static Task assignedTask(UUID nodeId) {
    Instant now = Instant.now();
    // Assigned two hours ago: the exposure these tests report is plausible (PROGRESS_EXPOSURE_SLACK).
    Task task = new Task(UUID.randomUUID(), UUID.randomUUID(), nodeId, 3600, 0, TaskStatus.PENDING,
        now.minusSeconds(7200), now.plusSeconds(7200), null, null, 50, now, now);
    return Await.result(tasks.create(task)).value();
  }

  @Test
  void aTaskMintedOffLineIsRecordedOverMqttOnceAndTakesProgress() throws Exception {
    Registered node = gw.register();
    Mqtt5BlockingClient client = connected(node);
    Instant created = Instant.now().minusSeconds(7200).truncatedTo(ChronoUnit.MILLIS);
    Mission mission = mission(MissionStatus.IN_PROGRESS, created);
    UUID taskId = UUID.randomUUID();
    JsonObject claim = new JsonObject().put("task_id", taskId.toString())
        .put("mission_id", mission.missionId().toString()).put("exposure_required_s", 1200)
        .put("started_at", created.plusSeconds(60).toString());
    String offline = topic(node.nodeId(), "offline-tasks");

    assertThat(publish(client, offline, claim.encode()).getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    Task recorded = Await.result(tasks.find(taskId)).orElseThrow();
    assertThat(recorded.status()).isEqualTo(TaskStatus.EXECUTING);
    assertThat(recorded.assignedNodeId()).isEqualTo(node.nodeId());
    assertThat(publish(client, offline, claim.encode()).getReasonCode()).as("identical replay (QoS 1 redelivery)")
        .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    Mqtt5PubAck changed = publish(client, offline, claim.copy().put("exposure_required_s", 600).encode());
    assertThat(changed.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
    assertThat(changed.getReasonString()).hasValueSatisfying(r -> assertThat(r.toString()).contains("task"));
    assertThat(publish(client, topic(node.nodeId(), "progress"), new JsonObject().put("task_id", taskId.toString())
        .put("exposure_delivered_s", 900).put("status", "EXECUTING").encode()).getReasonCode())
        .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    assertThat(Await.result(tasks.find(taskId)).orElseThrow().exposureDeliveredS()).isEqualTo(900);

    Mission closed = mission(MissionStatus.COMPLETE, created);
    Mqtt5PubAck refused = publish(client, offline, claim.copy().put("task_id", UUID.randomUUID().toString())
        .put("mission_id", closed.missionId().toString()).encode());
    assertThat(refused.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
    assertThat(refused.getReasonString()).hasValueSatisfying(r -> assertThat(r.toString()).contains("COMPLETE"));
    Mqtt5PubAck invalid = publish(client, offline, claim.copy().put("started_at", "yesterday").encode());
    assertThat(invalid.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
    assertThat(invalid.getReasonString()).hasValueSatisfying(r -> assertThat(r.toString()).contains("started_at"));
    assertThat(gw.counter("openastro.mqtt.offline.tasks", "outcome", "mission_closed")).isEqualTo(1.0);
    client.disconnect();
  }

  static Mission mission(MissionStatus status, Instant createdAt) {
    Mission m = new Mission(UUID.randomUUID(), 30, 89, ScienceCase.DEEP_STACK, 3600, 0, 50, null,
        Instant.now().plusSeconds(86_400), status, null, 30, false, Set.of(), null, null, "it", createdAt);
    return Await.result(new MissionRepository(keyspace.session()).create(m)).value();
  }
}
