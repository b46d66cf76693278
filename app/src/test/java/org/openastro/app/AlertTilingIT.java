package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.alerts.Samples;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * An error region larger than a field end to end, as the run command starts the system: a Fermi/GBM
 * notice with a 4.8 degree error circle posted to {@code POST /api/v1/alerts} becomes ranked
 * pointing missions sized to the observing nodes' field (1.5 degrees here), enclosing 90% of the
 * circle; two telescopes each get a different pointing, never the same; the retraction cancels every
 * pointing and both telescopes are told. A sky map that cannot be read is a counted 400.
 */
@ExtendWith(CassandraExtension.class)
class AlertTilingIT {
  static final double FOV = 1.5;
  SystemUnderTest system;

  @AfterEach
  void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void aLargeErrorCircleBecomesRankedPointingsAndItsRetractionCancelsThemAll(CassandraTestNode cassandra)
      throws Exception {
    system = SystemUnderTest.start(cassandra, "alerttiling", Map.of("SCHEDULER_MISSION_SWEEP", "1h"));
    NightSky sky = NightSky.now(Instant.now());
    MqttTelescope a = telescope(sky);
    MqttTelescope b = telescope(sky);
    system.awaitStatus(a, "ONLINE");
    system.awaitStatus(b, "ONLINE");

    String event = "79" + System.nanoTime() % 1_000_000_000L;
    JsonObject created = system.post("/api/v1/alerts", gbm(event, sky.target().raDeg(), sky.target().decDeg()), 201);
    assertThat(created.getString("outcome")).isEqualTo("created");
    JsonArray pointings = created.getJsonArray("pointings");
    // ~72 square degrees at 90% over ~1.1 square degree cells: dozens of pointings, each a mission.
    assertThat(pointings.size()).isBetween(30, 100);
    assertThat(created.getDouble("coverage")).isGreaterThanOrEqualTo(0.9);
    assertThat(created.getString("mission_id")).isEqualTo(pointings.getJsonObject(0).getString("mission_id"));
    assertThat(created.getDouble("target_ra")).isCloseTo(sky.target().raDeg(), org.assertj.core.data.Offset.offset(1e-9));

    double sum = 0;
    Set<String> positions = new HashSet<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < pointings.size(); i++) {
      JsonObject p = pointings.getJsonObject(i);
      JsonObject m = system.get("/api/v1/missions/" + p.getString("mission_id"));
      assertThat(m.getString("alert_source_id")).isEqualTo("GCN:fermi:" + event);
      assertThat(m.getInteger("alert_pointing_rank")).isEqualTo(i + 1);
      assertThat(m.getInteger("priority")).isEqualTo(95 - i);
      assertThat(m.getDouble("min_fov_deg")).isEqualTo(FOV);
      assertThat(m.getDouble("alert_pointing_probability")).isEqualTo(p.getDouble("probability")).isPositive();
      sum += m.getDouble("alert_pointing_probability");
      positions.add(m.getDouble("target_ra") + "/" + m.getDouble("target_dec"));
      ids.add(m.getString("mission_id"));
    }
    assertThat(positions).as("no pointing repeats").hasSize(pointings.size());
    assertThat(sum).isCloseTo(created.getDouble("coverage"), org.assertj.core.data.Offset.offset(1e-9));

    // The two telescopes take two different pointings (the most probable first), and nothing else.
    JsonObject toA = await().atMost(Duration.ofSeconds(30)).until(() -> a.downlink.poll(), x -> x != null);
    JsonObject toB = await().atMost(Duration.ofSeconds(30)).until(() -> b.downlink.poll(), x -> x != null);
    assertThat(toA.getString("type")).isEqualTo("assignment");
    assertThat(toB.getString("type")).isEqualTo("assignment");
    String missionA = toA.getJsonObject("task").getString("mission_id");
    String missionB = toB.getJsonObject("task").getString("mission_id");
    assertThat(missionA).isNotEqualTo(missionB);
    assertThat(ids).contains(missionA, missionB);
    for (String id : List.of(missionA, missionB)) {
      assertThat(system.get("/api/v1/missions/" + id + "/tasks").getJsonArray("tasks")).hasSize(1);
    }

    // The retraction cancels every pointing, and each telescope is told why.
    JsonObject retracted = system.post("/api/v1/alerts", retraction(event), 200);
    assertThat(retracted.getString("outcome")).isEqualTo("cancelled");
    assertThat(retracted.getJsonArray("pointings")).hasSize(pointings.size());
    for (String id : ids) {
      assertThat(system.get("/api/v1/missions/" + id).getString("status")).as(id).isEqualTo("CANCELLED");
    }
    for (MqttTelescope t : List.of(a, b)) {
      JsonObject c = await().atMost(Duration.ofSeconds(10)).until(() -> t.downlink.poll(), x -> x != null);
      assertThat(c.getString("type")).isEqualTo("cancellation");
      assertThat(c.getString("reason")).isEqualTo("retracted");
    }
    // Again (a redelivery): nothing more.
    assertThat(system.post("/api/v1/alerts", retraction(event), 200).getString("outcome")).isEqualTo("unchanged");

    // A sky map that is not one: 400 naming the field, and counted.
    JsonObject withMap = new JsonObject(gbm("80" + event.substring(2), 10, 10));
    withMap.remove("ra_dec_error");
    withMap.remove("ra");
    withMap.remove("dec"); // the map alone localizes it: nothing to fall back to
    String badMap = withMap.put("healpix_file", "U0lNUExFICA9IFQ=").encode(); // "SIMPLE  = T": a FITS start, no more
    JsonObject refused = system.post("/api/v1/alerts", badMap, 400);
    assertThat(refused.getString("error")).isEqualTo("invalid_skymap");
    assertThat(refused.getString("field")).isEqualTo("healpix_file");
    HttpResponse<String> metrics = system.send(system.request("/metrics"));
    assertThat(metrics.body().lines().filter(l -> l.startsWith("openastro_http_requests_rejected_total")
        && l.contains("invalid_skymap"))).isNotEmpty();
    a.goSilent();
    b.goSilent();
  }

  /** A Fermi/GBM notice of {@code event} with a 4.8 degree circle (90% containment) at (ra, dec). */
  static String gbm(String event, double ra, double dec) {
    return new JsonObject(Samples.text("fermi-gbm-ground-position.json"))
        .put("id", new JsonArray().add(event)).put("ra", ra).put("dec", dec)
        .put("containment_probability", 0.9).put("ra_dec_error", 4.8).encode();
  }

  static String retraction(String event) {
    return new JsonObject().put("$schema", "https://gcn.nasa.gov/schema/main/gcn/notices/fermi/gbm/alert.schema.json")
        .put("id", new JsonArray().add(event)).put("alert_type", "retraction")
        .put("alert_datetime", "2025-06-02T23:00:00Z").encode();
  }

  private MqttTelescope telescope(NightSky sky) throws Exception {
    JsonObject registered = system.post("/api/v1/nodes", new JsonObject()
        .put("location", new JsonObject().put("lat", sky.site().latitudeDeg()).put("lon", sky.site().longitudeDeg())
            .put("elevation_m", 100))
        .put("aperture_mm", 300).put("fov_deg", FOV).put("mount_type", "EQ").put("control_protocol", "INDI")
        .encode(), 201);
    MqttTelescope t = system.telescope(registered);
    t.connect();
    t.heartbeatEvery("{\"status\": \"ONLINE\"}");
    return t;
  }
}
