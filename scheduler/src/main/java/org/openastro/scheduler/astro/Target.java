package org.openastro.scheduler.astro;

/**
 * A fixed point on the sky, as missions give it.
 *
 * @param raDeg right ascension, J2000 (ICRS), degrees in [0, 360)
 * @param decDeg declination, J2000 (ICRS), degrees in [-90, 90]
 */
public record Target(double raDeg, double decDeg) {

  public Target {
    if (!(raDeg >= 0 && raDeg < 360)) {
      throw new IllegalArgumentException("ra must be in [0, 360) degrees, was " + raDeg);
    }
    Checks.between("dec", decDeg, -90, 90);
  }
}
