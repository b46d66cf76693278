package org.openastro.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.api.auth.EnrolmentTokens;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.gateway.mqtt.GatewayFixture;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * Who may register a telescope (issue 16, "Anyone can register a telescope"): nobody without
 * credentials (401), not a SUBMITTER key (403), an OPERATOR key, or a single-use, expiring
 * enrolment token an operator issued: spent once (also under a race), refused when used, expired
 * or unknown, and an identical retry of the registration it made still answers.
 */
@ExtendWith(CassandraExtension.class)
class EnrolmentIT {
  static TestKeyspace keyspace;
  static GatewayFixture gw;
  static String operatorKey;
  static String submitterKey;

  @BeforeAll
  static void start(CassandraTestNode node) throws Exception {
    keyspace = TestKeyspace.shared(node);
    gw = new GatewayFixture(keyspace.session(), Map.of("ENROLMENT_TOKEN_MAX_TTL", "2d"));
    operatorKey = issueKey("operator-" + UUID.randomUUID(), "OPERATOR");
    submitterKey = issueKey("submitter-" + UUID.randomUUID(), "SUBMITTER");
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  static String issueKey(String name, String role) throws Exception {
    HttpResponse<String> issued = gw.send("POST", "/api/v1/api-keys",
        new JsonObject().put("name", name).put("role", role).encode(), GatewayFixture.ADMIN_KEY);
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    return new JsonObject(issued.body()).getString("key");
  }

  static String registration(UUID nodeId) {
    return GatewayFixture.REGISTRATION.replace("{\"location\"", "{\"node_id\": \"" + nodeId + "\", \"location\"");
  }

  static HttpResponse<String> register(String body, String bearer) throws Exception {
    return gw.send("POST", "/api/v1/nodes", body, bearer);
  }

  static JsonObject issueToken(String body, String bearer) throws Exception {
    HttpResponse<String> issued = gw.send("POST", "/api/v1/enrolment-tokens", body, bearer);
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    return new JsonObject(issued.body());
  }

  static void assertUnauthorized(HttpResponse<String> response, String messagePart) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    JsonObject error = new JsonObject(response.body());
    assertThat(error.getString("error")).isEqualTo("unauthorized");
    assertThat(error.getString("message")).contains(messagePart);
    assertThat(response.headers().firstValue("www-authenticate")).isPresent();
  }

  static long nodeRows(UUID nodeId) {
    return keyspace.session().execute("SELECT count(*) FROM nodes WHERE node_id = ?", nodeId).one().getLong(0);
  }

  double registrations(String credential, String outcome) {
    var c = gw.registry.find("openastro.node.registrations").tag("credential", credential).tag("outcome", outcome)
        .counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void anonymousRegistrationIs401AndStoresNothing() throws Exception {
    UUID nodeId = UUID.randomUUID();
    double before = registrations("none", "unauthorized");
    assertUnauthorized(register(registration(nodeId), null), "enrolment token");
    assertUnauthorized(register(registration(nodeId), "not-a-token"), "enrolment token");
    assertThat(nodeRows(nodeId)).isZero();
    assertThat(registrations("none", "unauthorized")).isEqualTo(before + 2);
  }

  @Test
  void aSubmitterKeyIs403AndAnOperatorKeyRegisters() throws Exception {
    UUID nodeId = UUID.randomUUID();
    HttpResponse<String> submitter = register(registration(nodeId), submitterKey);
    assertThat(submitter.statusCode()).as(submitter.body()).isEqualTo(403);
    assertThat(new JsonObject(submitter.body()).getString("message")).contains("OPERATOR").contains("SUBMITTER");
    assertThat(nodeRows(nodeId)).isZero();

    HttpResponse<String> operator = register(registration(nodeId), operatorKey);
    assertThat(operator.statusCode()).as(operator.body()).isEqualTo(201);
    assertThat(new JsonObject(operator.body()).getString("secret")).hasSize(64);
    assertThat(register(registration(nodeId), operatorKey).statusCode()).isEqualTo(200);
  }

  @Test
  void onlyOperatorsAndAdminsIssueTokens() throws Exception {
    assertThat(gw.send("POST", "/api/v1/enrolment-tokens", null, null).statusCode()).isEqualTo(401);
    assertThat(gw.send("POST", "/api/v1/enrolment-tokens", null, submitterKey).statusCode()).isEqualTo(403);
    assertThat(issueToken(null, GatewayFixture.ADMIN_KEY).getString("token")).startsWith("oet_");
    // a token is no API key: it cannot issue tokens
    String token = issueToken("{}", operatorKey).getString("token");
    assertThat(gw.send("POST", "/api/v1/enrolment-tokens", null, token).statusCode()).isEqualTo(401);
  }

  @Test
  void aTokenEnrolsOneTelescopeOnceAndAnIdenticalRetryStillAnswers() throws Exception {
    Instant before = Instant.now();
    JsonObject issued = issueToken("{\"note\": \"La Palma 356\"}", operatorKey);
    String token = issued.getString("token");
    assertThat(token).startsWith(EnrolmentTokens.PREFIX);
    UUID tokenId = UUID.fromString(issued.getString("token_id"));
    Instant expires = Instant.parse(issued.getString("expires_at"));
    assertThat(expires).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(5), Instant.now().plus(Duration.ofHours(24)));
    // only a hash is stored
    var row = keyspace.session().execute("SELECT token_hash, note, used_at FROM enrolment_tokens WHERE token_id = ?",
        tokenId).one();
    assertThat(row.getString("token_hash")).isEqualTo(EnrolmentTokens.hash(token)).doesNotContain(token);
    assertThat(row.getString("note")).isEqualTo("La Palma 356");
    assertThat(row.getInstant("used_at")).isNull();

    UUID nodeId = UUID.randomUUID();
    double created = registrations("enrolment_token", "created");
    HttpResponse<String> enrolled = register(registration(nodeId), token);
    assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
    String secret = new JsonObject(enrolled.body()).getString("secret");
    assertThat(secret).hasSize(64);
    assertThat(registrations("enrolment_token", "created")).isEqualTo(created + 1);
    // the secret works on the node endpoints
    assertThat(gw.send("POST", "/api/v1/nodes/" + nodeId + "/heartbeat", "{\"status\": \"ONLINE\"}", secret)
        .statusCode()).isEqualTo(204);

    // the identical registration again (its answer was lost): 200 without a secret, though the token is spent
    HttpResponse<String> replay = register(registration(nodeId), token);
    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
    assertThat(new JsonObject(replay.body()).containsKey("secret")).isFalse();
    // another telescope with the same token: refused
    UUID other = UUID.randomUUID();
    assertUnauthorized(register(registration(other), token), "already used");
    assertUnauthorized(register(GatewayFixture.REGISTRATION, token), "already used");
    assertThat(nodeRows(other)).isZero();
    assertThat(registrations("enrolment_token", "token_used")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void unknownAndExpiredTokensAre401() throws Exception {
    assertUnauthorized(register(GatewayFixture.REGISTRATION, EnrolmentTokens.newToken(UUID.randomUUID())), "unknown");
    assertUnauthorized(register(GatewayFixture.REGISTRATION, "oet_short"), "unknown");
    // a genuine token id with a forged random part
    String genuine = issueToken(null, operatorKey).getString("token");
    String forged = genuine.substring(0, genuine.length() - 4) + (genuine.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertUnauthorized(register(GatewayFixture.REGISTRATION, forged), "unknown");

    String shortLived = issueToken("{\"ttl_s\": 1}", operatorKey).getString("token");
    Thread.sleep(1_500);
    UUID nodeId = UUID.randomUUID();
    assertUnauthorized(register(registration(nodeId), shortLived), "expired");
    assertThat(nodeRows(nodeId)).isZero();
    // the genuine one still works
    assertThat(register(GatewayFixture.REGISTRATION, genuine).statusCode()).isEqualTo(201);
  }

  @Test
  void ttlAboveTheConfiguredMaximumIs400() throws Exception {
    HttpResponse<String> tooLong = gw.send("POST", "/api/v1/enrolment-tokens", "{\"ttl_s\": 259200}", operatorKey);
    assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
    assertThat(new JsonObject(tooLong.body()).getString("field")).isEqualTo("ttl_s");
    HttpResponse<String> absurd = gw.send("POST", "/api/v1/enrolment-tokens", "{\"ttl_s\": 99999999}", operatorKey);
    assertThat(absurd.statusCode()).isEqualTo(400);
    assertThat(gw.send("POST", "/api/v1/enrolment-tokens", "{\"colour\": 1}", operatorKey).statusCode()).isEqualTo(400);
  }

  @Test
  void ofConcurrentRegistrationsWithOneTokenExactlyOneSucceeds() throws Exception {
    String token = issueToken(null, operatorKey).getString("token");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<HttpResponse<String>>> attempts = new ArrayList<>();
      List<UUID> ids = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        UUID id = UUID.randomUUID();
        ids.add(id);
        attempts.add(() -> register(registration(id), token));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<HttpResponse<String>> f : pool.invokeAll(attempts)) {
        statuses.add(f.get().statusCode());
      }
      assertThat(statuses).as(statuses.toString()).containsOnly(201, 401);
      assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
      assertThat(ids.stream().mapToLong(EnrolmentIT::nodeRows).sum()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRegistrationNamingAnExistingNodeDoesNotSpendTheToken() throws Exception {
    UUID existing = UUID.randomUUID();
    assertThat(register(registration(existing), operatorKey).statusCode()).isEqualTo(201);
    String token = issueToken(null, operatorKey).getString("token");
    assertThat(register(registration(existing), token).statusCode()).isEqualTo(200);
    assertThat(register(registration(existing).replace("\"aperture_mm\": 356", "\"aperture_mm\": 400"), token)
        .statusCode()).isEqualTo(409);
    assertThat(register(registration(UUID.randomUUID()), token).statusCode()).isEqualTo(201);
  }

  @Test
  void aTokenSpentOnANodeThatWasNeverStoredStillEnrolsThatNode() throws Exception {
    // a crash between spending the token and storing the node: the node's retry goes through
    JsonObject issued = issueToken(null, operatorKey);
    UUID nodeId = UUID.randomUUID();
    keyspace.session().execute("UPDATE enrolment_tokens USING TTL 3600 SET used_at = toTimestamp(now()),"
        + " used_by_node = ? WHERE token_id = ?", nodeId, UUID.fromString(issued.getString("token_id")));
    assertUnauthorized(register(registration(UUID.randomUUID()), issued.getString("token")), "already used");
    HttpResponse<String> retry = register(registration(nodeId), issued.getString("token"));
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
  }
}
