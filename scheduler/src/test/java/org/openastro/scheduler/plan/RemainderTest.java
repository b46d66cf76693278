package org.openastro.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.task.Task;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.mission.Frames;

class RemainderTest {
  static final Instant T = Instant.parse("2026-03-20T21:00:00Z");

  static Task partial(double required, double delivered) {
    return new Task(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), required, delivered,
        TaskStatus.PARTIAL_COMPLETE, T.minusSeconds(3600), T.plusSeconds(3600), "s3://x", null, 70, T, T);
  }

  @Test
  void carriesRequiredMinusDeliveredAsANewPendingTaskOfTheSameMission() {
    Task parent = partial(3600, 1800);
    Task rest = Remainder.of(parent, Frames.CONTINUOUS, T).orElseThrow();
    assertThat(rest.exposureRequiredS()).isEqualTo(1800);
    assertThat(rest.exposureDeliveredS()).isZero();
    assertThat(rest.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(rest.assignedNodeId()).isNull();
    assertThat(rest.missionId()).isEqualTo(parent.missionId());
    assertThat(rest.priority()).isEqualTo(70);
    assertThat(rest.remainderOf()).isEqualTo(parent.taskId());
    assertThat(rest.windowEnd()).isEqualTo(parent.windowEnd());
  }

  @Test
  void theIdIsDerivedFromTheParentSoEveryRecoveryCreatesTheSameTask() {
    Task parent = partial(3600, 1800);
    Task once = Remainder.of(parent, Frames.CONTINUOUS, T).orElseThrow();
    Task again = Remainder.of(parent, Frames.CONTINUOUS, T.plusSeconds(30)).orElseThrow();
    assertThat(again.taskId()).isEqualTo(once.taskId()).isNotEqualTo(parent.taskId());
    assertThat(again.creationFingerprint()).isEqualTo(once.creationFingerprint());
    assertThat(Remainder.idOf(once.taskId())).isNotEqualTo(once.taskId()).isNotEqualTo(parent.taskId());
    assertThat(Remainder.idOf(UUID.randomUUID())).isNotEqualTo(once.taskId());
  }

  @Test
  void nothingLeftMeansNoRemainder() {
    assertThat(Remainder.of(partial(3600, 3600), Frames.CONTINUOUS, T)).isEmpty();
    assertThat(Remainder.of(partial(3600, 3700), Frames.CONTINUOUS, T)).isEmpty();
    assertThat(Remainder.exposureS(100, -5, Frames.CONTINUOUS)).isEqualTo(100);
    assertThat(Remainder.exposureS(100, 0.5, Frames.CONTINUOUS)).isEqualTo(99.5);
  }

  @Test
  void inFramesTheFrameCutShortIsObservedAgain() {
    Frames tenMinutes = Frames.of(600.0);
    // 3 frames asked; the node was 100 s into its third when it faulted: 2 frames count, 1 is left.
    assertThat(Remainder.of(partial(1800, 1300), tenMinutes, T).orElseThrow().exposureRequiredS()).isEqualTo(600);
    assertThat(Remainder.of(partial(1800, 599.9), tenMinutes, T).orElseThrow().exposureRequiredS()).isEqualTo(1800);
    assertThat(Remainder.of(partial(1800, 1800), tenMinutes, T)).isEmpty();
    // float sums just short of a frame boundary still count the frame
    assertThat(Remainder.exposureS(1800, 1199.9999999, tenMinutes)).isEqualTo(600);
  }
}
