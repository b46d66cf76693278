package org.openastro.simulator;

import java.time.Instant;

/** The little astronomy the simulator needs: which RA/Dec is overhead at a site now. */
final class Sky {
  private static final double J2000_JD = 2451545.0;
  private static final double UNIX_EPOCH_JD = 2440587.5;

  private Sky() {}

  /** A target as J2000 right ascension and declination (degrees). */
  record Target(double raDeg, double decDeg) {}

  /**
   * The point overhead: Dec = latitude, RA = local mean sidereal time. Precession since J2000 and
   * nutation move it by well under a degree, so it stays far above any minimum altitude for hours
   * (it sets by 15°/h at most).
   */
  static Target zenith(Site site, Instant at) {
    double ra = norm(gmstDeg(at) + site.lon());
    // RA must be below 360 on the wire; a value rounding up to 360 wraps to 0.
    return new Target(ra >= 360 ? 0 : ra, site.lat());
  }

  /** Greenwich mean sidereal time in degrees (IAU 1982, good to a second of time). */
  static double gmstDeg(Instant at) {
    double jd = UNIX_EPOCH_JD + at.toEpochMilli() / 86_400_000.0;
    double d = jd - J2000_JD;
    double t = d / 36525.0;
    return norm(280.46061837 + 360.98564736629 * d + 0.000387933 * t * t);
  }

  private static double norm(double deg) {
    double r = deg % 360;
    return r < 0 ? r + 360 : r;
  }
}
