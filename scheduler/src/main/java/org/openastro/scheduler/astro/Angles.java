package org.openastro.scheduler.astro;

/** Degree helpers; everything in this package keeps angles in degrees unless a name says rad. */
final class Angles {
  private Angles() {}

  static final double ARCSEC = 1.0 / 3600.0;

  /** The angle reduced to [0, 360). Math.floor, not %: the JIT's double remainder is a slow call. */
  static double wrap360(double deg) {
    double r = deg - 360.0 * Math.floor(deg / 360.0);
    return r >= 360.0 ? r - 360.0 : r; // rounding can land exactly on 360 for tiny negatives
  }

  /** The angle reduced to [-180, 180). */
  static double wrap180(double deg) {
    return wrap360(deg + 180.0) - 180.0;
  }

  /**
   * arccos in radians to within 2e-8 rad (0.004", i.e. 0.3 ms of time as an hour angle), for x
   * in [-1, 1]: Abramowitz &amp; Stegun, <i>Handbook of Mathematical Functions</i>, eq. 4.4.46,
   * acos x = sqrt(1 - x) (a0 + a1 x + ... + a7 x⁷) on [0, 1] and π - acos(-x) below. Math.acos
   * is exact but is no JIT intrinsic (a call into StrictMath) and costs ~150 ns here, which
   * would be most of the time of a rise/set computation.
   */
  static double acosRad(double x) {
    double a = Math.abs(x);
    double p = -0.0012624911;
    p = p * a + 0.0066700901;
    p = p * a - 0.0170881256;
    p = p * a + 0.0308918810;
    p = p * a - 0.0501743046;
    p = p * a + 0.0889789874;
    p = p * a - 0.2145988016;
    p = p * a + 1.5707963050;
    double r = Math.sqrt(1.0 - a) * p;
    return x < 0 ? Math.PI - r : r;
  }

  static double sinDeg(double deg) {
    return Math.sin(Math.toRadians(deg));
  }

  static double cosDeg(double deg) {
    return Math.cos(Math.toRadians(deg));
  }
}
