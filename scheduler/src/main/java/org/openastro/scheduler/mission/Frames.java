package org.openastro.scheduler.mission;

import org.openastro.cql.mission.Mission;

/**
 * A mission's exposure counted in whole frames of its {@code exposure_time_s}, or in plain seconds
 * when it sets none. The one place for the frame rule: tasks and remainders are whole frames (no
 * camera takes a 1454.158 s exposure), and of what a node delivers only whole frames count: a frame
 * cut short by a fault or a preemption is no image, and is observed again in the remainder.
 */
public final class Frames {
  /** Any number of seconds will do: the behaviour of missions without a frame length. */
  public static final Frames CONTINUOUS = new Frames(0);
  /** Float sums of seconds: this close to a frame boundary counts as on it. */
  private static final double TOLERANCE_S = 1e-6;

  private final double frameS;

  private Frames(double frameS) {
    this.frameS = frameS;
  }

  public static Frames of(Mission m) {
    return of(m.exposureTimeS());
  }

  public static Frames of(Double exposureTimeS) {
    return exposureTimeS == null || exposureTimeS <= 0 ? CONTINUOUS : new Frames(exposureTimeS);
  }

  public boolean continuous() {
    return frameS == 0;
  }

  /** Seconds of one frame; 0 when continuous. */
  public double frameS() {
    return frameS;
  }

  /**
   * The seconds of the whole frames in {@code s}: of delivered exposure, what counts; of a window
   * slice, what a task can ask for. {@code s} itself (never negative) when continuous.
   */
  public double usable(double seconds) {
    double s = Math.max(0, seconds);
    return continuous() ? s : whole(s) * frameS;
  }


  /** Whole frames in {@code s} (rounded down); 0 when continuous. */
  public long count(double s) {
    return continuous() ? 0 : whole(Math.max(0, s));
  }

  /** True when {@code s} is a whole number of frames (always, when continuous). */
  public boolean isWhole(double s) {
    return continuous() || Math.abs(s - Math.round(s / frameS) * frameS) <= TOLERANCE_S * Math.max(1, s / frameS);
  }

  private long whole(double s) {
    return (long) Math.floor((s + TOLERANCE_S) / frameS);
  }

  @Override
  public String toString() {
    return continuous() ? "continuous" : frameS + " s frames";
  }
}
