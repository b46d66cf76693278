package org.openastro.api.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openastro.api.intake.Relocation.Verdict;
import org.openastro.cql.mission.Mission;
import org.openastro.domain.MissionStatus;

/**
 * How a later notice's localization relates to what an alert mission stores. Pure (no I/O, no
 * Vert.x types). A notice is newer when its own issue time is after the stored one's (any time is
 * after none); one without a time cannot be ordered and changes nothing, as does an older one. What
 * changed: {@code target} when RA or Dec differ by more than {@link #SAME_DEG}, {@code error_radius}
 * when the radius differs (a radius given where none was counts).
 */
public final class LocalizationRules {
  /** Positions closer than this (about 0.4 milliarcseconds) are the same: the notices' own rounding. */
  public static final double SAME_DEG = 1e-7;
  public static final String TARGET = "target";
  /**
   * The reason an open task (or a tiled alert's pointing mission) is cancelled with when a later
   * notice moved the target where its node cannot see it (or the new tiling needs that pointing no
   * more): DESIGN.md "On the wire".
   */
  public static final String RELOCATED_REASON = "relocated";
  public static final String ERROR_RADIUS = "error_radius";
  /** A tiled alert's pointing now encloses another share of the (new) localization's probability. */
  public static final String PROBABILITY = "probability";
  /** Probabilities closer than this are the same (a map re-read gives the same sums to ~1e-12). */
  public static final double SAME_PROBABILITY = 1e-6;

  private LocalizationRules() {}

  /** The order of a notice issued at {@code incoming} after one issued at {@code stored}. */
  public enum Order { NEWER, SAME, OLDER, UNORDERED }

  public static Order order(Instant stored, Instant incoming) {
    if (incoming == null) {
      return Order.UNORDERED;
    }
    if (stored == null) {
      return Order.NEWER;
    }
    int c = incoming.compareTo(stored);
    return c > 0 ? Order.NEWER : c == 0 ? Order.SAME : Order.OLDER;
  }

  /** What {@code next} would change of {@code stored}: {@link #TARGET}, {@link #ERROR_RADIUS}, {@link #PROBABILITY}, in that order. */
  public static List<String> changes(Mission stored, Localization next) {
    List<String> out = new ArrayList<>(2);
    if (angleApart(stored.targetRa(), next.ra()) > SAME_DEG || Math.abs(stored.targetDec() - next.dec()) > SAME_DEG) {
      out.add(TARGET);
    }
    Double before = stored.alertLocalization().errorRadiusDeg();
    Double after = next.errorRadiusDeg();
    if (before == null ? after != null : after == null || Math.abs(before - after) > SAME_DEG) {
      out.add(ERROR_RADIUS);
    }
    Double p0 = stored.alertLocalization().pointingProbability();
    Double p1 = next.pointingProbability();
    if (p0 == null ? p1 != null : p1 == null || Math.abs(p0 - p1) > SAME_PROBABILITY) {
      out.add(PROBABILITY);
    }
    return out;
  }

  /**
   * The decision for {@code next} on the mission as read: the verdict, what changes, and whether
   * anything is to be written (a newer notice is stored even when it says the same, so that an
   * older one arriving after it is known to be older).
   */
  public static Decision decide(Mission stored, Localization next) {
    if (stored.status() != MissionStatus.PENDING && stored.status() != MissionStatus.IN_PROGRESS) {
      return new Decision(Verdict.CLOSED, List.of(), false);
    }
    Order order = order(stored.alertLocalization().noticeAt(), next.noticeAt());
    if (order != Order.NEWER) {
      // A repeat (or an older notice saying the same) changes nothing; one that would move it is stale.
      return new Decision(changes(stored, next).isEmpty() ? Verdict.UNCHANGED : Verdict.STALE, List.of(), false);
    }
    List<String> changed = changes(stored, next);
    return new Decision(changed.isEmpty() ? Verdict.UNCHANGED : Verdict.MOVED, changed, true);
  }

  /** What to do with a later notice. */
  public record Decision(Verdict verdict, List<String> changed, boolean write) {
    public Decision {
      changed = List.copyOf(changed);
    }
  }

  /** RA apart on the circle (359.99 and 0.01 are 0.02 apart). */
  static double angleApart(double a, double b) {
    double d = Math.abs(a - b) % 360;
    return d > 180 ? 360 - d : d;
  }
}
