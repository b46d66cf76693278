package org.openastro.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
import org.openastro.alerts.tiling.Pointing;
import org.openastro.api.intake.Localization;
import org.openastro.config.Parsers;
import org.openastro.cql.mission.AlertLocalization;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionConstraints;
import org.openastro.domain.MissionDefaults;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.ObservationType;
import org.openastro.domain.ScienceCase;

/**
 * The configurable rules turning an alert into a mission ({@code ALERT_RULES}). The text is a
 * comma-separated list of {@code KIND=SCIENCE_CASE/priority/exposure/window[/OBSERVATION_TYPE]}, e.g.
 * {@code GRB=GRB_FOLLOWUP/95/30m/6h/RAPID_RESPONSE}; without the fifth part a kind keeps its default
 * class (GRB and XRAY_TRANSIENT RAPID_RESPONSE, the others NORMAL); kinds it leaves out keep their defaults ({@link #DEFAULT_TEXT}),
 * so one rule can be changed alone. Durations are written as every other setting ({@code 90s},
 * {@code 30m}, {@code 6h}, {@code 14d}).
 */
public final class AlertRules {
  /** The built-in rules: a GRB fades within hours, a supernova over weeks. */
  public static final String DEFAULT_TEXT = "GRB=GRB_FOLLOWUP/95/30m/6h/RAPID_RESPONSE,"
      + "XRAY_TRANSIENT=TRANSIENT_FOLLOWUP/85/30m/12h/RAPID_RESPONSE,"
      + "NEUTRINO=TRANSIENT_FOLLOWUP/80/1h/24h,"
      + "SUPERNOVA=DEEP_STACK/40/2h/14d,"
      + "TRANSIENT=TRANSIENT_FOLLOWUP/50/1h/3d";

  private static final Map<AlertKind, AlertRule> DEFAULTS = read(DEFAULT_TEXT, Map.of());

  private final Map<AlertKind, AlertRule> rules;

  private AlertRules(Map<AlertKind, AlertRule> rules) {
    this.rules = Map.copyOf(rules);
  }

  public static AlertRules defaults() {
    return new AlertRules(DEFAULTS);
  }

  /** Parses the setting's text over the defaults; IllegalArgumentException says what is wrong. */
  public static AlertRules parse(String text) {
    return new AlertRules(read(text, DEFAULTS));
  }

  public AlertRule ruleFor(AlertKind kind) {
    return rules.get(kind);
  }

  /**
   * The mission an alert asks for, accepted at {@code now} by {@code owner}: its id derived from
   * the alert's identity, the window starting now, the night-only default and the scheduler's
   * default minimum altitude (optical follow-up needs a dark sky and a target well above the horizon).
   * The alert's error radius and issue time are kept with it ({@link AlertLocalization}): later
   * notices of the event are ordered against that time. Times are cut to milliseconds, what
   * Cassandra keeps, so the 201 answer equals every later read.
   */
  public Mission missionFor(Alert alert, String owner, Instant accepted) {
    return missionFor(alert, owner, accepted, null, 0);
  }

  /**
   * The mission of one pointing {@code p} of a tiled alert (null: the alert's one pointing, at its
   * position). Rank 1 keeps the event's mission id (an alert that fits one field has only it);
   * rank k another id derived from the event and k ({@link #pointingId}), so every notice of the
   * event finds the same missions. Priority falls by one per rank (not below 1), so the most
   * probable pointings are assigned first and preempt more; each asks for nodes of a field of at
   * least {@code fieldDeg}, the field the pointings were sized to, so no node leaves a gap.
   */
  public Mission missionFor(Alert alert, String owner, Instant accepted, Pointing p, double fieldDeg) {
    Instant now = accepted.truncatedTo(ChronoUnit.MILLIS);
    AlertRule rule = ruleFor(alert.kind());
    Localization l = localizationOf(alert, p);
    int rank = p == null ? 1 : p.rank();
    return new Mission(pointingId(alert, rank), l.ra(), l.dec(), rule.scienceCase(),
        rule.exposure().toMillis() / 1000.0, 0, priorityOf(rule.priority(), rank), now, now.plus(rule.window()),
        MissionStatus.PENDING, alert.alertSourceId(), MissionDefaults.MIN_ALTITUDE_DEG, true,
        Set.of(), null, p == null ? null : fieldDeg, owner, now, MissionConstraints.NONE, rule.observationType(), null,
        new AlertLocalization(l.errorRadiusDeg(), l.noticeAt(), null, l.pointingRank(), l.pointingProbability()));
  }

  /** The priority of rank {@code rank} of an alert whose rule gives {@code priority}: one less per rank, at least 1. */
  static int priorityOf(int priority, int rank) {
    return Math.max(1, priority - (rank - 1));
  }

  /** The mission id of pointing {@code rank} of {@code alert}'s event: the event's own id for rank 1. */
  public static UUID pointingId(Notice alert, int rank) {
    return rank == 1 ? alert.missionId() : UUID.nameUUIDFromBytes((Notice.ID_NAMESPACE + alert.alertSourceId()
        + "#pointing-" + rank).getBytes(StandardCharsets.UTF_8));
  }

  /** Where {@code alert} places its event, as a mission follows it. */
  public static Localization localizationOf(Alert alert) {
    return localizationOf(alert, null);
  }

  /** Where pointing {@code p} of {@code alert} (null: its one pointing) places its mission. */
  public static Localization localizationOf(Alert alert, Pointing p) {
    return p == null ? new Localization(alert.ra(), alert.dec(), alert.errorRadiusDeg(), alert.issuedAt())
        : new Localization(p.raDeg(), p.decDeg(), alert.errorRadiusDeg(), alert.issuedAt(), p.rank(), p.probability());
  }

  private static Map<AlertKind, AlertRule> read(String text, Map<AlertKind, AlertRule> base) {
    Map<AlertKind, AlertRule> out = new EnumMap<>(AlertKind.class);
    out.putAll(base);
    for (String part : text.split(",")) {
      String entry = part.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String[] fields = eq < 0 ? new String[0] : entry.substring(eq + 1).split("/");
      if (fields.length != 4 && fields.length != 5) {
        throw new IllegalArgumentException("'" + entry
            + "' is not KIND=SCIENCE_CASE/priority/exposure/window[/OBSERVATION_TYPE]");
      }
      AlertKind kind = Parsers.oneOf(AlertKind.class).apply(entry.substring(0, eq).trim());
      ScienceCase scienceCase = Parsers.oneOf(ScienceCase.class).apply(fields[0].trim().toUpperCase(Locale.ROOT));
      int priority = Parsers.intBetween(1, 100).apply(fields[1].trim());
      Duration exposure = Parsers.durationAtLeast(Duration.ofSeconds(1)).apply(fields[2].trim());
      Duration window = Parsers.durationAtLeast(Duration.ofMinutes(1)).apply(fields[3].trim());
      ObservationType type = fields.length == 5
          ? Parsers.oneOf(ObservationType.class).apply(fields[4].trim().toUpperCase(Locale.ROOT))
          : base.containsKey(kind) ? base.get(kind).observationType() : ObservationType.NORMAL;
      out.put(kind, new AlertRule(scienceCase, priority, exposure, window, type));
    }
    for (AlertKind kind : AlertKind.values()) {
      if (!out.containsKey(kind)) {
        throw new IllegalArgumentException("no rule for " + kind);
      }
    }
    return out;
  }
}
