package org.openastro.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.TaskStatus;
import org.openastro.gateway.mqtt.GatewayFixture.Registered;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * The repro of the fake completion: a node reports 1,800 s of exposure seconds after its task was
 * assigned. Exposure cannot grow faster than wall-clock time since the window start plus the slack.
 */
@ExtendWith(CassandraExtension.class)
class ProgressPlausibilityIT {
  static TestKeyspace keyspace;
  static GatewayFixture gw;
  static TaskRepository tasks;

  @BeforeAll
  static void start(CassandraTestNode node) {
    keyspace = TestKeyspace.create(node, "gwplausible");
    gw = new GatewayFixture(keyspace.session(), Map.of("PROGRESS_EXPOSURE_SLACK", "60s"));
    tasks = new TaskRepository(keyspace.session());
  }

  @AfterAll
  static void stop() {
    gw.close();
    keyspace.close();
  }

  /** Assigned {@code agoS} seconds ago (assignment sets the window start to the assignment time). */
  static Task assigned(UUID nodeId, long agoS) {
    Instant now = Instant.now();
    Task task = new Task(UUID.randomUUID(), UUID.randomUUID(), nodeId, 1800, 0, TaskStatus.PENDING,
        now.minusSeconds(agoS), now.plusSeconds(7200), null, null, 95, now, now);
    return Await.result(tasks.create(task)).value();
  }

  static String report(Task task, double deliveredS, String status) {
    return new JsonObject().put("task_id", task.taskId().toString()).put("exposure_delivered_s", deliveredS)
        .put("status", status).encode();
  }

  static Row stored(Task task) {
    return keyspace.session().execute("SELECT exposure_delivered_s, status FROM tasks WHERE task_id = ?",
        task.taskId()).one();
  }

  @Test
  void httpRefusesMoreExposureThanTimeSinceAssignmentWith422() throws Exception {
    Registered node = gw.register();
    Task task = assigned(node.nodeId(), 2);
    double before = gw.counter("openastro.progress.reports", "outcome", "implausible_exposure");
    HttpResponse<String> refused = gw.send("POST", "/api/v1/nodes/" + node.nodeId() + "/progress",
        report(task, 1800, "SUCCESS"), node.secret());
    assertThat(refused.statusCode()).isEqualTo(422);
    JsonObject error = new JsonObject(refused.body());
    assertThat(refused.body()).contains("implausible_exposure").contains("exposure_delivered_s");
    assertThat(error.encode()).contains("window");
    assertThat(stored(task).getString("status")).isEqualTo("PENDING");
    assertThat(stored(task).getDouble("exposure_delivered_s")).isZero();
    assertThat(gw.counter("openastro.progress.reports", "outcome", "implausible_exposure")).isEqualTo(before + 1);

    // Within wall-clock time + slack: accepted.
    HttpResponse<String> ok = gw.send("POST", "/api/v1/nodes/" + node.nodeId() + "/progress",
        report(task, 30, "EXECUTING"), node.secret());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(stored(task).getDouble("exposure_delivered_s")).isEqualTo(30.0);
  }

  @Test
  void mqttRefusesItWithAPubAckReasonAndATaskLongAssignedMayHoldIt() throws Exception {
    Registered node = gw.register();
    Mqtt5BlockingClient client = gw.mqtt5(node);
    client.connectWith().simpleAuth().username(node.nodeId().toString())
        .password(node.secret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
    String topic = NodeTopics.PREFIX + node.nodeId() + "/progress";

    Task fresh = assigned(node.nodeId(), 0);
    Mqtt5PubAck ack = publish(client, topic, report(fresh, 1800, "SUCCESS"));
    assertThat(ack.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
    assertThat(ack.getReasonString().map(Object::toString).orElse("")).contains("implausible");
    assertThat(stored(fresh).getString("status")).isEqualTo("PENDING");
    assertThat(client.getState().isConnected()).as("a refusal, not a disconnect").isTrue();

    Task old = assigned(node.nodeId(), 3600);
    assertThat(publish(client, topic, report(old, 1800, "SUCCESS")).getReasonCode())
        .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    assertThat(stored(old).getString("status")).isEqualTo("SUCCESS");
    client.disconnect();
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
}
