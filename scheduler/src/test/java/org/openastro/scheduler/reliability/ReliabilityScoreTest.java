package org.openastro.scheduler.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openastro.scheduler.reliability.Outcome.FAILED;
import static org.openastro.scheduler.reliability.Outcome.FAULTED;
import static org.openastro.scheduler.reliability.Outcome.SUCCESS;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReliabilityScoreTest {
  @Test
  void noHistoryIsOneHalf() {
    assertThat(ReliabilityScore.of(List.of())).isEqualTo(0.5);
  }

  @Test
  void worksTheFormulaByHand() {
    // newest first: SUCCESS (w=1), FAILED (w=0.9), FAULTED (w=0.81, cost 2)
    double expected = (1 + 1) / (2 + 1 + 0.9 + 2 * 0.81);
    assertThat(ReliabilityScore.of(List.of(SUCCESS, FAILED, FAULTED))).isCloseTo(expected, within(1e-12));
  }

  @Test
  void successesRaiseFailuresLowerAndAFaultCostsMoreThanAFailure() {
    assertThat(ReliabilityScore.of(List.of(SUCCESS))).isGreaterThan(0.5);
    assertThat(ReliabilityScore.of(List.of(FAILED))).isLessThan(0.5);
    assertThat(ReliabilityScore.of(List.of(FAULTED))).isLessThan(ReliabilityScore.of(List.of(FAILED)));
  }

  @Test
  void recentOutcomesWeighMore() {
    assertThat(ReliabilityScore.of(List.of(SUCCESS, FAILED)))
        .isGreaterThan(ReliabilityScore.of(List.of(FAILED, SUCCESS)));
  }

  @Test
  void staysWithinZeroAndOneAndLooksOnlyAtTheWindow() {
    List<Outcome> good = new ArrayList<>(Collections.nCopies(ReliabilityScore.WINDOW, SUCCESS));
    assertThat(ReliabilityScore.of(good)).isBetween(0.9, 1.0);
    List<Outcome> bad = new ArrayList<>(Collections.nCopies(200, FAULTED));
    assertThat(ReliabilityScore.of(bad)).isBetween(0.0, 0.1);
    good.addAll(bad); // beyond the window: ignored
    assertThat(ReliabilityScore.of(good)).isEqualTo(ReliabilityScore.of(good.subList(0, ReliabilityScore.WINDOW)));
  }
}
