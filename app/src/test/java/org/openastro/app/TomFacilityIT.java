package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openastro.api.ApiPlatform;
import org.openastro.api.auth.SecretHasher;
import org.openastro.api.http.ContractCoverage;
import org.openastro.api.http.HttpApiVerticle;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.cql.ingest.TaskProgress;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.cql.task.Task;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.TaskStatus;
import org.openastro.events.EventAddresses;
import org.openastro.gateway.Gateway;
import org.openastro.scheduler.intake.Intake;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * A TOM drives OpenAstro through the LCO observation-portal subset (issue 17): request groups shaped
 * as the portal's own examples and as the TOM Toolkit's OCS facility posts them, with its
 * {@code Authorization: Token} header, read back through every endpoint the facility calls, then
 * validated, cancelled, and their frames read with and without embargo. The HTTP server mounts
 * exactly what the run command mounts ({@link RouteGroups}); no scheduler runs, so mission and task
 * states are set by the test.
 */
@ExtendWith(CassandraExtension.class)
class TomFacilityIT {
  static final String ADMIN_KEY = "oak_tom-facility-it-admin-key-0000000000000";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final List<JsonObject> CREATED = new CopyOnWriteArrayList<>();

  @TempDir
  static Path artifactDir;
  static Vertx vertx;
  static Store store;
  static SecretHasher hasher;
  static HttpApiVerticle http;
  static String base;
  static String alice;
  static String bob;
  static String pipeline;

  @BeforeAll
  static void start(CassandraTestNode node) throws Exception {
    vertx = Vertx.vertx();
    Config config = Config.from(Map.of("HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1", "ADMIN_API_KEY", ADMIN_KEY,
        "AUTH_BCRYPT_COST", "4", "ARTIFACT_STORE_DIR", artifactDir.toString()));
    store = new Store(TestKeyspace.shared(node).session());
    hasher = ApiPlatform.hasher(config);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    http = ApiPlatform.server(config, store, hasher, registry,
        RouteGroups.of(vertx, config, store, new Gateway(config, store, hasher, registry), registry,
            Intake.of(store, vertx, config)));
    vertx.eventBus().<JsonObject>consumer(EventAddresses.MISSION_CREATED, m -> CREATED.add(m.body()));
    Await.result(vertx.deployVerticle(http));
    base = "http://127.0.0.1:" + http.actualPort();
    alice = key("alice-" + UUID.randomUUID(), "SUBMITTER");
    bob = key("bob-" + UUID.randomUUID(), "SUBMITTER");
    pipeline = key("pipeline-" + UUID.randomUUID(), "PIPELINE");
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
    hasher.close();
  }

  // ---- payloads shaped as the portal's examples and the TOM Toolkit's OCS form

  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  /** The TOM Toolkit's OCS form: one instrument config of 3 × 120 s in V, naive isoformat() window, constraints. */
  static JsonObject tomPayload() {
    return new JsonObject("""
        {"name": "SN 2026abc follow-up", "proposal": "OPENASTRO", "ipp_value": 1.05, "operator": "SINGLE",
         "observation_type": "NORMAL",
         "requests": [{
           "optimization_type": "TIME", "configuration_repeats": 1,
           "configurations": [{
             "type": "EXPOSE", "instrument_type": "0M4-IMAGER",
             "instrument_configs": [{"exposure_count": 3, "exposure_time": 120.0,
               "optical_elements": {"filter": "V"}, "mode": "default"}],
             "acquisition_config": {}, "guiding_config": {},
             "constraints": {"max_airmass": 1.6, "min_lunar_distance": 20, "max_lunar_phase": 0.5},
             "target": {"name": "SN 2026abc", "type": "ICRS", "ra": 150.125, "dec": 2.5,
               "proper_motion_ra": null, "proper_motion_dec": null, "epoch": 2000}}],
           "windows": [{"start": "%s", "end": "%s"}],
           "location": {"telescope_class": "0m4"}}]}"""
        .formatted(naive(NOW), naive(NOW.plus(Duration.ofDays(3)))));
  }

  /** The portal's imaging example (two filters) as a RAPID_RESPONSE group of two requests (MANY). */
  static JsonObject rapidResponsePayload() {
    String request = """
        {"configurations": [{
           "type": "EXPOSE", "instrument_type": "1M0-SCICAM-SINISTRO",
           "target": {"name": "%s", "type": "ICRS", "ra": %s, "dec": %s, "epoch": 2000},
           "constraints": {"max_airmass": 2, "min_lunar_distance": 30},
           "acquisition_config": {}, "guiding_config": {},
           "instrument_configs": [
             {"exposure_time": 30, "exposure_count": 2, "optical_elements": {"filter": "V"}},
             {"exposure_time": 60, "exposure_count": 1, "optical_elements": {"filter": "B"}}]}],
         "windows": [{"start": "%s", "end": "%s"}],
         "location": {"telescope_class": "1m0"}}""";
    String start = NOW.toString().replace("T", " ").replace("Z", "");
    String end = NOW.plus(Duration.ofDays(1)).toString().replace("T", " ").replace("Z", "");
    return new JsonObject().put("name", "GRB 261201A").put("proposal", "LCO2026B-007").put("ipp_value", 2.0)
        .put("operator", "MANY").put("observation_type", "RAPID_RESPONSE")
        .put("requests", new JsonArray()
            .add(new JsonObject(request.formatted("m83", "204.253", "-29.865", start, end)))
            .add(new JsonObject(request.formatted("m1", "83.63308", "22.0145", start, end))));
  }

  static String naive(Instant t) {
    return t.toString().replace("Z", "");
  }

  // ---- the tests

  @Test
  void aTomSubmitsReadsBackThroughEveryEndpointAndCancels() throws Exception {
    HttpResponse<String> created = send("POST", "/api/requestgroups/", "Token " + alice, tomPayload().encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject group = new JsonObject(created.body());
    String groupId = group.getString("id");
    assertThat(group.getString("state")).isEqualTo("PENDING");
    assertThat(group.getString("submitter")).startsWith("alice-");
    assertThat(created.headers().firstValue("location")).contains("/api/requestgroups/" + groupId + "/");
    JsonObject request = group.getJsonArray("requests").getJsonObject(0);
    String requestId = request.getString("id");
    assertThat(request.getString("state")).isEqualTo("PENDING");
    assertThat(request.getDouble("duration")).isEqualTo(360.0);
    assertThat(request.getString("optimization_type")).as("what was submitted is echoed").isEqualTo("TIME");

    // one mission through the one intake: announced, and readable through the mission API
    await().atMost(Duration.ofSeconds(10)).until(() -> CREATED.stream()
        .anyMatch(e -> requestId.equals(e.getString("mission_id"))));
    JsonObject mission = json(send("GET", "/api/v1/missions/" + requestId, null, null), 200);
    assertThat(mission.getDouble("total_exposure_required_s")).isEqualTo(360.0);
    assertThat(mission.getDouble("exposure_time_s")).isEqualTo(120.0);
    assertThat(mission.getLong("frame_count")).isEqualTo(3L);
    assertThat(mission.getJsonArray("required_filters")).containsExactly("V");
    assertThat(mission.getDouble("max_airmass")).isEqualTo(1.6);
    assertThat(mission.getDouble("min_moon_separation_deg")).isEqualTo(20.0);
    assertThat(mission.getDouble("max_moon_illumination")).isEqualTo(0.5);
    assertThat(mission.getDouble("min_aperture_mm")).isEqualTo(350.0);
    assertThat(mission.getInteger("priority")).isEqualTo(53);
    assertThat(mission.getString("observation_type")).isEqualTo("NORMAL");
    assertThat(mission.getString("time_constraint_start")).isEqualTo(NOW.toString());

    // every read the OCS facility makes, anonymously (reads are open)
    assertThat(json(send("GET", "/api/requestgroups/" + groupId + "/", null, null), 200).getString("id")).isEqualTo(groupId);
    JsonObject listed = json(send("GET", "/api/requestgroups?request_id=" + requestId, null, null), 200);
    assertThat(listed.getInteger("count")).isEqualTo(1);
    assertThat(listed.getJsonArray("results").getJsonObject(0).getString("id")).isEqualTo(groupId);
    assertThat(json(send("GET", "/api/requestgroups/?request_id=" + requestId, null, null), 200).getInteger("count"))
        .isEqualTo(1);
    assertThat(json(send("GET", "/api/requestgroups/?request_id=" + UUID.randomUUID(), null, null), 200)
        .getInteger("count")).isZero();
    assertThat(json(send("GET", "/api/requests/" + requestId, null, null), 200).getString("state")).isEqualTo("PENDING");
    assertThat(json(send("GET", "/api/requests/" + requestId + "/", null, null), 200).getJsonArray("windows")).hasSize(1);
    assertThat(send("GET", "/api/requests/" + UUID.randomUUID(), null, null).statusCode()).isEqualTo(404);

    // observation blocks: one task observing on a node, one still queued
    Node node = node(356, Set.of("V", "R"), NodeStatus.ONLINE);
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Task running = new Task(UUID.randomUUID(), UUID.fromString(requestId), null, 240, 0, TaskStatus.PENDING, t0,
        t0.plusSeconds(7200), null, null, 53, t0, t0);
    Task queued = new Task(UUID.randomUUID(), UUID.fromString(requestId), null, 120, 0, TaskStatus.PENDING, t0,
        t0.plusSeconds(7200), null, null, 53, t0.plusMillis(1), t0.plusMillis(1));
    Await.result(store.tasks().create(running));
    Await.result(store.tasks().create(queued));
    assertThat(Await.result(store.nodeClaims().claim(node.nodeId(), running.taskId()))).isTrue();
    assertThat(Await.result(store.transitions().assign(running, node.nodeId(), t0, t0.plusSeconds(7200), t0))).isTrue();
    Await.result(store.taskProgress().apply(new TaskProgress(node.nodeId(), running.taskId(), 120,
        TaskStatus.EXECUTING, List.of(), Instant.now())));
    HttpResponse<String> observations = send("GET", "/api/requests/" + requestId + "/observations/", null, null);
    assertThat(observations.statusCode()).as(observations.body()).isEqualTo(200);
    JsonArray blocks = new JsonArray(observations.body());
    assertThat(blocks).hasSize(2);
    JsonObject observing = blocks.getJsonObject(0);
    assertThat(observing.getString("id")).isEqualTo(running.taskId().toString());
    assertThat(observing.getString("state")).isEqualTo("IN_PROGRESS");
    assertThat(observing.getString("site")).isEqualTo(node.nodeId().toString());
    assertThat(observing.getString("telescope")).isEqualTo("0m4");
    assertThat(observing.getString("start")).isEqualTo(t0.toString());
    assertThat(observing.getDouble("exposure_delivered_s")).isEqualTo(120.0);
    assertThat(blocks.getJsonObject(1).getString("state")).isEqualTo("PENDING");
    assertThat(blocks.getJsonObject(1).getString("site")).isNull();

    // cancel: only the submitter (or an admin), through the mission cancel path
    assertThat(send("POST", "/api/requestgroups/" + groupId + "/cancel/", null, null).statusCode()).isEqualTo(401);
    assertThat(send("POST", "/api/requestgroups/" + groupId + "/cancel/", "Token " + bob, null).statusCode()).isEqualTo(403);
    JsonObject cancelled = json(send("POST", "/api/requestgroups/" + groupId + "/cancel/", "Token " + alice, null), 200);
    assertThat(cancelled.getString("state")).isEqualTo("CANCELED");
    assertThat(json(send("GET", "/api/requests/" + requestId, null, null), 200).getString("state")).isEqualTo("CANCELED");
    assertThat(Await.result(store.missions().find(UUID.fromString(requestId))).orElseThrow().status())
        .isEqualTo(MissionStatus.CANCELLED);
    Task closed = Await.result(store.tasks().find(running.taskId())).orElseThrow();
    assertThat(closed.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(closed.exposureDeliveredS()).as("delivered seconds stay").isEqualTo(120.0);
    assertThat(new JsonArray(send("GET", "/api/requests/" + requestId + "/observations/?exclude_canceled=true", null,
        null).body())).isEmpty();
    assertThat(send("POST", "/api/requestgroups/" + groupId + "/cancel/", "Token " + alice, null).statusCode())
        .as("again: still CANCELED").isEqualTo(200);
  }

  @Test
  void aRapidResponseGroupOfTwoRequestsIsReplayedByItsKeyAndAggregatesItsStates() throws Exception {
    String key = "tom-retry-" + UUID.randomUUID();
    JsonObject payload = rapidResponsePayload();
    HttpResponse<String> first = send("POST", "/api/requestgroups/", "Token " + alice, payload.encode(),
        Map.of("Idempotency-Key", key));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    JsonObject group = new JsonObject(first.body());
    List<UUID> ids = group.getJsonArray("requests").stream()
        .map(r -> UUID.fromString(((JsonObject) r).getString("id"))).toList();
    assertThat(ids).hasSize(2);
    for (UUID id : ids) {
      Mission m = Await.result(store.missions().find(id)).orElseThrow();
      assertThat(m.observationType().name()).isEqualTo("RAPID_RESPONSE");
      assertThat(m.priority()).isEqualTo(100);
      assertThat(m.totalExposureRequiredS()).isEqualTo(120.0); // 2 × 30 s + 60 s
      assertThat(m.exposureTimeS()).isNull();
      assertThat(m.requiredFilters()).containsExactlyInAnyOrder("V", "B");
      assertThat(m.minApertureMm()).isEqualTo(950.0);
    }

    // a client retry (the answer was lost) is a replay, not a second observation
    HttpResponse<String> retry = send("POST", "/api/requestgroups/", "Token " + alice, payload.encode(),
        Map.of("Idempotency-Key", key));
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
    assertThat(new JsonObject(retry.body()).getString("id")).isEqualTo(group.getString("id"));
    payload.put("ipp_value", 1.0);
    assertThat(send("POST", "/api/requestgroups/", "Token " + alice, payload.encode(), Map.of("Idempotency-Key", key))
        .statusCode()).as("other content under the same key").isEqualTo(409);

    // COMPLETE and EXPIRED missions are COMPLETED and WINDOW_EXPIRED requests; a MANY group is COMPLETED
    Mission done = Await.result(store.missions().find(ids.get(0))).orElseThrow();
    Mission late = Await.result(store.missions().find(ids.get(1))).orElseThrow();
    assertThat(Await.result(store.missionStates().move(done, MissionStatus.COMPLETE, 120))).isTrue();
    assertThat(Await.result(store.missionStates().move(late, MissionStatus.EXPIRED, 0))).isTrue();
    assertThat(json(send("GET", "/api/requests/" + ids.get(0), null, null), 200).getString("state")).isEqualTo("COMPLETED");
    assertThat(json(send("GET", "/api/requests/" + ids.get(1), null, null), 200).getString("state"))
        .isEqualTo("WINDOW_EXPIRED");
    String groupId = group.getString("id");
    assertThat(json(send("GET", "/api/requestgroups/" + groupId + "/", null, null), 200).getString("state"))
        .isEqualTo("COMPLETED");

    // nothing left to cancel: the portal's 400, which is also the API's Error
    HttpResponse<String> refused = send("POST", "/api/requestgroups/" + groupId + "/cancel/", "Token " + alice, null);
    assertThat(refused.statusCode()).isEqualTo(400);
    JsonObject error = new JsonObject(refused.body());
    assertThat(error.getString("error")).isEqualTo("invalid_state");
    assertThat(error.getJsonArray("errors").getString(0)).contains("COMPLETED", "WINDOW_EXPIRED");
  }

  @Test
  void validateCreatesNothingAndRefusalsAreInThePortalsShape() throws Exception {
    long before = missionCount();
    JsonObject valid = json(send("POST", "/api/requestgroups/validate/", "Token " + alice, tomPayload().encode()), 200);
    assertThat(valid.getJsonObject("errors")).isEqualTo(new JsonObject());
    assertThat(valid.getJsonObject("request_durations").getDouble("duration")).isEqualTo(360.0);
    assertThat(valid.getJsonObject("request_durations").getJsonArray("requests").getJsonObject(0)
        .getJsonArray("configurations").getJsonObject(0).getJsonArray("instrument_configs").getJsonObject(0)
        .getDouble("duration")).isEqualTo(360.0);

    JsonObject bad = tomPayload();
    JsonObject request = bad.getJsonArray("requests").getJsonObject(0);
    request.getJsonArray("windows").add(request.getJsonArray("windows").getJsonObject(0).copy());
    request.getJsonArray("configurations").getJsonObject(0).getJsonObject("target").put("type", "ORBITAL_ELEMENTS");
    JsonObject invalid = json(send("POST", "/api/requestgroups/validate/", "Token " + alice, bad.encode()), 200);
    assertThat(invalid.getJsonObject("request_durations")).isEqualTo(new JsonObject());
    JsonObject errors = invalid.getJsonObject("errors").getJsonArray("requests").getJsonObject(0);
    assertThat(errors.getJsonArray("windows").getString(0)).contains("Only one window per request");
    assertThat(errors.getJsonArray("configurations").getJsonObject(0).getJsonObject("target").getJsonArray("type")
        .getString(0)).contains("only ICRS targets");

    HttpResponse<String> refused = send("POST", "/api/requestgroups/", "Token " + alice, bad.encode());
    assertThat(refused.statusCode()).isEqualTo(400);
    JsonObject error = new JsonObject(refused.body());
    assertThat(error.getString("error")).isEqualTo("invalid_field");
    assertThat(error.getString("field")).isEqualTo("requests[0].windows");
    assertThat(error.getJsonArray("requests").getJsonObject(0).getJsonArray("windows")).hasSize(1);
    assertThat(missionCount()).as("validate and a refused group create nothing").isEqualTo(before);

    // the document is enforced on the portal's paths too (found with their trailing slash)
    assertThat(send("POST", "/api/requestgroups/", "Token " + alice, "not json", Map.of("Content-Type", "text/plain"))
        .statusCode()).isEqualTo(415);
    assertThat(send("GET", "/api/requests/not-a-uuid/", null, null).statusCode()).isEqualTo(400);
  }

  @Test
  void tokenAuthIsAnApiKeyAndWritesNeedOne() throws Exception {
    String body = tomPayload().encode();
    HttpResponse<String> anonymous = send("POST", "/api/requestgroups/", null, body);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(anonymous.body()).getString("error")).isEqualTo("unauthorized");
    assertThat(send("POST", "/api/requestgroups/validate/", null, body).statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = send("POST", "/api/requestgroups/", "Token oak_not-a-key", body);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Token"));
    assertThat(send("GET", "/api/requestgroups/?request_id=" + UUID.randomUUID(), "Token garbage", null).statusCode())
        .as("a wrong Token is refused even on an open read").isEqualTo(401);
    assertThat(send("POST", "/api/requestgroups/", "Token " + pipeline, body).statusCode()).as("role").isEqualTo(403);
    assertThat(send("POST", "/api/requestgroups/", "Bearer " + alice, body).statusCode()).isEqualTo(201);

    assertThat(send("GET", "/api/profile/", null, null).statusCode()).isEqualTo(401);
    JsonObject profile = json(send("GET", "/api/profile/", "Token " + alice, null), 200);
    assertThat(profile.getString("username")).startsWith("alice-");
    assertThat(profile.getJsonArray("proposals").getJsonObject(0).getBoolean("current")).isTrue();
  }

  @Test
  void instrumentsAndTelescopeStatesAreTheFleet() throws Exception {
    Node small = node(356, Set.of("V", "R"), NodeStatus.ONLINE);
    Node parked = node(400, Set.of("B"), NodeStatus.PARKED);
    Node big = node(1000, Set.of("V"), NodeStatus.FAULTED);
    JsonObject instruments = json(send("GET", "/api/instruments/", null, null), 200);
    JsonObject imager = instruments.getJsonObject("0M4-IMAGER");
    assertThat(imager.getString("class")).isEqualTo("0m4");
    assertThat(imager.getJsonObject("optical_elements").getJsonArray("filters").stream()
        .map(f -> ((JsonObject) f).getString("code")).toList()).contains("B", "R", "V");
    assertThat(imager.getJsonObject("configuration_types").getJsonObject("EXPOSE").getBoolean("schedulable")).isTrue();
    assertThat(instruments.getJsonObject("1M0-IMAGER").getString("class")).isEqualTo("1m0");

    JsonObject states = json(send("GET", "/api/telescope_states/", "Token " + alice, null), 200);
    assertThat(states.getJsonArray(small.nodeId() + ".doma.0m4").getJsonObject(0).getString("event_type"))
        .isEqualTo("AVAILABLE");
    assertThat(states.getJsonArray(parked.nodeId() + ".doma.0m4").getJsonObject(0).getString("event_type"))
        .isEqualTo("NOT_AVAILABLE");
    assertThat(states.getJsonArray(big.nodeId() + ".doma.1m0").getJsonObject(0).getString("event_type"))
        .isEqualTo("SITE_AGENT_UNRESPONSIVE");
  }

  @Test
  void framesAreTheMissionsArtifactsWithTheArtifactApisEmbargo() throws Exception {
    JsonObject group = json(send("POST", "/api/requestgroups/", "Token " + alice, tomPayload().encode()), 201);
    String requestId = group.getJsonArray("requests").getJsonObject(0).getString("id");
    byte[] content = "SIMPLE  =                    T / a frame".getBytes(StandardCharsets.US_ASCII);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    String open = json(send("POST", "/api/v1/artifacts", "Bearer " + pipeline, new JsonObject().put("mission_id", requestId)
        .put("artifact_type", "RAW_FITS").put("sha256", sha).encode()), 201).getString("artifact_id");
    String embargoed = json(send("POST", "/api/v1/artifacts", "Bearer " + pipeline, new JsonObject()
        .put("mission_id", requestId).put("artifact_type", "STACKED_FITS").put("sha256", sha)
        .put("object_storage_path", "s3://openastro/stacks/sn2026abc-stack.fits")
        .put("public_after", "2099-01-01T00:00:00Z").encode()), 201).getString("artifact_id");
    HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/artifacts/" + open + "/content"))
        .header("authorization", "Bearer " + pipeline).header("content-type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);

    JsonObject anonymous = json(send("GET", "/frames/?REQNUM=" + requestId + "&limit=1000", null, null), 200);
    assertThat(anonymous.getInteger("count")).isEqualTo(1);
    JsonObject frame = anonymous.getJsonArray("results").getJsonObject(0);
    assertThat(frame.getString("id")).isEqualTo(open);
    assertThat(frame.getString("filename")).isEqualTo(open + ".fits");
    assertThat(frame.getString("DATE_OBS")).isNotNull();
    assertThat(frame.getString("url")).isEqualTo(base + "/api/v1/artifacts/" + open + "/content");
    HttpResponse<byte[]> bytes = HTTP.send(HttpRequest.newBuilder(URI.create(frame.getString("url"))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(bytes.body()).isEqualTo(content);

    JsonObject owner = json(send("GET", "/frames/?REQNUM=" + requestId, "Token " + alice, null), 200);
    assertThat(owner.getInteger("count")).isEqualTo(2);
    assertThat(owner.getJsonArray("results").stream().map(f -> ((JsonObject) f).getString("filename")).toList())
        .contains("sn2026abc-stack.fits");
    assertThat(json(send("GET", "/frames/?REQNUM=" + requestId, "Token " + bob, null), 200).getInteger("count")).isEqualTo(1);
    assertThat(json(send("GET", "/frames/?REQNUM=" + requestId, "Bearer " + ADMIN_KEY, null), 200).getInteger("count"))
        .isEqualTo(2);

    JsonObject page = json(send("GET", "/frames/?REQNUM=" + requestId + "&limit=1", "Token " + alice, null), 200);
    assertThat(page.getJsonArray("results")).hasSize(1);
    assertThat(page.getString("previous")).isNull();
    JsonObject next = json(send("GET", page.getString("next").substring(base.length()), "Token " + alice, null), 200);
    assertThat(next.getJsonArray("results")).hasSize(1);
    assertThat(next.getString("next")).isNull();
    assertThat(next.getJsonArray("results").getJsonObject(0).getString("id"))
        .isNotEqualTo(page.getJsonArray("results").getJsonObject(0).getString("id"));

    assertThat(send("GET", "/frames/" + embargoed + "/", null, null).statusCode()).isEqualTo(404);
    assertThat(json(send("GET", "/frames/" + embargoed + "/", "Token " + alice, null), 200).getString("REQNUM"))
        .isEqualTo(requestId);
    assertThat(json(send("GET", "/frames/?REQNUM=" + UUID.randomUUID(), null, null), 200).getInteger("count")).isZero();
    assertThat(send("GET", "/frames/", null, null).statusCode()).isEqualTo(400);
  }

  @Test
  void theServedApiIsTheDocumentedApi() {
    Vertx scratch = Vertx.vertx();
    try {
      assertThat(ContractCoverage.undocumented(scratch, http.routeGroups())).isEmpty();
      assertThat(ContractCoverage.unmounted(scratch, http.routeGroups())).isEmpty();
    } finally {
      scratch.close();
    }
  }

  // ---- helpers

  static Node node(double apertureMm, Set<String> filters, NodeStatus status) {
    Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Node n = new Node(UUID.randomUUID(), status, 28.76, -17.88, 2396, apertureMm, 0.8, filters, MountType.EQ,
        ControlProtocol.INDI, 0.5, null, "x", t, t);
    Await.result(store.nodes().register(n));
    return n;
  }

  static long missionCount() {
    return store.session().execute("SELECT count(*) FROM missions").one().getLong(0);
  }

  static String key(String principal, String role) throws Exception {
    return json(send("POST", "/api/v1/api-keys", "Bearer " + ADMIN_KEY,
        new JsonObject().put("name", principal).put("role", role).encode()), 201).getString("key");
  }

  static JsonObject json(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return new JsonObject(r.body());
  }

  static HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
    return send(method, path, authorization, body, Map.of());
  }

  static HttpResponse<String> send(String method, String path, String authorization, String body,
      Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && !headers.containsKey("Content-Type")) {
      b.header("content-type", "application/json");
    }
    if (authorization != null) {
      b.header("authorization", authorization);
    }
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
