package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.scheduler.run.RunFixtures.T0;
import static org.openastro.scheduler.run.RunFixtures.done;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.SchedulerMetrics;
import org.openastro.scheduler.plan.Remainder;

/**
 * Recovery of a faulted node's work, decided from the stored rows: the races it must survive are
 * a progress report landing between its read and its freeze, and a crash anywhere in between
 * (the next run, on this instance after a restart or on another, finishes it, never twice).
 */
class RecoveryTest {
  static final String REMAINDERS = "openastro.scheduler.remainder.tasks";

  final FakeFleet fleet = new FakeFleet();
  final FakeTasks tasks = new FakeTasks();
  final FakeOutcomes outcomes = new FakeOutcomes();
  final SchedulerMetrics metrics = RunFixtures.metrics();
  final Mission mission = RunFixtures.mission(1000, MissionStatus.IN_PROGRESS, null);
  final UUID node = fleet.add(NodeStatus.FAULTED);
  final Instant now = T0.plusSeconds(600);

  /** A fresh instance over the same stored state: what a restart (or a second scheduler) runs. */
  Recovery instance() {
    return new Recovery(tasks, tasks, tasks, metrics, new Reliability(outcomes), new FakeMissions());
  }

  @Test
  void anAssignedTaskNotYetStartedGoesBackToTheQueue() {
    Task t = tasks.put(RunFixtures.task(mission, node, TaskStatus.PENDING, 600, 0));

    done(instance().recoverNode(node, now));

    assertThat(tasks.row(t.taskId()).assignedNodeId()).isNull();
    assertThat(tasks.row(t.taskId()).status()).isEqualTo(TaskStatus.PENDING);
    assertThat(tasks.queued(t.taskId())).isTrue();
    assertThat(done(tasks.openTaskIds(node))).isEmpty();
    assertThat(outcomes.byNode).isEmpty(); // it did nothing wrong yet: not counted against it
  }

  @Test
  void anExecutingTaskIsFrozenWithItsDeliveredExposureAndTheRestBecomesOneRemainder() {
    Task t = tasks.put(RunFixtures.task(mission, node, TaskStatus.EXECUTING, 1000, 300));

    done(instance().recoverNode(node, now));

    assertThat(tasks.row(t.taskId()).status()).isEqualTo(TaskStatus.PARTIAL_COMPLETE);
    assertThat(tasks.row(t.taskId()).exposureDeliveredS()).isEqualTo(300);
    assertThat(tasks.indexedStatus(node, t.taskId())).isEqualTo(TaskStatus.PARTIAL_COMPLETE);
    Task rest = tasks.row(Remainder.idOf(t.taskId()));
    assertThat(rest.exposureRequiredS()).isEqualTo(700);
    assertThat(rest.remainderOf()).isEqualTo(t.taskId());
    assertThat(tasks.queued(rest.taskId())).isTrue();
    assertThat(outcomes.byNode.get(node)).containsExactly("FAULTED");
    assertThat(RunFixtures.count(metrics, REMAINDERS)).isEqualTo(1);
  }

  @Test
  void aReportLandingBeforeTheFreezeLosesItTheRaceAndTheFreezeKeepsTheNewExposure() {
    Task t = tasks.put(RunFixtures.task(mission, node, TaskStatus.EXECUTING, 1000, 300));
    // The node's last report, persisted by the gateway between recovery's read and its LWT.
    tasks.races.before("freezePartial", () -> tasks.overwrite(
        FakeTasks.with(t, node, TaskStatus.EXECUTING, 350, t.windowStart(), t.windowEnd(), now)));

    done(instance().recoverNode(node, now));

    assertThat(tasks.row(t.taskId()).status()).isEqualTo(TaskStatus.PARTIAL_COMPLETE);
    assertThat(tasks.row(t.taskId()).exposureDeliveredS()).isEqualTo(350);
    assertThat(tasks.row(Remainder.idOf(t.taskId())).exposureRequiredS()).isEqualTo(650);
    assertThat(outcomes.byNode.get(node)).containsExactly("FAULTED");
  }

  @Test
  void aTaskThatKeepsChangingIsLeftForTheNextSweepUntouched() {
    Task t = tasks.put(RunFixtures.task(mission, node, TaskStatus.EXECUTING, 1000, 100));
    for (int i = 1; i <= 4; i++) {
      double delivered = 100 + i;
      tasks.races.before("freezePartial", () -> tasks.overwrite(
          FakeTasks.with(tasks.row(t.taskId()), node, TaskStatus.EXECUTING, delivered, t.windowStart(),
              t.windowEnd(), now)));
    }

    done(instance().recoverNode(node, now)); // the failure is logged, not thrown: other tasks go on

    assertThat(tasks.row(t.taskId()).status()).isEqualTo(TaskStatus.EXECUTING);
    assertThat(tasks.row(Remainder.idOf(t.taskId()))).isNull();
    assertThat(done(tasks.openTaskIds(node))).containsExactly(t.taskId());
  }

  @Test
  void aCrashAfterTheFreezeBeforeTheRemainderIsFinishedByTheNextRunOnce() {
    Task t = tasks.put(RunFixtures.task(mission, node, TaskStatus.EXECUTING, 1000, 300));
    tasks.races.failNext("create"); // the process dies after the freeze's LWT, before the remainder

    done(instance().recoverNode(node, now));
    assertThat(tasks.row(t.taskId()).status()).isEqualTo(TaskStatus.PARTIAL_COMPLETE);
    // still EXECUTING in the index: the recovery shows unfinished, and the mission's rest still promised
    assertThat(tasks.indexedStatus(node, t.taskId())).isEqualTo(TaskStatus.EXECUTING);
    assertThat(tasks.row(Remainder.idOf(t.taskId()))).isNull();

    done(instance().recoverNode(node, now.plusSeconds(5))); // after the restart
    done(instance().recoverNode(node, now.plusSeconds(10))); // and once more: nothing left to do

    assertThat(tasks.indexedStatus(node, t.taskId())).isEqualTo(TaskStatus.PARTIAL_COMPLETE);
    assertThat(tasks.created).extracting(Task::taskId).containsExactly(Remainder.idOf(t.taskId()));
    assertThat(tasks.row(Remainder.idOf(t.taskId())).exposureRequiredS()).isEqualTo(700);
    assertThat(RunFixtures.count(metrics, REMAINDERS)).isEqualTo(1);
    assertThat(done(tasks.openTaskIds(node))).isEmpty();
  }

  @Test
  void aCrashAfterTheRemainderBeforeTheParentsIndexRowsCreatesNoSecondRemainder() {
    Task t = tasks.put(RunFixtures.task(mission, node, TaskStatus.EXECUTING, 1000, 300));
    tasks.races.failNext("create"); // first crash: after the freeze, before the remainder
    done(instance().recoverNode(node, now));
    tasks.races.failNext("healFrozen"); // second crash: after the remainder, before the parent's index rows
    done(instance().recoverNode(node, now.plusSeconds(5)));
    assertThat(tasks.created).hasSize(1);
    assertThat(tasks.indexedStatus(node, t.taskId())).isEqualTo(TaskStatus.EXECUTING);

    done(instance().recoverNode(node, now.plusSeconds(10)));

    assertThat(tasks.created).extracting(Task::taskId).containsExactly(Remainder.idOf(t.taskId()));
    assertThat(RunFixtures.count(metrics, REMAINDERS)).isEqualTo(1);
    assertThat(tasks.indexedStatus(node, t.taskId())).isEqualTo(TaskStatus.PARTIAL_COMPLETE);
    assertThat(done(tasks.openTaskIds(node))).isEmpty();
  }

  @Test
  void aTaskThatFinishedBeforeTheFaultOnlyHasItsIndexHealed() {
    Task t = tasks.put(RunFixtures.task(mission, node, TaskStatus.EXECUTING, 600, 600));
    tasks.overwrite(FakeTasks.with(t, node, TaskStatus.SUCCESS, 600, t.windowStart(), t.windowEnd(), now));

    done(instance().recoverNode(node, now));

    assertThat(tasks.row(t.taskId()).status()).isEqualTo(TaskStatus.SUCCESS);
    assertThat(tasks.indexedStatus(node, t.taskId())).isEqualTo(TaskStatus.SUCCESS);
    assertThat(tasks.created).isEmpty();
    assertThat(outcomes.byNode).isEmpty();
  }

  @Test
  void aTaskTakenBackByAnotherInstanceIsLeftAlone() {
    Task t = tasks.put(RunFixtures.task(mission, node, TaskStatus.PENDING, 600, 0));
    UUID other = fleet.add(NodeStatus.ONLINE);
    tasks.overwrite(FakeTasks.with(t, other, TaskStatus.PENDING, 0, t.windowStart(), t.windowEnd(), now));

    done(instance().recoverNode(node, now));

    assertThat(tasks.row(t.taskId()).assignedNodeId()).isEqualTo(other);
  }
}
