package org.openastro.scheduler.astro;

/**
 * Local apparent sidereal time as a linear function of time around a reference instant.
 *
 * <p>GMST from Meeus eq. 12.4 (the IAU 1982 expression in degrees), plus the equation of the
 * equinoxes for apparent sidereal time. Over ±1 day from the reference the neglected terms (the T²
 * term's change and the drift of the equation of the equinoxes) stay below 0.01 s of time, so one
 * multiply-add gives the sidereal time anywhere in a day.
 */
final class SiderealClock {
  /** Mean sidereal rate, Meeus eq. 12.4: 360.98564736629° per day of UT. */
  static final double DEG_PER_SECOND = 360.98564736629 / AstroTime.SECONDS_PER_DAY;
  /** One sidereal day (one turn of the sky relative to the equinox) in seconds. */
  static final double SIDEREAL_DAY_SECONDS = 360.0 / DEG_PER_SECOND;

  private final double referenceSecond;
  private final double lstAtReferenceDeg;

  private SiderealClock(double referenceSecond, double lstAtReferenceDeg) {
    this.referenceSecond = referenceSecond;
    this.lstAtReferenceDeg = lstAtReferenceDeg;
  }

  /** The clock of a site at longitude {@code longitudeEastDeg}, exact at {@code referenceSecond}. */
  static SiderealClock at(double longitudeEastDeg, double referenceSecond) {
    double lst = greenwichApparentDeg(referenceSecond) + longitudeEastDeg;
    return new SiderealClock(referenceSecond, Angles.wrap360(lst));
  }

  /** Meeus eq. 12.4; the argument is UT (taken as UTC, see {@link AstroTime}). */
  static double greenwichMeanDeg(double epochSeconds) {
    double d = AstroTime.ut1DaysSinceJ2000(epochSeconds);
    double t = d / AstroTime.DAYS_PER_JULIAN_CENTURY;
    // 360.98564736629·d is ~3e6 degrees; written as 360·d + 0.98564736629·d, the whole turns of
    // 360·d drop out exactly, which keeps the sub-arcsecond digits a double would otherwise lose.
    double fractionOfDay = d - Math.floor(d);
    double gmst = 280.46061837 + 360.0 * fractionOfDay + 0.98564736629 * d
        + 0.000387933 * t * t - t * t * t / 38_710_000.0;
    return Angles.wrap360(gmst);
  }

  static double greenwichApparentDeg(double epochSeconds) {
    Nutation n = Nutation.at(AstroTime.ttCenturiesSinceJ2000(epochSeconds));
    return Angles.wrap360(greenwichMeanDeg(epochSeconds) + n.equationOfEquinoxesDeg());
  }

  /** Local sidereal time in degrees, not reduced to [0, 360). */
  double lstDeg(double epochSeconds) {
    return lstAtReferenceDeg + DEG_PER_SECOND * (epochSeconds - referenceSecond);
  }

  /** Hour angle of right ascension {@code raDeg} at the given time, in [-180, 180). */
  double hourAngleDeg(double epochSeconds, double raDeg) {
    return Angles.wrap180(lstDeg(epochSeconds) - raDeg);
  }

  /** The instant of the upper culmination (hour angle 0) of {@code raDeg} nearest the reference. */
  double transitNearReference(double raDeg) {
    return referenceSecond - Angles.wrap180(lstAtReferenceDeg - raDeg) / DEG_PER_SECOND;
  }
}
