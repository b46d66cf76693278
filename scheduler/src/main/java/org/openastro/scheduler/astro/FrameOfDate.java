package org.openastro.scheduler.astro;

/**
 * Everything that turns a J2000 (ICRS) direction into the apparent direction of date for one
 * instant: precession, nutation, annual aberration.
 *
 * <ul>
 *   <li>Precession: IAU 1976 angles ζ, z, θ (Lieske et al. 1977; Meeus eq. 21.3 with the starting
 *       epoch J2000), as the rotation R<sub>z</sub>(-z) R<sub>y</sub>(θ) R<sub>z</sub>(-ζ).
 *   <li>Nutation: R<sub>x</sub>(-ε) R<sub>z</sub>(-Δψ) R<sub>x</sub>(ε<sub>0</sub>) with the short
 *       series of {@link Nutation} (Meeus ch. 22).
 *   <li>Annual aberration: Meeus eq. 23.3 (including the e-terms), written as a displacement
 *       vector so that it behaves at the celestial poles, where the Δα form divides by cos δ.
 * </ul>
 *
 * <p>The ICRS/FK5 J2000 frame bias (~20 mas) and diurnal aberration (≤ 0.3") are left out. The
 * result matches a full IAU 2006/2000A reduction to about 1", i.e. well under a second of time
 * for any non-grazing rise or set.
 */
final class FrameOfDate {
  /** Constant of aberration κ, 20.49552". */
  private static final double ABERRATION_CONSTANT_RAD = Math.toRadians(20.49552 / 3600.0);

  /** Row-major 3×3: nutation × precession. */
  private final double[] m;
  /** Aberration displacement in the true equatorial frame of date, in radians. */
  private final double ax;
  private final double ay;
  private final double az;

  private FrameOfDate(double[] m, double ax, double ay, double az) {
    this.m = m;
    this.ax = ax;
    this.ay = ay;
    this.az = az;
  }

  static FrameOfDate at(double epochSeconds) {
    double t = AstroTime.ttCenturiesSinceJ2000(epochSeconds);
    double zeta = (2306.2181 * t + 0.30188 * t * t + 0.017998 * t * t * t) * Angles.ARCSEC;
    double z = (2306.2181 * t + 1.09468 * t * t + 0.018203 * t * t * t) * Angles.ARCSEC;
    double theta = (2004.3109 * t - 0.42665 * t * t - 0.041833 * t * t * t) * Angles.ARCSEC;
    double[] precession = multiply(rotZ(-z), multiply(rotY(theta), rotZ(-zeta)));

    Nutation n = Nutation.at(t);
    double eps = n.trueObliquityDeg();
    double[] nutation = multiply(rotX(-eps),
        multiply(rotZ(-n.deltaPsiDeg()), rotX(n.meanObliquityDeg())));

    // Earth's velocity / c in ecliptic coordinates is κ·(sin☉ - e sinπ, -(cos☉ - e cosπ), 0);
    // turned to equatorial by ε it reproduces Meeus eq. 23.3 term by term.
    double sun = SolarPosition.at(epochSeconds).trueLongitudeDeg();
    double e = SolarPosition.earthEccentricity(t);
    double perihelion = SolarPosition.perihelionLongitudeDeg(t);
    double vx = ABERRATION_CONSTANT_RAD * (Angles.sinDeg(sun) - e * Angles.sinDeg(perihelion));
    double vy = -ABERRATION_CONSTANT_RAD * (Angles.cosDeg(sun) - e * Angles.cosDeg(perihelion));
    return new FrameOfDate(multiply(nutation, precession),
        vx, vy * Angles.cosDeg(eps), vy * Angles.sinDeg(eps));
  }

  /**
   * The apparent direction of date of a J2000 direction, as {ra in [0, 360), sin dec, cos dec}.
   * Returning sin/cos of the declination rather than the angle spares the caller two trig calls.
   */
  double[] apparent(double raJ2000Deg, double decJ2000Deg) {
    double ra = Math.toRadians(raJ2000Deg);
    double dec = Math.toRadians(decJ2000Deg);
    double cosDec = Math.cos(dec);
    double x0 = cosDec * Math.cos(ra);
    double y0 = cosDec * Math.sin(ra);
    double z0 = Math.sin(dec);
    double x = m[0] * x0 + m[1] * y0 + m[2] * z0 + ax;
    double y = m[3] * x0 + m[4] * y0 + m[5] * z0 + ay;
    double z = m[6] * x0 + m[7] * y0 + m[8] * z0 + az;
    double norm = Math.sqrt(x * x + y * y + z * z);
    double xy = Math.hypot(x, y);
    double raDate = xy == 0 ? 0 : Angles.wrap360(Math.toDegrees(Math.atan2(y, x)));
    return new double[] {raDate, z / norm, xy / norm};
  }

  // Rotations of the coordinate frame (not of the vector), angles in degrees.

  private static double[] rotX(double deg) {
    double c = Angles.cosDeg(deg);
    double s = Angles.sinDeg(deg);
    return new double[] {1, 0, 0, 0, c, s, 0, -s, c};
  }

  private static double[] rotY(double deg) {
    double c = Angles.cosDeg(deg);
    double s = Angles.sinDeg(deg);
    return new double[] {c, 0, -s, 0, 1, 0, s, 0, c};
  }

  private static double[] rotZ(double deg) {
    double c = Angles.cosDeg(deg);
    double s = Angles.sinDeg(deg);
    return new double[] {c, s, 0, -s, c, 0, 0, 0, 1};
  }

  private static double[] multiply(double[] a, double[] b) {
    double[] r = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
      }
    }
    return r;
  }
}
