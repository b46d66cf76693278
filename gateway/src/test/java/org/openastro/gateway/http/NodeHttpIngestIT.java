package org.openastro.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.cql.Row;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.api.wire.DownlinkMessages;
import org.openastro.cql.ingest.HeartbeatRow;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ScienceCase;
import org.openastro.domain.TaskStatus;
import org.openastro.events.EventAddresses;
import org.openastro.gateway.mqtt.GatewayFixture.Registered;
import org.openastro.gateway.mqtt.GatewayFixture;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/** The node-facing HTTP endpoints over a real socket (java.net.http) against the real Cassandra node. */
@ExtendWith(CassandraExtension.class)
class NodeHttpIngestIT {
  static final String HEARTBEAT_ROUTE = "POST /api/v1/nodes/{id}/heartbeat";
  static TestKeyspace keyspace;
  static GatewayFixture gw;
  static TaskRepository tasks;

  @BeforeAll
  static void start(CassandraTestNode node) {
    keyspace = TestKeyspace.shared(node);
    gw = new GatewayFixture(keyspace.session(), Map.of("TASKS_MAX_WAIT", "30s", "NODE_MAX_PAYLOAD_BYTES", "512"));
    tasks = new TaskRepository(keyspace.session());
  }

  @AfterAll
  static void stop() {
    if (gw != null) {
      gw.close();
    }
  }

  static String path(UUID nodeId, String what) {
    return "/api/v1/nodes/" + nodeId + "/" + what;
  }

  static List<Row> history(UUID nodeId) {
    return keyspace.session().execute("SELECT received_at, source, status, telemetry FROM node_heartbeats"
        + " WHERE node_id = ? AND day = ?", nodeId, HeartbeatRow.dayOf(Instant.now())).all();
  }

  static Task assignedTask(UUID nodeId) {
    Instant now = Instant.now();
    // Assigned two hours ago: the exposure these tests report is plausible (PROGRESS_EXPOSURE_SLACK).
    Task task = new Task(UUID.randomUUID(), UUID.randomUUID(), nodeId, 3600, 0, TaskStatus.PENDING,
        now.minusSeconds(7200), now.plusSeconds(7200), null, null, 50, now, now);
    return Await.result(tasks.create(task)).value();
  }

  static double count(String name, String... tags) {
    Counter c = gw.registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  static JsonObject json(HttpResponse<String> r) {
    return new JsonObject(r.body());
  }

  static void assertError(HttpResponse<String> r, int status, String code, String field) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonObject body = json(r);
    assertThat(body.getString("error")).isEqualTo(code);
    assertThat(body.getString("message")).isNotBlank();
    assertThat(body.getString("field")).isEqualTo(field);
  }

  @Test
  void heartbeatWithEmptyOrJsonBodyIsReadableRightAfterThe204() throws Exception {
    Registered node = gw.register();
    double accepted = count("openastro.heartbeats.accepted", "source", "http");

    HttpResponse<String> empty = gw.send("POST", path(node.nodeId(), "heartbeat"), null, node.secret());
    assertThat(empty.statusCode()).isEqualTo(204);
    assertThat(history(node.nodeId())).hasSize(1);
    assertThat(history(node.nodeId()).get(0).getString("source")).isEqualTo("http");

    HttpResponse<String> full = gw.send("POST", path(node.nodeId(), "heartbeat"),
        "{\"status\": \"BUSY\", \"telemetry\": {\"seq\": 7}}", node.secret());
    assertThat(full.statusCode()).isEqualTo(204);
    List<Row> rows = history(node.nodeId()); // newest first, read without waiting
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getString("telemetry")).isEqualTo("{\"seq\":7}");
    assertThat(rows.get(0).getString("status")).isEqualTo("BUSY");
    assertThat(count("openastro.heartbeats.accepted", "source", "http")).isEqualTo(accepted + 2);

    JsonObject read = json(gw.send("GET", "/api/v1/nodes/" + node.nodeId(), null, null));
    assertThat(read.getString("status")).isEqualTo("BUSY");
    assertThat(Instant.parse(read.getString("last_heartbeat")))
        .isEqualTo(rows.get(0).getInstant("received_at"));
  }

  @Test
  void badHeartbeatIs400Or413NamingTheFieldAndWritesNothing() throws Exception {
    Registered node = gw.register();
    double rejected = count("openastro.heartbeats.rejected", "reason", "invalid_field");
    assertError(gw.send("POST", path(node.nodeId(), "heartbeat"), "{\"status\": \"FAULTED\"}", node.secret()),
        400, "invalid_field", "status");
    assertError(gw.send("POST", path(node.nodeId(), "heartbeat"), "{\"mood\": 1}", node.secret()),
        400, "unknown_field", "mood");
    assertError(gw.send("POST", path(node.nodeId(), "heartbeat"), "{\"status\":", node.secret()),
        400, "invalid_json", null);
    assertError(gw.send("POST", path(node.nodeId(), "heartbeat"),
        "{\"telemetry\": {\"pad\": \"" + "x".repeat(600) + "\"}}", node.secret()), 413, "payload_too_large", null);
    assertThat(history(node.nodeId())).isEmpty();
    assertThat(count("openastro.heartbeats.rejected", "reason", "invalid_field")).isEqualTo(rejected + 1);
    assertThat(count("openastro.http.requests.rejected", "route", HEARTBEAT_ROUTE, "error", "unknown_field"))
        .isGreaterThanOrEqualTo(1);
  }

  /** Built, not edited by string replacement: a random task id may itself contain "600". */
  private static String progress(UUID taskId, double deliveredS, String status) {
    return new JsonObject().put("task_id", taskId.toString()).put("exposure_delivered_s", deliveredS)
        .put("status", status).encode();
  }

  @Test
  void progressIsCumulativeIdempotentAndRefusesWhatItCannotApply() throws Exception {
    Registered node = gw.register();
    Registered other = gw.register();
    Task task = assignedTask(node.nodeId());
    Task foreign = assignedTask(other.nodeId());
    String report = progress(task.taskId(), 600, "EXECUTING");

    HttpResponse<String> first = gw.send("POST", path(node.nodeId(), "progress"), report, node.secret());
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(json(first)).isEqualTo(new JsonObject().put("applied", true).put("mission_id", task.missionId().toString())
        .put("status", "EXECUTING").put("exposure_delivered_s", 600.0));
    assertThat(Await.result(tasks.find(task.taskId())).orElseThrow().exposureDeliveredS()).isEqualTo(600);

    HttpResponse<String> duplicate = gw.send("POST", path(node.nodeId(), "progress"), report, node.secret());
    assertThat(duplicate.statusCode()).isEqualTo(200);
    assertThat(json(duplicate).getBoolean("applied")).isFalse();
    assertThat(json(duplicate).getDouble("exposure_delivered_s")).isEqualTo(600.0);

    HttpResponse<String> older = gw.send("POST", path(node.nodeId(), "progress"), progress(task.taskId(), 300, "EXECUTING"),
        node.secret());
    assertThat(older.statusCode()).isEqualTo(200);
    assertThat(json(older).getBoolean("applied")).isFalse();
    assertThat(json(older).getDouble("exposure_delivered_s")).isEqualTo(600.0);
    Task stored = Await.result(tasks.find(task.taskId())).orElseThrow();
    assertThat(stored.exposureDeliveredS()).isEqualTo(600);
    assertThat(stored.status()).isEqualTo(TaskStatus.EXECUTING);

    double unknownCount = count("openastro.progress.reports", "outcome", "unknown_task");
    UUID unknown = UUID.randomUUID();
    assertError(gw.send("POST", path(node.nodeId(), "progress"), progress(unknown, 600, "EXECUTING"), node.secret()), 404, "unknown_task", "task_id");
    assertThat(count("openastro.progress.reports", "outcome", "unknown_task")).isEqualTo(unknownCount + 1);

    assertError(gw.send("POST", path(node.nodeId(), "progress"), progress(foreign.taskId(), 600, "EXECUTING"), node.secret()), 409, "task_not_assigned", "task_id");
    assertThat(Await.result(tasks.find(foreign.taskId())).orElseThrow().exposureDeliveredS()).isZero();

    assertError(gw.send("POST", path(node.nodeId(), "progress"), "{\"task_id\": \"" + task.taskId()
        + "\", \"status\": \"EXECUTING\"}", node.secret()), 400, "missing_field", "exposure_delivered_s");

    String done = progress(task.taskId(), 3600, "SUCCESS");
    assertThat(json(gw.send("POST", path(node.nodeId(), "progress"), done, node.secret())).getString("status"))
        .isEqualTo("SUCCESS");
    assertError(gw.send("POST", path(node.nodeId(), "progress"), progress(task.taskId(), 4000, "EXECUTING"), node.secret()),
        409, "task_closed", "status");
    assertThat(Await.result(tasks.find(task.taskId())).orElseThrow().status()).isEqualTo(TaskStatus.SUCCESS);
  }

  @Test
  void tasksAnswersOpenAssignmentsAtOnce() throws Exception {
    Registered node = gw.register();
    HttpResponse<String> none = gw.send("GET", path(node.nodeId(), "tasks"), null, node.secret());
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(json(none)).isEqualTo(new JsonObject().put("tasks", new JsonArray()));

    Task open = assignedTask(node.nodeId());
    long started = System.nanoTime();
    HttpResponse<String> one = gw.send("GET", path(node.nodeId(), "tasks") + "?wait=20s", null, node.secret());
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(json(one).getJsonArray("tasks")).hasSize(1);
    assertThat(json(one).getJsonArray("tasks").getJsonObject(0).getString("task_id")).isEqualTo(open.taskId().toString());

    assertError(gw.send("GET", path(node.nodeId(), "tasks") + "?wait=soon", null, node.secret()), 400, "invalid_field", "wait");
  }

  @Test
  void longPollWithNothingAssignedAnswersAnEmptyListAfterTheWaitAndIgnoresOtherNodesEvents() throws Exception {
    Registered node = gw.register();
    Registered other = gw.register();
    Task othersTask = assignedTask(other.nodeId());
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<String>> poll = sendAsync(node, "tasks?wait=2s");
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
      gw.vertx.eventBus().publish(EventAddresses.NODE_DOWNLINK, DownlinkMessages.assignment(other.nodeId(), othersTask, null));
      return poll.isDone();
    });
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    HttpResponse<String> answer = poll.get();
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(json(answer)).isEqualTo(new JsonObject().put("tasks", new JsonArray()));
  }

  @Test
  void longPollReturnsAsSoonAsADownlinkEventForTheNodeIsPublished() throws Exception {
    Registered node = gw.register();
    CompletableFuture<HttpResponse<String>> poll = sendAsync(node, "tasks?wait=20s");
    // the poll is parked (its first read found nothing): it stays open
    await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> !poll.isDone());

    Task assigned = assignedTask(node.nodeId());
    long published = System.nanoTime();
    gw.vertx.eventBus().publish(EventAddresses.NODE_DOWNLINK, DownlinkMessages.assignment(node.nodeId(), assigned, null));
    HttpResponse<String> answer = poll.get(10, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(5));
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonArray list = json(answer).getJsonArray("tasks");
    assertThat(list).hasSize(1);
    assertThat(list.getJsonObject(0).getString("task_id")).isEqualTo(assigned.taskId().toString());
    assertThat(list.getJsonObject(0).getString("assigned_node_id")).isEqualTo(node.nodeId().toString());
  }

  static CompletableFuture<HttpResponse<String>> sendAsync(Registered node, String what) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.http.actualPort()
            + path(node.nodeId(), what)))
        .header("authorization", "Bearer " + node.secret()).GET().build();
    return gw.httpClient.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void rotatedSecretReplacesTheOldOneAtOnce() throws Exception {
    Registered node = gw.register();
    // the old secret is verified (and cached) before the rotation
    assertThat(gw.send("POST", path(node.nodeId(), "heartbeat"), null, node.secret()).statusCode()).isEqualTo(204);

    HttpResponse<String> rotated = gw.send("POST", path(node.nodeId(), "secret"), null, node.secret());
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    JsonObject body = json(rotated);
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("node_id", "secret");
    assertThat(body.getString("node_id")).isEqualTo(node.nodeId().toString());
    String fresh = body.getString("secret");
    assertThat(fresh).hasSize(64).isNotEqualTo(node.secret());

    assertError(gw.send("POST", path(node.nodeId(), "heartbeat"), null, node.secret()), 401, "unauthorized", null);
    assertError(gw.send("POST", path(node.nodeId(), "secret"), null, node.secret()), 401, "unauthorized", null);
    assertThat(gw.send("POST", path(node.nodeId(), "heartbeat"), null, fresh).statusCode()).isEqualTo(204);
    assertThat(gw.send("GET", path(node.nodeId(), "tasks"), null, fresh).statusCode()).isEqualTo(200);
  }

  @Test
  void missingOrWrongBearerIs401AndAnotherNodesIdIs403AllCounted() throws Exception {
    Registered node = gw.register();
    Registered other = gw.register();
    double unauthorized = count("openastro.http.requests.rejected", "route", HEARTBEAT_ROUTE, "error", "unauthorized");
    double forbidden = count("openastro.http.requests.rejected", "route", HEARTBEAT_ROUTE, "error", "forbidden");
    double aclDenied = count("openastro.acl.denied", "transport", "http");

    HttpResponse<String> missing = gw.send("POST", path(node.nodeId(), "heartbeat"), null, null);
    assertError(missing, 401, "unauthorized", null);
    assertThat(missing.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertError(gw.send("POST", path(node.nodeId(), "heartbeat"), null, "not-a-secret"), 401, "unauthorized", null);
    // the right shape naming this node, but not its secret
    String forged = org.openastro.api.auth.Secrets.newSecret(node.nodeId());
    assertError(gw.send("POST", path(node.nodeId(), "heartbeat"), null, forged), 401, "unauthorized", null);
    HttpResponse<String> basic = gw.httpClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + gw.http.actualPort() + path(node.nodeId(), "heartbeat"))).header("authorization", "Basic " + node.secret())
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertError(basic, 401, "unauthorized", null);

    // a genuine node asking about another node's id
    assertError(gw.send("POST", path(other.nodeId(), "heartbeat"), null, node.secret()), 403, "forbidden", "node_id");
    assertError(gw.send("POST", path(other.nodeId(), "progress"), "{}", node.secret()), 403, "forbidden", "node_id");
    assertError(gw.send("GET", path(other.nodeId(), "tasks"), null, node.secret()), 403, "forbidden", "node_id");
    assertError(gw.send("POST", path(other.nodeId(), "secret"), null, node.secret()), 403, "forbidden", "node_id");

    assertThat(history(node.nodeId())).isEmpty();
    assertThat(history(other.nodeId())).isEmpty();
    assertThat(count("openastro.http.requests.rejected", "route", HEARTBEAT_ROUTE, "error", "unauthorized"))
        .isEqualTo(unauthorized + 4);
    assertThat(count("openastro.http.requests.rejected", "route", HEARTBEAT_ROUTE, "error", "forbidden"))
        .isEqualTo(forbidden + 1);
    assertThat(count("openastro.acl.denied", "transport", "http")).isEqualTo(aclDenied + 4);
    // the other node's secret still works for itself
    assertThat(gw.send("POST", path(other.nodeId(), "heartbeat"), null, other.secret()).statusCode()).isEqualTo(204);
  }

  @Test
  void malformedNodeIdIs400NamingIt() throws Exception {
    Registered node = gw.register();
    assertError(gw.send("POST", "/api/v1/nodes/not-a-uuid/heartbeat", null, node.secret()), 400, "invalid_field", "node_id");
  }

  static Mission mission(MissionStatus status, Instant createdAt) {
    Mission m = new Mission(UUID.randomUUID(), 30, 89, ScienceCase.DEEP_STACK, 3600, 0, 50, null,
        Instant.now().plusSeconds(86_400), status, null, 30, false, Set.of(), null, null, "it", createdAt);
    return Await.result(new MissionRepository(keyspace.session()).create(m)).value();
  }

  static HttpResponse<String> putOffline(Registered node, UUID taskId, JsonObject claim) throws Exception {
    return gw.send("PUT", path(node.nodeId(), "tasks/" + taskId), claim.encode(), node.secret());
  }

  @Test
  void aTaskMintedOffLineIsRecordedOnceAndTakesProgress() throws Exception {
    Registered node = gw.register();
    Instant created = Instant.now().minusSeconds(7200).truncatedTo(ChronoUnit.MILLIS);
    Mission mission = mission(MissionStatus.IN_PROGRESS, created);
    UUID taskId = UUID.randomUUID();
    JsonObject claim = new JsonObject().put("mission_id", mission.missionId().toString())
        .put("exposure_required_s", 1200).put("started_at", created.plusSeconds(60).toString());

    HttpResponse<String> first = putOffline(node, taskId, claim);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(json(first).getString("status")).isEqualTo("EXECUTING");
    assertThat(json(first).getString("assigned_node_id")).isEqualTo(node.nodeId().toString());
    assertThat(putOffline(node, taskId, claim).statusCode()).as("identical replay").isEqualTo(200);
    assertError(putOffline(node, taskId, claim.copy().put("exposure_required_s", 600)), 409, "conflict", "task_id");
    Registered other = gw.register();
    assertError(putOffline(other, taskId, claim), 409, "conflict", "task_id");

    HttpResponse<String> reported = gw.send("POST", path(node.nodeId(), "progress"),
        progress(taskId, 900, "EXECUTING"), node.secret());
    assertThat(reported.statusCode()).as(reported.body()).isEqualTo(200);
    assertThat(json(reported).getBoolean("applied")).isTrue();
    assertThat(Await.result(tasks.find(taskId)).orElseThrow().exposureDeliveredS()).isEqualTo(900);
  }

  @Test
  void anOffLineTaskIsRefusedForAClosedOrUnknownMissionOrAFutureStart() throws Exception {
    Registered node = gw.register();
    Instant created = Instant.now().minusSeconds(600);
    Mission complete = mission(MissionStatus.COMPLETE, created);
    JsonObject claim = new JsonObject().put("mission_id", complete.missionId().toString())
        .put("exposure_required_s", 60).put("started_at", Instant.now().toString());
    assertError(putOffline(node, UUID.randomUUID(), claim), 409, "mission_closed", "mission_id");
    assertError(putOffline(node, UUID.randomUUID(), claim.copy().put("mission_id", UUID.randomUUID().toString())),
        422, "unknown_mission", "mission_id");
    Mission open = mission(MissionStatus.PENDING, created);
    assertError(putOffline(node, UUID.randomUUID(), claim.copy().put("mission_id", open.missionId().toString())
        .put("started_at", Instant.now().plusSeconds(3600).toString())), 400, "invalid_field", "started_at");
    assertThat(gw.send("PUT", path(node.nodeId(), "tasks/" + UUID.randomUUID()), claim.encode(), null).statusCode())
        .isEqualTo(401);
  }
}
