package org.openastro.scheduler.astro;

import java.time.Instant;

/**
 * The Moon's geocentric apparent vector and illuminated fraction over a span, sampled every
 * {@value #STEP_SECONDS} s and interpolated linearly: the series of {@link MoonPosition} costs
 * ~120 sines, while a lookup here costs a few multiplications, and the same track serves every
 * site and target (parallax is applied per site by {@link ConstrainedWindowFinder}).
 *
 * <p>Interpolation error: the chord of the Moon's orbit over 10 min departs from the arc by at
 * most a(Δt)²/8 ≈ 0.1 km, i.e. 0.07" — nothing next to the series' ~10". Immutable and
 * thread-safe; build one per planning horizon (e.g. a day or two) and share it.
 */
public final class MoonTrack {
  static final double STEP_SECONDS = 600.0;

  private final double firstSecond;
  private final int samples;
  /** x, y, z (km, true equator of date), illuminated fraction; 4 per sample. */
  private final double[] data;

  private MoonTrack(double firstSecond, int samples, double[] data) {
    this.firstSecond = firstSecond;
    this.samples = samples;
    this.data = data;
  }

  /** A track covering at least [from, to] (with a sample's margin on both sides). */
  public static MoonTrack covering(Instant from, Instant to) {
    Checks.span(from, to);
    double first = Math.floor(AstroTime.epochSeconds(from) / STEP_SECONDS) * STEP_SECONDS
        - STEP_SECONDS;
    double last = AstroTime.epochSeconds(to) + 2 * STEP_SECONDS;
    int n = (int) Math.ceil((last - first) / STEP_SECONDS) + 1;
    double[] data = new double[4 * n];
    for (int i = 0; i < n; i++) {
      double t = first + i * STEP_SECONDS;
      double[] v = MoonPosition.geocentricVectorKm(t);
      data[4 * i] = v[0];
      data[4 * i + 1] = v[1];
      data[4 * i + 2] = v[2];
      data[4 * i + 3] = MoonPosition.illuminatedFraction(t, v);
    }
    return new MoonTrack(first, n, data);
  }

  public Instant start() {
    return AstroTime.instant(firstSecond);
  }

  public Instant end() {
    return AstroTime.instant(firstSecond + (samples - 1) * STEP_SECONDS);
  }

  boolean covers(double fromSecond, double toSecond) {
    return fromSecond >= firstSecond && toSecond <= firstSecond + (samples - 1) * STEP_SECONDS;
  }

  /** The illuminated fraction (0 new .. 1 full) at {@code t}, seen from the Earth's centre. */
  public double illuminatedFraction(Instant t) {
    return illumination(AstroTime.epochSeconds(t));
  }

  /** Geocentric apparent vector in km at {@code epochSecond} into {@code out[0..2]}. */
  void vectorKm(double epochSecond, double[] out) {
    int i = index(epochSecond);
    double f = (epochSecond - firstSecond) / STEP_SECONDS - i;
    int k = 4 * i;
    out[0] = data[k] + f * (data[k + 4] - data[k]);
    out[1] = data[k + 1] + f * (data[k + 5] - data[k + 1]);
    out[2] = data[k + 2] + f * (data[k + 6] - data[k + 2]);
  }

  double illumination(double epochSecond) {
    int i = index(epochSecond);
    double f = (epochSecond - firstSecond) / STEP_SECONDS - i;
    int k = 4 * i + 3;
    return data[k] + f * (data[k + 4] - data[k]);
  }

  private int index(double epochSecond) {
    int i = (int) Math.floor((epochSecond - firstSecond) / STEP_SECONDS);
    if (i < 0 || i >= samples - 1) {
      throw new IllegalArgumentException("t outside the Moon track " + start() + ".." + end()
          + ": " + AstroTime.instant(epochSecond));
    }
    return i;
  }
}
