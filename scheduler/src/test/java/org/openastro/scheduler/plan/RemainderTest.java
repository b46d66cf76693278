package org.openastro.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.task.Task;
import org.openastro.domain.TaskStatus;

class RemainderTest {
  static final Instant T = Instant.parse("2026-03-20T21:00:00Z");

  static Task partial(double required, double delivered) {
    return new Task(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), required, delivered,
        TaskStatus.PARTIAL_COMPLETE, T.minusSeconds(3600), T.plusSeconds(3600), "s3://x", null, 70, T, T);
  }

  @Test
  void carriesRequiredMinusDeliveredAsANewPendingTaskOfTheSameMission() {
    Task parent = partial(3600, 1800);
    Task rest = Remainder.of(parent, T).orElseThrow();
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
    Task once = Remainder.of(parent, T).orElseThrow();
    Task again = Remainder.of(parent, T.plusSeconds(30)).orElseThrow();
    assertThat(again.taskId()).isEqualTo(once.taskId()).isNotEqualTo(parent.taskId());
    assertThat(again.creationFingerprint()).isEqualTo(once.creationFingerprint());
    assertThat(Remainder.idOf(once.taskId())).isNotEqualTo(once.taskId()).isNotEqualTo(parent.taskId());
    assertThat(Remainder.idOf(UUID.randomUUID())).isNotEqualTo(once.taskId());
  }

  @Test
  void nothingLeftMeansNoRemainder() {
    assertThat(Remainder.of(partial(3600, 3600), T)).isEmpty();
    assertThat(Remainder.of(partial(3600, 3700), T)).isEmpty();
    assertThat(Remainder.exposureS(100, -5)).isEqualTo(100);
    assertThat(Remainder.exposureS(100, 0.5)).isEqualTo(99.5);
  }
}
