package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openastro.stacker.stack.SyntheticSky;
import org.openastro.stacker.stack.SyntheticSky.Shot;
import org.openastro.stacker.stack.SyntheticSky.Star;
import org.openastro.stacker.stack.SyntheticSky.WcsStyle;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * Issue 18's stacking worker on the real system: RAW_FITS frames uploaded through the artifact
 * API, the mission brought to COMPLETE by a telescope over MQTT while no process runs the stacker
 * role (a stacker that is down, or crashed after COMPLETE), then the system restarted with it: the
 * stacking outbox brings the mission back, and a STACKED_FITS is registered with the inputs'
 * nodes and the latest embargo, downloadable, its bytes matching its SHA-256. A rerun changes nothing.
 */
@ExtendWith(CassandraExtension.class)
class StackingIT {
  static final double RA = 37.95;
  static final double DEC = 89.0;

  SystemUnderTest system;
  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void aCompleteMissionsRawFramesBecomeOneRegisteredDownloadableStack(CassandraTestNode cassandra) throws Exception {
    String keyspace = cassandra.newKeyspaceName("stack");
    Map<String, String> settings = new HashMap<>(Map.of("CASSANDRA_KEYSPACE", keyspace,
        "PROGRESS_MAX_EXPOSURE_RATE", "0", "ARTIFACT_STORE_DIR", dir.resolve("artifacts").toString(),
        "STACKER_WORK_DIR", dir.resolve("stacker").toString(), "STACKER_SWEEP_INTERVAL", "1s"));
    Map<String, String> withoutStacker = new HashMap<>(settings);
    withoutStacker.put("PROCESS_ROLES", "gateway,scheduler");
    system = SystemUnderTest.start(cassandra, "stack", withoutStacker);

    JsonObject registered = system.register();
    MqttTelescope node = system.telescope(registered);
    node.connectAndHeartbeat();
    system.awaitStatus(node, "ONLINE");
    String missionId = system.post("/api/v1/missions", """
        {"target_ra": %s, "target_dec": %s, "science_case": "DEEP_STACK",
         "total_exposure_required_s": 300, "priority": 80, "night_only": false, "min_altitude_deg": 30}"""
        .formatted(RA, DEC)).getString("mission_id");

    // three frames of the node, one of them embargoed for a year
    SyntheticSky sky = new SyntheticSky(List.of(new Star(RA, DEC, 50_000), new Star(RA + 0.01, DEC + 0.002, 30_000)),
        3.0, 40, 6);
    Instant embargo = Instant.parse("2027-12-01T00:00:00Z");
    List<String> frames = new ArrayList<>();
    Random random = new Random(18);
    for (int i = 0; i < 3; i++) {
      Shot shot = new Shot(RA + i * 0.0005, DEC - i * 0.0003, 1.0 + 0.1 * i, 15 * i, 96, 96, WcsStyle.values()[i]);
      Path file = dir.resolve("frame-" + i + ".fits");
      SyntheticSky.write(sky.expose(shot, random), shot, file);
      byte[] bytes = Files.readAllBytes(file);
      JsonObject artifact = new JsonObject().put("mission_id", missionId).put("artifact_type", "RAW_FITS")
          .put("sha256", sha256(bytes)).put("contributing_node_ids", new JsonArray().add(node.id));
      if (i == 1) {
        artifact.put("public_after", embargo.toString());
      }
      String id = system.post("/api/v1/artifacts", artifact.encode()).getString("artifact_id");
      HttpResponse<String> upload = system.send(system.request("/api/v1/artifacts/" + id + "/content")
          .header("authorization", "Bearer " + SystemUnderTest.ADMIN_KEY)
          .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
      assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
      frames.add(id);
    }

    JsonObject assignment = await().atMost(Duration.ofSeconds(60)).until(() -> node.downlink.poll(), m -> m != null);
    JsonObject task = assignment.getJsonObject("task");
    node.progress(task.getString("task_id"), task.getDouble("exposure_required_s"), "SUCCESS");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(system.get("/api/v1/missions/" + missionId).getString("status")).isEqualTo("COMPLETE"));
    try (CqlSession cql = cassandra.newSession()) {
      assertThat(waiting(cql, keyspace)).as("COMPLETE queued the mission for the stacker").contains(missionId);
    }
    assertThat(stacks(missionId)).as("no stacker ran").isEmpty();
    node.goSilent();
    system.close();

    // the restart with the stacker role (the default roles): its work list brings the mission back
    system = SystemUnderTest.start(cassandra, "stack", settings);
    JsonObject stack = await().atMost(Duration.ofSeconds(60)).until(() -> stacks(missionId), s -> s.size() == 1)
        .getJsonObject(0);
    String stackId = stack.getString("artifact_id");
    assertThat(stack.getJsonArray("contributing_node_ids").getList()).containsExactly(node.id);
    assertThat(Instant.parse(stack.getString("public_after"))).isEqualTo(embargo);
    // registered first, then uploaded (as the artifact API's own order): downloadable once stored
    HttpResponse<byte[]> download = await().atMost(Duration.ofSeconds(30))
        .until(() -> downloadBytes(stackId), r -> r.statusCode() == 200);
    assertThat(sha256(download.body())).isEqualTo(stack.getString("sha256"));
    Path stackFile = dir.resolve("stack.fits");
    Files.write(stackFile, download.body());
    try (Fits fits = new Fits(stackFile.toFile())) {
      Header h = fits.readHDU().getHeader();
      assertThat(h.getIntValue("NCOMBINE")).isEqualTo(3);
      List<String> recorded = List.of(h.getStringValue("ART001"), h.getStringValue("ART002"), h.getStringValue("ART003"));
      // in the order the stacker takes them: by artifact id (UUID order)
      assertThat(recorded).containsExactlyElementsOf(frames.stream().map(UUID::fromString).sorted()
          .map(UUID::toString).toList());
      assertThat(h.getStringValue("NOD001")).isEqualTo(node.id);
    }
    try (CqlSession cql = cassandra.newSession()) {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(waiting(cql, keyspace)).isEmpty());
      // a rerun (the completion seen again): the same artifact, nothing new
      cql.execute("INSERT INTO " + keyspace + ".mission_stacking_outbox (bucket, mission_id, created_at)"
          + " VALUES (?, ?, ?)", Math.floorMod(UUID.fromString(missionId).hashCode(), 16), UUID.fromString(missionId),
          Instant.now());
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(waiting(cql, keyspace)).isEmpty());
    }
    // the rerun found the stack stored and made nothing (not even the same bytes again)
    String metrics = system.send(system.request("/metrics")).body();
    assertThat(HealthAndMetricsIT.value(metrics, "openastro_stacker_missions_total{outcome=\"stacked\"}"))
        .isEqualTo(1.0);
    assertThat(HealthAndMetricsIT.value(metrics, "openastro_stacker_missions_total{outcome=\"already_stacked\"}"))
        .isEqualTo(1.0);
    JsonArray after = stacks(missionId);
    assertThat(after).hasSize(1);
    assertThat(after.getJsonObject(0).getString("artifact_id")).isEqualTo(stackId);
    assertThat(after.getJsonObject(0).getString("sha256")).isEqualTo(stack.getString("sha256"));
  }

  private HttpResponse<byte[]> downloadBytes(String id) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(system.request("/api/v1/artifacts/" + id + "/content")
        .header("authorization", "Bearer " + SystemUnderTest.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The mission's STACKED_FITS artifacts, as the admin sees them (embargoed ones included). */
  private JsonArray stacks(String missionId) throws Exception {
    HttpResponse<String> listed = system.send(system.request("/api/v1/missions/" + missionId + "/artifacts")
        .header("authorization", "Bearer " + SystemUnderTest.ADMIN_KEY));
    JsonArray out = new JsonArray();
    new JsonObject(listed.body()).getJsonArray("artifacts").forEach(a -> {
      if ("STACKED_FITS".equals(((JsonObject) a).getString("artifact_type"))) {
        out.add(a);
      }
    });
    return out;
  }

  private static List<String> waiting(CqlSession cql, String keyspace) {
    return cql.execute("SELECT mission_id FROM " + keyspace + ".mission_stacking_outbox").all().stream()
        .map(r -> r.getUuid(0).toString()).toList();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
