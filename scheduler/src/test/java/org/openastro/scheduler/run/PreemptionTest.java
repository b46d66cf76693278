package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.scheduler.run.RunFixtures.T0;
import static org.openastro.scheduler.run.RunFixtures.done;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.scheduling.Preemptions.Decision;
import org.openastro.cql.task.Task;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.ObservationType;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.astro.TimeWindow;
import org.openastro.scheduler.plan.AssignmentPlanner;
import org.openastro.scheduler.plan.PendingWork;
import org.openastro.scheduler.plan.PreemptionPolicy;
import org.openastro.scheduler.plan.Remainder;
import org.openastro.scheduler.plan.SkyView;

/**
 * Preemption against in-memory storage: one node BUSY with a NORMAL task, a RAPID_RESPONSE task
 * queued; what the node, the interrupted task, its remainder and the downlink end up as, and what
 * happens when another scheduler or the node itself gets in between.
 */
class PreemptionTest {
  static final UUID ANOTHER_SCHEDULER = UUID.randomUUID();
  static final SkyView ALWAYS_VISIBLE = (node, mission, from, to) -> List.of(new TimeWindow(from, to));

  final FakeFleet fleet = new FakeFleet();
  final FakeTasks tasks = new FakeTasks();
  final FakeMissions missions = new FakeMissions();
  final FakePreemptions preemptions = new FakePreemptions(fleet);
  final RecordingDownlink downlink = new RecordingDownlink();
  final Preemption preemption = new Preemption(RunFixtures.INLINE, fleet, tasks, tasks, missions, missions,
      preemptions, fleet, downlink, new PreemptionPolicy(ALWAYS_VISIBLE, 0));

  final Mission deepStack = missions.put(RunFixtures.mission(3600, MissionStatus.IN_PROGRESS, null));
  final Mission grb = missions.put(RunFixtures.mission(600, MissionStatus.PENDING, null)
      .withObservationType(ObservationType.RAPID_RESPONSE));
  final UUID node = fleet.add(NodeStatus.ONLINE);
  final Task running = tasks.put(RunFixtures.task(deepStack, node, TaskStatus.EXECUTING, 3600, 1200));
  final Task rrTask = tasks.put(RunFixtures.task(grb, null, TaskStatus.PENDING, 600, 0));

  PreemptionTest() {
    fleet.set(node, NodeStatus.BUSY, running.taskId(), T0);
  }

  PendingWork rr() {
    return new PendingWork(rrTask, grb);
  }

  @Test
  void theBusyNodeIsTakenInOneStepAndNoSecondIsLost() {
    assertThat(done(preemption.preempt(rr(), T0))).isTrue();

    Task interrupted = tasks.row(running.taskId());
    assertThat(interrupted.status()).isEqualTo(TaskStatus.PARTIAL_COMPLETE);
    assertThat(interrupted.exposureDeliveredS()).isEqualTo(1200);
    assertThat(tasks.cancelReasons).containsEntry(running.taskId(), "preempted");
    Task rest = tasks.row(Remainder.idOf(running.taskId()));
    assertThat(rest.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(rest.assignedNodeId()).isNull();
    assertThat(rest.exposureRequiredS()).isEqualTo(2400);
    assertThat(tasks.queued(rest.taskId())).isTrue();

    assertThat(fleet.claimOf(node)).isEqualTo(rrTask.taskId());
    assertThat(tasks.row(rrTask.taskId()).assignedNodeId()).isEqualTo(node);
    assertThat(tasks.queued(rrTask.taskId())).isFalse();
    assertThat(done(tasks.openTaskIds(node))).containsExactly(rrTask.taskId());
    // the node hears the cancellation first, with why and for what, then the new task
    assertThat(downlink.cancellations).extracting(Task::taskId).containsExactly(running.taskId());
    assertThat(downlink.reasons).containsExactly("preempted");
    assertThat(downlink.preemptedBy).containsExactly(rrTask.taskId());
    assertThat(downlink.assignments).extracting(Task::taskId).containsExactly(rrTask.taskId());
    assertThat(missions.row(grb.missionId()).status()).isEqualTo(MissionStatus.IN_PROGRESS);
  }

  @Test
  void aSecondSchedulerThatLosesTheDecisionDoesNothing() {
    // The other scheduler decides for the same task just before this one.
    preemptions.races.before("decide", () -> preemptions.decisions.put(rrTask.taskId(),
        new Decision(rrTask.taskId(), node, running.taskId(), T0, ANOTHER_SCHEDULER)));

    assertThat(done(preemption.preempt(rr(), T0))).isFalse();

    assertThat(tasks.row(running.taskId()).status()).isEqualTo(TaskStatus.EXECUTING);
    assertThat(fleet.claimOf(node)).isEqualTo(running.taskId());
    assertThat(downlink.cancellations).isEmpty();
    assertThat(downlink.assignments).isEmpty();
  }

  @Test
  void aNodeIsNotPreemptedTwice() {
    assertThat(done(preemption.preempt(rr(), T0))).isTrue();
    // A second RAPID_RESPONSE task, decided from the state read before the first preemption.
    Mission other = missions.put(RunFixtures.mission(600, MissionStatus.PENDING, null)
        .withObservationType(ObservationType.RAPID_RESPONSE));
    Task second = tasks.put(RunFixtures.task(other, null, TaskStatus.PENDING, 600, 0));
    assertThat(done(preemption.preempt(new PendingWork(second, other), T0))).as("a RAPID_RESPONSE task is never preempted")
        .isFalse();
    assertThat(fleet.claimOf(node)).isEqualTo(rrTask.taskId());
    assertThat(tasks.row(second.taskId()).assignedNodeId()).isNull();
  }

  @Test
  void aDecisionWhoseNodeMovedOnIsAbandonedAndTheRunningTaskUntouched() {
    // Between the choice and the swap the deep stack ends and the node frees itself.
    preemptions.races.before("swapClaim", () -> {
      tasks.overwrite(FakeTasks.with(running, node, TaskStatus.SUCCESS, 3600, running.windowStart(),
          running.windowEnd(), T0));
      fleet.set(node, NodeStatus.ONLINE, null, T0);
    });

    assertThat(done(preemption.preempt(rr(), T0))).isFalse();

    assertThat(preemptions.decisions).doesNotContainKey(rrTask.taskId());
    assertThat(tasks.row(running.taskId()).status()).isEqualTo(TaskStatus.SUCCESS);
    assertThat(downlink.cancellations).isEmpty();
    assertThat(tasks.row(rrTask.taskId()).assignedNodeId()).isNull();
  }

  @Test
  void aReportLandingBeforeTheFreezeIsKept() {
    tasks.races.before("freezePartial", () -> tasks.overwrite(FakeTasks.with(running, node, TaskStatus.EXECUTING, 1300,
        running.windowStart(), running.windowEnd(), T0)));

    assertThat(done(preemption.preempt(rr(), T0))).isTrue();

    assertThat(tasks.row(running.taskId()).exposureDeliveredS()).isEqualTo(1300);
    assertThat(tasks.row(Remainder.idOf(running.taskId())).exposureRequiredS()).isEqualTo(2300);
  }

  /** A preemption that reads the work of one candidate only, and a busier, more reliable node beside {@code node}. */
  Preemption lookingAtOne(UUID reliable) {
    Task longRun = tasks.put(RunFixtures.task(deepStack, reliable, TaskStatus.EXECUTING, 3600, 3000));
    fleet.set(reliable, NodeStatus.BUSY, longRun.taskId(), T0);
    return new Preemption(RunFixtures.INLINE, fleet, tasks, tasks, missions, missions, preemptions, fleet, downlink,
        new PreemptionPolicy(ALWAYS_VISIBLE, 0), new NodeRowCache(fleet, 4), 1);
  }

  @Test
  void onlyTheMostReliableCandidatesWorkIsRead() {
    UUID reliable = fleet.add(NodeStatus.ONLINE, 0.99);
    assertThat(done(lookingAtOne(reliable).preempt(rr(), T0))).isTrue();

    assertThat(fleet.claimOf(reliable)).as("the one candidate looked at, though it interrupts more exposure")
        .isEqualTo(rrTask.taskId());
    assertThat(tasks.row(running.taskId()).status()).isEqualTo(TaskStatus.EXECUTING);
  }

  @Test
  void aStoppedPreemptionIsFinishedOnItsNodeThoughThatNodeIsNoLongerACandidate() {
    UUID reliable = fleet.add(NodeStatus.ONLINE, 0.99);
    Preemption narrow = lookingAtOne(reliable);
    preemptions.decisions.put(rrTask.taskId(), new Decision(rrTask.taskId(), node, running.taskId(),
        T0.minus(Duration.ofMinutes(5)), ANOTHER_SCHEDULER));
    fleet.set(node, NodeStatus.BUSY, rrTask.taskId(), T0);

    assertThat(done(narrow.preempt(rr(), T0))).isTrue();

    assertThat(tasks.row(rrTask.taskId()).assignedNodeId()).isEqualTo(node);
    assertThat(tasks.row(running.taskId()).status()).isEqualTo(TaskStatus.PARTIAL_COMPLETE);
    assertThat(fleet.claimOf(reliable)).as("the candidate keeps its work").isNotEqualTo(rrTask.taskId());
  }

  @Test
  void aDecisionLeftByASchedulerThatDiedIsFinished() {
    // Decided long ago and the claim already swapped, then the deciding process died.
    preemptions.decisions.put(rrTask.taskId(), new Decision(rrTask.taskId(), node, running.taskId(),
        T0.minus(Duration.ofMinutes(5)), ANOTHER_SCHEDULER));
    fleet.set(node, NodeStatus.BUSY, rrTask.taskId(), T0);

    assertThat(done(preemption.preempt(rr(), T0))).isTrue();

    assertThat(tasks.row(running.taskId()).status()).isEqualTo(TaskStatus.PARTIAL_COMPLETE);
    assertThat(tasks.row(rrTask.taskId()).assignedNodeId()).isEqualTo(node);
  }

  @Test
  void aDecisionLeftByASchedulerThatDiedIsFinishedByOneSurvivorOnly() {
    Decision stale = new Decision(rrTask.taskId(), node, running.taskId(), T0.minus(Duration.ofMinutes(5)),
        ANOTHER_SCHEDULER);
    preemptions.decisions.put(rrTask.taskId(), stale);
    fleet.set(node, NodeStatus.BUSY, rrTask.taskId(), T0);
    // Another survivor found it stale too and took it over just before this one.
    UUID otherSurvivor = UUID.randomUUID();
    preemptions.races.before("takeOver", () -> preemptions.decisions.put(rrTask.taskId(),
        new Decision(rrTask.taskId(), node, running.taskId(), T0, otherSurvivor)));

    assertThat(done(preemption.preempt(rr(), T0))).isFalse();

    assertThat(tasks.row(running.taskId()).status()).isEqualTo(TaskStatus.EXECUTING);
    assertThat(downlink.cancellations).isEmpty();
    assertThat(downlink.assignments).isEmpty();
    assertThat(fleet.claimOf(node)).isEqualTo(rrTask.taskId());
  }

  @Test
  void aPreemptionThatFailedHalfWayIsFinishedByTheNextRoundNotAfterTheStaleTime() {
    // The freeze landed, then a write timed out: the node has not heard of its cancellation yet.
    tasks.races.failNext("healFrozen");
    assertThat(preemption.preempt(rr(), T0).failed()).isTrue();
    assertThat(downlink.cancellations).isEmpty();

    assertThat(done(preemption.preempt(rr(), T0.plusMillis(200)))).isTrue();

    assertThat(downlink.cancellations).extracting(Task::taskId).containsExactly(running.taskId());
    assertThat(downlink.assignments).extracting(Task::taskId).containsExactly(rrTask.taskId());
    assertThat(tasks.row(rrTask.taskId()).assignedNodeId()).isEqualTo(node);
    assertThat(tasks.row(Remainder.idOf(running.taskId())).exposureRequiredS()).isEqualTo(2400);
  }

  @Test
  void aDecisionWhoseClaimSwapFailedIsTakenUpAgainByItsMaker() {
    preemptions.races.failNext("swapClaim");
    assertThat(preemption.preempt(rr(), T0).failed()).isTrue();
    assertThat(fleet.claimOf(node)).isEqualTo(running.taskId());

    assertThat(done(preemption.preempt(rr(), T0.plusMillis(200)))).isTrue();

    assertThat(fleet.claimOf(node)).isEqualTo(rrTask.taskId());
    assertThat(tasks.row(running.taskId()).status()).isEqualTo(TaskStatus.PARTIAL_COMPLETE);
    assertThat(downlink.assignments).extracting(Task::taskId).containsExactly(rrTask.taskId());
  }

  @Test
  void aPreemptionAnotherSchedulerIsCarryingOutIsLeftToIt() {
    preemptions.decisions.put(rrTask.taskId(), new Decision(rrTask.taskId(), node, running.taskId(), T0, ANOTHER_SCHEDULER));
    fleet.set(node, NodeStatus.BUSY, rrTask.taskId(), T0);

    assertThat(done(preemption.preempt(rr(), T0.plusSeconds(1)))).isFalse();

    assertThat(tasks.row(running.taskId()).status()).isEqualTo(TaskStatus.EXECUTING);
    assertThat(downlink.cancellations).isEmpty();
  }

  @Test
  void theAssignerPreemptsOnlyForRapidResponseWorkNoFreeNodeTook() {
    Assigner assigner = new Assigner(RunFixtures.INLINE, tasks, tasks, tasks, missions, missions, fleet, tasks, fleet,
        RunFixtures.metrics(), new AssignmentPlanner(ALWAYS_VISIBLE, Duration.ofHours(1)), downlink, 100,
        preemption::preempt);
    assertThat(done(assigner.round(T0))).isEqualTo(1);
    assertThat(tasks.row(rrTask.taskId()).assignedNodeId()).isEqualTo(node);
    // The remainder is queued, and no NORMAL work preempts anything.
    assertThat(done(assigner.round(T0))).isZero();
    assertThat(tasks.row(Remainder.idOf(running.taskId())).assignedNodeId()).isNull();
  }
}
