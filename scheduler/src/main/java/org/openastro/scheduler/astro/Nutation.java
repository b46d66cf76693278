package org.openastro.scheduler.astro;

/**
 * Nutation in longitude and obliquity, and the obliquity of the ecliptic, for one instant.
 *
 * <p>Meeus, <i>Astronomical Algorithms</i> (2nd ed.), ch. 22: the four-term short series, good to
 * 0.5" in Δψ and 0.1" in Δε (the full IAU 1980 series is not worth it at ±2 min), and the mean
 * obliquity of eq. 22.2 (IAU 1976). All angles in degrees.
 *
 * @param deltaPsiDeg nutation in longitude
 * @param deltaEpsilonDeg nutation in obliquity
 * @param meanObliquityDeg ε0
 */
record Nutation(double deltaPsiDeg, double deltaEpsilonDeg, double meanObliquityDeg) {

  static Nutation at(double ttCenturies) {
    double t = ttCenturies;
    // Longitude of the Moon's ascending node, mean longitudes of Sun and Moon (Meeus ch. 22).
    double omega = 125.04452 - 1934.136261 * t + 0.0020708 * t * t + t * t * t / 450_000.0;
    double sunL = 280.4665 + 36_000.7698 * t;
    double moonL = 218.3165 + 481_267.8813 * t;
    double dPsi = -17.20 * Angles.sinDeg(omega) - 1.32 * Angles.sinDeg(2 * sunL)
        - 0.23 * Angles.sinDeg(2 * moonL) + 0.21 * Angles.sinDeg(2 * omega);
    double dEps = 9.20 * Angles.cosDeg(omega) + 0.57 * Angles.cosDeg(2 * sunL)
        + 0.10 * Angles.cosDeg(2 * moonL) - 0.09 * Angles.cosDeg(2 * omega);
    return new Nutation(dPsi * Angles.ARCSEC, dEps * Angles.ARCSEC, meanObliquityDeg(t));
  }

  /** Meeus eq. 22.2: 23°26'21.448" - 46.8150" T - 0.00059" T² + 0.001813" T³. */
  static double meanObliquityDeg(double t) {
    return 23.0 + 26.0 / 60.0
        + (21.448 - 46.8150 * t - 0.00059 * t * t + 0.001813 * t * t * t) * Angles.ARCSEC;
  }

  double trueObliquityDeg() {
    return meanObliquityDeg + deltaEpsilonDeg;
  }

  /** Apparent minus mean sidereal time, in degrees: Δψ cos ε (Meeus ch. 12). */
  double equationOfEquinoxesDeg() {
    return deltaPsiDeg * Angles.cosDeg(trueObliquityDeg());
  }
}
