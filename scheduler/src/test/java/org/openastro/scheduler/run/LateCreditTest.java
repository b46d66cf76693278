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
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.plan.Remainder;

/**
 * Exposure a faulted node reports once it is back is credited to its PARTIAL_COMPLETE task; the
 * remainder made for that task then asks only for what is still missing, or goes.
 */
class LateCreditTest {
  final FakeTasks tasks = new FakeTasks();
  final RecordingDownlink downlink = new RecordingDownlink();
  final Mission mission = RunFixtures.mission(3600, MissionStatus.IN_PROGRESS, null);
  final UUID node = UUID.randomUUID();
  final Instant now = T0.plusSeconds(3600);

  LateCredit lateCredit() {
    return new LateCredit(tasks, tasks, new FakeMissions(), downlink);
  }

  /** The faulted task as frozen at {@code frozenS}, then credited up to {@code creditedS}, and its remainder. */
  Task[] frozenThenCredited(double frozenS, double creditedS, UUID remainderNode) {
    Task partial = tasks.put(RunFixtures.task(mission, node, TaskStatus.PARTIAL_COMPLETE, 3600, creditedS));
    Task rest = RunFixtures.task(mission, remainderNode, TaskStatus.PENDING, 3600 - frozenS, 0);
    rest = tasks.put(new Task(Remainder.idOf(partial.taskId()), rest.missionId(), rest.assignedNodeId(),
        rest.exposureRequiredS(), 0, TaskStatus.PENDING, rest.windowStart(), rest.windowEnd(), null,
        partial.taskId(), rest.priority(), rest.createdAt(), rest.updatedAt()));
    return new Task[] {partial, rest};
  }

  @Test
  void aRemainderNotStartedAsksOnlyForWhatIsStillMissing() {
    Task[] t = frozenThenCredited(1800, 2400, null);

    done(lateCredit().onCredited(t[0].taskId(), now));

    assertThat(tasks.row(t[1].taskId()).exposureRequiredS()).isEqualTo(1200);
    assertThat(tasks.row(t[1].taskId()).status()).isEqualTo(TaskStatus.PENDING);
    // the same credit again changes nothing more
    done(lateCredit().onCredited(t[0].taskId(), now));
    assertThat(tasks.row(t[1].taskId()).exposureRequiredS()).isEqualTo(1200);
  }

  @Test
  void aRemainderWithNothingLeftIsCancelledAndItsNodeTold() {
    UUID other = UUID.randomUUID();
    Task[] t = frozenThenCredited(1800, 3600, other);

    done(lateCredit().onCredited(t[0].taskId(), now));

    assertThat(tasks.row(t[1].taskId()).status()).isNotEqualTo(TaskStatus.PENDING);
    assertThat(tasks.cancelReasons.get(t[1].taskId())).isEqualTo(LateCredit.COVERED);
    assertThat(downlink.cancellations).extracting(Task::taskId).containsExactly(t[1].taskId());
  }

  @Test
  void aRemainderAlreadyExecutingIsLeftToFinish() {
    Task[] t = frozenThenCredited(1800, 3600, UUID.randomUUID());
    Task running = tasks.put(new Task(t[1].taskId(), t[1].missionId(), t[1].assignedNodeId(), t[1].exposureRequiredS(),
        100, TaskStatus.EXECUTING, t[1].windowStart(), t[1].windowEnd(), null, t[1].remainderOf(), t[1].priority(),
        t[1].createdAt(), t[1].updatedAt()));

    done(lateCredit().onCredited(t[0].taskId(), now));

    assertThat(tasks.row(running.taskId()).status()).isEqualTo(TaskStatus.EXECUTING);
    assertThat(tasks.row(running.taskId()).exposureRequiredS()).isEqualTo(1800);
    assertThat(downlink.cancellations).isEmpty();
  }

  @Test
  void aShrinkThatLosesItsRaceToAnAssignmentLeavesTheRemainderAsTheOtherWriterMadeIt() {
    Task[] t = frozenThenCredited(1800, 2400, null);
    tasks.races.before("shrink", () -> tasks.put(new Task(t[1].taskId(), t[1].missionId(), t[1].assignedNodeId(),
        t[1].exposureRequiredS() + 1, 0, TaskStatus.PENDING, t[1].windowStart(), t[1].windowEnd(), null,
        t[1].remainderOf(), t[1].priority(), t[1].createdAt(), t[1].updatedAt())));

    done(lateCredit().onCredited(t[0].taskId(), now));

    assertThat(tasks.row(t[1].taskId()).exposureRequiredS()).isEqualTo(1801);
  }
}
