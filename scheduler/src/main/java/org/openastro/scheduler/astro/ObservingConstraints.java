package org.openastro.scheduler.astro;

/**
 * Everything that decides whether a target may be observed from a node at an instant; every
 * constraint holds at once. Each optional constraint is "off" at its neutral value, which is
 * also its default, so a mission that sets none gets today's behaviour (altitude and Sun only).
 *
 * @param minAltitudeDeg lowest altitude of the target, −90..90 (geometric, no refraction)
 * @param maxAirmass highest airmass as geometric sec z, ≥ 1; +∞ = off. With {@code
 *     minAltitudeDeg}, the stricter wins: see {@link #effectiveMinAltitudeDeg()}
 * @param minMoonSeparationDeg least angle target–Moon seen from the site (topocentric), 0..180;
 *     0 = off
 * @param maxMoonIlluminationFraction highest illuminated fraction of the Moon, 0..1, satisfied
 *     whenever the Moon's geometric altitude is below 0 (astroplan's rule); 1 = off
 * @param night whether the Sun constraint applies at all
 * @param sunMaxAltitudeDeg highest Sun altitude when {@code night}, −90..90 (−12 nautical)
 * @param maxHourAngleHours largest |hour angle| of the target, 0..12; 12 = off
 * @param horizon the node's horizon mask; {@link HorizonMask#NONE} = off
 */
public record ObservingConstraints(double minAltitudeDeg, double maxAirmass,
    double minMoonSeparationDeg, double maxMoonIlluminationFraction, boolean night,
    double sunMaxAltitudeDeg, double maxHourAngleHours, HorizonMask horizon) {

  /** Missions' defaults: 30° altitude, night at Sun ≤ −12°, nothing else. */
  public static final ObservingConstraints DEFAULTS = new ObservingConstraints(
      VisibilityCalculator.DEFAULT_MIN_ALTITUDE_DEG, Double.POSITIVE_INFINITY, 0.0, 1.0, true,
      VisibilityCalculator.DEFAULT_SUN_MAX_ALTITUDE_DEG, 12.0, HorizonMask.NONE);

  public ObservingConstraints {
    Checks.between("min_altitude_deg", minAltitudeDeg, -90, 90);
    if (!(maxAirmass >= 1)) {
      throw new IllegalArgumentException("max_airmass must be at least 1, was " + maxAirmass);
    }
    Checks.between("min_moon_separation_deg", minMoonSeparationDeg, 0, 180);
    if (!(maxMoonIlluminationFraction >= 0 && maxMoonIlluminationFraction <= 1)) {
      throw new IllegalArgumentException(
          "max_moon_illumination must be between 0 and 1, was " + maxMoonIlluminationFraction);
    }
    Checks.between("sun_max_altitude_deg", sunMaxAltitudeDeg, -90, 90);
    if (!(maxHourAngleHours >= 0 && maxHourAngleHours <= 12)) {
      throw new IllegalArgumentException(
          "max_hour_angle_h must be between 0 and 12 hours, was " + maxHourAngleHours);
    }
    Checks.notNull("horizon", horizon);
  }

  public ObservingConstraints withMinAltitudeDeg(double v) {
    return new ObservingConstraints(v, maxAirmass, minMoonSeparationDeg,
        maxMoonIlluminationFraction, night, sunMaxAltitudeDeg, maxHourAngleHours, horizon);
  }

  public ObservingConstraints withMaxAirmass(double v) {
    return new ObservingConstraints(minAltitudeDeg, v, minMoonSeparationDeg,
        maxMoonIlluminationFraction, night, sunMaxAltitudeDeg, maxHourAngleHours, horizon);
  }

  public ObservingConstraints withMinMoonSeparationDeg(double v) {
    return new ObservingConstraints(minAltitudeDeg, maxAirmass, v, maxMoonIlluminationFraction,
        night, sunMaxAltitudeDeg, maxHourAngleHours, horizon);
  }

  public ObservingConstraints withMaxMoonIllumination(double v) {
    return new ObservingConstraints(minAltitudeDeg, maxAirmass, minMoonSeparationDeg, v, night,
        sunMaxAltitudeDeg, maxHourAngleHours, horizon);
  }

  /** Night with the Sun at most {@code v} degrees. */
  public ObservingConstraints withSunMaxAltitudeDeg(double v) {
    return new ObservingConstraints(minAltitudeDeg, maxAirmass, minMoonSeparationDeg,
        maxMoonIlluminationFraction, true, v, maxHourAngleHours, horizon);
  }

  /** Any time of day: no Sun constraint. */
  public ObservingConstraints anyTimeOfDay() {
    return new ObservingConstraints(minAltitudeDeg, maxAirmass, minMoonSeparationDeg,
        maxMoonIlluminationFraction, false, sunMaxAltitudeDeg, maxHourAngleHours, horizon);
  }

  public ObservingConstraints withMaxHourAngleHours(double v) {
    return new ObservingConstraints(minAltitudeDeg, maxAirmass, minMoonSeparationDeg,
        maxMoonIlluminationFraction, night, sunMaxAltitudeDeg, v, horizon);
  }

  public ObservingConstraints withHorizon(HorizonMask v) {
    return new ObservingConstraints(minAltitudeDeg, maxAirmass, minMoonSeparationDeg,
        maxMoonIlluminationFraction, night, sunMaxAltitudeDeg, maxHourAngleHours, v);
  }

  /**
   * The altitude threshold that both {@code minAltitudeDeg} and {@code maxAirmass} imply: sec z
   * ≤ X ⇔ altitude ≥ asin(1/X); the larger of the two.
   */
  public double effectiveMinAltitudeDeg() {
    return Math.max(minAltitudeDeg, airmassAltitudeDeg(maxAirmass));
  }

  /** The altitude at which geometric sec z equals {@code airmass}; −90 (no limit) for +∞. */
  static double airmassAltitudeDeg(double airmass) {
    return airmass == Double.POSITIVE_INFINITY ? -90.0 : Math.toDegrees(Math.asin(1.0 / airmass));
  }

  /** Whether the Moon (separation or illumination) matters, i.e. a {@link MoonTrack} is needed. */
  public boolean needsMoon() {
    return minMoonSeparationDeg > 0 || maxMoonIlluminationFraction < 1;
  }

  /** Whether anything beyond closed-form altitude, Sun and hour angle is on. */
  boolean needsSampling() {
    return needsMoon() || (!horizon.isNone() && horizon.maxAltitudeDeg() > effectiveMinAltitudeDeg());
  }
}
