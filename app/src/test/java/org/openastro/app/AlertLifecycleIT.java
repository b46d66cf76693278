package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.alerts.Samples;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * The life of an alert over {@code POST /api/v1/alerts}, as the run command starts the system,
 * with telescopes on their own MQTT connections and the real sky: a refined position reaches the
 * node holding the task as an assignment with the new target; a retraction cancels the mission and
 * the node gets a cancellation; a position the node cannot see takes the task from it and the
 * exposure goes to a node that can. The mission sweep runs hourly here: only the alert's own
 * triggers can have planned anything this soon.
 */
@ExtendWith(CassandraExtension.class)
class AlertLifecycleIT {
  SystemUnderTest system;

  @AfterEach
  void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void updatesFollowTheNodesARetractionCancelsAndAnUnseenPositionMovesTheWork(CassandraTestNode cassandra)
      throws Exception {
    system = SystemUnderTest.start(cassandra, "alertlife", Map.of("SCHEDULER_MISSION_SWEEP", "1h"));
    NightSky sky = NightSky.now(Instant.now());
    double ra = sky.target().raDeg();
    double dec = sky.target().decDeg();
    // a and a2 where the target is at the zenith (15°N); b at 30°S on the same meridian, which sees
    // Dec -80° at 40° altitude now, where the other two never see it. All registered before the first
    // alert (the planner reads the fleet once per mission sweep); only one ONLINE at a time.
    MqttTelescope a = telescope(sky.site().latitudeDeg(), sky.site().longitudeDeg(), "ONLINE");
    MqttTelescope a2 = telescope(sky.site().latitudeDeg(), sky.site().longitudeDeg(), "PARKED");
    MqttTelescope b = telescope(-30, sky.site().longitudeDeg(), "PARKED");
    system.awaitStatus(a, "ONLINE");

    // 1. The first notice: a's task.
    String event = "77" + System.nanoTime() % 1_000_000_000L;
    JsonObject created = alert(201, notice(event, ra, dec, "2025-03-14T04:12:51Z"));
    String missionId = created.getString("mission_id");
    assertThat(created.getString("outcome")).isEqualTo("created");
    JsonObject assignment = await().atMost(Duration.ofSeconds(30)).until(() -> a.downlink.poll(), m -> m != null);
    assertThat(assignment.getString("type")).isEqualTo("assignment");
    String taskId = assignment.getJsonObject("task").getString("task_id");
    assertThat(assignment.getJsonObject("mission").getDouble("target_ra")).isEqualTo(ra);

    // 2. A refined position, newer: the target moves and a is told again, same task, new target.
    double refinedRa = (ra + 0.05) % 360;
    JsonObject updated = alert(200, notice(event, refinedRa, dec, "2025-03-14T04:40:00Z"));
    assertThat(updated.getString("outcome")).isEqualTo("updated");
    assertThat(updated.getJsonArray("changed").getList()).containsExactly("target");
    assertThat(updated.getDouble("target_ra")).isEqualTo(refinedRa);
    assertThat(updated.getJsonObject("tasks").getInteger("resent")).isEqualTo(1);
    assertThat(updated.getJsonObject("tasks").getInteger("replanned")).isZero();
    JsonObject resent = await().atMost(Duration.ofSeconds(10)).until(() -> a.downlink.poll(), m -> m != null);
    assertThat(resent.getString("type")).isEqualTo("assignment");
    assertThat(resent.getJsonObject("task").getString("task_id")).isEqualTo(taskId);
    assertThat(resent.getJsonObject("mission").getDouble("target_ra")).isEqualTo(refinedRa);
    JsonObject stored = system.get("/api/v1/missions/" + missionId);
    assertThat(stored.getDouble("target_ra")).isEqualTo(refinedRa);
    assertThat(stored.getString("alert_notice_at")).isEqualTo("2025-03-14T04:40:00Z");
    assertThat(stored.getString("alert_relocated_at")).isNotNull();

    // 3. An older notice arriving late: nothing changes, nobody is told anything.
    JsonObject stale = alert(200, notice(event, (ra + 0.02) % 360, dec, "2025-03-14T04:30:00Z"));
    assertThat(stale.getString("outcome")).isEqualTo("stale");
    assertThat(stale.getDouble("target_ra")).isEqualTo(refinedRa);

    // 4. The retraction: CANCELLED, and a is told why.
    JsonObject retracted = alert(200, Samples.text("swift-bat-guano-retraction.json").replace("763617531", event));
    assertThat(retracted.getString("outcome")).isEqualTo("cancelled");
    assertThat(retracted.getString("status")).isEqualTo("CANCELLED");
    JsonObject cancellation = await().atMost(Duration.ofSeconds(10)).until(() -> a.downlink.poll(), m -> m != null);
    assertThat(cancellation.getString("type")).isEqualTo("cancellation");
    assertThat(cancellation.getString("reason")).isEqualTo("retracted");
    assertThat(cancellation.getJsonObject("task").getString("task_id")).isEqualTo(taskId);
    assertThat(a.downlink).isEmpty();
    a.heartbeatEvery("{\"status\": \"PARKED\"}");
    system.awaitStatus(a, "PARKED");

    // 5. Another event, a2's task; then a position a2 can never see (Dec -80°): taken from a2, given to b.
    a2.heartbeatEvery("{\"status\": \"ONLINE\"}");
    system.awaitStatus(a2, "ONLINE");
    String other = "78" + System.nanoTime() % 1_000_000_000L;
    String otherMission = alert(201, notice(other, ra, dec, "2025-03-14T04:12:51Z")).getString("mission_id");
    JsonObject a2Task = await().atMost(Duration.ofSeconds(30)).until(() -> a2.downlink.poll(), m -> m != null);
    assertThat(a2Task.getJsonObject("task").getString("mission_id")).isEqualTo(otherMission);
    b.heartbeatEvery("{\"status\": \"ONLINE\"}");
    system.awaitStatus(b, "ONLINE");
    JsonObject south = alert(200, notice(other, ra, -80, "2025-03-14T04:40:00Z"));
    assertThat(south.getString("outcome")).isEqualTo("updated");
    assertThat(south.getJsonObject("tasks").getInteger("replanned")).isEqualTo(1);
    assertThat(south.getJsonObject("tasks").getInteger("resent")).isZero();
    JsonObject taken = await().atMost(Duration.ofSeconds(10)).until(() -> a2.downlink.poll(), m -> m != null);
    assertThat(taken.getString("type")).isEqualTo("cancellation");
    assertThat(taken.getString("reason")).isEqualTo("relocated");
    assertThat(taken.getJsonObject("task").getString("task_id")).isEqualTo(a2Task.getJsonObject("task").getString("task_id"));
    JsonObject toB = await().atMost(Duration.ofSeconds(30)).until(() -> b.downlink.poll(), m -> m != null);
    assertThat(toB.getString("type")).isEqualTo("assignment");
    assertThat(toB.getJsonObject("task").getString("mission_id")).isEqualTo(otherMission);
    assertThat(toB.getJsonObject("mission").getDouble("target_dec")).isEqualTo(-80.0);
    assertThat(a2.downlink).isEmpty();
    a.goSilent();
    a2.goSilent();
    b.goSilent();
  }

  /** A Swift/BAT GUANO notice (GRB, RAPID_RESPONSE) of {@code event} at (ra, dec), issued at {@code at}. */
  static String notice(String event, double ra, double dec, String at) {
    return new JsonObject(Samples.text("swift-bat-guano.json"))
        .put("id", new io.vertx.core.json.JsonArray().add(event))
        .put("ra", ra).put("dec", dec).put("alert_datetime", at).encode();
  }

  private MqttTelescope telescope(double lat, double lon, String status) throws Exception {
    JsonObject registered = system.post("/api/v1/nodes", new JsonObject()
        .put("location", new JsonObject().put("lat", lat).put("lon", lon).put("elevation_m", 100))
        .put("aperture_mm", 300).put("fov_deg", 1.0).put("mount_type", "EQ").put("control_protocol", "INDI")
        .encode(), 201);
    MqttTelescope t = system.telescope(registered);
    t.connect();
    t.heartbeatEvery("{\"status\": \"" + status + "\"}");
    return t;
  }

  private JsonObject alert(int status, String body) throws Exception {
    return system.post("/api/v1/alerts", body, status);
  }
}
