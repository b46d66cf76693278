package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.scheduler.astro.HorizonMask;
import org.openastro.scheduler.astro.ObservingConstraints;
import org.openastro.scheduler.astro.Site;
import org.openastro.scheduler.astro.Target;
import org.openastro.scheduler.astro.VisibilityCalculator;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * The whole system as the run command starts it, driven by two simulated telescopes over real
 * MQTT: a mission is assigned, the executing node goes silent, it is FAULTED, the remainder goes
 * to the other node over its downlink, and the mission completes with every delivered second.
 */
@ExtendWith(CassandraExtension.class)
class TelescopeNetworkIT {
  SystemUnderTest system;

  @AfterEach
  void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void faultedNodesRemainderIsReassignedOverMqttAndTheMissionCompletes(CassandraTestNode cassandra) throws Exception {
    // the telescopes report minutes of exposure seconds after their assignment
    system = SystemUnderTest.start(cassandra, "e2e", Map.of("PROGRESS_MAX_EXPOSURE_RATE", "0"));

    MqttTelescope a = system.telescope(system.register());
    MqttTelescope b = system.telescope(system.register());
    a.connectAndHeartbeat();
    b.connectAndHeartbeat();
    system.awaitStatus(a, "ONLINE");
    system.awaitStatus(b, "ONLINE");

    JsonObject mission = system.post("/api/v1/missions", """
        {"target_ra": 37.95, "target_dec": 89.0, "science_case": "DEEP_STACK",
         "total_exposure_required_s": 600, "priority": 80, "night_only": false, "min_altitude_deg": 30,
         "time_constraint_start": "%s", "time_constraint_end": "%s"}"""
        .formatted(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1))));
    String missionId = mission.getString("mission_id");

    // Whichever node is chosen first observes 200 s, then drops off the network.
    JsonObject firstAssignment = await().atMost(Duration.ofSeconds(60))
        .until(() -> a.downlink.peek() != null ? a.downlink.peek() : b.downlink.peek(), m -> m != null);
    MqttTelescope first = a.downlink.peek() != null ? a : b;
    MqttTelescope second = first == a ? b : a;
    JsonObject task = firstAssignment.getJsonObject("task");
    assertThat(firstAssignment.getString("type")).isEqualTo("assignment");
    assertThat(task.getString("mission_id")).isEqualTo(missionId);
    assertThat(task.getDouble("exposure_required_s")).isEqualTo(600.0);
    first.progress(task.getString("task_id"), 200, "EXECUTING");
    first.goSilent();

    // FAULTED within three intervals and a second; the remainder (400 s) reaches the other node.
    system.awaitStatus(first, "FAULTED");
    JsonObject remainderMessage = await().atMost(Duration.ofSeconds(30)).until(() -> second.downlink.poll(), m -> m != null);
    JsonObject remainder = remainderMessage.getJsonObject("task");
    assertThat(remainder.getString("mission_id")).isEqualTo(missionId);
    assertThat(remainder.getString("task_id")).isNotEqualTo(task.getString("task_id"));
    assertThat(remainder.getDouble("exposure_required_s")).isEqualTo(400.0);

    second.progress(remainder.getString("task_id"), 400, "SUCCESS");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonObject m = system.get("/api/v1/missions/" + missionId);
      assertThat(m.getString("status")).isEqualTo("COMPLETE");
      assertThat(m.getDouble("total_exposure_completed_s")).isEqualTo(600.0);
    });
    String partial = system.get("/api/v1/missions/" + missionId + "/tasks").encode();
    assertThat(partial).contains("PARTIAL_COMPLETE").contains("SUCCESS");
    second.goSilent();
  }

  /**
   * Issue 13 over real sockets: a node PATCHes a wall into its horizon mask with its own secret,
   * and a mission (with constraints, through HTTP) on a low eastern target goes to the node
   * without the wall, although the walled one has the lower id and would win the tie otherwise.
   */
  @Test
  void aNodesHorizonMaskKeepsItFromALowEasternTarget(CassandraTestNode cassandra) throws Exception {
    system = SystemUnderTest.start(cassandra, "e2ehorizon", Map.of("SCHEDULER_ASSIGN_LOOKAHEAD", "2m"));
    // On the equator a target of declination 0 rises due east: at hour angle -55° it is 35° high
    // at azimuth 90° and stays in the east for hours.
    Instant now = Instant.now();
    double lon = -40;
    double jd = now.toEpochMilli() / 86_400_000.0 + 2_440_587.5;
    double lst = ((280.46061837 + 360.98564736629 * (jd - 2_451_545.0) + lon) % 360 + 360) % 360;
    Target target = new Target((lst + 55) % 360, 0);
    String wall = "[{\"az_deg\": 0, \"alt_deg\": 0}, {\"az_deg\": 40, \"alt_deg\": 0}, {\"az_deg\": 50, \"alt_deg\": 60},"
        + " {\"az_deg\": 130, \"alt_deg\": 60}, {\"az_deg\": 140, \"alt_deg\": 0}]";
    Site site = new Site(0, lon, 0);
    ObservingConstraints sky = ObservingConstraints.DEFAULTS.withMinAltitudeDeg(20).anyTimeOfDay().withMaxAirmass(3);
    HorizonMask mask = HorizonMask.of(List.of(new HorizonMask.Point(0, 0), new HorizonMask.Point(40, 0),
        new HorizonMask.Point(50, 60), new HorizonMask.Point(130, 60), new HorizonMask.Point(140, 0)));
    assertThat(VisibilityCalculator.windows(site, target, now, now.plus(Duration.ofMinutes(30)), sky.withHorizon(mask)))
        .isEmpty();
    assertThat(VisibilityCalculator.windows(site, target, now, now.plus(Duration.ofMinutes(30)), sky))
        .singleElement().satisfies(w -> assertThat(w.start()).isBeforeOrEqualTo(now.plusSeconds(1)));

    String node = "{\"node_id\": \"%s\", \"location\": {\"lat\": 0, \"lon\": %s}, \"aperture_mm\": 300,"
        + " \"fov_deg\": 1.0, \"mount_type\": \"EQ\", \"control_protocol\": \"INDI\"}";
    // UUIDs order by their (signed) high bits: the walled node's id is the lower one.
    MqttTelescope walled = system.telescope(system.post("/api/v1/nodes", node.formatted(
        "10000000" + UUID.randomUUID().toString().substring(8), lon)));
    MqttTelescope open = system.telescope(system.post("/api/v1/nodes", node.formatted(
        "70000000" + UUID.randomUUID().toString().substring(8), lon)));
    HttpResponse<String> patched = system.send(system.request("/api/v1/nodes/" + walled.id)
        .header("content-type", "application/json").header("authorization", "Bearer " + walled.secret)
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"horizon\": " + wall + "}")));
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(system.get("/api/v1/nodes/" + walled.id).getJsonArray("horizon")).hasSize(5);
    walled.connectAndHeartbeat();
    open.connectAndHeartbeat();
    system.awaitStatus(walled, "ONLINE");
    system.awaitStatus(open, "ONLINE");

    JsonObject mission = system.post("/api/v1/missions", """
        {"target_ra": %s, "target_dec": 0, "science_case": "TRANSIENT_FOLLOWUP",
         "total_exposure_required_s": 300, "priority": 80, "night_only": false, "min_altitude_deg": 20,
         "max_airmass": 3}""".formatted(target.raDeg()));
    assertThat(mission.getDouble("max_airmass")).isEqualTo(3.0);
    JsonObject assignment = await().atMost(Duration.ofSeconds(60)).until(() -> open.downlink.peek(), m -> m != null);
    assertThat(assignment.getJsonObject("task").getString("mission_id")).isEqualTo(mission.getString("mission_id"));
    assertThat(walled.downlink).isEmpty();
    walled.goSilent();
    open.goSilent();
  }
}
