package org.openastro.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
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
import org.openastro.api.ApiPlatform;
import org.openastro.api.http.HttpApiVerticle;
import org.openastro.api.http.Responses;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/** API keys over a real HTTP socket, stored in the real Cassandra node: issue, use, roles, delete. */
@ExtendWith(CassandraExtension.class)
class ApiKeysIT {
  static final String ADMIN_KEY = "oak_api-keys-it-configured-admin-key-00000";
  static TestKeyspace keyspace;
  static Vertx vertx;
  static SimpleMeterRegistry registry = new SimpleMeterRegistry();
  static HttpClient http = HttpClient.newHttpClient();
  static String base;

  @BeforeAll
  static void start(CassandraTestNode node) {
    keyspace = TestKeyspace.shared(node);
    vertx = Vertx.vertx();
    Config config = Config.from(Map.of("HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1", "ADMIN_API_KEY", ADMIN_KEY,
        "AUTH_BCRYPT_COST", "4"));
    HttpApiVerticle verticle = ApiPlatform.server(config, new Store(keyspace.session()), ApiPlatform.hasher(config),
        registry, List.of(
        // a route needing a PIPELINE key, standing for the artifact and alert routes of other modules
        router -> router.post("/test/pipeline-only").handler(ctx -> {
          Caller caller = Caller.of(ctx).require(ApiRole.PIPELINE);
          Responses.json(ctx, 200, new JsonObject().put("principal", caller.principal()).put("role", caller.role()));
        }),
        // standing for the gateway's node endpoints, which check node secrets themselves
        router -> router.post("/api/v1/nodes/:nodeId/heartbeat").handler(ctx -> ctx.response()
            .setStatusCode(Caller.of(ctx).anonymous() && ctx.request().getHeader("authorization") != null ? 204 : 500)
            .end())));
    Await.result(vertx.deployVerticle(verticle));
    base = "http://127.0.0.1:" + verticle.actualPort();
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  static HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("content-type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonObject issue(String name, String role) throws Exception {
    HttpResponse<String> created = send("POST", "/api/v1/api-keys", ADMIN_KEY,
        new JsonObject().put("name", name).put("role", role).encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return new JsonObject(created.body());
  }

  @Test
  void anIssuedKeyActsWithItsRoleAndPrincipal() throws Exception {
    JsonObject issued = issue("stacker-" + UUID.randomUUID(), "PIPELINE");
    String key = issued.getString("key");
    assertThat(ApiKeys.keyIdOf(key)).contains(UUID.fromString(issued.getString("key_id")));

    HttpResponse<String> used = send("POST", "/test/pipeline-only", key, "{}");
    assertThat(used.statusCode()).as(used.body()).isEqualTo(200);
    assertThat(new JsonObject(used.body()).getString("principal")).isEqualTo(issued.getString("name"));

    // listed for the admin, without the key itself
    JsonArray listed = new JsonObject(send("GET", "/api/v1/api-keys", ADMIN_KEY, null).body()).getJsonArray("api_keys");
    JsonObject entry = listed.stream().map(JsonObject.class::cast)
        .filter(k -> k.getString("key_id").equals(issued.getString("key_id"))).findFirst().orElseThrow();
    assertThat(entry.getString("role")).isEqualTo("PIPELINE");
    assertThat(entry.getString("created_by")).isEqualTo("admin");
    assertThat(entry.containsKey("key")).isFalse();
  }

  @Test
  void missingKeyIs401AndWrongRoleIs403() throws Exception {
    HttpResponse<String> anonymous = send("POST", "/test/pipeline-only", null, "{}");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(anonymous.body()).getString("error")).isEqualTo("unauthorized");

    String submitter = issue("alice-" + UUID.randomUUID(), "SUBMITTER").getString("key");
    HttpResponse<String> wrongRole = send("POST", "/test/pipeline-only", submitter, "{}");
    assertThat(wrongRole.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(wrongRole.body()).getString("message")).contains("PIPELINE").contains("SUBMITTER");
    assertThat(send("POST", "/api/v1/api-keys", submitter, "{\"name\":\"mallory\",\"role\":\"ADMIN\"}").statusCode())
        .isEqualTo(403);
    assertThat(send("GET", "/api/v1/api-keys", null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void wrongOrMalformedKeysAre401AndCounted() throws Exception {
    double before = rejected("401");
    String forged = ApiKeys.newKey(UUID.randomUUID());
    assertThat(send("POST", "/test/pipeline-only", forged, "{}").statusCode()).isEqualTo(401);
    assertThat(send("POST", "/test/pipeline-only", "oak_short", "{}").statusCode()).isEqualTo(401);
    // an issued key's id with another key's secret part
    String real = issue("bob-" + UUID.randomUUID(), "PIPELINE").getString("key");
    String tampered = real.substring(0, real.length() - 4) + (real.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertThat(send("POST", "/test/pipeline-only", tampered, "{}").statusCode()).isEqualTo(401);
    assertThat(rejected("401")).isEqualTo(before + 3);
  }

  @Test
  void aDeletedKeyStopsWorking() throws Exception {
    JsonObject issued = issue("leaving-" + UUID.randomUUID(), "PIPELINE");
    String key = issued.getString("key");
    assertThat(send("POST", "/test/pipeline-only", key, "{}").statusCode()).isEqualTo(200);
    assertThat(send("DELETE", "/api/v1/api-keys/" + issued.getString("key_id"), ADMIN_KEY, null).statusCode())
        .isEqualTo(204);
    assertThat(send("POST", "/test/pipeline-only", key, "{}").statusCode()).isEqualTo(401);
    assertThat(send("DELETE", "/api/v1/api-keys/" + issued.getString("key_id"), ADMIN_KEY, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void badKeyRequestsNameTheField() throws Exception {
    HttpResponse<String> badRole = send("POST", "/api/v1/api-keys", ADMIN_KEY, "{\"name\":\"carol\",\"role\":\"ROOT\"}");
    assertThat(badRole.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(badRole.body()).getString("field")).isEqualTo("role");
    HttpResponse<String> badName = send("POST", "/api/v1/api-keys", ADMIN_KEY, "{\"name\":\"\",\"role\":\"ADMIN\"}");
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(badName.body()).getString("field")).isEqualTo("name");
  }

  @Test
  void nodeSecretsPassThroughToNodeRoutesUntouched() throws Exception {
    // a node secret is not an API key: the API-key handler leaves it, anonymous, to the node routes
    UUID nodeId = UUID.randomUUID();
    HttpResponse<String> heartbeat = send("POST", "/api/v1/nodes/" + nodeId + "/heartbeat",
        Secrets.newSecret(nodeId), "{}");
    assertThat(heartbeat.statusCode()).as(heartbeat.body()).isEqualTo(204);
  }

  static double rejected(String status) {
    return registry.find("openastro.http.requests.rejected").counters().stream()
        .mapToDouble(c -> c.count()).sum();
  }
}
