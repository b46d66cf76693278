package org.openastro.scheduler.astro;

/**
 * Finds the night — the interval in which the Sun's altitude is at most a threshold — between
 * two consecutive upper culminations of the Sun at one site.
 *
 * <p>Between an upper culmination U₀ and the next U₁ the Sun's altitude falls to the lower
 * culmination L and rises again, so "Sun below h" is a single interval [a, b] with a in [U₀, L]
 * and b in [L, U₁] (empty when even L is above h: white nights; a = U₀ or b = U₁ when the Sun
 * stays below h at noon: polar night). Nights of consecutive days therefore tile time exactly.
 *
 * <p>Each edge comes from the closed-form hour angle of the Sun at altitude h, cos H₀ = (sin h −
 * sin φ sin δ) / (cos φ cos δ), iterated with the Sun's place at the edge itself because the
 * Sun's declination moves by up to 0.4°/day — this is Meeus ch. 15 ("Rising, Transit and
 * Setting") done as a fixed-point iteration on time. Three to four iterations converge to well
 * under a second except at grazing crossings, where the edge is ill-conditioned anyway.
 */
final class DarkIntervalFinder {
  /** The Sun's hour angle advances ~360°/day (sidereal rate minus its own ~1°/day in RA). */
  private static final double SUN_HOUR_ANGLE_DEG_PER_SECOND = 360.0 / AstroTime.SECONDS_PER_DAY;
  /** The Sun's horizontal parallax, 8.794": the topocentric Sun is lower by that × cos h. */
  static final double SUN_PARALLAX_DEG = 8.794 / 3600.0;
  private static final int MAX_ITERATIONS = 5;
  private static final double CONVERGED_SECONDS = 0.1;

  private final SiderealClock clock;
  private final double sinLat;
  private final double cosLat;
  /** sin of the geocentric Sun altitude equivalent to the topocentric threshold. */
  private final double sinThreshold;

  DarkIntervalFinder(SiderealClock clock, double sinLat, double cosLat, double sunMaxAltitudeDeg) {
    this.clock = clock;
    this.sinLat = sinLat;
    this.cosLat = cosLat;
    double geocentric = sunMaxAltitudeDeg + SUN_PARALLAX_DEG * Angles.cosDeg(sunMaxAltitudeDeg);
    this.sinThreshold = Angles.sinDeg(geocentric);
  }

  /**
   * The dark interval {start, end} in epoch seconds around the lower culmination of the Sun
   * nearest {@code approxMidnight} (local mean midnight), or null when the Sun never gets below
   * the threshold that night.
   */
  double[] darkIntervalAround(double approxMidnight) {
    double lower = culmination(approxMidnight, 180.0);
    if (sinAltitude(lower) > sinThreshold) {
      return null;
    }
    double upperBefore = culmination(lower - AstroTime.SECONDS_PER_DAY / 2, 0.0);
    double upperAfter = culmination(lower + AstroTime.SECONDS_PER_DAY / 2, 0.0);
    double start = sinAltitude(upperBefore) <= sinThreshold
        ? upperBefore : crossing(lower, upperBefore, lower, true);
    double end = sinAltitude(upperAfter) <= sinThreshold
        ? upperAfter : crossing(lower, lower, upperAfter, false);
    return end > start ? new double[] {start, end} : null;
  }

  /** The instant near {@code guess} at which the Sun's hour angle is {@code hourAngleDeg}. */
  double culmination(double guess, double hourAngleDeg) {
    double t = guess;
    for (int i = 0; i < MAX_ITERATIONS; i++) {
      SolarPosition sun = SolarPosition.at(t);
      double step = Angles.wrap180(clock.hourAngleDeg(t, sun.raDeg()) - hourAngleDeg)
          / SUN_HOUR_ANGLE_DEG_PER_SECOND;
      t -= step;
      if (Math.abs(step) < CONVERGED_SECONDS) {
        break;
      }
    }
    return t;
  }

  /**
   * The instant in [lo, hi] at which the Sun crosses the threshold: descending (evening) or
   * ascending (morning). Hour angles are counted from the lower culmination, u = H − 180°, which
   * runs continuously from about −180° at the preceding noon to +180° at the next one.
   */
  private double crossing(double lower, double lo, double hi, boolean evening) {
    double t = lower;
    for (int i = 0; i < MAX_ITERATIONS; i++) {
      SolarPosition sun = SolarPosition.at(t);
      double dec = Math.toRadians(sun.decDeg());
      double cosH0 = (sinThreshold - sinLat * Math.sin(dec)) / (cosLat * Math.cos(dec));
      // Clamped: beyond ±1 the Sun does not reach the threshold at this declination, so the
      // edge collapses onto a culmination, and the clamp to [lo, hi] keeps it there.
      double h0 = Math.toDegrees(Math.acos(Math.max(-1.0, Math.min(1.0, cosH0))));
      double wanted = evening ? h0 - 180.0 : 180.0 - h0;
      double now = Angles.wrap180(clock.hourAngleDeg(t, sun.raDeg()) - 180.0);
      double step = (wanted - now) / SUN_HOUR_ANGLE_DEG_PER_SECOND;
      t = Math.max(lo, Math.min(hi, t + step));
      if (Math.abs(step) < CONVERGED_SECONDS) {
        break;
      }
    }
    return t;
  }

  /** Sine of the Sun's geocentric altitude at {@code t}. */
  double sinAltitude(double t) {
    SolarPosition sun = SolarPosition.at(t);
    double dec = Math.toRadians(sun.decDeg());
    double hourAngle = Math.toRadians(clock.hourAngleDeg(t, sun.raDeg()));
    return sinLat * Math.sin(dec) + cosLat * Math.cos(dec) * Math.cos(hourAngle);
  }
}
