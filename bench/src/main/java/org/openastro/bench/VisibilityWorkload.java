package org.openastro.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.openastro.scheduler.astro.ApparentTarget;
import org.openastro.scheduler.astro.ConstrainedWindowFinder;
import org.openastro.scheduler.astro.MoonTrack;
import org.openastro.scheduler.astro.ObservingConstraints;
import org.openastro.scheduler.astro.Site;
import org.openastro.scheduler.astro.SiteDay;
import org.openastro.scheduler.astro.Target;
import org.openastro.scheduler.astro.WindowBuffer;

/**
 * The scheduler's daily visibility job, as a benchmark workload: N nodes (sites spread over the
 * latitudes telescopes are at, −60°..+70°) × M mission targets (uniform on the sky), one local
 * day, windows with the target ≥ 30° while the Sun is ≤ −12°. Seeded, so every run sees the
 * same sky.
 */
final class VisibilityWorkload {
  /** 2026-03-20 (the Moon a day old); {@code -Dopenastro.bench.day=2026-03-03} gives a full Moon. */
  static final LocalDate DAY =
      LocalDate.parse(System.getProperty("openastro.bench.day", "2026-03-20"));
  static final double MIN_ALTITUDE_DEG = 30.0;
  static final double SUN_MAX_ALTITUDE_DEG = -12.0;
  static final boolean NIGHT = true;

  final List<SiteDay> siteDays;
  final List<ApparentTarget> targets;

  private VisibilityWorkload(List<SiteDay> siteDays, List<ApparentTarget> targets) {
    this.siteDays = siteDays;
    this.targets = targets;
  }

  static List<Site> sites(int count, long seed) {
    Random random = new Random(seed);
    List<Site> sites = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sites.add(new Site(-60 + 130 * random.nextDouble(), -180 + 360 * random.nextDouble(),
          3000 * random.nextDouble()));
    }
    return sites;
  }

  static List<Target> targets(int count, long seed) {
    Random random = new Random(seed);
    List<Target> targets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double dec = Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
      targets.add(new Target(360 * random.nextDouble(), dec));
    }
    return targets;
  }

  /** Per-node and per-target precomputation: SiteDay (clock + night) and apparent places. */
  static VisibilityWorkload prepare(List<Site> sites, List<Target> targets) {
    List<SiteDay> days = new ArrayList<>(sites.size());
    for (Site s : sites) {
      days.add(SiteDay.of(s, DAY, SUN_MAX_ALTITUDE_DEG));
    }
    // All local days of DAY share (within ±12 h) the epoch 00:00 UTC of the next date; the
    // apparent places move by < 0.3" in that time.
    return new VisibilityWorkload(days, ApparentTarget.allAt(targets, DAY.plusDays(1)
        .atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
  }

  /** Result of one pass: how many (node, target, day) triples, and what they found. */
  record Tally(long pairs, long windows, double windowSeconds) {}

  /** The closed-form path: one {@link SiteDay#windows} call per (node, target). */
  Tally closedForm(int nodeCount, int targetCount) {
    WindowBuffer buffer = new WindowBuffer();
    long windows = 0;
    double seconds = 0;
    for (int n = 0; n < nodeCount; n++) {
      SiteDay day = siteDays.get(n);
      for (int t = 0; t < targetCount; t++) {
        buffer.clear();
        int found = day.windows(targets.get(t), MIN_ALTITUDE_DEG, NIGHT, buffer);
        windows += found;
        for (int i = 0; i < found; i++) {
          seconds += buffer.endEpochSecond(i) - buffer.startEpochSecond(i);
        }
      }
    }
    return new Tally((long) nodeCount * targetCount, windows, seconds);
  }

  /**
   * The Moon constraints on top: min separation 30° from the topocentric Moon and illumination
   * at most 0.5 unless the Moon is down, on the same altitude + Sun windows; the {@link
   * MoonTrack} covering the day is made once and shared, as planning would.
   */
  static final ObservingConstraints MOON = ObservingConstraints.DEFAULTS
      .withMinAltitudeDeg(MIN_ALTITUDE_DEG).withSunMaxAltitudeDeg(SUN_MAX_ALTITUDE_DEG)
      .withMinMoonSeparationDeg(30).withMaxMoonIllumination(0.5);

  static MoonTrack moonTrack() {
    java.time.Instant start = DAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    return MoonTrack.covering(start, start.plus(java.time.Duration.ofDays(2)));
  }

  Tally withMoon(int nodeCount, int targetCount, MoonTrack track) {
    ConstrainedWindowFinder finder = new ConstrainedWindowFinder();
    WindowBuffer buffer = new WindowBuffer();
    long windows = 0;
    double seconds = 0;
    for (int n = 0; n < nodeCount; n++) {
      SiteDay day = siteDays.get(n);
      for (int t = 0; t < targetCount; t++) {
        buffer.clear();
        int found = finder.windows(day, targets.get(t), MOON, track, buffer);
        windows += found;
        for (int i = 0; i < found; i++) {
          seconds += buffer.endEpochSecond(i) - buffer.startEpochSecond(i);
        }
      }
    }
    return new Tally((long) nodeCount * targetCount, windows, seconds);
  }

  /** The naive baseline on the first nodes × targets: see {@link SamplingBaseline}. */
  Tally sampling(int nodeCount, int targetCount) {
    long windows = 0;
    double seconds = 0;
    for (int n = 0; n < nodeCount; n++) {
      SamplingBaseline baseline = new SamplingBaseline(siteDays.get(n), SUN_MAX_ALTITUDE_DEG, NIGHT);
      for (int t = 0; t < targetCount; t++) {
        SamplingBaseline.Result r = baseline.windows(targets.get(t), MIN_ALTITUDE_DEG);
        windows += r.windows();
        seconds += r.seconds();
      }
    }
    return new Tally((long) nodeCount * targetCount, windows, seconds);
  }
}
