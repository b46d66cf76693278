package org.openastro.scheduler.astro;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.openastro.domain.MissionDefaults;

/**
 * Visibility windows of a target from a site over any span: the one-shot entry point.
 *
 * <p>It walks the local days ({@link SiteDay}) that overlap [from, to), takes each day's windows
 * with the target's apparent place for that day, clips them to the span and joins pieces that
 * meet at day boundaries — so a circumpolar target gives one window for the whole span, and a
 * dark polar night one window for the whole night. For many sites × targets, build the
 * {@link SiteDay}s and {@link ApparentTarget}s once and call {@link SiteDay#windows} directly.
 */
public final class VisibilityCalculator {
  /** Missions' default minimum altitude of the target. */
  public static final double DEFAULT_MIN_ALTITUDE_DEG = MissionDefaults.MIN_ALTITUDE_DEG;
  /** Default darkness: nautical twilight, Sun at most −12°. */
  public static final double DEFAULT_SUN_MAX_ALTITUDE_DEG = -12.0;

  /** Pieces closer than this are one window (independently iterated day edges differ by ms). */
  private static final double JOIN_TOLERANCE_SECONDS = 1.0;

  private VisibilityCalculator() {}

  /**
   * The intervals in [from, to) in which {@code target} is at least {@code minAltitudeDeg} high
   * at {@code site} (apparent altitude, no refraction) and, when {@code night}, the Sun is at most
   * {@code sunMaxAltitudeDeg}; in time order, disjoint, edges to the millisecond.
   *
   * @throws IllegalArgumentException for a null argument, {@code to} not after {@code from}, or
   *     an altitude outside −90..90; the message starts with the parameter's name
   */
  public static List<TimeWindow> windows(Site site, Target target, Instant from, Instant to,
      double minAltitudeDeg, boolean night, double sunMaxAltitudeDeg) {
    Checks.notNull("site", site);
    Checks.notNull("target", target);
    Checks.span(from, to);
    Checks.between("minAltitudeDeg", minAltitudeDeg, -90, 90);
    Checks.between("sunMaxAltitudeDeg", sunMaxAltitudeDeg, -90, 90);

    double fromSecond = AstroTime.epochSeconds(from);
    double toSecond = AstroTime.epochSeconds(to);
    // A night belongs to the day it starts in but may begin up to ~16 min before that day
    // (equation of time), so start one day early.
    LocalDate first = SiteDay.localDateOf(site, fromSecond).minusDays(1);
    LocalDate last = SiteDay.localDateOf(site, toSecond);

    List<double[]> joined = new ArrayList<>();
    WindowBuffer buffer = new WindowBuffer();
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
      SiteDay day = SiteDay.of(site, date, sunMaxAltitudeDeg);
      buffer.clear();
      day.windows(ApparentTarget.at(target, day.middle()), minAltitudeDeg, night, buffer);
      for (int i = 0; i < buffer.size(); i++) {
        double start = Math.max(fromSecond, buffer.startEpochSecond(i));
        double end = Math.min(toSecond, buffer.endEpochSecond(i));
        if (end > start) {
          append(joined, start, end);
        }
      }
    }
    List<TimeWindow> out = new ArrayList<>(joined.size());
    for (double[] w : joined) {
      out.add(new TimeWindow(AstroTime.instant(w[0]), AstroTime.instant(w[1])));
    }
    return out;
  }

  /**
   * The intervals in [from, to) in which every constraint of {@code constraints} holds at once
   * (see {@link ObservingConstraints} and {@link ConstrainedWindowFinder}); in time order,
   * disjoint, edges to the millisecond. Builds its own {@link MoonTrack} when the Moon matters;
   * for many pairs use {@link ConstrainedWindowFinder} with shared {@link SiteDay}s and tracks.
   *
   * @throws IllegalArgumentException for a null argument or {@code to} not after {@code from}
   */
  public static List<TimeWindow> windows(Site site, Target target, Instant from, Instant to,
      ObservingConstraints constraints) {
    Checks.notNull("site", site);
    Checks.notNull("target", target);
    Checks.notNull("constraints", constraints);
    Checks.span(from, to);
    return windows(site, target, from, to, constraints,
        constraints.needsMoon() ? MoonTrack.covering(from, to) : null, new ConstrainedWindowFinder());
  }

  /**
   * The same with a shared {@code track} (covering [from, to]; may be null when the Moon does not
   * matter) and the caller's {@code finder} (one per thread): the planning path, where one track
   * serves every node and mission of a pass.
   */
  public static List<TimeWindow> windows(Site site, Target target, Instant from, Instant to,
      ObservingConstraints constraints, MoonTrack track, ConstrainedWindowFinder finder) {
    Checks.notNull("site", site);
    Checks.notNull("target", target);
    Checks.notNull("constraints", constraints);
    Checks.notNull("finder", finder);
    Checks.span(from, to);
    double fromSecond = AstroTime.epochSeconds(from);
    double toSecond = AstroTime.epochSeconds(to);
    LocalDate first = SiteDay.localDateOf(site, fromSecond).minusDays(1);
    LocalDate last = SiteDay.localDateOf(site, toSecond);

    List<double[]> joined = new ArrayList<>();
    WindowBuffer buffer = new WindowBuffer();
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
      SiteDay day = SiteDay.of(site, date, constraints.sunMaxAltitudeDeg());
      buffer.clear();
      finder.windows(day, ApparentTarget.at(target, day.middle()), constraints, track,
          fromSecond, toSecond, buffer);
      for (int i = 0; i < buffer.size(); i++) {
        double start = buffer.startEpochSecond(i);
        double end = buffer.endEpochSecond(i);
        if (end > start) {
          append(joined, start, end);
        }
      }
    }
    List<TimeWindow> out = new ArrayList<>(joined.size());
    for (double[] w : joined) {
      out.add(new TimeWindow(AstroTime.instant(w[0]), AstroTime.instant(w[1])));
    }
    return out;
  }

  /** The same with the missions' defaults: 30° minimum altitude, night at Sun ≤ −12°. */
  public static List<TimeWindow> windows(Site site, Target target, Instant from, Instant to) {
    return windows(site, target, from, to, DEFAULT_MIN_ALTITUDE_DEG, true,
        DEFAULT_SUN_MAX_ALTITUDE_DEG);
  }

  private static void append(List<double[]> joined, double start, double end) {
    if (!joined.isEmpty()) {
      double[] last = joined.get(joined.size() - 1);
      if (start <= last[1] + JOIN_TOLERANCE_SECONDS) {
        last[1] = Math.max(last[1], end);
        return;
      }
    }
    joined.add(new double[] {start, end});
  }
}
