package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.scheduler.run.RunFixtures.T0;
import static org.openastro.scheduler.run.RunFixtures.done;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.domain.NodeStatus;
import org.openastro.scheduler.SchedulerMetrics;
import org.openastro.scheduler.fault.FaultRule;
import org.openastro.scheduler.plan.AssignmentPlanner;

/** The tick's two jobs, fault detection and assignment, against in-memory storage. */
class SchedulerLoopTest {
  final TestClock clock = new TestClock(T0);
  final FakeFleet fleet = new FakeFleet();
  final FakeTasks tasks = new FakeTasks();
  final FakeMissions missions = new FakeMissions();
  final SchedulerMetrics metrics = RunFixtures.metrics();
  final FaultWatch faults = new FaultWatch(fleet, fleet, fleet, metrics, new FaultRule(Duration.ofSeconds(15), 3),
      new Recovery(tasks, tasks, tasks, metrics, new Reliability(new FakeOutcomes()), missions));
  final Assigner assigner = new Assigner(RunFixtures.INLINE, tasks, tasks, tasks, missions, missions, fleet, tasks,
      fleet, metrics, new AssignmentPlanner(AssignerTest.ALWAYS_VISIBLE, Duration.ofHours(1)), new RecordingDownlink(),
      100);
  final SchedulerLoop loop = new SchedulerLoop(null, clock, Duration.ofSeconds(1), Duration.ofSeconds(10), faults,
      assigner, null, null, null);

  @Test
  void aSilentNodeIsFaultedWhileAnAssignmentRoundHangs() {
    UUID node = fleet.add(NodeStatus.ONLINE);
    fleet.storeHeartbeat(node, clock.instant());
    done(faults.refresh(clock.instant()));
    tasks.races.hangNext("head"); // the round's first read waits on a dead replica

    loop.tick();
    clock.advance(Duration.ofSeconds(46));
    loop.tick();

    assertThat(fleet.status(node)).isEqualTo(NodeStatus.FAULTED);
  }

  @Test
  void everyAssignmentRoundIsTimed() {
    SchedulerLoop leader = new SchedulerLoop(null, clock, Duration.ofSeconds(1), Duration.ofSeconds(10), faults,
        assigner, null, null, null, Shards.all(), Duration.ofSeconds(3), Duration.ofMinutes(1), metrics);

    leader.tick();
    leader.tick();

    assertThat(metrics.registry().find("openastro.scheduler.assignment.round").timer().count()).isEqualTo(2);
  }

  @Test
  void onlyTheInstanceOwningShardZeroAssigns() {
    FakeShards shards = new FakeShards();
    shards.owned.add(1);
    RecordingDownlink downlink = new RecordingDownlink();
    Assigner assigning = new Assigner(RunFixtures.INLINE, tasks, tasks, tasks, missions, missions, fleet, tasks,
        fleet, metrics, new AssignmentPlanner(AssignerTest.ALWAYS_VISIBLE, Duration.ofHours(1)), downlink, 100);
    SchedulerLoop follower = new SchedulerLoop(null, clock, Duration.ofSeconds(1), Duration.ofSeconds(10), faults,
        assigning, null, null, null, shards, Duration.ofSeconds(3), Duration.ofMinutes(1), metrics);
    fleet.add(NodeStatus.ONLINE);
    var mission = RunFixtures.mission(600, org.openastro.domain.MissionStatus.PENDING, null);
    missions.put(mission);
    tasks.put(RunFixtures.task(mission, null, org.openastro.domain.TaskStatus.PENDING, 600, 0));

    follower.tick();
    assertThat(downlink.assignments).as("a follower only watches its shards").isEmpty();

    shards.owned.add(0);
    follower.tick();
    assertThat(downlink.assignments).hasSize(1);
  }
}
