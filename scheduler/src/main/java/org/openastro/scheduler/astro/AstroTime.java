package org.openastro.scheduler.astro;

import java.time.Instant;

/**
 * Time scales, reduced to what ±2 minute windows need.
 *
 * <p>Internally times are UTC seconds since 1970 as {@code double} (a ulp of ~0.2 µs in this
 * century). UT1 is taken equal to UTC (|UT1-UTC| < 0.9 s by definition of UTC), and TT = UTC +
 * 69.184 s (TAI-UTC = 37 s since 2017-01-01, TT-TAI = 32.184 s). A future leap second would make
 * that off by one second, which moves the Sun by 0.00001°: irrelevant here.
 */
final class AstroTime {
  private AstroTime() {}

  static final double SECONDS_PER_DAY = 86_400.0;
  static final double DAYS_PER_JULIAN_CENTURY = 36_525.0;
  /** JD 2451545.0 (2000-01-01T12:00 TT/UT) as seconds since the Unix epoch (JD 2440587.5). */
  static final double J2000_EPOCH_SECOND = (2_451_545.0 - 2_440_587.5) * SECONDS_PER_DAY;

  static final double TT_MINUS_UTC_SECONDS = 69.184;

  static double epochSeconds(Instant t) {
    return t.getEpochSecond() + t.getNano() * 1e-9;
  }

  /** Rounded to the millisecond: no window edge is meaningful below that. */
  static Instant instant(double epochSeconds) {
    return Instant.ofEpochMilli(Math.round(epochSeconds * 1000.0));
  }

  /** Days of UT since J2000.0, the argument of the GMST formula (Meeus eq. 12.4). */
  static double ut1DaysSinceJ2000(double epochSeconds) {
    return (epochSeconds - J2000_EPOCH_SECOND) / SECONDS_PER_DAY;
  }

  /** Julian centuries of TT since J2000.0, the argument of the precession, nutation and Sun series. */
  static double ttCenturiesSinceJ2000(double epochSeconds) {
    return (epochSeconds + TT_MINUS_UTC_SECONDS - J2000_EPOCH_SECOND)
        / (SECONDS_PER_DAY * DAYS_PER_JULIAN_CENTURY);
  }
}
