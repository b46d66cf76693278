package org.openastro.scheduler.mission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.TaskRepository.TaskSummary;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ScienceCase;
import org.openastro.domain.TaskStatus;

class MissionLifecycleTest {
  static final Instant T = Instant.parse("2026-03-20T21:00:00Z");
  static final UUID M = UUID.randomUUID();

  static Mission mission(MissionStatus status, Instant end) {
    return new Mission(M, 10, 20, ScienceCase.TTV, 3600, 0, 50, null, end, status, null, 30, true, Set.of(),
        null, null, "o", T);
  }

  static TaskSummary task(TaskStatus status, double required, double delivered) {
    return new TaskSummary(UUID.randomUUID(), M, status, null, required, delivered);
  }

  @Test
  void completedCountsEveryDeliveredSecondIncludingPartialAndFailed() {
    MissionProgress p = continuous(List.of(
        task(TaskStatus.PARTIAL_COMPLETE, 3600, 1800),
        task(TaskStatus.SUCCESS, 1200, 1200),
        task(TaskStatus.FAILED, 600, 100),
        task(TaskStatus.EXECUTING, 1800, 300),
        task(TaskStatus.PENDING, 500, 0)));
    assertThat(p.completedS()).isEqualTo(1800 + 1200 + 100 + 300);
    assertThat(p.promisedS()).isEqualTo(1500 + 500);
    assertThat(p.openTasks()).isEqualTo(2);
    assertThat(p.uncoveredS(6000)).isEqualTo(6000 - 3400 - 2000);
    assertThat(p.uncoveredS(3000)).isZero();
  }

  @Test
  void aHalfDoneTaskAndItsRemainderCompleteTheMission() {
    MissionProgress p = continuous(List.of(task(TaskStatus.PARTIAL_COMPLETE, 3600, 1800),
        task(TaskStatus.SUCCESS, 1800, 1800)));
    assertThat(MissionLifecycle.next(mission(MissionStatus.IN_PROGRESS, null), p, true, T))
        .isEqualTo(MissionStatus.COMPLETE);
  }

  @Test
  void expiresWhenTheEndPassesFirst() {
    MissionProgress half = continuous(List.of(task(TaskStatus.EXECUTING, 3600, 1800)));
    Mission m = mission(MissionStatus.IN_PROGRESS, T);
    assertThat(MissionLifecycle.next(m, half, true, T.minusSeconds(1))).isEqualTo(MissionStatus.IN_PROGRESS);
    assertThat(MissionLifecycle.next(m, half, true, T)).isEqualTo(MissionStatus.EXPIRED);
    // but exposure that made it counts, even if looked at late
    MissionProgress full = continuous(List.of(task(TaskStatus.SUCCESS, 3600, 3600)));
    assertThat(MissionLifecycle.next(m, full, true, T.plus(Duration.ofHours(1)))).isEqualTo(MissionStatus.COMPLETE);
  }

  @Test
  void pendingUntilWorkStartsAndFinalStatesStay() {
    MissionProgress none = continuous(List.of(task(TaskStatus.PENDING, 3600, 0)));
    assertThat(MissionLifecycle.next(mission(MissionStatus.PENDING, null), none, false, T)).isEqualTo(MissionStatus.PENDING);
    assertThat(MissionLifecycle.next(mission(MissionStatus.PENDING, null), none, true, T)).isEqualTo(MissionStatus.IN_PROGRESS);
    assertThat(MissionLifecycle.next(mission(MissionStatus.EXPIRED, T), continuous(List.of(
        task(TaskStatus.SUCCESS, 3600, 3600))), true, T)).isEqualTo(MissionStatus.EXPIRED);
  }

  @Test
  void backoffDoublesUpToTheCap() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));
    assertThat(b.delayBefore(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delayBefore(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.delayBefore(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(b.delayBefore(5)).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.delayBefore(500)).isEqualTo(Duration.ofSeconds(10));
  }

  static MissionProgress continuous(List<TaskSummary> tasks) {
    return MissionProgress.of(tasks, Frames.CONTINUOUS);
  }
}
