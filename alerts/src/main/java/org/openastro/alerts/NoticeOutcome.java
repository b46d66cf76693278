package org.openastro.alerts;

import java.util.List;
import java.util.Locale;
import org.openastro.cql.mission.Mission;

/**
 * What one notice did.
 *
 * @param notice the notice as read
 * @param kind what became of it
 * @param mission its event's mission as stored after; null when the event has none
 * @param changed what a later notice moved: {@code target}, {@code error_radius}; empty otherwise
 * @param resent the mission's open tasks re-sent to their nodes with the new target
 * @param replanned open tasks taken from nodes that cannot see the new target, planned anew
 * @param pointings a tiled alert's pointing missions as stored after, rank 1 ({@code mission}) first;
 *     empty when the alert is one pointing
 * @param coverage a tiled alert: the share of its localization's probability the pointings enclose; else null
 * @param skymapUnused why a sky map given beside a position was not used (its error circle was); else null
 */
public record NoticeOutcome(Notice notice, Kind kind, Mission mission, List<String> changed, int resent,
    int replanned, List<Mission> pointings, Double coverage, String skymapUnused) {
  /** In {@code changed}: a tiled alert's pointings were added or dropped. */
  public static final String POINTINGS = "pointings";

  public NoticeOutcome {
    changed = List.copyOf(changed);
    pointings = List.copyOf(pointings);
  }

  /** The outcome of a notice of an alert that is one pointing. */
  public NoticeOutcome(Notice notice, Kind kind, Mission mission, List<String> changed, int resent, int replanned) {
    this(notice, kind, mission, changed, resent, replanned, List.of(), null, null);
  }

  /** A tiled alert's outcome (or an untiled one's, with an empty list and no coverage). */
  public NoticeOutcome(Notice notice, Kind kind, Mission mission, List<String> changed, int resent, int replanned,
      List<Mission> pointings, Double coverage) {
    this(notice, kind, mission, changed, resent, replanned, pointings, coverage, null);
  }

  /** This outcome, saying why the notice's sky map was not used. */
  NoticeOutcome withSkymapUnused(String why) {
    return new NoticeOutcome(notice, kind, mission, changed, resent, replanned, pointings, coverage, why);
  }

  static NoticeOutcome of(Notice notice, Kind kind, Mission mission) {
    return new NoticeOutcome(notice, kind, mission, List.of(), 0, 0);
  }

  /** What became of a notice; a closed set (the metrics' label values are its wire names). */
  public enum Kind {
    /** The event's first notice: its mission was made. */
    CREATED,
    /** A newer localization: the mission's target or error radius moved. */
    UPDATED,
    /** A repeat, or a later notice saying the same, or a notice of a mission that is over: nothing changed. */
    UNCHANGED,
    /** Older than the localization stored (by the notices' own times): nothing changed. */
    STALE,
    /** A retraction: the event's mission was cancelled. */
    CANCELLED,
    /** A retraction of an event without a mission: recorded, so a later notice of it makes none. */
    RETRACTION_RECORDED,
    /** A notice of an event that was retracted: no mission is made. */
    RETRACTED_EVENT,
    /** A test or practice notice, with ALERT_ACCEPT_TEST_NOTICES false: nothing done. */
    IGNORED_TEST;

    /** The name in answers and metrics: {@code created}, {@code retraction_recorded}, ... */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
