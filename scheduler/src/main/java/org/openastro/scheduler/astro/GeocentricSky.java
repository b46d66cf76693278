package org.openastro.scheduler.astro;

import java.time.Instant;

/**
 * What the whole Earth shares at one instant: the Greenwich apparent sidereal time and the Sun's
 * apparent place, from the same models as every window ({@link SiderealClock}, {@link
 * SolarPosition}). For bounds that hold for many sites at once, such as the assigner's prefilter
 * of free nodes (a site's local sidereal time is the Greenwich one plus its east longitude).
 *
 * @param greenwichSiderealDeg Greenwich apparent sidereal time, degrees in [0, 360)
 * @param sunRaDeg the Sun's apparent right ascension of date, degrees in [0, 360)
 * @param sunDecDeg the Sun's apparent declination of date, degrees (geocentric: seen from a site
 *     the Sun is lower by at most its parallax, 8.8")
 */
public record GeocentricSky(double greenwichSiderealDeg, double sunRaDeg, double sunDecDeg) {
  /** The sidereal rate, degrees per second of time (Meeus eq. 12.4). */
  public static final double SIDEREAL_DEG_PER_SECOND = SiderealClock.DEG_PER_SECOND;

  public static GeocentricSky at(Instant t) {
    Checks.notNull("t", t);
    double s = AstroTime.epochSeconds(t);
    SolarPosition sun = SolarPosition.at(s);
    return new GeocentricSky(SiderealClock.greenwichApparentDeg(s), sun.raDeg(), sun.decDeg());
  }
}
