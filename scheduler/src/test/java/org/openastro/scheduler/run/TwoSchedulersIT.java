package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.cql.Row;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.cql.Store;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.SchedulerVerticle;
import org.openastro.scheduler.plan.Remainder;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * Two scheduler instances (each its own Vert.x and driver session, like two pods) on one
 * keyspace: no task is assigned twice and no node holds two tasks; and a recovery interrupted
 * by a crash is finished by the next instance, with the remainder created exactly once.
 */
@ExtendWith(CassandraExtension.class)
class TwoSchedulersIT {

  @Test
  void twoInstancesNeverDoubleAssign(CassandraTestNode cassandra) {
    try (TestKeyspace keyspace = TestKeyspace.create(cassandra, "twosched");
        SimulatedNetwork network = new SimulatedNetwork(keyspace.session())) {
      Store store = new Store(keyspace.session());
      List<UUID> nodes = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        nodes.add(network.onlineNode(0.5));
        network.keepBeating(nodes.get(i));
      }
      List<Mission> missions = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        missions.add(SimulatedNetwork.mission(300, 10 + i, null));
        Await.result(store.missions().create(missions.get(i)));
      }
      Vertx second = Vertx.vertx();
      try {
        Await.result(network.vertx.deployVerticle(new SchedulerVerticle(scheduler(store))));
        Await.result(second.deployVerticle(new SchedulerVerticle(scheduler(new Store(keyspace.session())))));
        // Heartbeats reach both instances, as on a clustered event bus.
        for (UUID n : nodes) {
          second.setPeriodic(250, id -> network.heartbeat(n));
        }

        // Six nodes, ten missions: exactly six tasks get assigned, one per node.
        await().atMost(Duration.ofSeconds(20)).until(() -> assignedTasks(keyspace).size() == 6);
        Map<UUID, List<UUID>> byNode = assignedTasks(keyspace);
        assertThat(byNode.keySet()).containsExactlyInAnyOrderElementsOf(nodes);
        assertThat(byNode.values()).allSatisfy(tasks -> assertThat(tasks).hasSize(1));
        for (UUID node : nodes) {
          Row row = keyspace.session().execute("SELECT current_task_id FROM nodes WHERE node_id = ?", node).one();
          assertThat(row.getUuid(0)).isEqualTo(byNode.get(node).get(0));
        }
        // Exactly one task per mission was planned although both instances plan.
        for (Mission m : missions) {
          assertThat(keyspace.session().execute("SELECT task_id FROM tasks_by_mission WHERE mission_id = ?",
              m.missionId()).all()).hasSize(1);
        }
      } finally {
        Await.result(second.close());
      }
    }
  }

  @Test
  void aRecoveryInterruptedByACrashIsFinishedOnceByTheNextInstance(CassandraTestNode cassandra) {
    try (TestKeyspace keyspace = TestKeyspace.create(cassandra, "restart");
        SimulatedNetwork network = new SimulatedNetwork(keyspace.session())) {
      Store store = new Store(keyspace.session());
      UUID dead = network.onlineNode(0.5);
      Mission mission = SimulatedNetwork.mission(1000, 50, null);
      Await.result(store.missions().create(mission));
      // The state a scheduler leaves when it dies right after freezing the task: node FAULTED,
      // task PARTIAL_COMPLETE with 300 s, its index rows still EXECUTING, no remainder yet.
      Instant now = Instant.now();
      Task parent = new Task(UUID.randomUUID(), mission.missionId(), dead, 1000, 0, TaskStatus.PENDING, now,
          now.plusSeconds(3600), null, null, 50, now, now);
      Await.result(store.tasks().create(parent));
      Await.result(store.transitions().healIndex(parent, null));
      keyspace.session().execute("UPDATE tasks SET status = 'PARTIAL_COMPLETE', exposure_delivered_s = 300"
          + " WHERE task_id = ?", parent.taskId());
      keyspace.session().execute("UPDATE tasks_by_node SET status = 'EXECUTING' WHERE node_id = ? AND task_id = ?",
          dead, parent.taskId());
      keyspace.session().execute("DELETE FROM pending_tasks WHERE bucket = ? AND priority = 50 AND deadline = ?"
          + " AND task_id = ?", org.openastro.cql.Buckets.of(parent.taskId()), parent.windowEnd(), parent.taskId());
      Await.result(store.nodeStates().changeStatus(dead, NodeStatus.ONLINE, NodeStatus.FAULTED, null, now));
      UUID alive = network.onlineNode(0.5);
      network.keepBeating(alive);

      // Two instances start at once (a restart and a failover racing): the remainder exists once.
      Vertx second = Vertx.vertx();
      try {
        Await.result(network.vertx.deployVerticle(new SchedulerVerticle(scheduler(store))));
        Await.result(second.deployVerticle(new SchedulerVerticle(scheduler(new Store(keyspace.session())))));
        UUID remainderId = Remainder.idOf(parent.taskId());
        Task remainder = await().atMost(Duration.ofSeconds(15)).until(
            () -> Await.result(store.tasks().find(remainderId)).orElse(null), t -> t != null && t.assignedNodeId() != null);
        assertThat(remainder.exposureRequiredS()).isEqualTo(700);
        assertThat(remainder.assignedNodeId()).isEqualTo(alive);
        List<Row> tasks = keyspace.session().execute("SELECT task_id, exposure_required_s FROM tasks_by_mission"
            + " WHERE mission_id = ?", mission.missionId()).all();
        // the parent, the one remainder, and nothing else: 300 + 700 cover the mission
        assertThat(tasks).extracting(r -> r.getUuid(0)).containsExactlyInAnyOrder(parent.taskId(), remainderId);
        assertThat(keyspace.session().execute("SELECT status FROM tasks_by_node WHERE node_id = ? AND task_id = ?",
            dead, parent.taskId()).one().getString(0)).isEqualTo("PARTIAL_COMPLETE");
      } finally {
        Await.result(second.close());
      }
    }
  }

  /** One scheduler instance over {@code store} (each instance its own, like two pods). */
  static SchedulerAssembly scheduler(Store store) {
    return SchedulerAssembly.build(store, SimulatedNetwork.config(Map.of()), new SimpleMeterRegistry());
  }

  static Map<UUID, List<UUID>> assignedTasks(TestKeyspace keyspace) {
    Map<UUID, List<UUID>> byNode = new HashMap<>();
    Set<UUID> seen = new HashSet<>();
    for (Row r : keyspace.session().execute("SELECT task_id, assigned_node_id, status FROM tasks")) {
      if (r.getUuid(1) != null && !r.getString(2).equals("PARTIAL_COMPLETE")) {
        assertThat(seen.add(r.getUuid(0))).isTrue();
        byNode.computeIfAbsent(r.getUuid(1), k -> new ArrayList<>()).add(r.getUuid(0));
      }
    }
    return byNode;
  }
}
