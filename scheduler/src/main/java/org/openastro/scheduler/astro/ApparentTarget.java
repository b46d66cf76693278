package org.openastro.scheduler.astro;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A target's apparent place of date (precessed, nutated, aberrated), with sin/cos of its
 * declination: the per-target half of a rise/set computation, made once and reused for every
 * site.
 *
 * <p>The place drifts by under 0.5" a day (precession 0.14"/day, aberration ≤ 0.35"/day), so one
 * made for an instant serves any {@link SiteDay} within a few days of it; {@link SiteDay#middle()}
 * is the natural epoch. Immutable and thread-safe.
 */
public final class ApparentTarget {
  private final Target target;
  private final Instant epoch;
  private final double raDeg;
  private final double sinDec;
  private final double cosDec;

  private ApparentTarget(Target target, Instant epoch, double[] raSinCos) {
    this.target = target;
    this.epoch = epoch;
    this.raDeg = raSinCos[0];
    this.sinDec = raSinCos[1];
    this.cosDec = raSinCos[2];
  }

  /** The apparent place of {@code target} at {@code epoch}. */
  public static ApparentTarget at(Target target, Instant epoch) {
    Checks.notNull("target", target);
    Checks.notNull("epoch", epoch);
    return of(target, epoch, FrameOfDate.at(AstroTime.epochSeconds(epoch)));
  }

  /** The apparent places of many targets at one epoch, sharing the precession/nutation work. */
  public static List<ApparentTarget> allAt(Collection<Target> targets, Instant epoch) {
    Checks.notNull("targets", targets);
    Checks.notNull("epoch", epoch);
    FrameOfDate frame = FrameOfDate.at(AstroTime.epochSeconds(epoch));
    List<ApparentTarget> out = new ArrayList<>(targets.size());
    for (Target t : targets) {
      Checks.notNull("target", t);
      out.add(of(t, epoch, frame));
    }
    return out;
  }

  static ApparentTarget of(Target target, Instant epoch, FrameOfDate frame) {
    return new ApparentTarget(target, epoch, frame.apparent(target.raDeg(), target.decDeg()));
  }

  public Target target() {
    return target;
  }

  public Instant epoch() {
    return epoch;
  }

  /** Apparent right ascension of date (true equinox), degrees in [0, 360). */
  public double raDeg() {
    return raDeg;
  }

  /** Apparent declination of date, degrees. */
  public double decDeg() {
    return Math.toDegrees(Math.atan2(sinDec, cosDec));
  }

  double sinDec() {
    return sinDec;
  }

  double cosDec() {
    return cosDec;
  }

  @Override
  public String toString() {
    return "ApparentTarget[" + target + " at " + epoch + ": ra=" + raDeg + ", dec=" + decDeg() + "]";
  }
}
