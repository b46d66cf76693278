package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * Preemption end to end, as the run command starts the system, with two telescopes on their own
 * MQTT connections: both busy with NORMAL deep stacks, a RAPID_RESPONSE mission arrives, the node
 * with the least exposure at stake gets a cancellation (reason, preempted_by) and then the new
 * task; its final report is credited; the interrupted task's remainder reaches the other node when
 * it frees up, and no second is lost.
 */
@ExtendWith(CassandraExtension.class)
class PreemptionIT {
  SystemUnderTest system;

  @AfterEach
  void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void aRapidResponseTaskTakesTheBusyNodeAndTheInterruptedWorkResumesElsewhere(CassandraTestNode cassandra)
      throws Exception {
    system = SystemUnderTest.start(cassandra, "preempt", Map.of("PROGRESS_MAX_EXPOSURE_RATE", "0"));

    MqttTelescope a = system.telescope(system.register());
    MqttTelescope b = system.telescope(system.register());
    a.connectAndHeartbeat();
    b.connectAndHeartbeat();
    system.awaitStatus(a, "ONLINE");
    system.awaitStatus(b, "ONLINE");

    // Two NORMAL deep stacks: one per node.
    String first = mission("NORMAL", 80, 1200);
    JsonObject firstAssignment = await().atMost(Duration.ofSeconds(60))
        .until(() -> a.downlink.peek() != null ? a.downlink.poll() : b.downlink.poll(), m -> m != null);
    MqttTelescope x = firstAssignment.getString("node_id").equals(a.id) ? a : b;
    MqttTelescope y = x == a ? b : a;
    String second = mission("NORMAL", 80, 1200);
    JsonObject secondAssignment = await().atMost(Duration.ofSeconds(60)).until(() -> y.downlink.poll(), m -> m != null);
    assertThat(secondAssignment.getJsonObject("task").getString("mission_id")).isEqualTo(second);
    String xTask = firstAssignment.getJsonObject("task").getString("task_id");
    String yTask = secondAssignment.getJsonObject("task").getString("task_id");
    x.progress(xTask, 200, "EXECUTING");
    y.progress(yTask, 100, "EXECUTING");
    // Both reports stored before the GRB: else x's task still shows 0 s and x is the cheaper one to stop.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(system.get("/api/v1/missions/" + first).getDouble("total_exposure_completed_s")).isEqualTo(200.0);
      assertThat(system.get("/api/v1/missions/" + second).getDouble("total_exposure_completed_s")).isEqualTo(100.0);
    });

    // A GRB: no free node, so the one with the least exposure at stake (y, 100 s) is preempted.
    Instant alertAt = Instant.now();
    String grb = mission("RAPID_RESPONSE", 95, 600);
    awaitDownlink(x, y, grb);
    assertThat(x.downlink).as("x, with more delivered, is left alone").isEmpty();
    JsonObject cancellation = y.downlink.poll();
    assertThat(cancellation.getString("type")).isEqualTo("cancellation");
    assertThat(cancellation.getString("reason")).isEqualTo("preempted");
    assertThat(cancellation.getJsonObject("task").getString("task_id")).isEqualTo(yTask);
    JsonObject rrAssignment = await().atMost(Duration.ofSeconds(10)).until(() -> y.downlink.poll(), m -> m != null);
    assertThat(rrAssignment.getString("type")).isEqualTo("assignment");
    assertThat(rrAssignment.getJsonObject("task").getString("mission_id")).isEqualTo(grb);
    assertThat(cancellation.getString("preempted_by")).isEqualTo(rrAssignment.getJsonObject("task").getString("task_id"));
    System.out.printf("preemption: RAPID_RESPONSE task on the node's downlink %d ms after the mission was accepted%n",
        Duration.between(alertAt, Instant.now()).toMillis());

    // y stops and reports what it exposed until then: credited though its task is closed.
    y.progress(yTask, 130, "FAILED");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(system.get("/api/v1/missions/" + second).getDouble("total_exposure_completed_s")).isEqualTo(130.0));

    // The 30 s y exposed beyond what was frozen shrink the interrupted stack's waiting remainder: 1070 s.
    await().atMost(Duration.ofSeconds(30)).until(() -> system.get("/api/v1/missions/" + second + "/tasks")
        .getJsonArray("tasks").stream().map(JsonObject.class::cast)
        .anyMatch(t -> "PENDING".equals(t.getString("status")) && t.getDouble("exposure_required_s") == 1070.0));
    // x finishes its stack while y observes the GRB; the remainder comes to x.
    x.progress(xTask, 1200, "SUCCESS");
    JsonObject remainderMessage = await().atMost(Duration.ofSeconds(60)).until(() -> x.downlink.poll(),
        m -> m != null && "assignment".equals(m.getString("type")));
    JsonObject remainder = remainderMessage.getJsonObject("task");
    assertThat(remainder.getString("mission_id")).isEqualTo(second);
    assertThat(remainder.getString("remainder_of")).isEqualTo(yTask);
    assertThat(remainder.getDouble("exposure_required_s")).isEqualTo(1070.0);
    y.progress(rrAssignment.getJsonObject("task").getString("task_id"), 600, "SUCCESS");
    x.progress(remainder.getString("task_id"), 1070, "SUCCESS");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(system.get("/api/v1/missions/" + grb).getString("status")).isEqualTo("COMPLETE");
      JsonObject m = system.get("/api/v1/missions/" + second);
      assertThat(m.getString("status")).isEqualTo("COMPLETE");
      assertThat(m.getDouble("total_exposure_completed_s")).as("every delivered second, once").isEqualTo(1200.0);
      assertThat(system.get("/api/v1/missions/" + first).getString("status")).isEqualTo("COMPLETE");
    });
    JsonObject tasks = system.get("/api/v1/missions/" + second + "/tasks");
    assertThat(tasks.encode()).contains("PARTIAL_COMPLETE");
    a.goSilent();
    b.goSilent();
  }

  private String mission(String type, int priority, double exposureS) throws Exception {
    return system.post("/api/v1/missions", """
        {"target_ra": 37.95, "target_dec": 89.0, "science_case": "DEEP_STACK",
         "total_exposure_required_s": %s, "priority": %d, "night_only": false, "min_altitude_deg": 30,
         "observation_type": "%s",
         "time_constraint_start": "%s", "time_constraint_end": "%s"}"""
        .formatted(exposureS, priority, type, Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1))))
        .getString("mission_id");
  }

  /** The first message either node hears after the GRB; on a timeout, what the scheduler saw then. */
  private void awaitDownlink(MqttTelescope x, MqttTelescope y, String grb) throws Exception {
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> !x.downlink.isEmpty() || !y.downlink.isEmpty());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no downlink after the GRB; nodes " + system.get("/api/v1/nodes/" + x.id) + " "
          + system.get("/api/v1/nodes/" + y.id) + "; GRB tasks " + system.get("/api/v1/missions/" + grb + "/tasks"), e);
    }
  }
}
