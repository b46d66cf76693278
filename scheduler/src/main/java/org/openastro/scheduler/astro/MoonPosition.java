package org.openastro.scheduler.astro;

/**
 * The Moon's geocentric apparent place for one instant, as a vector in kilometres in the true
 * equator and equinox of date (the frame of {@link SiderealClock}'s apparent sidereal time).
 *
 * <p>Meeus, <i>Astronomical Algorithms</i> (2nd ed.), ch. 47: the truncated ELP-2000/82 series of
 * tables 47.A (60 terms in longitude and distance) and 47.B (60 terms in latitude) plus the
 * additive terms A1..A3, good to about 10" in longitude and 4" in latitude; nutation in longitude
 * and the true obliquity from {@link Nutation}. Light time and aberration of the Moon (~0.7") are
 * left out, as Meeus does. About 120 sines: evaluate it on a grid ({@link MoonTrack}) and
 * interpolate rather than per sample.
 */
final class MoonPosition {
  /** Equatorial radius of the Earth, km (Meeus ch. 11, IAU 1976). */
  static final double EARTH_RADIUS_KM = 6378.14;

  // Table 47.A: multiples of D, M, M', F; Σl in 1e-6 degree, Σr in 1e-3 km.
  private static final int[] LR_ARGS = {
      0, 0, 1, 0, 2, 0, -1, 0, 2, 0, 0, 0, 0, 0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 2, 2, 0, -2, 0,
      2, -1, -1, 0, 2, 0, 1, 0, 2, -1, 0, 0, 0, 1, -1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 2, 0, 0, -2,
      0, 0, 1, 2, 0, 0, 1, -2, 4, 0, -1, 0, 0, 0, 3, 0, 4, 0, -2, 0, 2, 1, -1, 0, 2, 1, 0, 0,
      1, 0, -1, 0, 1, 1, 0, 0, 2, -1, 1, 0, 2, 0, 2, 0, 4, 0, 0, 0, 2, 0, -3, 0, 0, 1, -2, 0,
      2, 0, -1, 2, 2, -1, -2, 0, 1, 0, 1, 0, 2, -2, 0, 0, 0, 1, 2, 0, 0, 2, 0, 0, 2, -2, -1, 0,
      2, 0, 1, -2, 2, 0, 0, 2, 4, -1, -1, 0, 0, 0, 2, 2, 3, 0, -1, 0, 2, 1, 1, 0, 4, -1, -2, 0,
      0, 2, -1, 0, 2, 2, -1, 0, 2, 1, -2, 0, 2, -1, 0, -2, 4, 0, 1, 0, 0, 0, 4, 0, 4, -1, 0, 0,
      1, 0, -2, 0, 2, 1, 0, -2, 0, 0, 2, -2, 1, 1, 1, 0, 3, 0, -2, 0, 4, 0, -3, 0, 2, -1, 2, 0,
      0, 2, 1, 0, 1, 1, -1, 0, 2, 0, 3, 0, 2, 0, -1, -2};
  private static final double[] L_COEF = {
      6288774, 1274027, 658314, 213618, -185116, -114332, 58793, 57066, 53322, 45758, -40923,
      -34720, -30383, 15327, -12528, 10980, 10675, 10034, 8548, -7888, -6766, -5163, 4987, 4036,
      3994, 3861, 3665, -2689, -2602, 2390, -2348, 2236, -2120, -2069, 2048, -1773, -1595, 1215,
      -1110, -892, -810, 759, -713, -700, 691, 596, 549, 537, 520, -487, -399, -381, 351, -340,
      330, 327, -323, 299, 294, 0};
  private static final double[] R_COEF = {
      -20905355, -3699111, -2955968, -569925, 48888, -3149, 246158, -152138, -170733, -204586,
      -129620, 108743, 104755, 10321, 0, 79661, -34782, -23210, -21636, 24208, 30824, -8379,
      -16675, -12831, -10445, -11650, 14403, -7003, 0, 10056, 6322, -9884, 5751, 0, -4950, 4130,
      0, -3958, 0, 3258, 2616, -1897, -2117, 2354, 0, 0, -1423, -1117, -1571, -1739, 0, -4421, 0,
      0, 0, 0, 1165, 0, 0, 8752};
  // Table 47.B: multiples of D, M, M', F; Σb in 1e-6 degree.
  private static final int[] B_ARGS = {
      0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, -1, 2, 0, 0, -1, 2, 0, -1, 1, 2, 0, -1, -1, 2, 0, 0, 1,
      0, 0, 2, 1, 2, 0, 1, -1, 0, 0, 2, -1, 2, -1, 0, -1, 2, 0, -2, -1, 2, 0, 1, 1, 2, 1, 0, -1,
      2, -1, -1, 1, 2, -1, 0, 1, 2, -1, -1, -1, 0, 1, -1, -1, 4, 0, -1, -1, 0, 1, 0, 1, 0, 0, 0, 3,
      0, 1, -1, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, -1, 0, 1, 0, -1, 1, 0, 0, -1, 0, 0, 3, 1,
      4, 0, 0, -1, 4, 0, -1, 1, 0, 0, 1, -3, 4, 0, -2, 1, 2, 0, 0, -3, 2, 0, 2, -1, 2, -1, 1, -1,
      2, 0, -2, 1, 0, 0, 3, -1, 2, 0, 2, 1, 2, 0, -3, -1, 2, 1, -1, 1, 2, 1, 0, 1, 4, 0, 0, 1,
      2, -1, 1, 1, 2, -2, 0, -1, 0, 0, 1, 3, 2, 1, 1, -1, 1, 1, 0, -1, 1, 1, 0, 1, 0, 1, -2, -1,
      2, 1, -1, -1, 1, 0, 1, 1, 2, -1, -2, -1, 0, 1, 2, 1, 4, 0, -2, -1, 4, -1, -1, -1, 1, 0, 1, -1,
      4, 0, 1, -1, 1, 0, -1, -1, 4, -1, 0, -1, 2, -2, 0, 1};
  private static final double[] B_COEF = {
      5128122, 280602, 277693, 173237, 55413, 46271, 32573, 17198, 9266, 8822, 8216, 4324, 4200,
      -3359, 2463, 2211, 2065, -1870, 1828, -1794, -1749, -1565, -1491, -1475, -1410, -1344,
      -1335, 1107, 1021, 833, 777, 671, 607, 596, 491, -451, 439, 422, 421, -366, -351, 331, 315,
      302, -283, -229, 223, 223, -220, -220, -185, 181, -177, 176, 166, -164, 132, -119, 115, 107};

  private MoonPosition() {}

  /**
   * Geocentric ecliptic place of date: {λ (mean equinox of date) deg, β deg, Δ km}; Meeus
   * eq. 47.1-47.7 and the tables. {@code ttCenturies}: Julian centuries of TT since J2000.
   */
  static double[] ecliptic(double ttCenturies) {
    double t = ttCenturies;
    double lp = 218.3164477 + (481267.88123421 + (-0.0015786 + (1.0 / 538841.0
        - t / 65194000.0) * t) * t) * t;
    double d = 297.8501921 + (445267.1114034 + (-0.0018819 + (1.0 / 545868.0
        - t / 113065000.0) * t) * t) * t;
    double m = 357.5291092 + (35999.0502909 + (-0.0001536 + t / 24490000.0) * t) * t;
    double mp = 134.9633964 + (477198.8675055 + (0.0087414 + (1.0 / 69699.0
        - t / 14712000.0) * t) * t) * t;
    double f = 93.2720950 + (483202.0175233 + (-0.0036539 + (-1.0 / 3526000.0
        + t / 863310000.0) * t) * t) * t;
    double a1 = Math.toRadians(119.75 + 131.849 * t);
    double a2 = Math.toRadians(53.09 + 479264.290 * t);
    double a3 = Math.toRadians(313.45 + 481266.484 * t);
    double e = 1.0 + (-0.002516 - 0.0000074 * t) * t;
    double[] args = {
        Math.toRadians(Angles.wrap360(d)), Math.toRadians(Angles.wrap360(m)),
        Math.toRadians(Angles.wrap360(mp)), Math.toRadians(Angles.wrap360(f))};
    double sumL = 0;
    double sumR = 0;
    for (int i = 0; i < L_COEF.length; i++) {
      int k = 4 * i;
      double arg = LR_ARGS[k] * args[0] + LR_ARGS[k + 1] * args[1] + LR_ARGS[k + 2] * args[2]
          + LR_ARGS[k + 3] * args[3];
      double ecc = eccentricityFactor(LR_ARGS[k + 1], e);
      sumL += ecc * L_COEF[i] * Math.sin(arg);
      sumR += ecc * R_COEF[i] * Math.cos(arg);
    }
    double sumB = 0;
    for (int i = 0; i < B_COEF.length; i++) {
      int k = 4 * i;
      double arg = B_ARGS[k] * args[0] + B_ARGS[k + 1] * args[1] + B_ARGS[k + 2] * args[2]
          + B_ARGS[k + 3] * args[3];
      sumB += eccentricityFactor(B_ARGS[k + 1], e) * B_COEF[i] * Math.sin(arg);
    }
    double lpr = Math.toRadians(Angles.wrap360(lp));
    double fr = args[3];
    double mpr = args[2];
    sumL += 3958 * Math.sin(a1) + 1962 * Math.sin(lpr - fr) + 318 * Math.sin(a2);
    sumB += -2235 * Math.sin(lpr) + 382 * Math.sin(a3) + 175 * Math.sin(a1 - fr)
        + 175 * Math.sin(a1 + fr) + 127 * Math.sin(lpr - mpr) - 115 * Math.sin(lpr + mpr);
    return new double[] {
        Angles.wrap360(lp + sumL / 1e6), sumB / 1e6, 385000.56 + sumR / 1000.0};
  }

  private static double eccentricityFactor(int sunAnomalyMultiple, double e) {
    int a = Math.abs(sunAnomalyMultiple);
    return a == 0 ? 1.0 : a == 1 ? e : e * e;
  }

  /**
   * The apparent geocentric vector {x, y, z} in km, true equator and equinox of date, at UTC
   * {@code epochSeconds}: the ecliptic place plus Δψ, turned by the true obliquity.
   */
  static double[] geocentricVectorKm(double epochSeconds) {
    double t = AstroTime.ttCenturiesSinceJ2000(epochSeconds);
    double[] ecl = ecliptic(t);
    Nutation n = Nutation.at(t);
    double lon = Math.toRadians(ecl[0] + n.deltaPsiDeg());
    double lat = Math.toRadians(ecl[1]);
    double eps = Math.toRadians(n.trueObliquityDeg());
    double cb = Math.cos(lat);
    double xe = cb * Math.cos(lon);
    double ye = cb * Math.sin(lon);
    double ze = Math.sin(lat);
    double dist = ecl[2];
    double ce = Math.cos(eps);
    double se = Math.sin(eps);
    return new double[] {dist * xe, dist * (ye * ce - ze * se), dist * (ye * se + ze * ce)};
  }

  /**
   * The illuminated fraction of the Moon's disk seen from the Earth's centre, Meeus ch. 48
   * (eq. 48.2-48.3 with the elongation from the apparent places), which is also astroplan's
   * {@code moon_illumination}: k = (1 + cos i) / 2, tan i = R sin ψ / (Δ − R cos ψ).
   */
  static double illuminatedFraction(double epochSeconds, double[] moonKm) {
    // The Sun in the Moon's frame (true equator of date), from its apparent longitude.
    double t = AstroTime.ttCenturiesSinceJ2000(epochSeconds);
    double lon = Math.toRadians(sunApparentLongitudeDeg(t));
    double eps = Math.toRadians(Nutation.at(t).trueObliquityDeg());
    double sx = Math.cos(lon);
    double sy = Math.sin(lon) * Math.cos(eps);
    double sz = Math.sin(lon) * Math.sin(eps);
    double moonDist = Math.sqrt(
        moonKm[0] * moonKm[0] + moonKm[1] * moonKm[1] + moonKm[2] * moonKm[2]);
    double cosPsi = (sx * moonKm[0] + sy * moonKm[1] + sz * moonKm[2]) / moonDist;
    double cx = sy * moonKm[2] - sz * moonKm[1];
    double cy = sz * moonKm[0] - sx * moonKm[2];
    double cz = sx * moonKm[1] - sy * moonKm[0];
    double sinPsi = Math.sqrt(cx * cx + cy * cy + cz * cz) / moonDist;
    double sunDist = sunDistanceKm(epochSeconds);
    double phaseAngle = Math.atan2(sunDist * sinPsi, moonDist - sunDist * cosPsi);
    return (1 + Math.cos(phaseAngle)) / 2;
  }

  /**
   * The Sun's apparent longitude (true equinox of date), degrees: Meeus ch. 25's low-accuracy
   * theory as {@link SolarPosition} has it (~35" at worst) plus the five largest perturbations
   * (Venus ×2, Jupiter, the Moon, a long-period term; Meeus, <i>Astronomical Formulae for
   * Calculators</i>, ch. 18, arguments from 1900.0), which bring it to ~9" from astropy over
   * 2026. The illuminated fraction needs it: near quarter, k changes by only ~1e-4 per minute, so
   * an edge within a minute needs the Sun-Moon elongation to ~25".
   */
  static double sunApparentLongitudeDeg(double t) {
    double meanLongitude = 280.46646 + 36_000.76983 * t + 0.0003032 * t * t;
    double m = Math.toRadians(357.52911 + 35_999.05029 * t - 0.0001537 * t * t);
    double centre = (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.sin(m)
        + (0.019993 - 0.000101 * t) * Math.sin(2 * m) + 0.000289 * Math.sin(3 * m);
    double omega = Math.toRadians(125.04 - 1934.136 * t);
    double t1900 = t + 1.0; // Julian centuries since 1900 January 0.5 (JD 2415020.0)
    double perturbations = 0.00134 * Angles.cosDeg(153.23 + 22518.7541 * t1900)
        + 0.00154 * Angles.cosDeg(216.57 + 45037.5082 * t1900)
        + 0.00200 * Angles.cosDeg(312.69 + 32964.3577 * t1900)
        + 0.00179 * Angles.sinDeg(350.74 + 445267.1142 * t1900)
        + 0.00178 * Angles.sinDeg(231.19 + 20.20 * t1900);
    return meanLongitude + centre + perturbations - 0.00569 - 0.00478 * Math.sin(omega);
  }

  /** The Sun's distance from the Earth, km, from the mean anomaly (to ~1e-5 au, Meeus ch. 25). */
  static double sunDistanceKm(double epochSeconds) {
    double t = AstroTime.ttCenturiesSinceJ2000(epochSeconds);
    double m = Math.toRadians(357.52911 + 35_999.05029 * t);
    double au = 1.000140 - 0.016708 * Math.cos(m) - 0.000139 * Math.cos(2 * m);
    return au * 149_597_870.7;
  }
}
