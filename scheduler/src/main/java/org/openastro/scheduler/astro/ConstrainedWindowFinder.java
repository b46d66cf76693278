package org.openastro.scheduler.astro;

/**
 * Visibility windows under every {@link ObservingConstraints} at once: the bulk path for
 * planning, one instance per thread (it keeps scratch state), no allocation per call.
 *
 * <p>Altitude (with airmass: the stricter threshold), Sun and hour angle have closed forms and
 * come from {@link SiteDay#windows(ApparentTarget, double, double, boolean, WindowBuffer)}: the
 * cost of the plain altitude + Sun path. Only when the Moon or a horizon mask matters is each of
 * those windows walked: a margin function F(t), the minimum of
 * <ul>
 *   <li>cos(min separation) − cos(separation target–topocentric Moon),
 *   <li>max(max illumination − illuminated fraction, −sin(Moon's topocentric altitude)) — the
 *       illumination limit holds, or the Moon is down,
 *   <li>target altitude − mask altitude at the target's azimuth,
 * </ul>
 * is ≥ 0 exactly where all of them hold; it is sampled every {@value #MOON_STEP_SECONDS} s
 * (Moon only; the separation changes by under 0.3° in that time) or {@value #MASK_STEP_SECONDS} s
 * (with a mask; the target moves ≤ 1.25°), and each sign change is bisected to
 * {@value #EDGE_TOLERANCE_SECONDS} s. A condition that fails only for less than a step between
 * two samples (a target grazing the Moon's exclusion circle, a mask spike narrower than the
 * target's motion in a step) can be missed: such edges are ill-conditioned anyway.
 *
 * <p>The Moon: geocentric from the shared {@link MoonTrack}, minus the site's geocentric vector
 * at the apparent sidereal time (parallax up to ~1°), then compared with the target's apparent
 * place of date; both are in the true equator and equinox of date.
 */
public final class ConstrainedWindowFinder {
  static final double MOON_STEP_SECONDS = 900.0;
  static final double MASK_STEP_SECONDS = 300.0;
  static final double EDGE_TOLERANCE_SECONDS = 0.5;

  private final WindowBuffer candidates = new WindowBuffer();
  private final double[] moon = new double[3];

  // State of the current (day, target, constraints), set by prepare().
  private SiteDay day;
  private MoonTrack track;
  private HorizonMask mask;
  private boolean separationOn;
  private boolean illuminationOn;
  private boolean maskOn;
  private double cosMinSeparation;
  private double maxIllumination;
  private double raRad;
  private double sinDec;
  private double cosDec;
  private double tx;
  private double ty;
  private double tz;

  /**
   * Appends to {@code out} the windows within {@code day} (or its night) in which every
   * constraint of {@code c} holds, in time order, and returns how many it appended.
   *
   * @param day made with {@code c.sunMaxAltitudeDeg()} when {@code c.night()}
   * @param moonTrack covering the day; may be null when {@code !c.needsMoon()}
   * @throws IllegalArgumentException when the day's Sun threshold differs from {@code c}'s, or
   *     the Moon is needed and the track is missing or too short
   */
  public int windows(SiteDay day, ApparentTarget target, ObservingConstraints c,
      MoonTrack moonTrack, WindowBuffer out) {
    return windows(day, target, c, moonTrack, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY, out);
  }

  /** The same, clipped to [fromSecond, toSecond) before any sampling. */
  int windows(SiteDay day, ApparentTarget target, ObservingConstraints c, MoonTrack moonTrack,
      double fromSecond, double toSecond, WindowBuffer out) {
    Checks.notNull("day", day);
    Checks.notNull("target", target);
    Checks.notNull("constraints", c);
    if (c.night() && day.sunMaxAltitudeDeg() != c.sunMaxAltitudeDeg()) {
      throw new IllegalArgumentException("day must be made for sun_max_altitude_deg "
          + c.sunMaxAltitudeDeg() + ", was " + day.sunMaxAltitudeDeg());
    }
    double maxHourAngleDeg = c.maxHourAngleHours() * 15.0;
    boolean clip = fromSecond > Double.NEGATIVE_INFINITY || toSecond < Double.POSITIVE_INFINITY;
    if (!c.needsSampling() && !clip) {
      return day.windows(target, c.effectiveMinAltitudeDeg(), maxHourAngleDeg, c.night(), out);
    }
    candidates.clear();
    day.windows(target, c.effectiveMinAltitudeDeg(), maxHourAngleDeg, c.night(), candidates);
    if (!c.needsSampling()) {
      return copyClipped(fromSecond, toSecond, out);
    }
    if (c.needsMoon()) {
      Checks.notNull("moonTrack", moonTrack);
    }
    prepare(day, target, c, moonTrack);
    double step = maskOn ? MASK_STEP_SECONDS : MOON_STEP_SECONDS;
    int added = 0;
    for (int i = 0; i < candidates.size(); i++) {
      double a = Math.max(fromSecond, candidates.startEpochSecond(i));
      double b = Math.min(toSecond, candidates.endEpochSecond(i));
      if (b > a) {
        if (track != null && !track.covers(a, b)) {
          throw new IllegalArgumentException("moonTrack " + track.start() + ".." + track.end()
              + " does not cover " + AstroTime.instant(a) + ".." + AstroTime.instant(b));
        }
        added += restrict(a, b, step, out);
      }
    }
    return added;
  }

  private int copyClipped(double fromSecond, double toSecond, WindowBuffer out) {
    int added = 0;
    for (int i = 0; i < candidates.size(); i++) {
      double a = Math.max(fromSecond, candidates.startEpochSecond(i));
      double b = Math.min(toSecond, candidates.endEpochSecond(i));
      if (b > a) {
        out.add(a, b);
        added++;
      }
    }
    return added;
  }

  private void prepare(SiteDay day, ApparentTarget target, ObservingConstraints c,
      MoonTrack moonTrack) {
    this.day = day;
    this.separationOn = c.minMoonSeparationDeg() > 0;
    this.illuminationOn = c.maxMoonIlluminationFraction() < 1;
    this.track = separationOn || illuminationOn ? moonTrack : null;
    this.mask = c.horizon();
    this.maskOn = !mask.isNone() && mask.maxAltitudeDeg() > c.effectiveMinAltitudeDeg();
    this.cosMinSeparation = Angles.cosDeg(c.minMoonSeparationDeg());
    this.maxIllumination = c.maxMoonIlluminationFraction();
    this.raRad = Math.toRadians(target.raDeg());
    this.sinDec = target.sinDec();
    this.cosDec = target.cosDec();
    this.tx = cosDec * Math.cos(raRad);
    this.ty = cosDec * Math.sin(raRad);
    this.tz = sinDec;
  }

  /** Appends the parts of [a, b] where margin(t) ≥ 0. */
  private int restrict(double a, double b, double step, WindowBuffer out) {
    int n = Math.max(1, (int) Math.ceil((b - a) / step));
    double h = (b - a) / n;
    double t0 = a;
    boolean in0 = margin(a) >= 0;
    double start = a;
    int added = 0;
    for (int i = 1; i <= n; i++) {
      double t1 = i == n ? b : a + i * h;
      boolean in1 = margin(t1) >= 0;
      if (in1 != in0) {
        double edge = bisect(t0, t1, in0);
        if (in1) {
          start = edge;
        } else if (edge > start) {
          out.add(start, edge);
          added++;
        }
      }
      t0 = t1;
      in0 = in1;
    }
    if (in0 && b > start) {
      out.add(start, b);
      added++;
    }
    return added;
  }

  private double bisect(double lo, double hi, boolean inAtLo) {
    while (hi - lo > EDGE_TOLERANCE_SECONDS) {
      double mid = 0.5 * (lo + hi);
      if ((margin(mid) >= 0) == inAtLo) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** ≥ 0 exactly when the Moon and mask constraints all hold at {@code t}. */
  double margin(double t) {
    double lst = Math.toRadians(day.clock().lstDeg(t));
    double cl = Math.cos(lst);
    double sl = Math.sin(lst);
    double f = Double.POSITIVE_INFINITY;
    if (track != null) {
      track.vectorKm(t, moon);
      double mx = moon[0] - day.rhoCosKm() * cl;
      double my = moon[1] - day.rhoCosKm() * sl;
      double mz = moon[2] - day.rhoSinKm();
      double r = Math.sqrt(mx * mx + my * my + mz * mz);
      if (separationOn) {
        f = cosMinSeparation - (mx * tx + my * ty + mz * tz) / r;
      }
      if (illuminationOn) {
        double sinMoonAlt =
            (day.cosLat() * (mx * cl + my * sl) + day.sinLat() * mz) / r;
        f = Math.min(f, Math.max(maxIllumination - track.illumination(t), -sinMoonAlt));
      }
    }
    if (maskOn && f >= 0) {
      double hourAngle = lst - raRad;
      double cosH = Math.cos(hourAngle);
      double sinLat = day.sinLat();
      double cosLat = day.cosLat();
      double sinAlt = sinLat * sinDec + cosLat * cosDec * cosH;
      double az = Math.toDegrees(Math.atan2(-cosDec * Math.sin(hourAngle),
          sinDec * cosLat - cosDec * cosH * sinLat));
      double alt = Math.toDegrees(Math.asin(sinAlt));
      f = Math.min(f, alt - mask.minAltitudeDeg(az));
    }
    return f;
  }

  /** The target's topocentric separation from the Moon at {@code t}, degrees (for tests). */
  static double moonSeparationDeg(SiteDay day, ApparentTarget target, MoonTrack track, double t) {
    double[] m = topocentricMoon(day, track, t);
    double ra = Math.toRadians(target.raDeg());
    double dot = target.cosDec() * Math.cos(ra) * m[0] + target.cosDec() * Math.sin(ra) * m[1]
        + target.sinDec() * m[2];
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
  }

  /**
   * The Moon's topocentric unit vector (true equator of date) and its geometric altitude and
   * azimuth (degrees, from north through east): {x, y, z, alt, az}.
   */
  static double[] topocentricMoon(SiteDay day, MoonTrack track, double t) {
    double lst = Math.toRadians(day.clock().lstDeg(t));
    double cl = Math.cos(lst);
    double sl = Math.sin(lst);
    double[] v = new double[3];
    track.vectorKm(t, v);
    double mx = v[0] - day.rhoCosKm() * cl;
    double my = v[1] - day.rhoCosKm() * sl;
    double mz = v[2] - day.rhoSinKm();
    double r = Math.sqrt(mx * mx + my * my + mz * mz);
    mx /= r;
    my /= r;
    mz /= r;
    // Local frame: zenith, north, east.
    double up = day.cosLat() * (mx * cl + my * sl) + day.sinLat() * mz;
    double north = -day.sinLat() * (mx * cl + my * sl) + day.cosLat() * mz;
    double east = -mx * sl + my * cl;
    double alt = Math.toDegrees(Math.asin(up));
    double az = Angles.wrap360(Math.toDegrees(Math.atan2(east, north)));
    return new double[] {mx, my, mz, alt, az};
  }
}
