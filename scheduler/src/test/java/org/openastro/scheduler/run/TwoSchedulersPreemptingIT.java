package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.cql.Row;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.cql.Store;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.ObservationType;
import org.openastro.domain.TaskStatus;
import org.openastro.events.EventAddresses;
import org.openastro.scheduler.SchedulerVerticle;
import org.openastro.scheduler.plan.Remainder;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * Two scheduler instances (each its own Vert.x and driver session, like two pods) preempting on
 * one keyspace: RAPID_RESPONSE tasks arriving while every node is busy each take one node, each
 * node is taken once, every interrupted task keeps its delivered seconds and gets one remainder,
 * and each node hears one cancellation and one assignment; a preemption left half-done by a dead
 * instance is finished once by the survivors.
 */
@ExtendWith(CassandraExtension.class)
class TwoSchedulersPreemptingIT {
  static final int NORMAL_PRIORITY = 10;
  static final int ALERT_PRIORITY = 90;
  static final double STACK_S = 1200;
  static final double ALERT_S = 600;
  /** How long the settled state must hold: long enough for a late duplicate from the slower instance (many ticks). */
  static final Duration STAYS_SETTLED = Duration.ofSeconds(2);
  /**
   * The shortest tick allowed: a round is a few round trips to Cassandra, so at 50 ms the two
   * instances' rounds overlap and both go for the same RAPID_RESPONSE task most of the time.
   */
  static final Map<String, String> RACING = Map.of("SCHEDULER_TICK", "50ms");

  @Test
  void rapidResponseTasksRacedForByTwoInstancesEachTakeADifferentNodeOnce(CassandraTestNode cassandra) {
    try (TestKeyspace keyspace = TestKeyspace.create(cassandra, "preemptrace");
        SimulatedNetwork network = new SimulatedNetwork(keyspace.session());
        TwoPods pods = new TwoPods(network, keyspace)) {
      Store store = new Store(keyspace.session());
      StoredState stored = new StoredState(store, keyspace);
      List<UUID> nodes = List.of(beatingNode(network), beatingNode(network), beatingNode(network),
          beatingNode(network));
      pods.start();

      // Every node busy with a NORMAL deep stack the instances assigned, each with a different
      // exposure at stake: the policy must spare the one with the most delivered.
      for (int i = 0; i < nodes.size(); i++) {
        Await.result(store.missions().create(SimulatedNetwork.mission(STACK_S, NORMAL_PRIORITY, null)));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> nodes.stream().allMatch(stored::holdsItsAssignedTask));
      Map<UUID, Task> stackOf = new LinkedHashMap<>();
      for (int i = 0; i < nodes.size(); i++) {
        UUID node = nodes.get(i);
        Task stack = stored.task(stored.claimOf(node));
        assertThat(stack.assignedNodeId()).isEqualTo(node);
        // stored before the alerts: both instances must choose by the exposure at stake, not by 0 s
        network.report(node, stack, 100 * (i + 1), TaskStatus.EXECUTING);
        stackOf.put(node, stored.task(stack.taskId()));
      }
      UUID spared = nodes.get(3);

      // Three alerts at once, announced to both instances: both plan, then both preempt at once.
      List<Mission> alerts = List.of(alert(), alert(), alert());
      for (Mission alert : alerts) {
        Await.result(store.missions().create(alert));
        network.publish(EventAddresses.MISSION_CREATED, new JsonObject().put("mission_id", alert.missionId().toString()));
      }

      await().atMost(Duration.ofSeconds(20)).until(() -> alerts.stream().allMatch(a -> stored.assignedTaskOf(a) != null)
          && pods.downlink.ofType("cancellation").size() >= alerts.size());
      // and it stays so: a second carrying out by the slower instance would show within a few ticks
      await().during(STAYS_SETTLED).atMost(STAYS_SETTLED.plusSeconds(3)).untilAsserted(() -> {
        Map<UUID, UUID> nodeOfAlertTask = new HashMap<>();
        for (Mission alert : alerts) {
          List<UUID> tasks = stored.tasksOf(alert.missionId());
          assertThat(tasks).as("one task per alert, planned once by two instances").hasSize(1);
          Task rr = stored.task(tasks.get(0));
          assertThat(rr.assignedNodeId()).isNotNull();
          nodeOfAlertTask.put(rr.taskId(), rr.assignedNodeId());
        }
        assertThat(nodeOfAlertTask.values()).as("each alert on a node of its own").doesNotHaveDuplicates();
        assertThat(nodeOfAlertTask.values()).as("the stacks with the least exposure at stake are interrupted")
            .containsExactlyInAnyOrderElementsOf(nodes.subList(0, alerts.size()));

        Map<UUID, Row> decisions = stored.preemptions();
        assertThat(decisions.keySet()).as("one decision per alert").containsExactlyInAnyOrderElementsOf(nodeOfAlertTask.keySet());
        nodeOfAlertTask.forEach((rrId, node) -> {
          assertThat(decisions.get(rrId).getUuid("node_id")).isEqualTo(node);
          assertThat(decisions.get(rrId).getUuid("preempted_task_id")).isEqualTo(stackOf.get(node).taskId());
          assertPreempted(stored, pods.downlink, stackOf.get(node), rrId);
        });

        assertThat(pods.downlink.ofType("cancellation")).as("no cancellation but the preemptions'").hasSize(alerts.size());
        List<UUID> expectedAssignments = new ArrayList<>(nodeOfAlertTask.keySet());
        stackOf.values().forEach(stack -> expectedAssignments.add(stack.taskId()));
        assertThat(pods.downlink.ofType("assignment")).as("each stack and each alert sent once, nothing else")
            .extracting(TwoSchedulersPreemptingIT::taskIdOf).containsExactlyInAnyOrderElementsOf(expectedAssignments);
        for (UUID node : nodes) {
          assertThat(stored.openTasksOf(node)).as("node %s holds one task: its claim", node)
              .containsExactly(stored.claimOf(node));
        }
        assertUntouched(stored, pods.downlink, stackOf.get(spared));
      });
    }
  }

  @Test
  void aPreemptionADeadInstanceLeftHalfDoneIsFinishedOnceByTheSurvivors(CassandraTestNode cassandra) {
    try (TestKeyspace keyspace = TestKeyspace.create(cassandra, "preemptdead");
        SimulatedNetwork network = new SimulatedNetwork(keyspace.session());
        TwoPods pods = new TwoPods(network, keyspace)) {
      Store store = new Store(keyspace.session());
      StoredState stored = new StoredState(store, keyspace);
      UUID victim = beatingNode(network);
      UUID bystander = beatingNode(network);
      Task victimStack = executing(store, network, victim, 150);
      Task bystanderStack = executing(store, network, bystander, 400);

      // What an instance leaves when it dies right after the claim swap: its decision (5 minutes
      // old, so stale) and the victim's claim on the RAPID_RESPONSE task; nothing told, nothing frozen.
      Mission alert = alert();
      Await.result(store.missions().create(alert));
      Instant now = Instant.now();
      UUID deadInstance = UUID.randomUUID();
      Task rr = new Task(UUID.randomUUID(), alert.missionId(), null, ALERT_S, 0, TaskStatus.PENDING, now,
          now.plus(Duration.ofHours(2)), null, null, ObservationType.RAPID_RESPONSE.queuePriority(ALERT_PRIORITY), now,
          now);
      Await.result(store.tasks().create(rr));
      keyspace.session().execute("INSERT INTO task_preemptions (preempting_task_id, node_id, preempted_task_id,"
          + " decided_at, decided_by) VALUES (?, ?, ?, ?, ?)", rr.taskId(), victim, victimStack.taskId(),
          now.minus(Duration.ofMinutes(5)), deadInstance);
      keyspace.session().execute("UPDATE nodes SET current_task_id = ? WHERE node_id = ?", rr.taskId(), victim);

      // Both survivors start at once (a failover and a restart racing) and both find it stale.
      pods.start();

      await().atMost(Duration.ofSeconds(20)).until(() -> stored.task(rr.taskId()).assignedNodeId() != null
          && !pods.downlink.ofType("cancellation").isEmpty());
      // and it stays so: a second carrying out by the other survivor would show within a few ticks
      await().during(STAYS_SETTLED).atMost(STAYS_SETTLED.plusSeconds(3)).untilAsserted(() -> {
        assertThat(stored.task(rr.taskId()).assignedNodeId()).isEqualTo(victim);
        assertThat(stored.tasksOf(alert.missionId())).containsExactly(rr.taskId());
        Map<UUID, Row> decisions = stored.preemptions();
        assertThat(decisions).containsOnlyKeys(rr.taskId());
        assertThat(decisions.get(rr.taskId()).getUuid("node_id")).isEqualTo(victim);
        assertThat(decisions.get(rr.taskId()).getUuid("decided_by")).as("taken over by a survivor")
            .isNotEqualTo(deadInstance);
        assertPreempted(stored, pods.downlink, victimStack, rr.taskId());
        assertThat(pods.downlink.ofType("cancellation")).hasSize(1);
        assertThat(pods.downlink.ofType("assignment")).as("the alert sent once, nothing else")
            .extracting(TwoSchedulersPreemptingIT::taskIdOf).containsExactly(rr.taskId());
        assertThat(stored.claimOf(victim)).isEqualTo(rr.taskId());
        assertThat(stored.openTasksOf(victim)).containsExactly(rr.taskId());
        assertThat(stored.openTasksOf(bystander)).containsExactly(bystanderStack.taskId());
        assertUntouched(stored, pods.downlink, bystanderStack);
      });
    }
  }

  /**
   * {@code stack} (as it ran before) was interrupted for {@code rrId}: frozen with its seconds,
   * one remainder for the rest, its node told once why and for what.
   */
  static void assertPreempted(StoredState stored, DownlinkLog downlink, Task stack, UUID rrId) {
    Task interrupted = stored.task(stack.taskId());
    assertThat(interrupted.status()).isEqualTo(TaskStatus.PARTIAL_COMPLETE);
    assertThat(interrupted.exposureDeliveredS()).isEqualTo(stack.exposureDeliveredS());
    UUID remainderId = Remainder.idOf(stack.taskId());
    assertThat(stored.tasksOf(stack.missionId())).as("the stack and its one remainder, nothing planned beside")
        .containsExactlyInAnyOrder(stack.taskId(), remainderId);
    Task remainder = stored.task(remainderId);
    assertThat(remainder.remainderOf()).isEqualTo(stack.taskId());
    assertThat(remainder.exposureRequiredS()).isEqualTo(stack.exposureRequiredS() - stack.exposureDeliveredS());
    List<JsonObject> told = downlink.about("cancellation", stack.taskId());
    assertThat(told).as("cancellations of %s", stack.taskId()).hasSize(1);
    assertThat(told.get(0).getString("node_id")).isEqualTo(stack.assignedNodeId().toString());
    assertThat(told.get(0).getString("reason")).isEqualTo("preempted");
    assertThat(told.get(0).getString("preempted_by")).isEqualTo(rrId.toString());
    List<JsonObject> sent = downlink.about("assignment", rrId);
    assertThat(sent).as("assignments of %s", rrId).hasSize(1);
    assertThat(sent.get(0).getString("node_id")).isEqualTo(stack.assignedNodeId().toString());
  }

  /** {@code stack}'s node was not preempted: the stack runs on, its node still holds it and heard nothing. */
  static void assertUntouched(StoredState stored, DownlinkLog downlink, Task stack) {
    Task now = stored.task(stack.taskId());
    assertThat(now.status()).isEqualTo(TaskStatus.EXECUTING);
    assertThat(now.exposureDeliveredS()).isEqualTo(stack.exposureDeliveredS());
    assertThat(stored.claimOf(stack.assignedNodeId())).isEqualTo(stack.taskId());
    assertThat(downlink.about("cancellation", stack.taskId())).isEmpty();
    assertThat(stored.task(Remainder.idOf(stack.taskId()))).isNull();
  }

  static UUID beatingNode(SimulatedNetwork network) {
    UUID node = network.onlineNode(0.5);
    network.keepBeating(node);
    return node;
  }

  static Mission alert() {
    return SimulatedNetwork.mission(ALERT_S, ALERT_PRIORITY, null).withObservationType(ObservationType.RAPID_RESPONSE);
  }

  /**
   * A NORMAL deep stack given to {@code node} through the same claim and assignment LWTs the
   * Assigner uses, then running with {@code deliveredS} reported.
   */
  static Task executing(Store store, SimulatedNetwork network, UUID node, double deliveredS) {
    Mission stack = SimulatedNetwork.mission(STACK_S, NORMAL_PRIORITY, null);
    Await.result(store.missions().create(stack));
    Instant now = Instant.now();
    Task planned = new Task(UUID.randomUUID(), stack.missionId(), null, STACK_S, 0, TaskStatus.PENDING, now,
        now.plus(Duration.ofHours(12)), null, null, ObservationType.NORMAL.queuePriority(NORMAL_PRIORITY), now, now);
    Await.result(store.tasks().create(planned));
    assertThat(Await.result(store.nodeClaims().claim(node, planned.taskId()))).isTrue();
    assertThat(Await.result(store.transitions().assign(planned, node, now, planned.windowEnd(), now))).isTrue();
    network.report(node, Await.result(store.tasks().find(planned.taskId())).orElseThrow(), deliveredS,
        TaskStatus.EXECUTING);
    Task running = Await.result(store.tasks().find(planned.taskId())).orElseThrow();
    assertThat(running.status()).isEqualTo(TaskStatus.EXECUTING);
    return running;
  }

  static UUID taskIdOf(JsonObject downlinkMessage) {
    return UUID.fromString(downlinkMessage.getJsonObject("task").getString("task_id"));
  }

  /** Two scheduler instances, each with its own Vert.x and Store, and what both put on the downlink. */
  static final class TwoPods implements AutoCloseable {
    final DownlinkLog downlink = new DownlinkLog();
    private final SimulatedNetwork network;
    private final TestKeyspace keyspace;
    private final Vertx second = Vertx.vertx();

    TwoPods(SimulatedNetwork network, TestKeyspace keyspace) {
      this.network = network;
      this.keyspace = keyspace;
      // Heartbeats, progress and mission events reach both, as on a clustered event bus.
      network.alsoPublishTo(second);
      downlink.listenOn(network.vertx);
      downlink.listenOn(second);
    }

    /** Deploys both at once, so that their first rounds race. */
    void start() {
      // built before: building prepares statements, which blocks
      SchedulerVerticle first = new SchedulerVerticle(scheduler());
      SchedulerVerticle other = new SchedulerVerticle(scheduler());
      Await.result(Future.all(network.vertx.deployVerticle(first), second.deployVerticle(other)));
    }

    /** One instance, its own Store (driver-side state) over the shared session, like a pod. */
    private SchedulerAssembly scheduler() {
      return SchedulerAssembly.build(new Store(keyspace.session()), SimulatedNetwork.config(RACING),
          new SimpleMeterRegistry());
    }

    @Override
    public void close() {
      Await.result(second.close());
    }
  }

  /** Every downlink message either instance published; each publishes on its own bus, as two pods do. */
  static final class DownlinkLog {
    private final List<JsonObject> messages = new CopyOnWriteArrayList<>();

    void listenOn(Vertx vertx) {
      Await.result(vertx.eventBus().<JsonObject>consumer(EventAddresses.NODE_DOWNLINK, m -> messages.add(m.body()))
          .completion());
    }

    List<JsonObject> ofType(String type) {
      return messages.stream().filter(m -> type.equals(m.getString("type"))).toList();
    }

    /** Messages of {@code type} about {@code taskId}. */
    List<JsonObject> about(String type, UUID taskId) {
      return ofType(type).stream().filter(m -> taskId.equals(taskIdOf(m))).toList();
    }
  }

  /** The shared state, read straight from Cassandra. */
  record StoredState(Store store, TestKeyspace keyspace) {
    UUID claimOf(UUID node) {
      return keyspace.session().execute("SELECT current_task_id FROM nodes WHERE node_id = ?", node).one().getUuid(0);
    }

    /** The node's claim is on a task assigned to it (the claim comes first, then the assignment). */
    boolean holdsItsAssignedTask(UUID node) {
      UUID claimed = claimOf(node);
      return claimed != null && task(claimed) != null && node.equals(task(claimed).assignedNodeId());
    }

    /** Open (PENDING or EXECUTING) tasks the by-node index gives {@code node}. */
    List<UUID> openTasksOf(UUID node) {
      return Await.result(store.nodeTasks().openTaskIds(node));
    }

    Task task(UUID taskId) {
      return Await.result(store.tasks().find(taskId)).orElse(null);
    }

    List<UUID> tasksOf(UUID missionId) {
      return keyspace.session().execute("SELECT task_id FROM tasks_by_mission WHERE mission_id = ?", missionId).all()
          .stream().map(r -> r.getUuid(0)).toList();
    }

    /** The alert's task once assigned; null before. */
    UUID assignedTaskOf(Mission alert) {
      return tasksOf(alert.missionId()).stream().map(this::task)
          .filter(t -> t != null && t.assignedNodeId() != null).map(Task::taskId).findFirst().orElse(null);
    }

    /** task_preemptions by RAPID_RESPONSE task. */
    Map<UUID, Row> preemptions() {
      Map<UUID, Row> rows = new HashMap<>();
      keyspace.session().execute("SELECT * FROM task_preemptions").forEach(r -> rows.put(r.getUuid("preempting_task_id"), r));
      return rows;
    }
  }
}
