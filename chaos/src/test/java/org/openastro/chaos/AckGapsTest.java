package org.openastro.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AckGapsTest {

  @Test
  void aSilenceRunningIntoTheSpanCountsFromTheLastAckBeforeIt() {
    assertThat(AckGaps.longest(List.of(0L, 1_000L, 9_000L, 10_000L), 2_000, 12_000)).isEqualTo(8_000);
  }

  @Test
  void aSilenceRunningPastTheSpanCountsUpToTheNextAck() {
    assertThat(AckGaps.longest(List.of(0L, 1_000L, 20_000L), 500, 5_000)).isEqualTo(19_000);
  }

  @Test
  void noAckAfterTheSpanStartMeansSilenceUntilItsEnd() {
    assertThat(AckGaps.longest(List.of(0L, 1_000L), 2_000, 7_000)).isEqualTo(6_000);
    assertThat(AckGaps.longest(List.of(), 2_000, 7_000)).isEqualTo(5_000);
  }

  @Test
  void gapsEntirelyOutsideTheSpanDoNotCount() {
    assertThat(AckGaps.longest(List.of(0L, 50_000L, 51_000L, 52_000L, 90_000L), 50_500, 52_500)).isEqualTo(38_000);
    assertThat(AckGaps.longest(List.of(0L, 50_000L, 51_000L, 52_000L, 53_000L, 90_000L), 50_500, 52_500))
        .isEqualTo(1_000);
  }

  @Test
  void theWorstNodeDecides() {
    assertThat(AckGaps.worst(List.of(List.of(0L, 1_000L, 2_000L), List.of(0L, 2_000L)), 0, 2_000)).isEqualTo(2_000);
  }
}
