package org.openastro.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
  static final FaultPlan.Spec TEN_PERCENT = new FaultPlan.Spec(0.1, Duration.ofSeconds(60), Duration.ofSeconds(90));

  @Test
  void choosesExactlyTheShareOfNodes() {
    FaultPlan plan = FaultPlan.of(TEN_PERCENT, 1000, 7);
    assertThat(plan.planned()).isEqualTo(100);
    assertThat(IntStream.range(0, 1000).filter(plan::chosen).count()).isEqualTo(100);
  }

  @Test
  void theSameSeedChoosesTheSameNodesAndAnotherSeedOthers() {
    FaultPlan a = FaultPlan.of(TEN_PERCENT, 500, 1);
    FaultPlan b = FaultPlan.of(TEN_PERCENT, 500, 1);
    FaultPlan c = FaultPlan.of(TEN_PERCENT, 500, 2);
    assertThat(IntStream.range(0, 500).filter(a::chosen).toArray()).isEqualTo(IntStream.range(0, 500).filter(b::chosen).toArray());
    assertThat(IntStream.range(0, 500).filter(a::chosen).toArray()).isNotEqualTo(IntStream.range(0, 500).filter(c::chosen).toArray());
  }

  @Test
  void aChosenNodeIsDueOnlyAfterTheDelayAndOthersNever() {
    FaultPlan plan = FaultPlan.of(TEN_PERCENT, 50, 3);
    int chosen = IntStream.range(0, 50).filter(plan::chosen).findFirst().orElseThrow();
    int spared = IntStream.range(0, 50).filter(i -> !plan.chosen(i)).findFirst().orElseThrow();
    assertThat(plan.due(chosen, Duration.ofSeconds(59))).isFalse();
    assertThat(plan.due(chosen, Duration.ofSeconds(60))).isTrue();
    assertThat(plan.due(spared, Duration.ofHours(1))).isFalse();
    assertThat(plan.downFor()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void noShareMeansNoFaultAndABadShareIsRefused() {
    FaultPlan none = FaultPlan.of(FaultPlan.Spec.none(), 100, 1);
    assertThat(none.planned()).isZero();
    assertThat(IntStream.range(0, 100).anyMatch(i -> none.due(i, Duration.ofDays(1)))).isFalse();
    assertThatThrownBy(() -> new FaultPlan.Spec(1.5, Duration.ZERO, Duration.ZERO)).hasMessageContaining("--fault-share");
  }

  @Test
  void roundsTheShareToTheNearestNode() {
    assertThat(FaultPlan.of(new FaultPlan.Spec(0.1, Duration.ZERO, Duration.ZERO), 15, 1).planned()).isEqualTo(2);
    assertThat(FaultPlan.of(new FaultPlan.Spec(1.0, Duration.ZERO, Duration.ZERO), 15, 1).planned()).isEqualTo(15);
  }
}
