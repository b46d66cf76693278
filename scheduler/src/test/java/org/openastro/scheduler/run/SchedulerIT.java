package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.cql.Row;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.cql.Store;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.TaskStatus;
import org.openastro.events.EventAddresses;
import org.openastro.scheduler.SchedulerVerticle;
import org.openastro.scheduler.plan.Remainder;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * The scheduler end to end against the real Cassandra node, with 1 s heartbeats: assignment, a
 * node falling silent mid-task, its PARTIAL_COMPLETE and remainder, the remainder on the next
 * node, completion with event and retried webhook, and the faulted node coming back.
 */
@ExtendWith(CassandraExtension.class)
class SchedulerIT {
  static TestKeyspace keyspace;
  static SimulatedNetwork network;
  static Vertx webhookVertx;
  static HttpServer webhook;
  static final List<JsonObject> webhookCalls = new CopyOnWriteArrayList<>();
  static final AtomicInteger webhookAttempts = new AtomicInteger();
  static Store store;

  @BeforeAll
  static void start(CassandraTestNode node) {
    keyspace = TestKeyspace.create(node, "schedit");
    network = new SimulatedNetwork(keyspace.session());
    webhookVertx = Vertx.vertx();
    // Refuses twice, then accepts: the trigger must be retried until accepted.
    webhook = Await.result(webhookVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      if (webhookAttempts.incrementAndGet() <= 2) {
        req.response().setStatusCode(503).end();
      } else {
        webhookCalls.add(body.toJsonObject());
        req.response().setStatusCode(202).end();
      }
    })).listen(0, "127.0.0.1"));
    store = new Store(keyspace.session());
    SchedulerAssembly scheduler = SchedulerAssembly.build(store, SimulatedNetwork.config(Map.of(
        "MISSION_COMPLETED_WEBHOOK_URL", "http://127.0.0.1:" + webhook.actualPort() + "/stack")),
        new SimpleMeterRegistry());
    Await.result(network.vertx.deployVerticle(new SchedulerVerticle(scheduler)));
  }

  @AfterAll
  static void stop() {
    network.close();
    Await.result(webhookVertx.close());
    keyspace.close();
  }

  Row taskRow(UUID id) {
    return keyspace.session().execute("SELECT * FROM tasks WHERE task_id = ?", id).one();
  }

  NodeStatus statusOf(UUID node) {
    return NodeStatus.valueOf(keyspace.session().execute("SELECT status FROM nodes WHERE node_id = ?", node).one()
        .getString(0));
  }

  Task task(UUID id) {
    return Await.result(store.tasks().find(id)).orElseThrow();
  }

  @Test
  void faultMidTaskLeavesPartialAndItsRemainderGoesToTheNextNode() {
    List<JsonObject> completions = new CopyOnWriteArrayList<>();
    network.vertx.eventBus().<JsonObject>consumer(EventAddresses.MISSION_COMPLETED, m -> completions.add(m.body()));
    UUID reliable = network.onlineNode(0.9);
    UUID backup = network.onlineNode(0.6);
    network.keepBeating(reliable);
    network.keepBeating(backup);
    Mission mission = SimulatedNetwork.mission(600, 80, null);
    Await.result(store.missions().create(mission));

    // Planned into one task (600 s fits one window) and given to the more reliable node.
    UUID first = await().atMost(Duration.ofSeconds(15)).until(() -> Await.result(
        store.tasks().listByMission(mission.missionId())).stream()
        .filter(t -> reliable.equals(t.assignedNodeId())).map(t -> t.taskId()).findFirst().orElse(null),
        id -> id != null);
    Task assigned = task(first);
    assertThat(assigned.windowStart()).isNotNull();
    assertThat(assigned.windowEnd()).isAfter(assigned.windowStart());
    network.report(reliable, assigned, 100, TaskStatus.EXECUTING);
    network.report(reliable, assigned, 200, TaskStatus.EXECUTING);
    network.report(reliable, assigned, 150, TaskStatus.EXECUTING); // late, older: changes nothing

    // The node falls silent: FAULTED within 3 intervals + 1 s (plus the write path's slack).
    Instant silentFrom = Instant.now();
    network.silence(reliable);
    await().atMost(Duration.ofSeconds(6)).until(() -> statusOf(reliable) == NodeStatus.FAULTED);
    assertThat(Duration.between(silentFrom, Instant.now())).isLessThan(Duration.ofMillis(3000 + 1000 + 1000));

    await().atMost(Duration.ofSeconds(5)).until(() -> task(first).status() == TaskStatus.PARTIAL_COMPLETE);
    assertThat(task(first).exposureDeliveredS()).isEqualTo(200);
    UUID remainderId = Remainder.idOf(first);
    Task remainder = await().atMost(Duration.ofSeconds(5)).until(
        () -> Await.result(store.tasks().find(remainderId)).orElse(null), t -> t != null && t.assignedNodeId() != null);
    assertThat(remainder.exposureRequiredS()).isEqualTo(400);
    assertThat(remainder.remainderOf()).isEqualTo(first);
    assertThat(remainder.assignedNodeId()).isEqualTo(backup);

    // The backup delivers the rest: every second counts, the partial one's included.
    network.report(backup, remainder, 400, TaskStatus.SUCCESS);
    await().atMost(Duration.ofSeconds(5)).until(() -> Await.result(store.missions().find(mission.missionId()))
        .orElseThrow().status() == MissionStatus.COMPLETE);
    assertThat(Await.result(store.missions().find(mission.missionId())).orElseThrow().totalExposureCompletedS())
        .isEqualTo(600);
    await().atMost(Duration.ofSeconds(5)).until(() -> !completions.isEmpty());
    assertThat(completions.get(0).getString("mission_id")).isEqualTo(mission.missionId().toString());
    assertThat(completions.get(0).getDouble("total_exposure_completed_s")).isEqualTo(600);
    await().atMost(Duration.ofSeconds(10)).until(() -> !webhookCalls.isEmpty());
    assertThat(webhookAttempts.get()).isGreaterThanOrEqualTo(3);
    assertThat(webhookCalls.get(0).getString("mission_id")).isEqualTo(mission.missionId().toString());
    await().atMost(Duration.ofSeconds(5)).until(() -> keyspace.session().execute(
        "SELECT mission_id FROM mission_completion_outbox WHERE bucket = ?",
        org.openastro.cql.Buckets.of(mission.missionId())).all().isEmpty());

    // Reliability: the fault cost the first node, the success raised the backup; claims released.
    assertThat(keyspace.session().execute("SELECT reliability_score FROM nodes WHERE node_id = ?", reliable).one()
        .getDouble(0)).isEqualTo(0.25);
    await().atMost(Duration.ofSeconds(5)).until(() -> keyspace.session().execute(
        "SELECT current_task_id FROM nodes WHERE node_id = ?", backup).one().isNull(0));
    assertThat(keyspace.session().execute("SELECT reliability_score FROM nodes WHERE node_id = ?", backup).one()
        .getDouble(0)).isEqualTo(2.0 / 3);

    // The faulted node heartbeats again: ONLINE, can take new work.
    network.keepBeating(reliable);
    await().atMost(Duration.ofSeconds(5)).until(() -> statusOf(reliable) == NodeStatus.ONLINE);
    network.silence(reliable);
    network.silence(backup);
  }

  @Test
  void aFaultedNodeBackWithExposureItKeptCollectingIsCreditedOnceAndItsRemainderShrinks() {
    UUID node = network.onlineNode(0.9);
    network.keepBeating(node);
    Mission mission = SimulatedNetwork.mission(600, 80, null);
    Await.result(store.missions().create(mission));
    UUID first = await().atMost(Duration.ofSeconds(15)).until(() -> Await.result(
        store.tasks().listByMission(mission.missionId())).stream()
        .filter(t -> node.equals(t.assignedNodeId())).map(t -> t.taskId()).findFirst().orElse(null),
        id -> id != null);
    network.report(node, task(first), 200, TaskStatus.EXECUTING);

    // the link drops: FAULTED, the task frozen at 200 s, a 400 s remainder waits (no other node)
    network.silence(node);
    await().atMost(Duration.ofSeconds(8)).until(() -> task(first).status() == TaskStatus.PARTIAL_COMPLETE);
    UUID remainderId = Remainder.idOf(first);
    await().atMost(Duration.ofSeconds(5)).until(() -> Await.result(store.tasks().find(remainderId)).isPresent());
    assertThat(task(remainderId).exposureRequiredS()).isEqualTo(400);

    // the node kept observing off-line and reports once back: credited, the remainder shrinks
    network.report(node, task(first), 500, TaskStatus.EXECUTING);
    assertThat(task(first).exposureDeliveredS()).isEqualTo(500);
    assertThat(task(first).status()).isEqualTo(TaskStatus.PARTIAL_COMPLETE);
    await().atMost(Duration.ofSeconds(5)).until(() -> task(remainderId).exposureRequiredS() == 100);
    network.report(node, task(first), 500, TaskStatus.EXECUTING); // again: counted once

    // the rest arrives too: nothing left for the remainder, and the mission is complete
    network.report(node, task(first), 600, TaskStatus.SUCCESS);
    await().atMost(Duration.ofSeconds(5)).until(() -> task(remainderId).status() != TaskStatus.PENDING);
    await().atMost(Duration.ofSeconds(10)).until(() -> Await.result(store.missions().find(mission.missionId()))
        .orElseThrow().status() == MissionStatus.COMPLETE);
    assertThat(Await.result(store.missions().find(mission.missionId())).orElseThrow().totalExposureCompletedS())
        .isEqualTo(600);
  }

  @Test
  void anExpiredMissionsOutstandingTasksAreCancelledAndTheNodeTold() {
    List<JsonObject> downlink = new CopyOnWriteArrayList<>();
    network.vertx.eventBus().<JsonObject>consumer(EventAddresses.NODE_DOWNLINK, m -> downlink.add(m.body()));
    UUID node = network.onlineNode(0.99); // beats any node another test left ONLINE
    network.keepBeating(node);
    // 6 s of exposure due in 8 s: planned into one task that fits before the end, then outrun.
    Mission mission = SimulatedNetwork.mission(6, 90, Instant.now().plusSeconds(8));
    Await.result(store.missions().create(mission));
    UUID taskId = await().atMost(Duration.ofSeconds(10)).until(() -> Await.result(
        store.tasks().listByMission(mission.missionId())).stream()
        .filter(t -> node.equals(t.assignedNodeId())).map(t -> t.taskId()).findFirst().orElse(null), id -> id != null);
    network.report(node, task(taskId), 2, TaskStatus.EXECUTING);

    await().atMost(Duration.ofSeconds(10)).until(() -> Await.result(store.missions().find(mission.missionId()))
        .orElseThrow().status() == MissionStatus.EXPIRED);
    await().atMost(Duration.ofSeconds(5)).until(() -> task(taskId).status() == TaskStatus.FAILED);
    assertThat(task(taskId).exposureDeliveredS()).isEqualTo(2);
    assertThat(keyspace.session().execute("SELECT reason FROM task_cancellations WHERE task_id = ?", taskId).one()
        .getString(0)).isEqualTo("MISSION_EXPIRED");
    await().atMost(Duration.ofSeconds(5)).until(() -> downlink.stream().anyMatch(
        d -> "cancellation".equals(d.getString("type")) && node.toString().equals(d.getString("node_id"))));
    assertThat(downlink).anyMatch(d -> "assignment".equals(d.getString("type"))
        && taskId.toString().equals(d.getJsonObject("task").getString("task_id")));
    network.silence(node);
  }
}
