package org.openastro.scheduler.astro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Airmass, hour angle, horizon masks and the constraints value type, directly. */
class ObservingConstraintsTest {
  private static final Site LA_PALMA = new Site(28.76, -17.89, 2400);
  private static final Target M31 = new Target(10.6847, 41.269);

  @Test
  void airmassIsGeometricSecantOfZenithDistanceAndTheStricterThresholdWins() {
    assertThat(ObservingConstraints.airmassAltitudeDeg(1.0)).isCloseTo(90.0, within(1e-9));
    assertThat(ObservingConstraints.airmassAltitudeDeg(2.0)).isCloseTo(30.0, within(1e-9));
    assertThat(ObservingConstraints.airmassAltitudeDeg(Math.sqrt(2))).isCloseTo(45.0, within(1e-9));
    assertThat(ObservingConstraints.airmassAltitudeDeg(Double.POSITIVE_INFINITY)).isEqualTo(-90.0);
    ObservingConstraints c = ObservingConstraints.DEFAULTS;
    assertThat(c.effectiveMinAltitudeDeg()).isEqualTo(30.0);
    assertThat(c.withMaxAirmass(1.5).effectiveMinAltitudeDeg())
        .isCloseTo(Math.toDegrees(Math.asin(1 / 1.5)), within(1e-12)); // 41.8°: stricter
    assertThat(c.withMaxAirmass(3.0).effectiveMinAltitudeDeg()).isEqualTo(30.0); // 19.5°: looser
    assertThat(c.withMinAltitudeDeg(-5).effectiveMinAltitudeDeg()).isEqualTo(-5.0); // no airmass
  }

  @Test
  void invalidValuesAreRejectedWithTheFieldName() {
    ObservingConstraints c = ObservingConstraints.DEFAULTS;
    assertThatThrownBy(() -> c.withMaxAirmass(0.9)).hasMessageStartingWith("max_airmass");
    assertThatThrownBy(() -> c.withMinMoonSeparationDeg(-1)).hasMessageStartingWith("min_moon_separation_deg");
    assertThatThrownBy(() -> c.withMaxMoonIllumination(1.1)).hasMessageStartingWith("max_moon_illumination");
    assertThatThrownBy(() -> c.withMaxHourAngleHours(13)).hasMessageStartingWith("max_hour_angle_h");
    assertThatThrownBy(() -> c.withSunMaxAltitudeDeg(Double.NaN)).hasMessageStartingWith("sun_max_altitude_deg");
    assertThatThrownBy(() -> new HorizonMask.Point(360, 10)).hasMessageStartingWith("az_deg");
    assertThatThrownBy(() -> HorizonMask.of(List.of(new HorizonMask.Point(10, 1),
        new HorizonMask.Point(10, 2)))).hasMessageContaining("two points");
  }

  @Test
  void horizonIsInterpolatedLinearlyInAzimuthAndWrapsAt360() {
    HorizonMask m = HorizonMask.of(List.of(new HorizonMask.Point(90, 40),
        new HorizonMask.Point(0, 10), new HorizonMask.Point(180, 20), new HorizonMask.Point(350, 30)));
    assertThat(m.minAltitudeDeg(0)).isEqualTo(10.0);
    assertThat(m.minAltitudeDeg(45)).isCloseTo(25.0, within(1e-12));
    assertThat(m.minAltitudeDeg(90)).isEqualTo(40.0);
    assertThat(m.minAltitudeDeg(135)).isCloseTo(30.0, within(1e-12));
    assertThat(m.minAltitudeDeg(265)).isCloseTo(25.0, within(1e-12)); // 180..350: 20 → 30
    // Across north: 350° (30) to 0° (10).
    assertThat(m.minAltitudeDeg(355)).isCloseTo(20.0, within(1e-12));
    assertThat(m.minAltitudeDeg(-5)).isCloseTo(20.0, within(1e-12));
    assertThat(m.minAltitudeDeg(365)).isCloseTo(m.minAltitudeDeg(5), within(1e-12));
    assertThat(m.maxAltitudeDeg()).isEqualTo(40.0);
    // Wrap with no point at 0: 340 (30) .. 20 (10) through north.
    HorizonMask w = HorizonMask.of(List.of(new HorizonMask.Point(20, 10), new HorizonMask.Point(340, 30)));
    assertThat(w.minAltitudeDeg(0)).isCloseTo(20.0, within(1e-12));
    assertThat(w.minAltitudeDeg(350)).isCloseTo(25.0, within(1e-12));
    assertThat(w.minAltitudeDeg(10)).isCloseTo(15.0, within(1e-12));
    assertThat(w.minAltitudeDeg(180)).isCloseTo(20.0, within(1e-12));
    assertThat(HorizonMask.of(List.of(new HorizonMask.Point(123, 15))).minAltitudeDeg(300)).isEqualTo(15.0);
    assertThat(HorizonMask.of(List.of())).isSameAs(HorizonMask.NONE);
  }

  @Test
  void withoutMoonOrMaskTheClosedFormGivesExactlyTodaysWindows() {
    Instant from = Instant.parse("2026-10-18T00:00:00Z");
    Instant to = from.plus(Duration.ofDays(3));
    assertThat(VisibilityCalculator.windows(LA_PALMA, M31, from, to, ObservingConstraints.DEFAULTS))
        .isEqualTo(VisibilityCalculator.windows(LA_PALMA, M31, from, to));
    assertThat(VisibilityCalculator.windows(LA_PALMA, M31, from, to,
        ObservingConstraints.DEFAULTS.withMinAltitudeDeg(10).anyTimeOfDay()))
        .isEqualTo(VisibilityCalculator.windows(LA_PALMA, M31, from, to, 10, false, -12));
  }

  @Test
  void hourAngleLimitKeepsEachPassAroundTransit() {
    SiteDay day = SiteDay.of(LA_PALMA, LocalDate.parse("2026-10-18"), -12);
    ApparentTarget m31 = ApparentTarget.at(M31, day.middle());
    ObservingConstraints c = ObservingConstraints.DEFAULTS.withMinAltitudeDeg(0).anyTimeOfDay()
        .withMaxHourAngleHours(1.5);
    WindowBuffer out = new WindowBuffer();
    int n = new ConstrainedWindowFinder().windows(day, m31, c, null, out);
    assertThat(n).isEqualTo(1);
    double length = out.endEpochSecond(0) - out.startEpochSecond(0);
    assertThat(length).isCloseTo(3 * 3600 / 1.0027379, within(1.0)); // ±1.5 h of sidereal time
    double mid = 0.5 * (out.startEpochSecond(0) + out.endEpochSecond(0));
    assertThat(Angles.wrap180(day.clock().hourAngleDeg(mid, m31.raDeg()))).isCloseTo(0, within(0.01));
    assertThat(Angles.wrap180(day.clock().hourAngleDeg(out.endEpochSecond(0), m31.raDeg())))
        .isCloseTo(22.5, within(0.01));
    // A circumpolar target from 70°N: one pass of ±1 h per sidereal day.
    SiteDay north = SiteDay.of(new Site(70, 23, 0), LocalDate.parse("2026-01-10"), -12);
    out.clear();
    new ConstrainedWindowFinder().windows(north, ApparentTarget.at(new Target(37.95, 89.26),
        north.middle()), c.withMaxHourAngleHours(1), null, out);
    assertThat(out.size()).isBetween(1, 2);
    double total = 0;
    for (int i = 0; i < out.size(); i++) {
      total += out.endEpochSecond(i) - out.startEpochSecond(i);
    }
    assertThat(total).isLessThanOrEqualTo(2 * 3600 / 1.0027379 + 1);
  }

  @Test
  void aSiteDayForAnotherSunThresholdIsRefused() {
    SiteDay day = SiteDay.of(LA_PALMA, LocalDate.parse("2026-10-18"), -18);
    assertThatThrownBy(() -> new ConstrainedWindowFinder().windows(day,
        ApparentTarget.at(M31, day.middle()), ObservingConstraints.DEFAULTS, null, new WindowBuffer()))
        .hasMessageStartingWith("day must be made for sun_max_altitude_deg");
  }

  @Test
  void aMaskAboveTheTargetRemovesTheWindowAndOneBelowChangesNothing() {
    Instant from = Instant.parse("2026-10-18T00:00:00Z");
    Instant to = from.plus(Duration.ofDays(1));
    ObservingConstraints base = ObservingConstraints.DEFAULTS.withMinAltitudeDeg(0).anyTimeOfDay();
    List<TimeWindow> plain = VisibilityCalculator.windows(LA_PALMA, M31, from, to, base);
    HorizonMask low = HorizonMask.of(List.of(new HorizonMask.Point(0, -5)));
    assertThat(VisibilityCalculator.windows(LA_PALMA, M31, from, to, base.withHorizon(low)))
        .isEqualTo(plain);
    // M31 culminates at 90 - 28.76 + 41.27 = 77.5° (due north of the zenith... az 0/360).
    HorizonMask wall = HorizonMask.of(List.of(new HorizonMask.Point(0, 80)));
    assertThat(VisibilityCalculator.windows(LA_PALMA, M31, from, to, base.withHorizon(wall))).isEmpty();
    // A constant 20° mask equals a 20° minimum altitude, to the bisection's tolerance.
    HorizonMask twenty = HorizonMask.of(List.of(new HorizonMask.Point(100, 20)));
    List<TimeWindow> masked = VisibilityCalculator.windows(LA_PALMA, M31, from, to, base.withHorizon(twenty));
    List<TimeWindow> alt20 = VisibilityCalculator.windows(LA_PALMA, M31, from, to, base.withMinAltitudeDeg(20));
    assertThat(masked).hasSameSizeAs(alt20);
    for (int i = 0; i < masked.size(); i++) {
      assertThat(Duration.between(masked.get(i).start(), alt20.get(i).start()).abs()).isLessThan(Duration.ofSeconds(2));
      assertThat(Duration.between(masked.get(i).end(), alt20.get(i).end()).abs()).isLessThan(Duration.ofSeconds(2));
    }
  }
}
