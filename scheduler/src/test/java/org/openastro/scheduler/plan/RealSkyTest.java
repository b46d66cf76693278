package org.openastro.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.scheduler.plan.Fixtures.NOW;
import static org.openastro.scheduler.plan.Fixtures.mission;
import static org.openastro.scheduler.plan.Fixtures.node;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionConstraints;
import org.openastro.cql.node.HorizonPoint;
import org.openastro.cql.node.Node;
import org.openastro.scheduler.astro.ObservingConstraints;
import org.openastro.scheduler.astro.TimeWindow;
import org.openastro.scheduler.astro.VisibilityCalculator;

/** The real sky under issue 13's constraints: the Crab from La Palma over two days from the equinox. */
class RealSkyTest {
  static final Instant TO = NOW.plus(Duration.ofDays(2));
  final RealSky sky = new RealSky(-12);
  final Node plain = node("n1", 0.5);
  final Mission crab = mission("m", 50, null);

  static long seconds(List<TimeWindow> windows) {
    return windows.stream().mapToLong(w -> w.duration().toSeconds()).sum();
  }

  Mission with(MissionConstraints c) {
    return crab.withConstraints(c);
  }

  @Test
  void withoutConstraintsOrMaskItIsTheClosedFormPath() {
    assertThat(sky.windows(plain, crab, NOW, TO)).isEqualTo(VisibilityCalculator.windows(Candidates.siteOf(plain),
        Candidates.targetOf(crab), NOW, TO, 30, true, -12)).isNotEmpty();
  }

  @Test
  void theMissionsSunLimitReplacesTheSetting() {
    List<TimeWindow> astronomical = sky.windows(plain, with(new MissionConstraints(null, null, null, -18.0, null)),
        NOW, TO);
    assertThat(astronomical).isEqualTo(VisibilityCalculator.windows(Candidates.siteOf(plain),
        Candidates.targetOf(crab), NOW, TO, 30, true, -18));
    assertThat(seconds(astronomical)).isLessThan(seconds(sky.windows(plain, crab, NOW, TO)));
  }

  @Test
  void eachConstraintOnlyShortensTheWindowsAndNeutralValuesChangeNothing() {
    long all = seconds(sky.windows(plain, crab, NOW, TO));
    assertThat(seconds(sky.windows(plain, with(new MissionConstraints(1.2, null, null, null, null)), NOW, TO)))
        .isLessThan(all);
    assertThat(seconds(sky.windows(plain, with(new MissionConstraints(null, null, null, null, 1.0)), NOW, TO)))
        .isLessThan(all);
    assertThat(sky.windows(plain, with(new MissionConstraints(null, 179.0, null, null, null)), NOW, TO)).isEmpty();
    assertThat(sky.windows(plain, with(new MissionConstraints(1000.0, 0.0, 1.0, null, 12.0)), NOW, TO))
        .isEqualTo(sky.windows(plain, crab, NOW, TO));
  }

  @Test
  void theNodesHorizonMaskApplies() {
    // the Crab culminates at 83° from La Palma: a 60° wall all round shortens, an 85° one hides it
    Node walled = plain.withHorizon(List.of(new HorizonPoint(0, 60)));
    long all = seconds(sky.windows(plain, crab, NOW, TO));
    assertThat(seconds(sky.windows(walled, crab, NOW, TO))).isPositive().isLessThan(all);
    assertThat(sky.windows(plain.withHorizon(List.of(new HorizonPoint(0, 85))), crab, NOW, TO)).isEmpty();
    // a mask the model refuses (two points at one azimuth) is ignored, not fatal
    assertThat(sky.windows(plain.withHorizon(List.of(new HorizonPoint(10, 85), new HorizonPoint(10, 80))), crab,
        NOW, TO)).isEqualTo(sky.windows(plain, crab, NOW, TO));
  }

  @Test
  void constraintsMapFieldByFieldAndNightOffMeansAnyTime() {
    Mission day = new Mission(crab.missionId(), crab.targetRa(), crab.targetDec(), crab.scienceCase(), 60, 0, 50,
        null, null, crab.status(), null, 40, false, crab.requiredFilters(), null, null, "t", NOW,
        new MissionConstraints(2.0, 20.0, 0.5, null, 3.0));
    ObservingConstraints c = RealSky.constraints(plain.withHorizon(List.of(new HorizonPoint(0, 10))), day, -12);
    assertThat(c.night()).isFalse();
    assertThat(c.minAltitudeDeg()).isEqualTo(40);
    assertThat(c.maxAirmass()).isEqualTo(2.0);
    assertThat(c.minMoonSeparationDeg()).isEqualTo(20);
    assertThat(c.maxMoonIlluminationFraction()).isEqualTo(0.5);
    assertThat(c.maxHourAngleHours()).isEqualTo(3);
    assertThat(c.horizon().minAltitudeDeg(123)).isEqualTo(10);
  }

  @Test
  void itsLimitsAreTheMissionsAltitudeAirmassNightAndTimeConstraint() {
    assertThat(sky.limits(crab)).isEqualTo(new SkyLimits(30, true, -12, null, null));
    // Airmass 1.5 is 41.8° up, stricter than 30°; the mission's own Sun limit replaces the setting.
    SkyLimits strict = sky.limits(with(new MissionConstraints(1.5, 20.0, 0.5, -18.0, 2.0)));
    assertThat(strict.minTargetAltitudeDeg()).isCloseTo(41.81, org.assertj.core.api.Assertions.within(0.01));
    assertThat(strict.sunMaxAltitudeDeg()).isEqualTo(-18);
    Mission timed = new Mission(crab.missionId(), crab.targetRa(), crab.targetDec(), crab.scienceCase(), 60, 0, 50,
        NOW, TO, crab.status(), null, 40, false, crab.requiredFilters(), null, null, "t", NOW);
    assertThat(sky.limits(timed)).isEqualTo(new SkyLimits(40, false, -12, NOW, TO));
    // Constraints the model refuses promise nothing: the windows decide (and refuse them too).
    assertThat(sky.limits(with(new MissionConstraints(0.5, null, null, null, null)))).isEqualTo(SkyLimits.NONE);
  }

  @Test
  void oneMoonTrackServesSpansInsideIt() {
    var first = sky.trackCovering(NOW, NOW.plus(Duration.ofHours(24)));
    assertThat(sky.trackCovering(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(30)))).isSameAs(first);
    assertThat(sky.trackCovering(NOW, NOW.plus(Duration.ofDays(5)))).isNotSameAs(first);
  }
}
