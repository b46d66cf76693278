package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.scheduler.run.RunFixtures.T0;
import static org.openastro.scheduler.run.RunFixtures.done;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.Buckets;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.SchedulerMetrics;
import org.openastro.scheduler.fault.FaultRule;

/**
 * Fault detection on an instance that owns only some shards: it watches, faults and recovers
 * only its own nodes, drops the rest on a lost shard, and on a shard taken over faults the nodes
 * that fell silent while nobody owned it (from their stored heartbeats).
 */
class ShardedFaultWatchTest {
  final TestClock clock = new TestClock(T0);
  final FakeFleet fleet = new FakeFleet();
  final FakeTasks tasks = new FakeTasks();
  final FakeShards shards = new FakeShards();
  final SchedulerMetrics metrics = RunFixtures.metrics();
  final FaultWatch watch = new FaultWatch(fleet, fleet, fleet, metrics, new FaultRule(Duration.ofSeconds(15), 3),
      new Recovery(tasks, tasks, tasks, metrics, new Reliability(new FakeOutcomes()), new FakeMissions()), shards, 4);
  final Mission mission = RunFixtures.mission(600, MissionStatus.IN_PROGRESS, null);

  /** An ONLINE node in {@code shard}, heard now. */
  UUID nodeIn(int shard) {
    while (true) {
      UUID id = UUID.randomUUID();
      if (Buckets.of(id) == shard) {
        UUID node = fleet.add(id, NodeStatus.ONLINE);
        fleet.storeHeartbeat(node, clock.instant());
        return node;
      }
    }
  }

  @Test
  void onlyTheNodesOfOwnedShardsAreWatchedAndFaulted() {
    shards.owned.add(1);
    UUID mine = nodeIn(1);
    UUID theirs = nodeIn(2);
    done(watch.gained(Set.of(1), clock.instant()));
    watch.onHeartbeat(FaultWatchTest.heartbeats(theirs, clock.instant()), clock.instant());

    clock.advance(Duration.ofSeconds(46));
    done(watch.sweep(clock.instant()));

    assertThat(fleet.status(mine)).isEqualTo(NodeStatus.FAULTED);
    assertThat(fleet.status(theirs)).as("another instance's node").isEqualTo(NodeStatus.ONLINE);
  }

  @Test
  void aShardLostIsNoLongerWatched() {
    shards.owned.add(3);
    UUID node = nodeIn(3);
    done(watch.gained(Set.of(3), clock.instant()));

    shards.owned.remove(3);
    watch.lost(Set.of(3));
    clock.advance(Duration.ofSeconds(46));
    done(watch.sweep(clock.instant()));

    assertThat(fleet.status(node)).isEqualTo(NodeStatus.ONLINE);
  }

  @Test
  void aShardThatLapsedBetweenHeartbeatAndSweepIsNotActedOn() {
    shards.owned.add(4);
    UUID node = nodeIn(4);
    done(watch.gained(Set.of(4), clock.instant()));

    shards.owned.remove(4); // fenced: the lease ran out, not yet reported lost
    clock.advance(Duration.ofSeconds(46));
    done(watch.sweep(clock.instant()));

    assertThat(fleet.status(node)).isEqualTo(NodeStatus.ONLINE);
  }

  @Test
  void aShardTakenOverFaultsItsNodesSilentSinceTheirOwnerDiedAndFinishesItsRecoveries() {
    UUID silent = nodeIn(5);
    fleet.storeHeartbeat(silent, T0.minusSeconds(40)); // its owner died; nobody watched it since
    UUID alive = nodeIn(5);
    UUID faulted = nodeIn(5);
    fleet.set(faulted, NodeStatus.FAULTED, null, T0.minusSeconds(10));
    Task orphan = tasks.put(RunFixtures.task(mission, faulted, TaskStatus.PENDING, 600, 0)); // recovery interrupted

    shards.owned.add(5);
    done(watch.gained(Set.of(5), clock.instant()));
    assertThat(tasks.row(orphan.taskId()).assignedNodeId()).isNull();

    clock.advance(Duration.ofSeconds(6));
    done(watch.sweep(clock.instant()));
    assertThat(fleet.status(silent)).isEqualTo(NodeStatus.FAULTED);
    assertThat(fleet.status(alive)).isEqualTo(NodeStatus.ONLINE);
    assertThat(RunFixtures.count(metrics, FaultWatchTest.FAULTS)).isEqualTo(1);
  }

  @Test
  void aLatelyFaultedNodesRecoveryRunsAgainOnTheSweepButNotOnceItIsBackOnline() {
    shards.owned.add(6);
    UUID node = nodeIn(6);
    done(watch.gained(Set.of(6), clock.instant()));
    clock.advance(Duration.ofSeconds(46));
    done(watch.sweep(clock.instant()));
    assertThat(fleet.status(node)).isEqualTo(NodeStatus.FAULTED);

    // An assignment that claimed the node just before the fault lands after the recovery.
    Task late = tasks.put(RunFixtures.task(mission, node, TaskStatus.PENDING, 600, 0));
    clock.advance(Duration.ofSeconds(5));
    done(watch.retryRecoveries(clock.instant()));
    assertThat(tasks.row(late.taskId()).assignedNodeId()).isNull();

    // Back online and given new work: the settling recovery must leave that alone.
    watch.onHeartbeat(FaultWatchTest.heartbeats(node, clock.instant()), clock.instant());
    assertThat(fleet.status(node)).isEqualTo(NodeStatus.ONLINE);
    Task next = tasks.put(RunFixtures.task(mission, node, TaskStatus.PENDING, 600, 0));
    clock.advance(Duration.ofSeconds(5));
    done(watch.retryRecoveries(clock.instant()));
    assertThat(tasks.row(next.taskId()).assignedNodeId()).isEqualTo(node);
  }
}
