package org.openastro.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openastro.api.auth.Secrets;
import org.openastro.cql.testing.Await;
import org.yaml.snakeyaml.Yaml;

/**
 * Every request to a documented operation is checked against the OpenAPI document before its
 * route runs, over a real socket. The routes here are stand-ins that only record that they ran
 * (and, for the upload, stream and hash the body), so what is refused is refused by the document.
 */
class OpenApiValidationIT {
  static final int MAX_BODY = 2048;
  static final String MISSION = """
      {"target_ra": 83.82, "target_dec": -5.39, "science_case": "DEEP_STACK",
       "total_exposure_required_s": 3600, "priority": 70,
       "time_constraint_start": "2026-12-01T00:00:00Z", "time_constraint_end": "2026-12-31T00:00:00Z"}""";
  static final String NODE = """
      {"location": {"lat": 28.76, "lon": -17.88, "elevation_m": 2396},
       "aperture_mm": 356, "fov_deg": 0.8, "filters": ["V", "R", "Ha"],
       "mount_type": "EQ", "control_protocol": "INDI"}""";
  static final String SHA = "a".repeat(64);

  static Vertx vertx;
  static SimpleMeterRegistry registry = new SimpleMeterRegistry();
  static HttpClient http = HttpClient.newHttpClient();
  static String base;
  /** operationId-like name of the stand-in route that ran → times */
  static Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
  static AtomicInteger authenticated = new AtomicInteger();
  static AtomicLong uploadedBytes = new AtomicLong();
  static volatile String uploadedSha;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    ApiRoutes standIns = router -> {
      standIn("POST", "/api/v1/nodes", "registerNode", router);
      standIn("GET", "/api/v1/nodes/:nodeId", "getNode", router);
      standIn("POST", "/api/v1/missions", "createMission", router);
      standIn("GET", "/api/v1/missions", "listMissions", router);
      standIn("GET", "/api/v1/missions/:missionId", "getMission", router);
      standIn("GET", "/api/v1/visibility", "visibility", router);
      standIn("POST", "/api/v1/alerts", "submitAlert", router);
      standIn("POST", "/api/v1/api-keys", "createApiKey", router);
      standIn("POST", "/api/v1/artifacts", "registerArtifact", router);
      standIn("GET", "/api/v1/nodes/:nodeId/tasks", "tasks", router);
      // as the node routes do: the bearer is checked by the route itself
      router.post("/api/v1/nodes/:nodeId/heartbeat").handler(ctx -> {
        count("heartbeat");
        String bearer = ctx.request().getHeader("authorization");
        if (bearer == null) {
          ctx.fail(new ApiException(new ApiError(401, "unauthorized", "no secret", null)));
        } else {
          ctx.response().setStatusCode(204).end();
        }
      });
      // the streamed upload: reads and hashes the body itself, as the artifact route will
      router.put("/api/v1/artifacts/:artifactId/content").handler(ctx -> {
        count("uploadArtifactContent");
        MessageDigest sha = sha256();
        AtomicLong bytes = new AtomicLong();
        ctx.request().handler(chunk -> {
          bytes.addAndGet(chunk.length());
          sha.update(chunk.getBytes());
        });
        ctx.request().endHandler(v -> {
          uploadedBytes.set(bytes.get());
          uploadedSha = HexFormat.of().formatHex(sha.digest());
          ctx.response().setStatusCode(201).end();
        });
        ctx.request().resume();
      });
    };
    // authentication sees the buffered body (it runs after the body limit) and runs before validation
    HttpApiVerticle verticle = new HttpApiVerticle("127.0.0.1", 0, MAX_BODY, List.of(standIns), registry, ctx -> {
      authenticated.incrementAndGet();
      ctx.put("authenticated", true);
      ctx.next();
    });
    Await.result(vertx.deployVerticle(verticle));
    base = "http://127.0.0.1:" + verticle.actualPort();
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  static void standIn(String method, String path, String name, io.vertx.ext.web.Router router) {
    router.route(io.vertx.core.http.HttpMethod.valueOf(method), path).handler(ctx -> {
      assertThat((Boolean) ctx.get("authenticated")).isTrue();
      count(name);
      Responses.json(ctx, 200, new JsonObject().put("handled", name));
    });
  }

  static void count(String name) {
    handled.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
  }

  static int handled(String name) {
    AtomicInteger n = handled.get(name);
    return n == null ? 0 : n.get();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> send(String method, String path, String contentType, String body, String bearer)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (contentType != null) {
      request.header("content-type", contentType);
    }
    if (bearer != null) {
      request.header("authorization", "Bearer " + bearer);
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static double rejected(String route, String code) {
    Counter c = registry.find("openastro.http.requests.rejected").tag("route", route).tag("error", code).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void servesTheDocumentItEnforces() throws Exception {
    HttpResponse<String> response = send("GET", "/openapi.yaml", null, null, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/yaml");
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(ApiContract.RESOURCE)) {
      assertThat(response.body()).isEqualTo(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
    Map<String, Object> doc = new Yaml().load(response.body());
    assertThat(doc.get("openapi")).isEqualTo("3.1.0");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "registerNode     | POST | /api/v1/nodes                        | application/json | NODE",
      "createMission    | POST | /api/v1/missions                     | application/json | MISSION",
      "createMission    | POST | /api/v1/missions                     | application/json; charset=UTF-8 | {\"mission_id\": \"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b\", \"target_ra\": 0, \"target_dec\": 90, \"science_case\": \"GRB_FOLLOWUP\", \"total_exposure_required_s\": 0.5, \"priority\": 100, \"alert_source_id\": null, \"night_only\": false, \"required_filters\": [\"V\"], \"min_altitude_deg\": 0}",
      "listMissions     | GET  | /api/v1/missions?status=PENDING&limit=1000 | | ",
      "getMission       | GET  | /api/v1/missions/3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b | | ",
      "visibility       | GET  | /api/v1/visibility?lat=28.76&lon=-17.88&elev=2396&ra=83.82&dec=-5.39&minAlt=30&from=2026-03-20T12:00:00Z&to=2026-03-21T12:00:00Z&night=true | | ",
      "submitAlert      | POST | /api/v1/alerts                       | application/json | {\"trigger_id\": 1234567, \"ra\": 83.8, \"dec\": -5.4}",
      "submitAlert      | POST | /api/v1/alerts                       | application/xml  | <voe:VOEvent ivorn=\"ivo://nasa.gsfc.gcn/SWIFT#BAT_GRB_Pos_1234567\"/>",
      "submitAlert      | POST | /api/v1/alerts                       | text/xml         | <voe:VOEvent ivorn=\"ivo://x\"/>",
      "createApiKey     | POST | /api/v1/api-keys                     | application/json | {\"name\": \"photometry-pipeline\", \"role\": \"PIPELINE\"}",
      "registerArtifact | POST | /api/v1/artifacts                    | application/json | {\"mission_id\": \"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b\", \"artifact_type\": \"STACKED_FITS\", \"sha256\": \"SHA\", \"contributing_node_ids\": [\"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1c\"], \"public_after\": null}",
  })
  void validRequestsReachTheirRoute(String operation, String method, String path, String contentType, String body)
      throws Exception {
    int before = handled(operation);
    String payload = body == null ? null : body.replace("NODE", NODE).replace("MISSION", MISSION).replace("SHA", SHA);
    if ("MISSION".equals(body)) {
      payload = MISSION;
    }
    HttpResponse<String> response = send(method, path, contentType, payload, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getString("handled")).isEqualTo(operation);
    assertThat(handled(operation)).isEqualTo(before + 1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "mission priority 500    | POST | /api/v1/missions | application/json | \"priority\": 70 > \"priority\": 500 | 400 | invalid_field | priority",
      "mission priority 7.5    | POST | /api/v1/missions | application/json | \"priority\": 70 > \"priority\": 7.5 | 400 | invalid_field | priority",
      "mission wrong enum      | POST | /api/v1/missions | application/json | DEEP_STACK > BIRDWATCHING | 400 | invalid_field | science_case",
      "mission lower-case enum | POST | /api/v1/missions | application/json | DEEP_STACK > deep_stack | 400 | invalid_field | science_case",
      "mission missing field   | POST | /api/v1/missions | application/json | \"priority\": 70, > | 400 | missing_field | priority",
      "mission unknown field   | POST | /api/v1/missions | application/json | \"priority\" > \"priorty\" | 400 | unknown_field | priorty",
      "mission ra 360          | POST | /api/v1/missions | application/json | 83.82 > 360 | 400 | invalid_field | target_ra",
      "mission exposure 0      | POST | /api/v1/missions | application/json | 3600 > 0 | 400 | invalid_field | total_exposure_required_s",
      "mission bad time        | POST | /api/v1/missions | application/json | 2026-12-01T00:00:00Z > next tuesday | 400 | invalid_field | time_constraint_start",
      "mission id not a UUID   | POST | /api/v1/missions | application/json | {\"target_ra\" > {\"mission_id\": \"42\", \"target_ra\" | 400 | invalid_field | mission_id",
      "mission empty filter    | POST | /api/v1/missions | application/json | {\"target_ra\" > {\"required_filters\": [\"V\", \" \"], \"target_ra\" | 400 | invalid_field | required_filters",
      "mission array body      | POST | /api/v1/missions | application/json | * > [1, 2] | 400 | invalid_json |",
      "mission broken JSON     | POST | /api/v1/missions | application/json | * > {\"target_ra\": | 400 | invalid_json |",
      "mission empty body      | POST | /api/v1/missions | application/json | * > | 400 | invalid_json |",
      "mission as text         | POST | /api/v1/missions | text/plain       | = | 415 | unsupported_media_type | content-type",
      "mission no content type | POST | /api/v1/missions |                  | = | 415 | unsupported_media_type | content-type",
      "mission id in path      | GET  | /api/v1/missions/not-a-uuid | | | 400 | invalid_field | mission_id",
      "missions wrong status   | GET  | /api/v1/missions?status=DONE | | | 400 | invalid_field | status",
      "missions no status      | GET  | /api/v1/missions | | | 400 | missing_field | status",
      "missions limit 5000     | GET  | /api/v1/missions?status=PENDING&limit=5000 | | | 400 | invalid_field | limit",
      "visibility lat 95       | GET  | /api/v1/visibility?lat=95&lon=0&ra=10&dec=10 | | | 400 | invalid_field | lat",
      "visibility dec text     | GET  | /api/v1/visibility?lat=10&lon=0&ra=10&dec=north | | | 400 | invalid_field | dec",
      "visibility no ra        | GET  | /api/v1/visibility?lat=10&lon=0&dec=10 | | | 400 | missing_field | ra",
      "visibility ra 360       | GET  | /api/v1/visibility?lat=10&lon=0&ra=360&dec=10 | | | 400 | invalid_field | ra",
      "visibility night maybe  | GET  | /api/v1/visibility?lat=10&lon=0&ra=10&dec=10&night=maybe | | | 400 | invalid_field | night",
      "node lat 95             | POST | /api/v1/nodes | application/json | \"lat\": 28.76 > \"lat\": 95 | 400 | invalid_field | location.lat",
      "node no lon             | POST | /api/v1/nodes | application/json | , \"lon\": -17.88 > | 400 | missing_field | location.lon",
      "node misspelt field     | POST | /api/v1/nodes | application/json | \"aperture_mm\" > \"aperture\" | 400 | unknown_field | aperture",
      "node id in path         | GET  | /api/v1/nodes/42 | | | 400 | invalid_field | node_id",
      "alert as a form         | POST | /api/v1/alerts | application/x-www-form-urlencoded | * > ra=1 | 415 | unsupported_media_type | content-type",
      "alert JSON array        | POST | /api/v1/alerts | application/json | * > [] | 400 | invalid_json |",
      "api key wrong role      | POST | /api/v1/api-keys | application/json | * > {\"name\": \"x\", \"role\": \"ROOT\"} | 400 | invalid_field | role",
      "api key bad name        | POST | /api/v1/api-keys | application/json | * > {\"name\": \"-x\", \"role\": \"ADMIN\"} | 400 | invalid_field | name",
      "artifact short sha      | POST | /api/v1/artifacts | application/json | * > {\"mission_id\": \"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b\", \"artifact_type\": \"RAW_FITS\", \"sha256\": \"abc\"} | 400 | invalid_field | sha256",
      "artifact wrong type     | POST | /api/v1/artifacts | application/json | * > {\"mission_id\": \"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b\", \"artifact_type\": \"JPEG\", \"sha256\": \"SHA\"} | 400 | invalid_field | artifact_type",
      "artifact bad node id    | POST | /api/v1/artifacts | application/json | * > {\"mission_id\": \"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b\", \"artifact_type\": \"RAW_FITS\", \"sha256\": \"SHA\", \"contributing_node_ids\": [\"x\"]} | 400 | invalid_field | contributing_node_ids",
      "artifact no mission     | POST | /api/v1/artifacts | application/json | * > {\"artifact_type\": \"RAW_FITS\", \"sha256\": \"SHA\"} | 400 | missing_field | mission_id",
      "artifact short mission  | POST | /api/v1/artifacts | application/json | * > {\"mission_id\": \"1-1-1-1-1\", \"artifact_type\": \"RAW_FITS\", \"sha256\": \"SHA\"} | 400 | invalid_field | mission_id",
      "artifact no type        | POST | /api/v1/artifacts | application/json | * > {\"mission_id\": \"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b\", \"sha256\": \"SHA\"} | 400 | missing_field | artifact_type",
      "artifact no sha         | POST | /api/v1/artifacts | application/json | * > {\"mission_id\": \"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b\", \"artifact_type\": \"RAW_FITS\"} | 400 | missing_field | sha256",
      "artifact sha not hex    | POST | /api/v1/artifacts | application/json | * > {\"mission_id\": \"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b\", \"artifact_type\": \"RAW_FITS\", \"sha256\": \"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\"} | 400 | invalid_field | sha256",
      "artifact number path    | POST | /api/v1/artifacts | application/json | * > {\"mission_id\": \"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b\", \"artifact_type\": \"RAW_FITS\", \"sha256\": \"SHA\", \"object_storage_path\": 7} | 400 | invalid_field | object_storage_path",
      "artifact empty path     | POST | /api/v1/artifacts | application/json | * > {\"mission_id\": \"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b\", \"artifact_type\": \"RAW_FITS\", \"sha256\": \"SHA\", \"object_storage_path\": \"\"} | 400 | invalid_field | object_storage_path",
      "artifact blank path     | POST | /api/v1/artifacts | application/json | * > {\"mission_id\": \"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b\", \"artifact_type\": \"RAW_FITS\", \"sha256\": \"SHA\", \"object_storage_path\": \"  \"} | 400 | invalid_field | object_storage_path",
      "artifact path control   | POST | /api/v1/artifacts | application/json | * > {\"mission_id\": \"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b\", \"artifact_type\": \"RAW_FITS\", \"sha256\": \"SHA\", \"object_storage_path\": \"a\\u0007b\"} | 400 | invalid_field | object_storage_path",
      "artifact long path      | POST | /api/v1/artifacts | application/json | * > {\"mission_id\": \"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b\", \"artifact_type\": \"RAW_FITS\", \"sha256\": \"SHA\", \"object_storage_path\": \"LONG_PATH\"} | 400 | invalid_field | object_storage_path",
      "artifact bad embargo    | POST | /api/v1/artifacts | application/json | * > {\"mission_id\": \"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b\", \"artifact_type\": \"RAW_FITS\", \"sha256\": \"SHA\", \"public_after\": \"tomorrow\"} | 400 | invalid_field | public_after",
      "artifact numeric task   | POST | /api/v1/artifacts | application/json | * > {\"mission_id\": \"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b\", \"artifact_type\": \"RAW_FITS\", \"sha256\": \"SHA\", \"task_id\": 5} | 400 | invalid_field | task_id",
      "artifact misspelt field | POST | /api/v1/artifacts | application/json | * > {\"mission_id\": \"3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b\", \"artifact_type\": \"RAW_FITS\", \"sha256\": \"SHA\", \"publicafter\": \"2027-01-01T00:00:00Z\"} | 400 | unknown_field | publicafter",
      "upload id in path       | PUT  | /api/v1/artifacts/42/content | application/octet-stream | * > abc | 400 | invalid_field | artifact_id",
      "upload as JSON          | PUT  | /api/v1/artifacts/3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b/content | application/json | * > {} | 415 | unsupported_media_type | content-type",
      "tasks wait soon         | GET  | /api/v1/nodes/NODE_ID/tasks?wait=soon | | | 400 | invalid_field | wait",
  })
  void whatTheDocumentForbidsIsRefusedBeforeTheRouteRunsAndCounted(String name, String method, String path,
      String contentType, String edit, int status, String code, String field) throws Exception {
    UUID nodeId = UUID.randomUUID();
    String body = edit(edit);
    int before = handled.values().stream().mapToInt(AtomicInteger::get).sum();
    int authBefore = authenticated.get();
    String route = routeOf(method, path);
    double rejectedBefore = rejected(route, code);

    HttpResponse<String> response = send(method, path.replace("NODE_ID", nodeId.toString()), contentType, body,
        path.contains("NODE_ID") ? Secrets.newSecret(nodeId) : null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonObject error = new JsonObject(response.body());
    assertThat(error.getString("error")).isEqualTo(code);
    assertThat(error.getString("field")).isEqualTo(field);
    assertThat(error.getString("message")).isNotBlank();
    if (field != null && code.equals("invalid_field")) {
      assertThat(error.getString("message")).contains(field);
    }
    assertThat(handled.values().stream().mapToInt(AtomicInteger::get).sum()).as("no route ran").isEqualTo(before);
    assertThat(authenticated.get()).as("authentication ran first").isEqualTo(authBefore + 1);
    assertThat(rejected(route, code)).as("counted under " + route).isEqualTo(rejectedBefore + 1);
  }

  /** "from > to" edits the valid mission or node; "* > body" replaces it; "=" keeps it; empty = no body. */
  static String edit(String edit) {
    if (edit == null) {
      return null;
    }
    if (edit.equals("=")) {
      return MISSION;
    }
    String[] parts = edit.split(">", 2);
    String from = parts[0].trim();
    String to = parts[1].trim().replace("SHA", SHA).replace("LONG_PATH", "p".repeat(1025));
    if (from.equals("*")) {
      return to;
    }
    String base = from.contains("lat") || from.contains("lon") || from.contains("aperture") ? NODE : MISSION;
    assertThat(base).contains(from);
    return base.replace(from, to);
  }

  /** The metric's route tag: the document's template with its parameters written {id}. */
  static String routeOf(String method, String path) {
    String p = path.split("\\?")[0];
    if (p.startsWith("/api/v1/nodes/") && p.endsWith("/tasks")) {
      return method + " /api/v1/nodes/{id}/tasks";
    }
    if (p.startsWith("/api/v1/artifacts/")) {
      return method + " /api/v1/artifacts/{id}/content";
    }
    if (p.matches("/api/v1/(missions|nodes)/[^/]+")) {
      return method + " " + p.substring(0, p.lastIndexOf('/')) + "/{id}";
    }
    return method + " " + p;
  }

  @Test
  void oversizedBodiesAre413ButAStreamedUploadIsNeitherBufferedNorLimited() throws Exception {
    HttpResponse<String> big = send("POST", "/api/v1/missions", "application/json",
        MISSION.replace("\"priority\"", "\"alert_source_id\": \"" + "x".repeat(MAX_BODY) + "\", \"priority\""), null);
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(new JsonObject(big.body()).getString("error")).isEqualTo("payload_too_large");

    // 64 MiB through a server whose body limit is 2 KiB: only a stream gets through
    int chunk = 1 << 20;
    int chunks = 64;
    byte[] block = new byte[chunk];
    new java.util.Random(7).nextBytes(block);
    MessageDigest expected = sha256();
    for (int i = 0; i < chunks; i++) {
      expected.update(block);
    }
    HttpRequest upload = HttpRequest.newBuilder(URI.create(base + "/api/v1/artifacts/" + UUID.randomUUID() + "/content"))
        .header("content-type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(
            java.util.Collections.nCopies(chunks, block)), (long) chunk * chunks))
        .build();
    HttpResponse<String> stored = http.send(upload, HttpResponse.BodyHandlers.ofString());
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
    assertThat(uploadedBytes.get()).isEqualTo((long) chunk * chunks);
    assertThat(uploadedSha).isEqualTo(HexFormat.of().formatHex(expected.digest()));

    // without a content type the body is taken as application/octet-stream (RFC 9110)
    HttpRequest untyped = HttpRequest.newBuilder(URI.create(base + "/api/v1/artifacts/" + UUID.randomUUID() + "/content"))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(block)).build();
    assertThat(http.send(untyped, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
    assertThat(uploadedBytes.get()).isEqualTo(chunk);
  }

  @Test
  void nodeEndpointsAreValidatedOnlyForTheNodesOwnSecretAndCountedAsHeartbeatRejections() throws Exception {
    UUID nodeId = UUID.randomUUID();
    String path = "/api/v1/nodes/" + nodeId + "/heartbeat";
    String bad = "{\"status\": \"FAULTED\"}";
    // no secret, or another node's: the route answers (401/403) without validation reading the body
    int before = handled("heartbeat");
    assertThat(send("POST", path, "application/json", bad, null).statusCode()).isEqualTo(401);
    assertThat(send("POST", path, "application/json", bad, Secrets.newSecret(UUID.randomUUID())).statusCode())
        .isEqualTo(204);
    assertThat(handled("heartbeat")).isEqualTo(before + 2);

    double heartbeatsRejected = registry.find("openastro.heartbeats.rejected").tag("reason", "invalid_field").counter() == null
        ? 0 : registry.find("openastro.heartbeats.rejected").tag("reason", "invalid_field").counter().count();
    HttpResponse<String> refused = send("POST", path, "application/json", bad, Secrets.newSecret(nodeId));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(refused.body()).getString("field")).isEqualTo("status");
    assertThat(handled("heartbeat")).isEqualTo(before + 2);
    assertThat(registry.find("openastro.heartbeats.rejected").tag("reason", "invalid_field").counter().count())
        .isEqualTo(heartbeatsRejected + 1);
    assertThat(rejected("POST /api/v1/nodes/{id}/heartbeat", "invalid_field")).isGreaterThanOrEqualTo(1);

    // an empty heartbeat is valid, and so is a full one
    assertThat(send("POST", path, "application/json", null, Secrets.newSecret(nodeId)).statusCode()).isEqualTo(204);
    assertThat(send("POST", path, "application/json", "{\"status\": \"BUSY\", \"current_task_id\": null, \"telemetry\": {\"seq\": 7}}",
        Secrets.newSecret(nodeId)).statusCode()).isEqualTo(204);
  }

  @Test
  void undocumentedRequestsPassToTheRouterUnvalidated() throws Exception {
    HttpResponse<String> response = send("GET", "/api/v1/nowhere?lat=north", null, null, null);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("not_found");
  }
}
