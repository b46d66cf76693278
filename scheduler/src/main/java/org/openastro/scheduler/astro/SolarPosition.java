package org.openastro.scheduler.astro;

/**
 * The Sun's geocentric apparent place for one instant, low precision.
 *
 * <p>Meeus, <i>Astronomical Algorithms</i>, ch. 25 ("lower accuracy"): mean longitude and anomaly,
 * equation of centre, then nutation and aberration folded into the ~0.006° and 0.00478° sin Ω
 * terms. Accurate to about 0.01° over centuries around J2000 — at a Sun altitude changing by
 * ≥ 1°/h that is under 40 s of time, and typically 10 s.
 *
 * @param raDeg apparent right ascension (true equinox of date), [0, 360)
 * @param decDeg apparent declination
 * @param trueLongitudeDeg geometric ecliptic longitude ☉ (mean equinox of date), used by the
 *     annual-aberration correction of stars
 */
record SolarPosition(double raDeg, double decDeg, double trueLongitudeDeg) {

  static SolarPosition at(double epochSeconds) {
    double t = AstroTime.ttCenturiesSinceJ2000(epochSeconds);
    double meanLongitude = 280.46646 + 36_000.76983 * t + 0.0003032 * t * t; // eq. 25.2
    double meanAnomaly = 357.52911 + 35_999.05029 * t - 0.0001537 * t * t; // eq. 25.3
    double m = Math.toRadians(meanAnomaly);
    double equationOfCentre = (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.sin(m)
        + (0.019993 - 0.000101 * t) * Math.sin(2 * m)
        + 0.000289 * Math.sin(3 * m);
    double trueLongitude = meanLongitude + equationOfCentre;
    double omega = Math.toRadians(125.04 - 1934.136 * t);
    double apparentLongitude = Math.toRadians(trueLongitude - 0.00569 - 0.00478 * Math.sin(omega));
    // Meeus eq. 25.8: the obliquity corrected for nutation with the same one-term shortcut.
    double obliquity = Math.toRadians(Nutation.meanObliquityDeg(t) + 0.00256 * Math.cos(omega));
    double sinLon = Math.sin(apparentLongitude);
    double ra = Math.toDegrees(
        Math.atan2(Math.cos(obliquity) * sinLon, Math.cos(apparentLongitude)));
    double dec = Math.toDegrees(Math.asin(Math.sin(obliquity) * sinLon));
    return new SolarPosition(Angles.wrap360(ra), dec, Angles.wrap360(trueLongitude));
  }

  /** Orbital eccentricity of the Earth, Meeus eq. 25.4. */
  static double earthEccentricity(double t) {
    return 0.016708634 - 0.000042037 * t - 0.0000001267 * t * t;
  }

  /** Longitude of the Earth's perihelion, Meeus ch. 23 (for the e-terms of aberration). */
  static double perihelionLongitudeDeg(double t) {
    return 102.93735 + 1.71946 * t + 0.00046 * t * t;
  }
}
