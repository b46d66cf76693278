package org.openastro.scheduler.astro;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One site over one local day: the per-node half of a visibility computation, made once per node
 * and day and reused for every target.
 *
 * <p>The local day of date D runs from local mean noon of D to local mean noon of D+1 (noon at
 * 12:00 UTC − longitude/15 h), so the night that begins on the evening of D lies inside it: the
 * natural unit for "tonight's windows". It holds the site's sidereal clock for that day and the
 * night, i.e. the interval around the Sun's lower culmination in which the Sun is at most
 * {@code sunMaxAltitudeDeg} (topocentric, no refraction). That night lies between the Sun's
 * upper culminations around it, which are within ~16 minutes (the equation of time) of the day's
 * bounds, so it can reach past {@link #end()} by that much only when the Sun stays below the
 * threshold at noon (polar night).
 *
 * <p>Per target, {@link #windows(ApparentTarget, double, boolean, WindowBuffer)} costs one acos
 * and some arithmetic: the hour angle at which the target is at the minimum altitude follows from
 * cos H₀ = (sin h₀ − sin φ sin δ) / (cos φ cos δ) (Meeus ch. 15), transits repeat every sidereal
 * day, and the result is intersected with the day or the night. Thread-safe; nothing changes
 * after construction but a one-entry cache.
 */
public final class SiteDay {
  private static final double SIDEREAL_RAD_PER_SECOND = Math.toRadians(SiderealClock.DEG_PER_SECOND);

  private final Site site;
  private final LocalDate localDate;
  private final double sunMaxAltitudeDeg;
  private final double startSecond;
  private final double endSecond;
  private final double sinLat;
  private final double cosLat;
  private final SiderealClock clock;
  /** The site's distance from the Earth's axis and from the equatorial plane, km (Meeus ch. 11). */
  private final double rhoCosKm;
  private final double rhoSinKm;
  /** NaN when there is no night. */
  private final double nightStartSecond;
  private final double nightEndSecond;

  /**
   * The last minimum altitude asked for and its sine: callers use one or a few thresholds, and a
   * sine per call would be a tenth of the per-target cost. An immutable pair read and written as
   * one reference, so a race between threads at worst recomputes it.
   */
  private SineOf lastThreshold = new SineOf(VisibilityCalculator.DEFAULT_MIN_ALTITUDE_DEG);

  private record SineOf(double deg, double sin) {
    SineOf(double deg) {
      this(deg, Math.sin(Math.toRadians(deg)));
    }
  }

  private SiteDay(Site site, LocalDate localDate, double sunMaxAltitudeDeg) {
    this.site = site;
    this.localDate = localDate;
    this.sunMaxAltitudeDeg = sunMaxAltitudeDeg;
    this.startSecond = localNoonSecond(site, localDate.toEpochDay());
    this.endSecond = startSecond + AstroTime.SECONDS_PER_DAY;
    double lat = Math.toRadians(site.latitudeDeg());
    this.sinLat = Math.sin(lat);
    this.cosLat = Math.cos(lat);
    // Geocentric latitude and radius on the IAU 1976 ellipsoid (b/a = 0.99664719).
    double u = Math.atan2(0.99664719 * Math.sin(lat), Math.cos(lat));
    double h = site.elevationM() / 6_378_140.0;
    this.rhoCosKm = (Math.cos(u) + h * Math.cos(lat)) * MoonPosition.EARTH_RADIUS_KM;
    this.rhoSinKm = (0.99664719 * Math.sin(u) + h * Math.sin(lat)) * MoonPosition.EARTH_RADIUS_KM;
    double midnight = startSecond + AstroTime.SECONDS_PER_DAY / 2;
    this.clock = SiderealClock.at(site.longitudeEastDeg(), midnight);
    double[] night = new DarkIntervalFinder(clock, sinLat, cosLat, sunMaxAltitudeDeg)
        .darkIntervalAround(midnight);
    this.nightStartSecond = night == null ? Double.NaN : night[0];
    this.nightEndSecond = night == null ? Double.NaN : night[1];
  }

  /**
   * The local day starting at local mean noon of {@code localDate}.
   *
   * @param sunMaxAltitudeDeg the highest Sun altitude that counts as night (−12 = nautical)
   */
  public static SiteDay of(Site site, LocalDate localDate, double sunMaxAltitudeDeg) {
    Checks.notNull("site", site);
    Checks.notNull("localDate", localDate);
    Checks.between("sunMaxAltitudeDeg", sunMaxAltitudeDeg, -90, 90);
    return new SiteDay(site, localDate, sunMaxAltitudeDeg);
  }

  /** The local day (noon to noon, local mean time) that contains {@code instant}. */
  public static SiteDay containing(Site site, Instant instant, double sunMaxAltitudeDeg) {
    Checks.notNull("site", site);
    Checks.notNull("instant", instant);
    return of(site, localDateOf(site, AstroTime.epochSeconds(instant)), sunMaxAltitudeDeg);
  }

  static LocalDate localDateOf(Site site, double epochSecond) {
    double localMeanSeconds = epochSecond + site.longitudeEastDeg() * 240.0 - 43_200.0;
    return LocalDate.ofEpochDay((long) Math.floor(localMeanSeconds / AstroTime.SECONDS_PER_DAY));
  }

  private static double localNoonSecond(Site site, long epochDay) {
    // 240 s of time per degree of longitude.
    return epochDay * AstroTime.SECONDS_PER_DAY + 43_200.0 - site.longitudeEastDeg() * 240.0;
  }

  public Site site() {
    return site;
  }

  public LocalDate localDate() {
    return localDate;
  }

  public double sunMaxAltitudeDeg() {
    return sunMaxAltitudeDeg;
  }

  /** Local mean noon of {@link #localDate()}. */
  public Instant start() {
    return AstroTime.instant(startSecond);
  }

  /** Local mean noon of the next date; exclusive. */
  public Instant end() {
    return AstroTime.instant(endSecond);
  }

  /** Local mean midnight: the epoch to make this day's {@link ApparentTarget}s for. */
  public Instant middle() {
    return AstroTime.instant(startSecond + AstroTime.SECONDS_PER_DAY / 2);
  }

  /** The night (Sun at most {@link #sunMaxAltitudeDeg()}), empty when the Sun never gets that low. */
  public Optional<TimeWindow> night() {
    return hasNight()
        ? Optional.of(new TimeWindow(AstroTime.instant(nightStartSecond), AstroTime.instant(nightEndSecond)))
        : Optional.empty();
  }

  boolean hasNight() {
    return !Double.isNaN(nightStartSecond);
  }

  /** The windows of {@code target} this day (or night) as a list; see the buffer variant. */
  public List<TimeWindow> windows(ApparentTarget target, double minAltitudeDeg, boolean night) {
    WindowBuffer buffer = new WindowBuffer();
    windows(target, minAltitudeDeg, night, buffer);
    return buffer.toTimeWindows();
  }

  /**
   * Appends to {@code out} the windows in which {@code target} is at least {@code
   * minAltitudeDeg} high — within [start, end) of this day, or, when {@code night}, within this
   * day's night — in time order, and returns how many it appended (0 to 2; a polar night longer
   * than a sidereal day can hold slivers of a third pass). A target that never sets gets the
   * whole day (or night) as one window. Allocates nothing.
   */
  public int windows(ApparentTarget target, double minAltitudeDeg, boolean night, WindowBuffer out) {
    return windows(target, minAltitudeDeg, 180.0, night, out);
  }

  /**
   * The same, also limited to |hour angle| ≤ {@code maxHourAngleDeg} (0..180; 180 = no limit):
   * each pass is the smaller of the altitude half-width and that hour angle around transit.
   */
  int windows(ApparentTarget target, double minAltitudeDeg, double maxHourAngleDeg, boolean night,
      WindowBuffer out) {
    Checks.between("minAltitudeDeg", minAltitudeDeg, -90, 90);
    double from;
    double to;
    if (night) {
      if (!hasNight()) {
        return 0;
      }
      from = nightStartSecond;
      to = nightEndSecond;
    } else {
      from = startSecond;
      to = endSecond;
    }
    double cosH0 = (sinOf(minAltitudeDeg) - sinLat * target.sinDec()) / (cosLat * target.cosDec());
    if (!(cosH0 < 1.0)) {
      return 0; // never that high (NaN: pole of the sky seen from a pole, exactly at h0: too)
    }
    double halfWidth;
    if (maxHourAngleDeg >= 180.0) {
      if (cosH0 <= -1.0) {
        out.add(from, to); // never lower
        return 1;
      }
      halfWidth = Angles.acosRad(cosH0) / SIDEREAL_RAD_PER_SECOND;
    } else {
      double limit = maxHourAngleDeg / SiderealClock.DEG_PER_SECOND;
      halfWidth = cosH0 <= -1.0
          ? limit : Math.min(limit, Angles.acosRad(cosH0) / SIDEREAL_RAD_PER_SECOND);
    }
    double transit = clock.transitNearReference(target.raDeg());
    double period = SiderealClock.SIDEREAL_DAY_SECONDS;
    // First transit whose pass [transit - halfWidth, transit + halfWidth] ends after `from`.
    double k = Math.ceil((from - halfWidth - transit) / period);
    int added = 0;
    for (double t = transit + k * period; t - halfWidth < to; t += period) {
      double start = Math.max(from, t - halfWidth);
      double end = Math.min(to, t + halfWidth);
      if (end > start) {
        out.add(start, end);
        added++;
      }
    }
    return added;
  }

  private double sinOf(double deg) {
    SineOf last = lastThreshold;
    if (last.deg() != deg) {
      last = new SineOf(deg);
      lastThreshold = last;
    }
    return last.sin();
  }

  /** The target's altitude (apparent, no refraction) at {@code t}, degrees. */
  public double altitudeDeg(ApparentTarget target, Instant t) {
    return altitudeDeg(target, AstroTime.epochSeconds(t));
  }

  double altitudeDeg(ApparentTarget target, double epochSecond) {
    double hourAngle = Math.toRadians(clock.hourAngleDeg(epochSecond, target.raDeg()));
    double sinAlt = sinLat * target.sinDec() + cosLat * target.cosDec() * Math.cos(hourAngle);
    return Math.toDegrees(Math.asin(sinAlt));
  }

  /** The Sun's topocentric altitude (no refraction) at {@code t}, degrees. */
  public double sunAltitudeDeg(Instant t) {
    SolarPosition sun = SolarPosition.at(AstroTime.epochSeconds(t));
    double dec = Math.toRadians(sun.decDeg());
    double hourAngle = Math.toRadians(clock.hourAngleDeg(AstroTime.epochSeconds(t), sun.raDeg()));
    double geocentric = Math.toDegrees(Math.asin(
        sinLat * Math.sin(dec) + cosLat * Math.cos(dec) * Math.cos(hourAngle)));
    return geocentric - DarkIntervalFinder.SUN_PARALLAX_DEG * Angles.cosDeg(geocentric);
  }

  SiderealClock clock() {
    return clock;
  }

  double sinLat() {
    return sinLat;
  }

  double cosLat() {
    return cosLat;
  }

  double rhoCosKm() {
    return rhoCosKm;
  }

  double rhoSinKm() {
    return rhoSinKm;
  }

  double startSecond() {
    return startSecond;
  }

  double endSecond() {
    return endSecond;
  }

  @Override
  public String toString() {
    return "SiteDay[" + site + " " + localDate + ", night " + night().map(Object::toString).orElse("none") + "]";
  }
}
