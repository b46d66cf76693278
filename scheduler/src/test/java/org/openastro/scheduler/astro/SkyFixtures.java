package org.openastro.scheduler.astro;

import java.time.Instant;

/**
 * Geometry for tests outside this package (scheduler ITs): where the Moon is seen from a site,
 * and targets placed relative to it or to a site's sky, with this package's own model.
 */
public final class SkyFixtures {
  private SkyFixtures() {}

  /** The site (sea level) that has the Moon at its zenith at {@code t}, geocentrically. */
  public static Site underMoon(Instant t) {
    double s = AstroTime.epochSeconds(t);
    double[] v = MoonPosition.geocentricVectorKm(s);
    double r = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    double dec = Math.toDegrees(Math.asin(v[2] / r));
    double ra = Math.toDegrees(Math.atan2(v[1], v[0]));
    double lon = Angles.wrap360(ra - SiderealClock.greenwichApparentDeg(s));
    return new Site(dec, lon > 180 ? lon - 360 : lon, 0);
  }

  /** The fixed (J2000) target whose apparent place is the Moon's as seen from {@code site} at {@code t}. */
  public static Target atMoon(Site site, Instant t) {
    double[] m = ConstrainedWindowFinder.topocentricMoon(day(site, t), track(t), AstroTime.epochSeconds(t));
    return fromApparent(Math.toDegrees(Math.atan2(m[1], m[0])), Math.toDegrees(Math.asin(m[2])), t);
  }

  /** The target's separation from the Moon seen from {@code site} at {@code t}, degrees. */
  public static double moonSeparationDeg(Site site, Target target, Instant t) {
    return ConstrainedWindowFinder.moonSeparationDeg(day(site, t), ApparentTarget.at(target, t), track(t),
        AstroTime.epochSeconds(t));
  }

  /** The fixed target at apparent hour angle {@code hourAngleDeg} and declination {@code decDeg} from {@code site} at {@code t}. */
  public static Target atHourAngle(Site site, Instant t, double hourAngleDeg, double decDeg) {
    double lst = day(site, t).clock().lstDeg(AstroTime.epochSeconds(t));
    return fromApparent(lst - hourAngleDeg, decDeg, t);
  }

  /** Inverts precession, nutation and aberration by iteration (converges to ~1e-9° in a few steps). */
  private static Target fromApparent(double raDeg, double decDeg, Instant t) {
    double ra = Angles.wrap360(raDeg);
    double dec = decDeg;
    for (int i = 0; i < 5; i++) {
      ApparentTarget a = ApparentTarget.at(new Target(ra, dec), t);
      ra = Angles.wrap360(ra + wrap180(raDeg - a.raDeg()));
      dec = Math.max(-90, Math.min(90, dec + (decDeg - a.decDeg())));
    }
    return new Target(ra == 360 ? 0 : ra, dec);
  }

  private static double wrap180(double deg) {
    double d = Angles.wrap360(deg);
    return d > 180 ? d - 360 : d;
  }

  private static SiteDay day(Site site, Instant t) {
    return SiteDay.containing(site, t, VisibilityCalculator.DEFAULT_SUN_MAX_ALTITUDE_DEG);
  }

  private static MoonTrack track(Instant t) {
    return MoonTrack.covering(t.minusSeconds(3600), t.plusSeconds(3600));
  }
}
