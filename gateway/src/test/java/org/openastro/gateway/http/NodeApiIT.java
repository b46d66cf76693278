package org.openastro.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openastro.api.http.HttpApiVerticle;
import org.openastro.config.Config;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.gateway.mqtt.GatewayFixture;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/** Node registration and lookup over a real HTTP socket, stored in the real Cassandra node. */
@ExtendWith(CassandraExtension.class)
class NodeApiIT {
  static TestKeyspace keyspace;
  static Vertx vertx;
  static SimpleMeterRegistry registry = new SimpleMeterRegistry();
  static HttpClient http = HttpClient.newHttpClient();
  static String base;

  static final String VALID = """
      {"location": {"lat": 28.76, "lon": -17.88, "elevation_m": 2396},
       "aperture_mm": 356, "fov_deg": 0.8, "filters": ["V", "R", "Ha"],
       "mount_type": "EQ", "control_protocol": "INDI"}""";

  static final String ADMIN_KEY = GatewayFixture.ADMIN_KEY;

  @BeforeAll
  static void start(CassandraTestNode node) {
    keyspace = TestKeyspace.create(node, "gwnodes");
    vertx = Vertx.vertx();
    Config config = Config.from(Map.of("HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1", "HTTP_MAX_BODY_BYTES", "2048",
        "ADMIN_API_KEY", GatewayFixture.ADMIN_KEY));
    HttpApiVerticle verticle = GatewayFixture.server(config, keyspace.session(), registry);
    Await.result(vertx.deployVerticle(verticle));
    base = "http://127.0.0.1:" + verticle.actualPort();
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
    keyspace.close();
  }

  /** Sends with the admin key (registration needs an OPERATOR or ADMIN key; reads ignore it). */
  static HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("content-type", "application/json").header("authorization", "Bearer " + GatewayFixture.ADMIN_KEY);
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static long nodeRows() {
    return keyspace.session().execute("SELECT count(*) FROM nodes").one().getLong(0);
  }

  @Test
  void theFleetIsListedInPagesWithoutRepeatsOrGaps() throws Exception {
    java.util.Set<String> registered = new java.util.HashSet<>();
    for (int i = 0; i < 7; i++) {
      registered.add(new JsonObject(send("POST", "/api/v1/nodes", VALID).body()).getString("node_id"));
    }
    for (String status : new String[] {"", "&status=PARKED"}) {
      java.util.List<String> seen = new java.util.ArrayList<>();
      String page = null;
      int pages = 0;
      do {
        HttpResponse<String> r = send("GET", "/api/v1/nodes?limit=3" + status + (page == null ? "" : "&page=" + page), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getJsonArray("nodes").size()).isLessThanOrEqualTo(3);
        body.getJsonArray("nodes").forEach(o -> {
          JsonObject n = (JsonObject) o;
          seen.add(n.getString("node_id"));
          assertThat(n.containsKey("secret")).isFalse();
          assertThat(n.getString("status")).isNotBlank();
        });
        page = body.getString("next_page");
        pages++;
      } while (page != null && pages < 1000);
      assertThat(seen).doesNotHaveDuplicates().containsAll(registered);
    }
    assertThat(send("GET", "/api/v1/nodes?status=ONLINE&limit=3", null).statusCode()).isEqualTo(200);
    assertThat(new JsonObject(send("GET", "/api/v1/nodes?page=bm9wZQ", null).body()).getString("field")).isEqualTo("page");
    assertThat(send("GET", "/api/v1/nodes?status=ASLEEP", null).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/api/v1/nodes?limit=0", null).statusCode()).isEqualTo(400);
  }

  @Test
  void registerThenGet() throws Exception {
    HttpResponse<String> created = send("POST", "/api/v1/nodes", VALID);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject body = new JsonObject(created.body());
    String id = body.getString("node_id");
    assertThat(UUID.fromString(id)).isNotNull();
    assertThat(created.headers().firstValue("location")).hasValue("/api/v1/nodes/" + id);

    HttpResponse<String> fetched = send("GET", "/api/v1/nodes/" + id, null);
    assertThat(fetched.statusCode()).isEqualTo(200);
    JsonObject node = new JsonObject(fetched.body());
    assertThat(node.getJsonObject("location").getDouble("lat")).isEqualTo(28.76);
    assertThat(node.getJsonObject("location").getDouble("elevation_m")).isEqualTo(2396.0);
    assertThat(node.getDouble("aperture_mm")).isEqualTo(356.0);
    assertThat(node.getJsonArray("filters").getList()).containsExactlyInAnyOrder("V", "R", "Ha");
    assertThat(node.getString("mount_type")).isEqualTo("EQ");
    assertThat(node.getString("status")).isEqualTo("PARKED");
    assertThat(node.containsKey("secret_hash")).isFalse();
    // and it really is in Cassandra
    assertThat(keyspace.session().execute("SELECT aperture_mm FROM nodes WHERE node_id = ?",
        UUID.fromString(id)).one().getDouble(0)).isEqualTo(356.0);
  }

  @Test
  void clientMintedIdIsIdempotentAndConflictsAre409() throws Exception {
    String id = UUID.randomUUID().toString();
    String withId = VALID.replace("{\"location\"", "{\"node_id\": \"" + id + "\", \"location\"");
    assertThat(send("POST", "/api/v1/nodes", withId).statusCode()).isEqualTo(201);
    HttpResponse<String> replay = send("POST", "/api/v1/nodes", withId);
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(replay.body()).getString("node_id")).isEqualTo(id);
    HttpResponse<String> conflict = send("POST", "/api/v1/nodes", withId.replace("\"aperture_mm\": 356", "\"aperture_mm\": 400"));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(conflict.body()).getString("field")).isEqualTo("node_id");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing location   | {\"aperture_mm\": 356, \"fov_deg\": 0.8, \"mount_type\": \"EQ\", \"control_protocol\": \"INDI\"} | location | missing_field",
      "latitude 95        | {\"location\": {\"lat\": 95, \"lon\": 0}, \"aperture_mm\": 356, \"fov_deg\": 0.8, \"mount_type\": \"EQ\", \"control_protocol\": \"INDI\"} | location.lat | invalid_field",
      "aperture -3        | {\"location\": {\"lat\": 10, \"lon\": 0}, \"aperture_mm\": -3, \"fov_deg\": 0.8, \"mount_type\": \"EQ\", \"control_protocol\": \"INDI\"} | aperture_mm | invalid_field",
      "unknown mount      | {\"location\": {\"lat\": 10, \"lon\": 0}, \"aperture_mm\": 356, \"fov_deg\": 0.8, \"mount_type\": \"DOBSON\", \"control_protocol\": \"INDI\"} | mount_type | invalid_field",
      "lat as string      | {\"location\": {\"lat\": \"north\", \"lon\": 0}, \"aperture_mm\": 356, \"fov_deg\": 0.8, \"mount_type\": \"EQ\", \"control_protocol\": \"INDI\"} | location.lat | invalid_field",
      "misspelt field     | {\"location\": {\"lat\": 10, \"lon\": 0}, \"aperture\": 356, \"fov_deg\": 0.8, \"mount_type\": \"EQ\", \"control_protocol\": \"INDI\"} | aperture | unknown_field",
      "bad node id        | {\"node_id\": \"42\", \"location\": {\"lat\": 10, \"lon\": 0}, \"aperture_mm\": 356, \"fov_deg\": 0.8, \"mount_type\": \"EQ\", \"control_protocol\": \"INDI\"} | node_id | invalid_field",
  })
  void badInputIs400NamingTheFieldAndWritesNothing(String name, String body, String field, String code)
      throws Exception {
    long before = nodeRows();
    HttpResponse<String> response = send("POST", "/api/v1/nodes", body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonObject error = new JsonObject(response.body());
    assertThat(error.getString("error")).isEqualTo(code);
    assertThat(error.getString("field")).isEqualTo(field);
    assertThat(error.getString("message")).contains(field);
    assertThat(nodeRows()).isEqualTo(before);
  }

  /** Sends with {@code bearer} (none when null). */
  static HttpResponse<String> send(String method, String path, String body, String bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("content-type", "application/json");
    if (bearer != null) {
      request.header("authorization", "Bearer " + bearer);
    }
    request.method(method, HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void horizonIsStoredAtRegistrationAndChangedByPatchWithTheNodesSecretOrAnAdminKey() throws Exception {
    String withHorizon = VALID.replace("\"mount_type\"",
        "\"horizon\": [{\"az_deg\": 180, \"alt_deg\": 15}, {\"az_deg\": 90, \"alt_deg\": 40}], \"mount_type\"");
    JsonObject created = new JsonObject(send("POST", "/api/v1/nodes", withHorizon).body());
    String id = created.getString("node_id");
    String secret = created.getString("secret");
    JsonObject fetched = new JsonObject(send("GET", "/api/v1/nodes/" + id, null).body());
    assertThat(fetched.getJsonArray("horizon").encode())
        .isEqualTo("[{\"az_deg\":90.0,\"alt_deg\":40.0},{\"az_deg\":180.0,\"alt_deg\":15.0}]");

    String patch = "{\"horizon\": [{\"az_deg\": 0, \"alt_deg\": 25.5}]}";
    HttpResponse<String> patched = send("PATCH", "/api/v1/nodes/" + id, patch, secret);
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(new JsonObject(patched.body()).getJsonArray("horizon").encode())
        .isEqualTo("[{\"az_deg\":0.0,\"alt_deg\":25.5}]");
    assertThat(new JsonObject(send("GET", "/api/v1/nodes/" + id, null).body()).getJsonArray("horizon").size())
        .isEqualTo(1);
    // an admin key may too; an empty list removes the mask
    HttpResponse<String> cleared = send("PATCH", "/api/v1/nodes/" + id, "{\"horizon\": []}", ADMIN_KEY);
    assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
    assertThat(keyspace.session().execute("SELECT horizon FROM nodes WHERE node_id = ?", UUID.fromString(id))
        .one().isNull(0)).isTrue();

    // nobody else: no credentials 401, another node's secret 403, another key 401 (unknown)
    String other = new JsonObject(send("POST", "/api/v1/nodes", VALID).body()).getString("secret");
    assertThat(send("PATCH", "/api/v1/nodes/" + id, patch, null).statusCode()).isEqualTo(401);
    assertThat(send("PATCH", "/api/v1/nodes/" + id, patch, other).statusCode()).isEqualTo(403);
    assertThat(send("PATCH", "/api/v1/nodes/" + id, patch, "oak_not-a-key-00000000000000000000000").statusCode())
        .isEqualTo(401);
    assertThat(send("PATCH", "/api/v1/nodes/" + UUID.randomUUID(), patch, ADMIN_KEY).statusCode()).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "altitude 95      | {\"horizon\": [{\"az_deg\": 10, \"alt_deg\": 95}]} | horizon",
      "azimuth 360      | {\"horizon\": [{\"az_deg\": 360, \"alt_deg\": 5}]} | horizon",
      "two at one az    | {\"horizon\": [{\"az_deg\": 10, \"alt_deg\": 5}, {\"az_deg\": 10, \"alt_deg\": 6}]} | horizon",
      "missing alt      | {\"horizon\": [{\"az_deg\": 10}]} | horizon",
      "other field      | {\"horizon\": [], \"aperture_mm\": 400} | aperture_mm",
  })
  void badPatchIs400NamingTheField(String name, String body, String field) throws Exception {
    JsonObject created = new JsonObject(send("POST", "/api/v1/nodes", VALID).body());
    HttpResponse<String> response = send("PATCH", "/api/v1/nodes/" + created.getString("node_id"), body,
        created.getString("secret"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getString("field")).startsWith(field);
  }

  @Test
  void brokenJsonIs400AndCounted() throws Exception {
    double before = rejected("invalid_json");
    HttpResponse<String> response = send("POST", "/api/v1/nodes", "{\"location\": {\"lat\": 1");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("invalid_json");
    assertThat(send("POST", "/api/v1/nodes", "[1,2]").statusCode()).isEqualTo(400);
    assertThat(rejected("invalid_json")).isEqualTo(before + 2);
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    String big = VALID.replace("\"Ha\"", "\"" + "x".repeat(4096) + "\"");
    HttpResponse<String> response = send("POST", "/api/v1/nodes", big);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("payload_too_large");
  }

  @Test
  void unknownAndMalformedIdsAre404And400() throws Exception {
    HttpResponse<String> missing = send("GET", "/api/v1/nodes/" + UUID.randomUUID(), null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(missing.body()).getString("error")).isEqualTo("not_found");
    HttpResponse<String> malformed = send("GET", "/api/v1/nodes/not-a-uuid", null);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(malformed.body()).getString("field")).isEqualTo("node_id");
  }

  @Test
  void healthProbesAnswer() throws Exception {
    assertThat(send("GET", "/health/live", null).statusCode()).isEqualTo(200);
    HttpResponse<String> ready = send("GET", "/health/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(ready.body()).getJsonObject("checks").getJsonObject("cassandra")
        .getString("status")).isEqualTo("UP");
  }

  static double rejected(String code) {
    var counter = registry.find("openastro.http.requests.rejected").tag("error", code).counter();
    return counter == null ? 0 : counter.count();
  }
}
