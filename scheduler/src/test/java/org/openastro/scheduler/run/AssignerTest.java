package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.scheduler.run.RunFixtures.T0;
import static org.openastro.scheduler.run.RunFixtures.done;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.SchedulerMetrics;
import org.openastro.scheduler.astro.TimeWindow;
import org.openastro.scheduler.fault.FaultRule;
import org.openastro.scheduler.plan.AssignmentPlanner;
import org.openastro.scheduler.plan.SkyView;

/**
 * An assignment round against in-memory storage, under every sky (each node sees each target
 * all the time): the two compare-and-sets (the node's claim, the task's assignment) and what
 * happens when another scheduler or a fault gets in between them.
 */
class AssignerTest {
  static final SkyView ALWAYS_VISIBLE = (node, mission, from, to) -> List.of(new TimeWindow(from, to));

  final Instant now = T0;
  final FakeFleet fleet = new FakeFleet();
  final FakeTasks tasks = new FakeTasks();
  final FakeMissions missions = new FakeMissions();
  final RecordingDownlink downlink = new RecordingDownlink();
  final SchedulerMetrics metrics = RunFixtures.metrics();
  final Assigner assigner = new Assigner(RunFixtures.INLINE, tasks, tasks, tasks, missions, missions, fleet, tasks,
      fleet, metrics, new AssignmentPlanner(ALWAYS_VISIBLE, Duration.ofHours(1)), downlink, 100);
  final Mission mission = missions.put(RunFixtures.mission(600, MissionStatus.PENDING, null));

  Task pending() {
    return tasks.put(RunFixtures.task(mission, null, TaskStatus.PENDING, 600, 0));
  }

  @Test
  void aPendingTaskGoesToAFreeNodeWhichIsToldAndTheMissionStarts() {
    UUID node = fleet.add(NodeStatus.ONLINE);
    Task t = pending();

    assertThat(done(assigner.round(now))).isEqualTo(1);

    assertThat(tasks.row(t.taskId()).assignedNodeId()).isEqualTo(node);
    assertThat(tasks.queued(t.taskId())).isFalse();
    assertThat(done(tasks.openTaskIds(node))).containsExactly(t.taskId());
    assertThat(fleet.claimOf(node)).isEqualTo(t.taskId());
    assertThat(downlink.assignments).extracting(Task::assignedNodeId).containsExactly(node);
    assertThat(missions.row(mission.missionId()).status()).isEqualTo(MissionStatus.IN_PROGRESS);
    assertThat(metrics.registry().find("openastro.scheduler.assignment.latency").timer().count()).isEqualTo(1);
  }

  @Test
  void aTaskAnotherSchedulerAssignedFirstIsNotGivenTwiceAndTheClaimIsReleased() {
    UUID node = fleet.add(NodeStatus.ONLINE);
    UUID otherNode = fleet.add(NodeStatus.BUSY);
    Task t = pending();
    tasks.races.before("assign", () -> tasks.overwrite(
        FakeTasks.with(t, otherNode, TaskStatus.PENDING, 0, now, now.plusSeconds(600), now)));

    assertThat(done(assigner.round(now))).isZero();

    assertThat(tasks.row(t.taskId()).assignedNodeId()).isEqualTo(otherNode);
    assertThat(fleet.claimOf(node)).isNull(); // free for the next round
    assertThat(downlink.assignments).isEmpty();
    assertThat(missions.row(mission.missionId()).status()).isEqualTo(MissionStatus.PENDING);
  }

  @Test
  void anAssignmentWhoseIndexWriteFailsAfterItsLwtIsStillToldToItsNode() {
    UUID node = fleet.add(NodeStatus.ONLINE);
    Task t = pending();
    tasks.races.failNext("healIndex"); // the LWT applied; the logged batch after it timed out

    assertThat(done(assigner.round(now))).isEqualTo(1);

    assertThat(tasks.row(t.taskId()).assignedNodeId()).isEqualTo(node);
    assertThat(fleet.claimOf(node)).isEqualTo(t.taskId());
    assertThat(downlink.assignments).extracting(Task::taskId).containsExactly(t.taskId());

    // A round soon after leaves it alone (another scheduler's index write could be under way)...
    assertThat(done(assigner.round(now.plusSeconds(1)))).isZero();
    assertThat(tasks.queued(t.taskId())).isTrue();
    assertThat(downlink.assignments).hasSize(1);
    // ...a later one heals the index the batch did not write, and tells the node once more.
    assertThat(done(assigner.round(now.plus(Assigner.HEAL_AFTER)))).isZero();
    assertThat(downlink.assignments).hasSize(2);
    assertThat(tasks.queued(t.taskId())).isFalse();
    assertThat(done(tasks.openTaskIds(node))).containsExactly(t.taskId());
  }

  @Test
  void anAssignmentThatFailsBeforeItsLwtReleasesTheClaimAndTellsNobody() {
    UUID node = fleet.add(NodeStatus.ONLINE);
    Task t = pending();
    tasks.races.failNext("assign");

    assertThat(done(assigner.round(now))).isZero();

    assertThat(tasks.row(t.taskId()).assignedNodeId()).isNull();
    assertThat(downlink.assignments).isEmpty();
    assertThat(tasks.queued(t.taskId())).isTrue();
    assertThat(fleet.claimOf(node)).isNull(); // free for the next round
  }

  @Test
  void anAssignmentWhoseIndexWriteFailedIsHealedAndItsNodeToldAgainNextRound() {
    UUID node = fleet.add(NodeStatus.BUSY); // holds it: no other assignment this round
    Task t = pending();
    // The assignment's LWT applied, the index batch after it did not: the row names the node, the
    // queue row is still there, the by-node row is missing, and the node was never told.
    tasks.overwrite(FakeTasks.with(t, node, TaskStatus.PENDING, 0, now, now.plusSeconds(600), now));

    assertThat(done(assigner.round(now.plus(Assigner.HEAL_AFTER)))).isZero();

    assertThat(tasks.queued(t.taskId())).isFalse();
    assertThat(done(tasks.openTaskIds(node))).containsExactly(t.taskId());
    assertThat(downlink.assignments).extracting(Task::taskId).containsExactly(t.taskId());
    assertThat(downlink.assignments).extracting(Task::assignedNodeId).containsExactly(node);
  }

  @Test
  void aTaskAnotherSchedulerAssignedAMomentAgoIsNeitherGivenNorAnnouncedAgain() {
    UUID node = fleet.add(NodeStatus.ONLINE);
    UUID other = fleet.add(NodeStatus.BUSY);
    Task t = pending();
    // The other scheduler's LWT applied after this round read the queue; its index write, which
    // drops the queue row, is still on its way.
    tasks.overwrite(FakeTasks.with(t, other, TaskStatus.PENDING, 0, now, now.plusSeconds(600), now));

    assertThat(done(assigner.round(now.plusSeconds(2)))).isZero();

    assertThat(downlink.assignments).as("the other scheduler tells its node").isEmpty();
    assertThat(tasks.row(t.taskId()).assignedNodeId()).isEqualTo(other);
    assertThat(fleet.claimOf(node)).isNull();
  }

  @Test
  void aNodeAnotherSchedulerClaimedFirstGetsNothingFromThisOne() {
    UUID node = fleet.add(NodeStatus.ONLINE);
    Task t = pending();
    UUID elsewhere = UUID.randomUUID();
    fleet.races.before("claim", () -> fleet.set(node, NodeStatus.ONLINE, elsewhere, now));

    assertThat(done(assigner.round(now))).isZero();

    assertThat(fleet.claimOf(node)).isEqualTo(elsewhere);
    assertThat(tasks.row(t.taskId()).assignedNodeId()).isNull();
    assertThat(tasks.queued(t.taskId())).isTrue();
    assertThat(downlink.assignments).isEmpty();
  }

  @Test
  void aNodeFaultingBeforeItsClaimIsNotAssigned() {
    UUID node = fleet.add(NodeStatus.ONLINE);
    Task t = pending();
    fleet.races.before("claim", () -> fleet.set(node, NodeStatus.FAULTED, null, now));

    assertThat(done(assigner.round(now))).isZero();

    assertThat(tasks.row(t.taskId()).assignedNodeId()).isNull();
    assertThat(tasks.queued(t.taskId())).isTrue();
  }

  @Test
  void aNodeFaultingBetweenItsClaimAndTheAssignmentHasTheTaskTakenBackByTheNextRecovery() {
    UUID node = fleet.add(NodeStatus.ONLINE);
    Task t = pending();
    FaultWatch faults = new FaultWatch(fleet, fleet, fleet, metrics, new FaultRule(Duration.ofSeconds(15), 3),
        new Recovery(tasks, tasks, tasks, metrics, new Reliability(new FakeOutcomes()), new FakeMissions()));
    // The fault sweep (of this or another instance) faults it and recovers its work, which is
    // nothing yet: the assignment lands on a FAULTED node.
    tasks.races.before("assign", () -> {
      fleet.set(node, NodeStatus.FAULTED, null, now);
      done(faults.resumeRecoveries(now));
    });

    assertThat(done(assigner.round(now))).isEqualTo(1);
    assertThat(tasks.row(t.taskId()).assignedNodeId()).isEqualTo(node);

    // The mission sweep resumes recoveries of FAULTED nodes: the task is back in the queue.
    done(faults.resumeRecoveries(now.plusSeconds(5)));
    assertThat(tasks.row(t.taskId()).assignedNodeId()).isNull();
    assertThat(tasks.queued(t.taskId())).isTrue();
    assertThat(done(tasks.openTaskIds(node))).isEmpty();
  }

  @Test
  void aNodeStillHoldingOpenWorkIsNotClaimedEvenIfItsClaimWasCleared() {
    UUID node = fleet.add(NodeStatus.ONLINE);
    tasks.put(RunFixtures.task(mission, node, TaskStatus.EXECUTING, 300, 10));
    Task t = pending();

    assertThat(done(assigner.round(now))).isZero();

    assertThat(fleet.claimOf(node)).isNull();
    assertThat(tasks.row(t.taskId()).assignedNodeId()).isNull();
  }

  @Test
  void staleQueueRowsAreDroppedAndTasksWhoseWindowPassedAreClosed() {
    fleet.add(NodeStatus.ONLINE);
    Task finished = tasks.put(RunFixtures.task(mission, null, TaskStatus.SUCCESS, 600, 600));
    tasks.enqueue(finished); // a queue row left behind by a crash
    Task late = tasks.put(new Task(UUID.randomUUID(), mission.missionId(), null, 600, 0, TaskStatus.PENDING,
        now.minusSeconds(7200), now.minusSeconds(1), null, null, 50, T0, T0));

    assertThat(done(assigner.round(now))).isZero();

    assertThat(tasks.queued(finished.taskId())).isFalse();
    assertThat(tasks.row(finished.taskId()).status()).isEqualTo(TaskStatus.SUCCESS);
    assertThat(tasks.row(late.taskId()).status()).isEqualTo(TaskStatus.FAILED);
    assertThat(tasks.cancelReasons).containsEntry(late.taskId(), "WINDOW_PASSED");
    assertThat(tasks.queued(late.taskId())).isFalse();
  }

  @Test
  void tasksOfAClosedMissionAreNotAssigned() {
    fleet.add(NodeStatus.ONLINE);
    Task t = pending();
    missions.set(mission.missionId(), MissionStatus.EXPIRED);

    assertThat(done(assigner.round(now))).isZero();
    assertThat(tasks.row(t.taskId()).assignedNodeId()).isNull();
  }

  @Test
  void oneFailedAssignmentDoesNotStopTheRestOfTheRound() {
    fleet.add(NodeStatus.ONLINE);
    fleet.add(NodeStatus.ONLINE);
    pending();
    pending();
    tasks.races.failNext("assign");

    assertThat(done(assigner.round(now))).isEqualTo(1);
    assertThat(downlink.assignments).hasSize(1);
  }
}
