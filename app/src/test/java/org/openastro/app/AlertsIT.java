package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openastro.alerts.AlertReader;
import org.openastro.alerts.Samples;
import org.openastro.api.ApiPlatform;
import org.openastro.api.auth.SecretHasher;
import org.openastro.api.http.HttpApiVerticle;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.ScienceCase;
import org.openastro.gateway.Gateway;
import org.openastro.gateway.mqtt.MqttGatewayVerticle;
import org.openastro.scheduler.SchedulerVerticle;
import org.openastro.scheduler.intake.Intake;
import org.openastro.scheduler.run.SchedulerAssembly;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * {@code POST /api/v1/alerts} over a real socket, with the real gateway (HTTP + MQTT), the real
 * scheduler and the real Cassandra node: each sample format becomes the right mission, a repeat
 * becomes none, bad alerts become nothing, keys and roles are checked, and an alert reaches a
 * connected telescope's MQTT downlink as a task although the mission sweep is set to an hour
 * (so only the MISSION_CREATED trigger can have planned it).
 */
@ExtendWith(CassandraExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsIT {
  static final String ADMIN_KEY = "oak_alerts-it-admin-key-000000000000000000";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final AlertReader READER = new AlertReader();

  static TestKeyspace keyspace;
  static Vertx vertx;
  static Gateway gateway;
  static SecretHasher hasher;
  static Store store;
  static HttpApiVerticle http;
  static MqttGatewayVerticle mqtt;
  static SimpleMeterRegistry registry;
  static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor();

  @BeforeAll
  static void start(CassandraTestNode node) {
    // Its own keyspace: the scheduler scans the pending queue and the node lists.
    keyspace = TestKeyspace.create(node, "alerts");
    Config config = Config.from(Map.of("HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1", "MQTT_PORT", "0",
        "MQTT_HOST", "127.0.0.1", "AUTH_BCRYPT_COST", "4", "ADMIN_API_KEY", ADMIN_KEY,
        "SCHEDULER_TICK", "200ms", "SCHEDULER_MISSION_SWEEP", "1h"));
    vertx = Vertx.vertx();
    registry = new SimpleMeterRegistry();
    store = new Store(keyspace.session());
    hasher = ApiPlatform.hasher(config);
    gateway = new Gateway(config, store, hasher, registry);
    http = ApiPlatform.server(config, store, hasher, registry, RouteGroups.of(vertx, config, store, gateway, registry,
        Intake.of(store, vertx, config)));
    mqtt = new MqttGatewayVerticle(gateway);
    SchedulerAssembly scheduler = SchedulerAssembly.build(store, config, new SimpleMeterRegistry());
    Await.result(vertx.deployVerticle(new SchedulerVerticle(scheduler)));
    Await.result(vertx.deployVerticle(http));
    Await.result(vertx.deployVerticle(mqtt));
  }

  @AfterAll
  static void stop() {
    HEARTBEATS.shutdownNow();
    Await.result(vertx.close());
    hasher.close();
    keyspace.close();
  }

  @Test
  @Order(1)
  void anAlertReachesTheDownlinkOfANodeThatSeesTheTargetNow() throws Exception {
    NightSky sky = NightSky.now(Instant.now());
    JsonObject registered = new JsonObject(send("POST", "/api/v1/nodes", "application/json", new JsonObject()
        .put("location", new JsonObject().put("lat", sky.site().latitudeDeg()).put("lon", sky.site().longitudeDeg())
            .put("elevation_m", 100))
        .put("aperture_mm", 300).put("fov_deg", 1.0).put("mount_type", "EQ").put("control_protocol", "INDI")
        .encode(), ADMIN_KEY).body());
    String nodeId = registered.getString("node_id");
    BlockingQueue<JsonObject> downlink = new LinkedBlockingQueue<>();
    Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(nodeId).serverHost("127.0.0.1")
        .serverPort(mqtt.actualPort()).simpleAuth().username(nodeId)
        .password(registered.getString("secret").getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildBlocking();
    client.connectWith().keepAlive(60).send();
    try {
      client.toAsync().subscribeWith().topicFilter("openastro/v1/nodes/" + nodeId + "/tasks")
          .qos(MqttQos.AT_LEAST_ONCE)
          .callback(p -> downlink.add(new JsonObject(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))))
          .send().join();
      HEARTBEATS.scheduleAtFixedRate(() -> client.toAsync().publishWith()
          .topic("openastro/v1/nodes/" + nodeId + "/heartbeat").qos(MqttQos.AT_LEAST_ONCE)
          .payload("{\"status\": \"ONLINE\"}".getBytes(StandardCharsets.UTF_8)).send(), 0, 1, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(new JsonObject(send("GET", "/api/v1/nodes/" + nodeId, null, null, null).body())
              .getString("status")).isEqualTo("ONLINE"));

      String notice = Samples.text("einstein-probe-wxt.json")
          .replace("\"ra\": 54.912", "\"ra\": " + sky.target().raDeg())
          .replace("\"dec\": 27.336", "\"dec\": " + sky.target().decDeg())
          .replace("01709116233", "e2e" + System.nanoTime());
      HttpResponse<String> accepted = send("POST", "/api/v1/alerts", "application/json", notice, ADMIN_KEY);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
      String missionId = new JsonObject(accepted.body()).getString("mission_id");

      // The mission sweep runs hourly here: only the MISSION_CREATED trigger can plan it this soon.
      JsonObject assignment = await().atMost(Duration.ofSeconds(20)).until(downlink::poll, m -> m != null);
      assertThat(assignment.getString("type")).isEqualTo("assignment");
      assertThat(assignment.getJsonObject("task").getString("mission_id")).isEqualTo(missionId);
      assertThat(assignment.getJsonObject("task").getString("assigned_node_id")).isEqualTo(nodeId);
    } finally {
      HEARTBEATS.shutdownNow();
      client.disconnect();
    }
  }

  @ParameterizedTest
  @CsvSource({
      "swift-bat-guano.json, application/json, GCN:swift:763617531, GRB_FOLLOWUP, 95, 1800, 6, 201.37, -43.019, gcn_json",
      "fermi-gbm-ground-position.json, application/json, GCN:fermi:770679779, GRB_FOLLOWUP, 95, 1800, 6, 183.602, 12.415, gcn_json",
      "einstein-probe-wxt.json, application/json, GCN:einstein_probe:01709116233, TRANSIENT_FOLLOWUP, 85, 1800, 12, 54.912, 27.336, gcn_json",
      "icecube-gold-track.json, application/json, GCN:icecube:140712_18823301, TRANSIENT_FOLLOWUP, 80, 3600, 24, 96.47, 5.88, gcn_json",
      "swift-bat-grb-pos.voevent.xml, application/xml, GCN:swift:1287514, GRB_FOLLOWUP, 95, 1800, 6, 148.2217, 31.6504, voevent",
      "tns-object.json, application/json, TNS:2025qfk, DEEP_STACK, 40, 7200, 336, 123.66129, 45.36834, tns"})
  @Order(2)
  void eachSampleCreatesTheMissionItsRuleAsksFor(String sample, String contentType, String alertSourceId,
      ScienceCase scienceCase, int priority, double exposureS, long windowHours, double ra, double dec,
      String format) throws Exception {
    Instant before = Instant.now();
    HttpResponse<String> response = send("POST", "/api/v1/alerts", contentType, Samples.text(sample), ADMIN_KEY);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonObject body = new JsonObject(response.body());
    UUID id = UUID.fromString(body.getString("mission_id"));
    assertThat(response.headers().firstValue("location")).contains("/api/v1/missions/" + id);
    assertThat(body.getString("alert_source_id")).isEqualTo(alertSourceId);
    assertThat(body.getJsonObject("alert").getString("format")).isEqualTo(format);

    Mission stored = Await.result(store.missions().find(id)).orElseThrow();
    assertThat(stored.alertSourceId()).isEqualTo(alertSourceId);
    assertThat(stored.scienceCase()).isEqualTo(scienceCase);
    assertThat(stored.priority()).isEqualTo(priority);
    assertThat(stored.totalExposureRequiredS()).isEqualTo(exposureS);
    assertThat(stored.targetRa()).isEqualTo(ra);
    assertThat(stored.targetDec()).isEqualTo(dec);
    assertThat(stored.owner()).isEqualTo("admin");
    assertThat(stored.timeConstraintStart()).isBetween(before, Instant.now());
    assertThat(Duration.between(stored.timeConstraintStart(), stored.timeConstraintEnd()))
        .isEqualTo(Duration.ofHours(windowHours));
  }

  @Test
  @Order(3)
  void theSameEventTwiceIsOneMissionAndANoticeNotNewerLeavesItUnchanged() throws Exception {
    String first = Samples.text("swift-bat-guano.json").replace("763617531", "763699001");
    HttpResponse<String> created = send("POST", "/api/v1/alerts", "application/json", first, ADMIN_KEY);
    HttpResponse<String> again = send("POST", "/api/v1/alerts", "application/json", first, ADMIN_KEY);
    // Another position issued at the same time as the stored notice: not newer, so not applied.
    HttpResponse<String> sameTime = send("POST", "/api/v1/alerts", "application/json",
        first.replace("\"ra\": 201.37", "\"ra\": 201.52").replace("\"record_number\": 2", "\"record_number\": 3"),
        ADMIN_KEY);
    // Issued before it: stale.
    HttpResponse<String> older = send("POST", "/api/v1/alerts", "application/json",
        first.replace("\"ra\": 201.37", "\"ra\": 201.60").replace("2025-03-14T04:12:51Z", "2025-03-14T04:00:00Z"),
        ADMIN_KEY);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject c = new JsonObject(created.body());
    assertThat(c.getString("outcome")).isEqualTo("created");
    assertThat(c.getDouble("error_radius_deg")).isEqualTo(0.0583);
    assertThat(c.getString("alert_notice_at")).isEqualTo("2025-03-14T04:12:51Z");
    for (HttpResponse<String> repeat : List.of(again, sameTime, older)) {
      assertThat(repeat.statusCode()).as(repeat.body()).isEqualTo(200);
      JsonObject r = new JsonObject(repeat.body());
      assertThat(r.getString("mission_id")).isEqualTo(c.getString("mission_id"));
      assertThat(r.getString("created_at")).isEqualTo(c.getString("created_at"));
      assertThat(r.getDouble("target_ra")).isEqualTo(201.37);
      assertThat(r.getJsonArray("changed")).isEmpty();
    }
    assertThat(new JsonObject(again.body()).getString("outcome")).isEqualTo("unchanged");
    assertThat(new JsonObject(sameTime.body()).getString("outcome")).isEqualTo("stale");
    assertThat(new JsonObject(older.body()).getString("outcome")).isEqualTo("stale");
    assertThat(new JsonObject(send("GET", "/api/v1/missions/" + c.getString("mission_id"), null, null, null).body())
        .getDouble("target_ra")).isEqualTo(201.37);
  }

  @Test
  @Order(5)
  void aRetractionOfAnUnknownEventIsAcceptedAndRecordedAndATestNoticeIsIgnored() throws Exception {
    double recordedBefore = outcomes("retraction_recorded");
    double ignoredBefore = outcomes("ignored_test");
    String retraction = Samples.text("swift-bat-guano-retraction.json").replace("763617531", "763617999");
    UUID id = READER.read(null, retraction).missionId();
    HttpResponse<String> accepted = send("POST", "/api/v1/alerts", "application/json", retraction, ADMIN_KEY);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    JsonObject body = new JsonObject(accepted.body());
    assertThat(body.getString("outcome")).isEqualTo("retraction_recorded");
    assertThat(body.getString("mission_id")).isNull();
    assertThat(body.getString("alert_source_id")).isEqualTo("GCN:swift:763617999");
    assertThat(body.getJsonObject("alert").getBoolean("retraction")).isTrue();
    assertThat(Await.result(store.missions().find(id))).isEmpty();
    // Its event's first notice, arriving after it, makes no mission either.
    HttpResponse<String> late = send("POST", "/api/v1/alerts", "application/json",
        Samples.text("swift-bat-guano.json").replace("763617531", "763617999"), ADMIN_KEY);
    assertThat(late.statusCode()).as(late.body()).isEqualTo(202);
    assertThat(new JsonObject(late.body()).getString("outcome")).isEqualTo("retracted_event");
    assertThat(Await.result(store.missions().find(id))).isEmpty();

    for (String test : List.of(
        Samples.text("swift-bat-guano.json").replace("763617531", "763617998").replace("\"current\"", "\"test\""),
        Samples.text("lvk-mock-preliminary.json"),
        Samples.text("swift-bat-grb-pos.voevent.xml").replace("1287514", "1287998").replace("role=\"observation\"",
            "role=\"test\""))) {
      String contentType = test.startsWith("<") ? "application/xml" : "application/json";
      HttpResponse<String> ignored = send("POST", "/api/v1/alerts", contentType, test, ADMIN_KEY);
      assertThat(ignored.statusCode()).as(ignored.body()).isEqualTo(202);
      JsonObject i = new JsonObject(ignored.body());
      assertThat(i.getString("outcome")).isEqualTo("ignored_test");
      assertThat(i.getJsonObject("alert").getBoolean("test")).isTrue();
      assertThat(Await.result(store.missions().find(READER.read(null, test).missionId()))).isEmpty();
    }
    assertThat(outcomes("retraction_recorded") - recordedBefore).isEqualTo(1);
    assertThat(outcomes("ignored_test") - ignoredBefore).isEqualTo(3);
  }

  static double outcomes(String outcome) {
    return registry.get("openastro.alerts.notices").tag("via", "http").tag("outcome", outcome).counter().count();
  }

  @Test
  @Order(4)
  void concurrentPostsOfOneEventMakeOneMission() throws Exception {
    String notice = Samples.text("icecube-gold-track.json").replace("140712_18823301", "140799_1");
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> posts = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      posts.add(HTTP.sendAsync(request("POST", "/api/v1/alerts", "application/json", notice, ADMIN_KEY),
          HttpResponse.BodyHandlers.ofString()));
    }
    List<HttpResponse<String>> answers = posts.stream().map(java.util.concurrent.CompletableFuture::join).toList();
    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 201);
    assertThat(answers).filteredOn(r -> r.statusCode() == 201).hasSizeLessThanOrEqualTo(1);
    assertThat(answers).extracting(r -> new JsonObject(r.body()).getString("created_at")).containsOnly(
        new JsonObject(answers.get(0).body()).getString("created_at"));
  }

  @Test
  @Order(6)
  void unparseableAlertsAre400NamingTheProblemAndCreateNothing() throws Exception {
    String wrongDec = Samples.text("einstein-probe-wxt.json").replace("01709116233", "01709110000")
        .replace("\"dec\": 27.336", "\"dec\": 127.336");
    String noPosition = Samples.text("swift-bat-grb-pos.voevent.xml").replace("1287514", "1287999")
        .replaceAll("(?s)<Position2D.*</Position2D>", "");
    // Its sky map is cut short (the sample carries only the FITS header's start): a 400 naming it.
    assertRefused(Samples.text("lvk-mock-preliminary.json").replace("MS250501abc", "S250501abc"), "application/json",
        "invalid_skymap", "event.skymap", READER.read(null, Samples.text("lvk-retraction.json").replace("S230518h",
            "S250501abc")).missionId());
    assertRefused(wrongDec, "application/json", "invalid_field", "dec",
        READER.read(null, wrongDec.replace("127.336", "27.336")).missionId());
    assertRefused(noPosition, "application/xml", "missing_field", "Position2D", null);
    assertRefused("{\"objname\": \"2025zzz\", \"radeg\": 10", "application/json", "invalid_json", null, null);
    assertRefused("{\"hello\": \"world\"}", "application/json", "unsupported_alert", null, null);
    assertRefused("<VOEvent><unclosed></VOEvent>", "text/xml", "invalid_xml", null, null);
  }

  @Test
  @Order(7)
  void anonymousCallersGet401AndPipelineKeys403() throws Exception {
    String notice = Samples.text("fermi-gbm-ground-position.json").replace("770679779", "770600001");
    UUID id = READER.read(null, notice).missionId();
    HttpResponse<String> anonymous = send("POST", "/api/v1/alerts", "application/json", notice, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(anonymous.body()).getString("error")).isEqualTo("unauthorized");

    HttpResponse<String> issued = send("POST", "/api/v1/api-keys", "application/json",
        "{\"name\": \"stacker\", \"role\": \"PIPELINE\"}", ADMIN_KEY);
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    String pipelineKey = new JsonObject(issued.body()).getString("key");
    HttpResponse<String> pipeline = send("POST", "/api/v1/alerts", "application/json", notice, pipelineKey);
    assertThat(pipeline.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(pipeline.body()).getString("error")).isEqualTo("forbidden");
    assertThat(Await.result(store.missions().find(id))).isEmpty();

    HttpResponse<String> submitterKey = send("POST", "/api/v1/api-keys", "application/json",
        "{\"name\": \"bob\", \"role\": \"SUBMITTER\"}", ADMIN_KEY);
    String bob = new JsonObject(submitterKey.body()).getString("key");
    HttpResponse<String> submitted = send("POST", "/api/v1/alerts", "application/json", notice, bob);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    assertThat(Await.result(store.missions().find(id)).map(Mission::owner)).contains("bob");
  }

  private static void assertRefused(String body, String contentType, String code, String field, UUID mustNotExist)
      throws Exception {
    HttpResponse<String> r = send("POST", "/api/v1/alerts", contentType, body, ADMIN_KEY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonObject error = new JsonObject(r.body());
    assertThat(error.getString("error")).as(r.body()).isEqualTo(code);
    assertThat(error.getString("field")).as(r.body()).isEqualTo(field);
    assertThat(error.getString("message")).isNotBlank();
    if (mustNotExist != null) {
      Optional<Mission> found = Await.result(store.missions().find(mustNotExist));
      assertThat(found).isEmpty();
    }
  }

  static HttpRequest request(String method, String path, String contentType, String body, String bearer) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.actualPort() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      b.header("content-type", contentType);
    }
    if (bearer != null) {
      b.header("authorization", "Bearer " + bearer);
    }
    return b.build();
  }

  static HttpResponse<String> send(String method, String path, String contentType, String body, String bearer)
      throws Exception {
    return HTTP.send(request(method, path, contentType, body, bearer), HttpResponse.BodyHandlers.ofString());
  }
}
