package org.openastro.scheduler.astro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisibilityCalculatorTest {
  static final Target POLARIS = new Target(37.9546, 89.2641);
  static final Target SIGMA_OCTANTIS = new Target(317.195, -88.956);
  static final Target VEGA = new Target(279.2347, 38.7837);
  static final Site CAMBRIDGE = new Site(52.2, 0.1, 20);
  static final Site SIDING_SPRING = new Site(-31.27, 149.06, 1165);
  static final Site TROMSO = new Site(69.65, 18.96, 10);
  static final Instant FROM = Instant.parse("2026-03-20T00:00:00Z");
  static final Instant TO = FROM.plus(Duration.ofHours(48));

  @Test
  void circumpolarTargetGetsOneWindowForTheWholeSpan() {
    List<TimeWindow> w = VisibilityCalculator.windows(CAMBRIDGE, POLARIS, FROM, TO, 30, false, -12);
    assertThat(w).containsExactly(new TimeWindow(FROM, TO));
  }

  @Test
  void circumpolarTargetAtNightGetsExactlyTheNights() {
    List<TimeWindow> w = VisibilityCalculator.windows(CAMBRIDGE, POLARIS, FROM, TO, 30, true, -12);
    List<TimeWindow> nights = VisibilityCalculator.windows(
        CAMBRIDGE, new Target(0, 90), FROM, TO, -90, true, -12);
    // The span starts and ends at 00:00 UTC, inside the nights: a piece, a whole night, a piece.
    assertThat(w).hasSize(3).isEqualTo(nights);
    assertThat(w.get(0).start()).isEqualTo(FROM);
    assertThat(w.get(2).end()).isEqualTo(TO);
    assertThat(w.get(1).duration()).isBetween(Duration.ofHours(9), Duration.ofHours(10));
  }

  @Test
  void neverRisingTargetGetsNothing() {
    assertThat(VisibilityCalculator.windows(SIDING_SPRING, POLARIS, FROM, TO, 0, false, -12))
        .isEmpty();
    assertThat(VisibilityCalculator.windows(CAMBRIDGE, SIGMA_OCTANTIS, FROM, TO, 0, false, -12))
        .isEmpty();
  }

  @Test
  void noDarkNightInHighLatitudeSummerMeansNoNightWindows() {
    Instant june = Instant.parse("2026-06-15T00:00:00Z");
    assertThat(VisibilityCalculator.windows(TROMSO, POLARIS, june, june.plus(Duration.ofDays(3)),
        30, true, -12)).isEmpty();
    assertThat(SiteDay.of(TROMSO, LocalDate.parse("2026-06-15"), -12).night()).isEmpty();
    // ... while without the night condition Polaris is up all the time.
    assertThat(VisibilityCalculator.windows(TROMSO, POLARIS, june, june.plus(Duration.ofDays(3)),
        30, false, -12)).hasSize(1);
  }

  @Test
  void darkPolarNightIsOneWindowAcrossDays() {
    Site svalbard = new Site(80.0, 16.0, 10);
    Instant dec = Instant.parse("2026-12-19T07:13:00Z");
    Instant end = dec.plus(Duration.ofDays(4));
    // Sun at most 90 - 80 - 23.4 = -13.4° all day: every instant is night at -12°.
    assertThat(VisibilityCalculator.windows(svalbard, POLARIS, dec, end, 30, true, -12))
        .containsExactly(new TimeWindow(dec, end));
  }

  @Test
  void windowsAreOrderedDisjointInsideTheSpanAndRespectBothConditions() {
    Instant from = Instant.parse("2026-08-01T05:17:00Z");
    Instant to = from.plus(Duration.ofDays(5));
    // Vega culminates at 90 - 31.27 - 38.8 = 19.95° there: above 10° for ~4.5 h a night.
    List<TimeWindow> w = VisibilityCalculator.windows(SIDING_SPRING, VEGA, from, to, 10, true, -12);
    assertThat(w).hasSize(5);
    for (int i = 0; i < w.size(); i++) {
      TimeWindow win = w.get(i);
      assertThat(win.start()).isAfterOrEqualTo(from).isBefore(win.end());
      assertThat(win.end()).isBeforeOrEqualTo(to);
      if (i > 0) {
        assertThat(win.start()).isAfter(w.get(i - 1).end());
      }
      Instant mid = win.start().plus(win.duration().dividedBy(2));
      SiteDay day = SiteDay.containing(SIDING_SPRING, mid, -12);
      assertThat(day.altitudeDeg(ApparentTarget.at(VEGA, mid), mid)).isGreaterThan(10);
      assertThat(day.sunAltitudeDeg(mid)).isLessThan(-12);
    }
  }

  @Test
  void defaultsAreThirtyDegreesAndNauticalNight() {
    assertThat(VisibilityCalculator.windows(SIDING_SPRING, VEGA, FROM, TO))
        .isEqualTo(VisibilityCalculator.windows(SIDING_SPRING, VEGA, FROM, TO, 30, true, -12));
  }

  @Test
  void outOfRangeValuesNameTheParameter() {
    assertThatThrownBy(() -> new Site(90.5, 0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("lat must be");
    assertThatThrownBy(() -> new Site(-91, 0, 0)).hasMessageStartingWith("lat must be");
    assertThatThrownBy(() -> new Site(Double.NaN, 0, 0)).hasMessageStartingWith("lat must be");
    assertThatThrownBy(() -> new Site(0, 400, 0)).hasMessageStartingWith("lon must be");
    assertThatThrownBy(() -> new Site(0, 0, Double.POSITIVE_INFINITY))
        .hasMessageStartingWith("elevation_m must be");
    assertThatThrownBy(() -> new Target(360, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("ra must be");
    assertThatThrownBy(() -> new Target(-0.1, 0)).hasMessageStartingWith("ra must be");
    assertThatThrownBy(() -> new Target(10, 90.01)).hasMessageStartingWith("dec must be");
    assertThatThrownBy(() -> new Target(10, -91)).hasMessageStartingWith("dec must be");
    assertThatThrownBy(() -> VisibilityCalculator.windows(CAMBRIDGE, VEGA, FROM, FROM, 30, true, -12))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("to must be after from");
    assertThatThrownBy(() -> VisibilityCalculator.windows(CAMBRIDGE, VEGA, TO, FROM, 30, true, -12))
        .hasMessageStartingWith("to must be after from");
    assertThatThrownBy(() -> VisibilityCalculator.windows(CAMBRIDGE, VEGA, null, TO, 30, true, -12))
        .hasMessageStartingWith("from must not be null");
    assertThatThrownBy(() -> VisibilityCalculator.windows(null, VEGA, FROM, TO, 30, true, -12))
        .hasMessageStartingWith("site must not be null");
    assertThatThrownBy(() -> VisibilityCalculator.windows(CAMBRIDGE, VEGA, FROM, TO, 91, true, -12))
        .hasMessageStartingWith("minAltitudeDeg must be");
    assertThatThrownBy(() -> VisibilityCalculator.windows(CAMBRIDGE, VEGA, FROM, TO, 30, true, -100))
        .hasMessageStartingWith("sunMaxAltitudeDeg must be");
  }

  @Test
  void edgeValuesAreAccepted() {
    Site pole = new Site(90, 0, 0);
    assertThat(VisibilityCalculator.windows(pole, POLARIS, FROM, TO, 30, false, -12))
        .containsExactly(new TimeWindow(FROM, TO));
    // The J2000 pole is ~0.14° from the pole of date in 2026: 89.86° high at the south pole.
    assertThat(VisibilityCalculator.windows(new Site(-90, 359.9, 0), new Target(0, -90), FROM, TO,
        89.8, false, -12)).containsExactly(new TimeWindow(FROM, TO));
    assertThat(VisibilityCalculator.windows(new Site(-90, 359.9, 0), new Target(0, -90), FROM, TO,
        89.9, false, -12)).isEmpty();
    assertThat(VisibilityCalculator.windows(new Site(0, -180, 0), new Target(359.999, 0), FROM,
        TO, 0, false, -12)).hasSize(3);
  }
}
