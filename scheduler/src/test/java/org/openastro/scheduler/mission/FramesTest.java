package org.openastro.scheduler.mission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.task.TaskRepository.TaskSummary;
import org.openastro.domain.TaskStatus;

class FramesTest {
  final Frames tenMinutes = Frames.of(600.0);

  @Test
  void onlyWholeFramesCount() {
    assertThat(tenMinutes.usable(1799)).isEqualTo(1200);
    assertThat(tenMinutes.usable(1800)).isEqualTo(1800);
    assertThat(tenMinutes.usable(-3)).isZero();
    assertThat(tenMinutes.count(1799)).isEqualTo(2);
    assertThat(Frames.CONTINUOUS.usable(1799.5)).isEqualTo(1799.5);
    assertThat(Frames.of((Double) null)).isSameAs(Frames.CONTINUOUS);
  }

  @Test
  void aTotalIsWholeFramesOrNot() {
    assertThat(tenMinutes.isWhole(1800)).isTrue();
    assertThat(tenMinutes.isWhole(1800.5)).isFalse();
    assertThat(Frames.of(0.1).isWhole(0.3)).as("float steps").isTrue();
    assertThat(Frames.CONTINUOUS.isWhole(1234.5)).isTrue();
  }

  @Test
  void aMissionInFramesCountsWholeFramesAndPromisesTheCutOneAgain() {
    UUID mission = UUID.randomUUID();
    List<TaskSummary> tasks = List.of(
        new TaskSummary(UUID.randomUUID(), mission, TaskStatus.PARTIAL_COMPLETE, null, 1800, 1300),
        new TaskSummary(UUID.randomUUID(), mission, TaskStatus.EXECUTING, UUID.randomUUID(), 1200, 650));
    MissionProgress inFrames = MissionProgress.of(tasks, tenMinutes);
    assertThat(inFrames.completedS()).isEqualTo(1200 + 600);
    assertThat(inFrames.promisedS()).isEqualTo(600);
    assertThat(inFrames.uncoveredS(3000)).as("the PARTIAL_COMPLETE task's cut frame").isEqualTo(600);
    // Seconds alone would have called 1950 s delivered and left 1050 s uncovered, no whole frame.
    assertThat(MissionProgress.of(tasks, Frames.CONTINUOUS).completedS()).isEqualTo(1950);
  }

  @Test
  void partialFramesNeverAddUpToACompleteMission() {
    UUID mission = UUID.randomUUID();
    List<TaskSummary> fourShortRuns = List.of(1, 2, 3, 4).stream()
        .map(i -> new TaskSummary(UUID.randomUUID(), mission, TaskStatus.PARTIAL_COMPLETE, null, 600, 599)).toList();
    assertThat(MissionProgress.of(fourShortRuns, tenMinutes).reached(1800)).isFalse();
    assertThat(MissionProgress.of(fourShortRuns, Frames.CONTINUOUS).reached(1800)).isTrue();
  }
}
