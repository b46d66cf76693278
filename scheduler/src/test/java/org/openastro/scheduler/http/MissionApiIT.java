package org.openastro.scheduler.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openastro.api.ApiPlatform;
import org.openastro.api.http.HttpApiVerticle;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.cql.mission.MissionPages;
import org.openastro.scheduler.intake.Intake;
import org.openastro.scheduler.intake.MissionCancel;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/** The mission and visibility API over a real HTTP socket, stored in the real Cassandra node. */
@ExtendWith(CassandraExtension.class)
class MissionApiIT {
  static TestKeyspace keyspace;
  static Vertx vertx;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String ADMIN_KEY = "oak_mission-api-it-admin-key-0000000000";
  static String base;
  static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
  static Store store;
  static final List<JsonObject> DOWNLINK = new java.util.concurrent.CopyOnWriteArrayList<>();

  static final String MISSION = """
      {"target_ra": 83.82, "target_dec": -5.39, "science_case": "DEEP_STACK",
       "total_exposure_required_s": 3600, "priority": 70,
       "time_constraint_start": "2026-12-01T00:00:00Z", "time_constraint_end": "2026-12-31T00:00:00Z"}""";

  @BeforeAll
  static void start(CassandraTestNode node) {
    keyspace = TestKeyspace.shared(node);
    vertx = Vertx.vertx();
    Config config = Config.from(Map.of("HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1", "ADMIN_API_KEY", ADMIN_KEY));
    store = new Store(keyspace.session());
    vertx.eventBus().<JsonObject>consumer(org.openastro.events.EventAddresses.NODE_DOWNLINK, m -> DOWNLINK.add(m.body()));
    HttpApiVerticle http = ApiPlatform.server(config, store, ApiPlatform.hasher(config), REGISTRY,
        List.of(new MissionRoutes(Intake.of(store, vertx, config), store.missions(), store.tasks(),
                new MissionCancel(store, vertx.eventBus()), store.shared(MissionPages.class, MissionPages::new)),
            new VisibilityRoutes(-12)));
    Await.result(vertx.deployVerticle(http));
    base = "http://127.0.0.1:" + http.actualPort();
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body, ADMIN_KEY);
  }

  static HttpResponse<String> post(String path, String body, String key) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
        .header("authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void submittingNeedsAnApiKeyButReadingDoesNot() throws Exception {
    HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/missions"))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(MISSION)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(anonymous.body()).getString("error")).isEqualTo("unauthorized");
    String id = new JsonObject(post("/api/v1/missions", MISSION).body()).getString("mission_id");
    assertThat(get("/api/v1/missions/" + id).statusCode()).isEqualTo(200);
  }

  @Test
  void submitReadListAndTasks() throws Exception {
    HttpResponse<String> created = post("/api/v1/missions", MISSION);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject mission = new JsonObject(created.body());
    String id = mission.getString("mission_id");
    assertThat(mission.getString("status")).isEqualTo("PENDING");

    JsonObject read = new JsonObject(get("/api/v1/missions/" + id).body());
    assertThat(read.getDouble("total_exposure_required_s")).isEqualTo(3600.0);
    assertThat(read.getDouble("total_exposure_completed_s")).isEqualTo(0.0);
    assertThat(read.getInteger("priority")).isEqualTo(70);
    assertThat(read.getString("time_constraint_end")).isEqualTo("2026-12-31T00:00:00Z");

    JsonArray pending = listOf(new JsonObject(get("/api/v1/missions?status=PENDING").body()));
    assertThat(pending.stream().map(o -> ((JsonObject) o).getString("mission_id"))).contains(id);

    HttpResponse<String> tasks = get("/api/v1/missions/" + id + "/tasks");
    assertThat(tasks.statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/missions/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
  }

  /** The list may be wrapped ({"missions": [...]}) or bare; both carry mission objects. */
  private static JsonArray listOf(JsonObject body) {
    for (String key : body.fieldNames()) {
      if (body.getValue(key) instanceof JsonArray array) {
        return array;
      }
    }
    throw new AssertionError("no list in " + body);
  }

  static String issueKey(String principal) throws Exception {
    HttpResponse<String> r = post("/api/v1/api-keys", "{\"name\": \"" + principal + "\", \"role\": \"SUBMITTER\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getString("key");
  }

  @Test
  void cancelWhileATaskIsExecutingKeepsItsSecondsAndTellsTheNode() throws Exception {
    String alice = issueKey("alice-" + UUID.randomUUID());
    String bob = issueKey("bob-" + UUID.randomUUID());
    JsonObject created = new JsonObject(post("/api/v1/missions", MISSION.replace("\"priority\": 70",
        "\"priority\": 70, \"observation_type\": \"TIME_CRITICAL\""), alice).body());
    assertThat(created.getString("observation_type")).isEqualTo("TIME_CRITICAL");
    UUID missionId = UUID.fromString(created.getString("mission_id"));
    // One task EXECUTING on a node with 120 s delivered, one still queued.
    UUID nodeId = UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Await.result(store.nodes().register(new org.openastro.cql.node.Node(nodeId, org.openastro.domain.NodeStatus.ONLINE,
        28.76, -17.88, 2396, 300, 1.0, java.util.Set.of(), org.openastro.domain.MountType.EQ,
        org.openastro.domain.ControlProtocol.INDI, 0.5, null, "x", t0, t0)));
    org.openastro.cql.task.Task running = new org.openastro.cql.task.Task(UUID.randomUUID(), missionId, null, 1800, 0,
        org.openastro.domain.TaskStatus.PENDING, t0, t0.plusSeconds(7200), null, null, 70, t0, t0);
    org.openastro.cql.task.Task queued = new org.openastro.cql.task.Task(UUID.randomUUID(), missionId, null, 1800, 0,
        org.openastro.domain.TaskStatus.PENDING, t0, t0.plusSeconds(7200), null, null, 70, t0, t0);
    Await.result(store.tasks().create(running));
    Await.result(store.tasks().create(queued));
    assertThat(Await.result(store.nodeClaims().claim(nodeId, running.taskId()))).isTrue();
    assertThat(Await.result(store.transitions().assign(running, nodeId, t0, t0.plusSeconds(7200), t0))).isTrue();
    var progress = store.taskProgress();
    assertThat(Await.result(progress.apply(new org.openastro.cql.ingest.TaskProgress(nodeId, running.taskId(), 120,
        org.openastro.domain.TaskStatus.EXECUTING, List.of("s3://raw/1.fits"), Instant.now()))).kind().name())
        .isEqualTo("APPLIED");

    assertThat(post("/api/v1/missions/" + missionId + "/cancel", "", bob).statusCode()).isEqualTo(403);
    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/missions/" + missionId + "/cancel"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(401);
    HttpResponse<String> cancelled = post("/api/v1/missions/" + missionId + "/cancel", "", alice);
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    JsonObject m = new JsonObject(cancelled.body());
    assertThat(m.getString("status")).isEqualTo("CANCELLED");
    assertThat(m.getDouble("total_exposure_completed_s")).isEqualTo(120.0);

    var runningRow = Await.result(store.tasks().find(running.taskId())).orElseThrow();
    assertThat(runningRow.status()).isEqualTo(org.openastro.domain.TaskStatus.CANCELLED);
    assertThat(runningRow.exposureDeliveredS()).isEqualTo(120.0);
    assertThat(Await.result(store.tasks().find(queued.taskId())).orElseThrow().status())
        .isEqualTo(org.openastro.domain.TaskStatus.CANCELLED);
    assertThat(Await.result(store.nodeClaims().find(nodeId)).orElseThrow().currentTaskId()).isNull();
    var reason = keyspace.session().execute("SELECT reason FROM task_cancellations WHERE task_id = ?",
        running.taskId()).one();
    assertThat(reason.getString("reason")).isEqualTo("mission_cancelled");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> DOWNLINK.stream()
        .anyMatch(d -> running.taskId().toString().equals(d.getJsonObject("task").getString("task_id"))));
    JsonObject down = DOWNLINK.stream()
        .filter(d -> running.taskId().toString().equals(d.getJsonObject("task").getString("task_id"))).findFirst()
        .orElseThrow();
    assertThat(down.getString("type")).isEqualTo("cancellation");
    assertThat(down.getString("reason")).isEqualTo("mission_cancelled");
    assertThat(down.getString("node_id")).isEqualTo(nodeId.toString());
    assertThat(down.getJsonObject("task").getString("status")).isEqualTo("CANCELLED");
    // Only the running task had a node: the queued one is closed without a message.
    assertThat(DOWNLINK.stream().filter(d -> queued.taskId().toString().equals(d.getJsonObject("task")
        .getString("task_id")))).isEmpty();

    // The node's final report (the seconds it exposed until the cancellation reached it) is kept.
    var fin = Await.result(progress.apply(new org.openastro.cql.ingest.TaskProgress(nodeId, running.taskId(), 150,
        org.openastro.domain.TaskStatus.FAILED, List.of(), Instant.now())));
    assertThat(fin.kind().name()).isEqualTo("APPLIED");
    var after = Await.result(store.tasks().find(running.taskId())).orElseThrow();
    assertThat(after.status()).isEqualTo(org.openastro.domain.TaskStatus.CANCELLED);
    assertThat(after.exposureDeliveredS()).isEqualTo(150.0);
    assertThat(new JsonObject(get("/api/v1/missions/" + missionId).body()).getDouble("total_exposure_completed_s"))
        .isEqualTo(150.0);

    // Again: still 200 (idempotent); and a mission in a final state other than CANCELLED cannot be cancelled.
    assertThat(post("/api/v1/missions/" + missionId + "/cancel", "", alice).statusCode()).isEqualTo(200);
    assertThat(post("/api/v1/missions/" + UUID.randomUUID() + "/cancel", "", alice).statusCode()).isEqualTo(404);
    org.openastro.cql.mission.Mission done = Await.result(store.missions().find(missionId)).orElseThrow();
    UUID other = UUID.fromString(new JsonObject(post("/api/v1/missions", MISSION, alice).body()).getString("mission_id"));
    var otherRow = Await.result(store.missions().find(other)).orElseThrow();
    assertThat(Await.result(store.missionStates().move(otherRow, org.openastro.domain.MissionStatus.COMPLETE, 0)))
        .isTrue();
    HttpResponse<String> late = post("/api/v1/missions/" + other + "/cancel", "", alice);
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(late.body()).getString("field")).isEqualTo("status");
    assertThat(done.status()).isEqualTo(org.openastro.domain.MissionStatus.CANCELLED);
  }

  @Test
  void missionsArePagedInPriorityOrderWithoutRepeatsOrGaps() throws Exception {
    java.util.Set<String> mine = new java.util.HashSet<>();
    for (int p : new int[] {3, 3, 3, 2, 2, 1, 1}) {
      mine.add(new JsonObject(post("/api/v1/missions", MISSION.replace("\"priority\": 70", "\"priority\": " + p)
          .replace("DEEP_STACK", "ASTROMETRY")).body()).getString("mission_id"));
    }
    List<String> seen = new java.util.ArrayList<>();
    List<Integer> priorities = new java.util.ArrayList<>();
    String page = null;
    int pages = 0;
    do {
      HttpResponse<String> r = get("/api/v1/missions?status=PENDING&limit=2" + (page == null ? "" : "&page=" + page));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonObject body = new JsonObject(r.body());
      assertThat(body.getJsonArray("missions").size()).isLessThanOrEqualTo(2);
      for (Object o : body.getJsonArray("missions")) {
        seen.add(((JsonObject) o).getString("mission_id"));
        priorities.add(((JsonObject) o).getInteger("priority"));
      }
      page = body.getString("next_page");
      pages++;
    } while (page != null && pages < 10_000);
    assertThat(seen).doesNotHaveDuplicates().containsAll(mine);
    assertThat(priorities).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    HttpResponse<String> bad = get("/api/v1/missions?status=PENDING&page=not-a-token");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getString("field")).isEqualTo("page");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ra 360          | \"target_ra\": 83.82       | \"target_ra\": 360      | target_ra",
      "dec -91         | \"target_dec\": -5.39      | \"target_dec\": -91     | target_dec",
      "priority 0      | \"priority\": 70           | \"priority\": 0         | priority",
      "priority 101    | \"priority\": 70           | \"priority\": 101       | priority",
      "exposure 0      | \"total_exposure_required_s\": 3600 | \"total_exposure_required_s\": 0 | total_exposure_required_s",
      "unknown case    | \"DEEP_STACK\"             | \"BIRDWATCHING\"        | science_case",
      "end before start| \"2026-12-31T00:00:00Z\"   | \"2026-11-30T00:00:00Z\" | time_constraint_end",
      "airmass 0.9     | \"priority\": 70           | \"priority\": 70, \"max_airmass\": 0.9 | max_airmass",
      "moon sep 181    | \"priority\": 70           | \"priority\": 70, \"min_moon_separation_deg\": 181 | min_moon_separation_deg",
      "moon illum 1.5  | \"priority\": 70           | \"priority\": 70, \"max_moon_illumination\": 1.5 | max_moon_illumination",
      "hour angle 13   | \"priority\": 70           | \"priority\": 70, \"max_hour_angle_h\": 13 | max_hour_angle_h",
      "sun, not night  | \"priority\": 70           | \"priority\": 70, \"night_only\": false, \"sun_max_altitude_deg\": -18 | sun_max_altitude_deg",
      "frame 0 s       | \"priority\": 70           | \"priority\": 70, \"exposure_time_s\": 0 | exposure_time_s",
      "frames not whole| \"priority\": 70           | \"priority\": 70, \"exposure_time_s\": 1000 | exposure_time_s",
      "frame > total   | \"priority\": 70           | \"priority\": 70, \"exposure_time_s\": 7200 | exposure_time_s",
  })
  void invalidMissionIs400NamingTheField(String name, String from, String to, String field) throws Exception {
    double before = rejectedMissions();
    HttpResponse<String> response = post("/api/v1/missions", MISSION.replace(from, to));
    assertThat(rejectedMissions()).isEqualTo(before + 1);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonObject error = new JsonObject(response.body());
    assertThat(error.getString("field")).isEqualTo(field);
    assertThat(error.getString("message")).contains(field);
    assertThat(error.getString("error")).isNotBlank();
  }

  @Test
  void aMissionInFramesIsShownInFramesAndCountsOnlyWholeOnes() throws Exception {
    HttpResponse<String> created = post("/api/v1/missions", MISSION.replace("\"total_exposure_required_s\": 3600",
        "\"total_exposure_required_s\": 1800, \"exposure_time_s\": 600"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject m = new JsonObject(created.body());
    assertThat(m.getDouble("exposure_time_s")).isEqualTo(600.0);
    assertThat(m.getLong("frame_count")).isEqualTo(3L);
    assertThat(m.getLong("frames_completed")).isZero();
    UUID missionId = UUID.fromString(m.getString("mission_id"));
    // A node 100 s into its third frame: two frames count.
    UUID nodeId = UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    org.openastro.cql.task.Task task = new org.openastro.cql.task.Task(UUID.randomUUID(), missionId, null, 1800, 0,
        org.openastro.domain.TaskStatus.PENDING, t0, t0.plusSeconds(7200), null, null, 70, t0, t0);
    Await.result(store.tasks().create(task));
    assertThat(Await.result(store.transitions().assign(task, nodeId, t0, t0.plusSeconds(7200), t0))).isTrue();
    assertThat(Await.result(store.taskProgress().apply(new org.openastro.cql.ingest.TaskProgress(nodeId, task.taskId(),
        1300, org.openastro.domain.TaskStatus.EXECUTING, List.of(), Instant.now()))).kind().name()).isEqualTo("APPLIED");

    JsonObject read = new JsonObject(get("/api/v1/missions/" + missionId).body());
    assertThat(read.getDouble("total_exposure_completed_s")).isEqualTo(1200.0);
    assertThat(read.getLong("frames_completed")).isEqualTo(2L);
    JsonObject plain = new JsonObject(post("/api/v1/missions", MISSION).body());
    assertThat(plain.getValue("exposure_time_s")).isNull();
    assertThat(plain.getValue("frames_completed")).isNull();
  }

  @Test
  void observingConstraintsAreStoredAndShownAndAbsentOnesAreNull() throws Exception {
    String withConstraints = MISSION.replace("\"priority\": 70", "\"priority\": 70, \"max_airmass\": 1.5,"
        + " \"min_moon_separation_deg\": 30, \"max_moon_illumination\": 0.4, \"sun_max_altitude_deg\": -18,"
        + " \"max_hour_angle_h\": 3");
    HttpResponse<String> created = post("/api/v1/missions", withConstraints);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject read = new JsonObject(get("/api/v1/missions/" + new JsonObject(created.body()).getString("mission_id"))
        .body());
    assertThat(read.getDouble("max_airmass")).isEqualTo(1.5);
    assertThat(read.getDouble("min_moon_separation_deg")).isEqualTo(30.0);
    assertThat(read.getDouble("max_moon_illumination")).isEqualTo(0.4);
    assertThat(read.getDouble("sun_max_altitude_deg")).isEqualTo(-18.0);
    assertThat(read.getDouble("max_hour_angle_h")).isEqualTo(3.0);
    JsonObject plain = new JsonObject(post("/api/v1/missions", MISSION).body());
    assertThat(plain.containsKey("max_airmass")).isTrue();
    assertThat(plain.getValue("max_airmass")).isNull();
    assertThat(plain.getValue("sun_max_altitude_deg")).isNull();
  }

  @Test
  void visibilityConstraintsOnlyEverShortenTheWindows() throws Exception {
    String base = "/api/v1/visibility?lat=28.76&lon=-17.88&elev=2396&ra=83.82&dec=-5.39"
        + "&minAlt=30&from=2026-03-20T12:00:00Z&to=2026-03-23T12:00:00Z";
    long plain = total(windowsOf(base));
    assertThat(plain).isPositive();
    for (String extra : new String[] {"&maxAirmass=1.3", "&maxHa=1", "&sunMaxAlt=-18", "&minMoonSep=100",
        "&maxMoonIllum=0.1"}) {
      long constrained = total(windowsOf(base + extra));
      assertThat(constrained).as(extra).isLessThan(plain);
    }
    // every constraint off at its neutral value: the same windows
    assertThat(windowsOf(base + "&maxAirmass=1000&minMoonSep=0&maxMoonIllum=1&maxHa=12&sunMaxAlt=-12"))
        .isEqualTo(windowsOf(base));
  }

  private static JsonArray windowsOf(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body()).getJsonArray("windows");
  }

  private static double rejectedMissions() {
    return REGISTRY.find("openastro.http.requests.rejected").tag("route", "POST /api/v1/missions").counters()
        .stream().mapToDouble(c -> c.count()).sum();
  }

  @Test
  void visibilityAnswersWindowsInsideTheSpan() throws Exception {
    // Orion from La Palma on a March night: visible in the evening, after nautical dusk.
    HttpResponse<String> response = get("/api/v1/visibility?lat=28.76&lon=-17.88&elev=2396&ra=83.82&dec=-5.39"
        + "&minAlt=30&from=2026-03-20T12:00:00Z&to=2026-03-21T12:00:00Z&night=true");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray windows = new JsonObject(response.body()).getJsonArray("windows");
    assertThat(windows).isNotEmpty();
    Instant from = Instant.parse("2026-03-20T12:00:00Z");
    Instant to = Instant.parse("2026-03-21T12:00:00Z");
    for (Object o : windows) {
      JsonObject w = (JsonObject) o;
      Instant start = Instant.parse(w.getString("start"));
      Instant end = Instant.parse(w.getString("end"));
      assertThat(start).isBeforeOrEqualTo(end).isAfterOrEqualTo(from);
      assertThat(end).isBeforeOrEqualTo(to);
      assertThat(w.getString("start")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }
    // the Sun limit only ever shortens the windows
    JsonArray allDay = new JsonObject(get("/api/v1/visibility?lat=28.76&lon=-17.88&elev=2396&ra=83.82&dec=-5.39"
        + "&minAlt=30&from=2026-03-20T12:00:00Z&to=2026-03-21T12:00:00Z&night=false").body()).getJsonArray("windows");
    assertThat(total(allDay)).isGreaterThan(total(windows));
  }

  private static long total(JsonArray windows) {
    long seconds = 0;
    for (Object o : windows) {
      JsonObject w = (JsonObject) o;
      seconds += Instant.parse(w.getString("end")).getEpochSecond() - Instant.parse(w.getString("start")).getEpochSecond();
    }
    return seconds;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing lat | lon=0&ra=10&dec=10                       | lat",
      "lat 95      | lat=95&lon=0&ra=10&dec=10                | lat",
      "dec text    | lat=10&lon=0&ra=10&dec=north             | dec",
      "to < from   | lat=10&lon=0&ra=10&dec=10&from=2026-03-21T00:00:00Z&to=2026-03-20T00:00:00Z | to",
      "airmass 0.5 | lat=10&lon=0&ra=10&dec=10&maxAirmass=0.5   | maxAirmass",
      "moon sep -1 | lat=10&lon=0&ra=10&dec=10&minMoonSep=-1    | minMoonSep",
      "illum 2     | lat=10&lon=0&ra=10&dec=10&maxMoonIllum=2   | maxMoonIllum",
      "sun 91      | lat=10&lon=0&ra=10&dec=10&sunMaxAlt=91     | sunMaxAlt",
      "ha 12.5     | lat=10&lon=0&ra=10&dec=10&maxHa=12.5       | maxHa",
      "airmass txt | lat=10&lon=0&ra=10&dec=10&maxAirmass=low   | maxAirmass",
  })
  void badVisibilityParameterIs400NamingIt(String name, String query, String parameter) throws Exception {
    HttpResponse<String> response = get("/api/v1/visibility?" + query);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getString("field")).isEqualTo(parameter);
  }
}
