package org.openastro.scheduler.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionConstraints;
import org.openastro.cql.node.HorizonPoint;
import org.openastro.cql.node.Node;
import org.openastro.scheduler.astro.ConstrainedWindowFinder;
import org.openastro.scheduler.astro.HorizonMask;
import org.openastro.scheduler.astro.MoonTrack;
import org.openastro.scheduler.astro.ObservingConstraints;
import org.openastro.scheduler.astro.TimeWindow;
import org.openastro.scheduler.astro.VisibilityCalculator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real sky for planning and assignment (issue 13). A mission without constraints beyond
 * altitude and night on a node without a horizon mask takes the plain closed-form path, exactly
 * as before; anything else goes through {@link ObservingConstraints} and a
 * {@link ConstrainedWindowFinder} (one per thread). The Moon is one {@link MoonTrack} shared by
 * every node and mission: it is rebuilt only when a span asks beyond it, then covering
 * {@link #TRACK_SPAN} more, so a planning pass (and the next ones) computes the Moon once.
 * Thread-safe: planning runs on worker threads.
 */
final class RealSky implements SkyView {
  private static final Logger LOG = LoggerFactory.getLogger(RealSky.class);
  /** How far beyond a request a new Moon track reaches (~430 samples; well under a millisecond). */
  static final Duration TRACK_SPAN = Duration.ofDays(3);

  private final double sunMaxAltitudeDeg;
  private final ThreadLocal<ConstrainedWindowFinder> finders =
      ThreadLocal.withInitial(ConstrainedWindowFinder::new);
  private volatile MoonTrack track;

  RealSky(double sunMaxAltitudeDeg) {
    this.sunMaxAltitudeDeg = sunMaxAltitudeDeg;
  }

  @Override
  public List<TimeWindow> windows(Node node, Mission mission, Instant from, Instant to) {
    Instant start = mission.timeConstraintStart() != null && mission.timeConstraintStart().isAfter(from)
        ? mission.timeConstraintStart() : from;
    Instant end = mission.timeConstraintEnd() != null && mission.timeConstraintEnd().isBefore(to)
        ? mission.timeConstraintEnd() : to;
    if (!end.isAfter(start)) {
      return List.of();
    }
    MissionConstraints mc = mission.constraints();
    double sun = mc.sunMaxAltitudeDeg() != null ? mc.sunMaxAltitudeDeg() : sunMaxAltitudeDeg;
    if (mc.maxAirmass() == null && mc.minMoonSeparationDeg() == null && mc.maxMoonIllumination() == null
        && mc.maxHourAngleH() == null && node.horizon().isEmpty()) {
      // The fast path: altitude and Sun only, closed form.
      return VisibilityCalculator.windows(Candidates.siteOf(node), Candidates.targetOf(mission), start, end,
          mission.minAltitudeDeg(), mission.nightOnly(), sun);
    }
    ObservingConstraints c = constraints(node, mission, sunMaxAltitudeDeg);
    return VisibilityCalculator.windows(Candidates.siteOf(node), Candidates.targetOf(mission), start, end, c,
        c.needsMoon() ? trackCovering(start, end) : null, finders.get());
  }

  /**
   * Both paths above keep every window within the mission's time constraint, with the target at
   * least at the mission's altitude (the stricter of it and its airmass limit) and, for a night-only
   * mission, the Sun at most at its limit; everything else they apply only cuts windows further.
   * A mission whose constraints the model refuses promises nothing here: its windows throw as before.
   */
  @Override
  public SkyLimits limits(Mission mission) {
    ObservingConstraints c;
    try {
      c = constraints(mission, sunMaxAltitudeDeg);
    } catch (IllegalArgumentException e) {
      return SkyLimits.NONE;
    }
    return new SkyLimits(c.effectiveMinAltitudeDeg(), c.night(), c.sunMaxAltitudeDeg(),
        mission.timeConstraintStart(), mission.timeConstraintEnd());
  }

  /** The mission's and node's constraints; {@code defaultSunDeg} when the mission sets no Sun limit. */
  static ObservingConstraints constraints(Node node, Mission mission, double defaultSunDeg) {
    return constraints(mission, defaultSunDeg).withHorizon(maskOf(node));
  }

  /** The mission's own constraints, on any node (no horizon mask). */
  static ObservingConstraints constraints(Mission mission, double defaultSunDeg) {
    MissionConstraints mc = mission.constraints();
    ObservingConstraints c = ObservingConstraints.DEFAULTS
        .withMinAltitudeDeg(mission.minAltitudeDeg())
        .withSunMaxAltitudeDeg(mc.sunMaxAltitudeDeg() != null ? mc.sunMaxAltitudeDeg() : defaultSunDeg);
    if (!mission.nightOnly()) {
      c = c.anyTimeOfDay();
    }
    if (mc.maxAirmass() != null) {
      c = c.withMaxAirmass(mc.maxAirmass());
    }
    if (mc.minMoonSeparationDeg() != null) {
      c = c.withMinMoonSeparationDeg(mc.minMoonSeparationDeg());
    }
    if (mc.maxMoonIllumination() != null) {
      c = c.withMaxMoonIllumination(mc.maxMoonIllumination());
    }
    if (mc.maxHourAngleH() != null) {
      c = c.withMaxHourAngleHours(mc.maxHourAngleH());
    }
    return c;
  }

  /** The node's mask; a stored mask the model refuses (the API checks it first) counts as none. */
  static HorizonMask maskOf(Node node) {
    if (node.horizon().isEmpty()) {
      return HorizonMask.NONE;
    }
    try {
      return HorizonMask.of(node.horizon().stream()
          .map((HorizonPoint p) -> new HorizonMask.Point(p.azDeg(), p.altDeg())).toList());
    } catch (IllegalArgumentException e) {
      LOG.warn("Node {}: horizon ignored: {}", node.nodeId(), e.getMessage());
      return HorizonMask.NONE;
    }
  }

  /** The shared track if it covers [from, to], else a new one reaching {@link #TRACK_SPAN} further. */
  MoonTrack trackCovering(Instant from, Instant to) {
    MoonTrack t = track;
    if (t == null || t.start().isAfter(from) || t.end().isBefore(to)) {
      t = MoonTrack.covering(from, to.plus(TRACK_SPAN));
      track = t;
    }
    return t;
  }
}
