package org.openastro.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openastro.scheduler.plan.Fixtures.mission;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.Mission;

class SiteBoundTest {
  static final Instant EQUINOX_NOON = Instant.parse("2026-03-20T12:00:00Z");
  static final SkyLimits NIGHT_30 = new SkyLimits(30, true, -12, null, null);
  /** RA 83.6°, Dec +22° (the Crab). */
  final Mission crab = mission("m", 50, null);

  static boolean keeps(SiteBound bound, double lat, double lon) {
    return bound.keepsSite(lat, lon);
  }

  @Test
  void nearestTurnIsTheLeastDistanceToAMultipleOf360() {
    assertThat(SiteBound.nearestTurnDeg(-10, 20)).isZero();
    assertThat(SiteBound.nearestTurnDeg(350, 20)).isZero();
    assertThat(SiteBound.nearestTurnDeg(10, 20)).isEqualTo(10);
    assertThat(SiteBound.nearestTurnDeg(-40, 20)).isEqualTo(20);
    assertThat(SiteBound.nearestTurnDeg(300, 50)).isCloseTo(10, within(1e-9));
    assertThat(SiteBound.nearestTurnDeg(170, 20)).isCloseTo(170, within(1e-9));
    assertThat(SiteBound.nearestTurnDeg(720 + 100, 100)).isCloseTo(100, within(1e-9));
    assertThat(SiteBound.nearestTurnDeg(100, 359)).isZero();
    assertThat(SiteBound.nearestTurnDeg(100, 400)).isZero();
  }

  @Test
  void aPeakOverABandIsTheHighestValueInIt() {
    Random random = new Random(7);
    for (int i = 0; i < 2000; i++) {
      double a = random.nextDouble() * 2 - 1;
      double b = random.nextDouble() * 2 - 1;
      double lo = -90 + random.nextDouble() * 180;
      double hi = Math.min(90, lo + random.nextDouble() * 20);
      double sampled = Double.NEGATIVE_INFINITY;
      for (int k = 0; k <= 1000; k++) {
        double phi = Math.toRadians(lo + (hi - lo) * k / 1000);
        sampled = Math.max(sampled, a * Math.sin(phi) + b * Math.cos(phi));
      }
      double peak = SiteBound.Peak.of(a, b).maxOver(LatitudeBand.of(lo, hi));
      assertThat(peak).isGreaterThanOrEqualTo(sampled - 1e-12).isLessThanOrEqualTo(sampled + 1e-6);
    }
  }

  @Test
  void aTargetThatNeverRisesHighEnoughAtALatitudeIsOut() {
    // Dec +22 culminates at 90 - |lat - 22|: 30° up needs lat > -38.
    SiteBound bound = SiteBound.of(crab, new SkyLimits(30, false, 90, null, null), EQUINOX_NOON,
        EQUINOX_NOON.plus(Duration.ofDays(2)));
    assertThat(keeps(bound, -37, 0)).isTrue();
    assertThat(keeps(bound, -39.5, 0)).isFalse();
    assertThat(keeps(bound, 75, 0)).isTrue(); // culminates at 37°
  }

  @Test
  void aTargetBelowTheMinimumThroughoutTheLookaheadIsOut() {
    // At 20:00 UTC the Crab culminated over about 0° east at 18:55 (La Palma's 20:00 is 1.1 h past
    // transit at 17.9° W); at a given latitude it is up on one side of the globe only.
    Instant at = Instant.parse("2026-03-20T20:00:00Z");
    SiteBound bound = SiteBound.of(crab, new SkyLimits(30, false, 90, null, null), at, at.plus(Duration.ofMinutes(30)));
    assertThat(keeps(bound, 28.76, -17.88)).isTrue();
    assertThat(keeps(bound, 28.76, 160)).isFalse();
  }

  @Test
  void aSiteInDaylightThroughoutTheLookaheadIsOutOfANightOnlyMission() {
    Mission polaris = new Mission(crab.missionId(), 37.95, 89.26, crab.scienceCase(), 3600, 0, 50, null, null,
        crab.status(), null, 30, true, crab.requiredFilters(), null, null, "test", crab.createdAt());
    SiteBound bound = SiteBound.of(polaris, NIGHT_30, EQUINOX_NOON, EQUINOX_NOON.plus(Duration.ofMinutes(30)));
    assertThat(keeps(bound, 50, 0)).isFalse(); // noon at Greenwich
    assertThat(keeps(bound, 50, 180)).isTrue(); // midnight
    SiteBound anyTime = SiteBound.of(polaris, new SkyLimits(30, false, -12, null, null), EQUINOX_NOON,
        EQUINOX_NOON.plus(Duration.ofMinutes(30)));
    assertThat(keeps(anyTime, 50, 0)).isTrue();
  }

  @Test
  void theMissionsTimeConstraintCanLeaveNothingWithinTheLookahead() {
    Instant now = EQUINOX_NOON;
    Instant latest = now.plus(Duration.ofMinutes(30));
    assertThat(SiteBound.of(crab, new SkyLimits(30, true, -12, null, now.minusSeconds(1)), now, latest).keepsNothing())
        .isTrue();
    assertThat(SiteBound.of(crab, new SkyLimits(30, true, -12, latest.plusSeconds(1), null), now, latest).keepsNothing())
        .isTrue();
    assertThat(SiteBound.of(crab, new SkyLimits(30, true, -12, latest, null), now, latest).keepsNothing()).isFalse();
  }

  @Test
  void aSkyThatPromisesNothingKeepsEverything() {
    assertThat(SiteBound.of(crab, SkyLimits.NONE, EQUINOX_NOON, EQUINOX_NOON.plus(Duration.ofMinutes(30)))
        .keepsEverything()).isTrue();
  }
}
