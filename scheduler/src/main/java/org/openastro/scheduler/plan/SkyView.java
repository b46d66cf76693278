package org.openastro.scheduler.plan;

import java.time.Instant;
import java.util.List;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.scheduler.astro.TimeWindow;
import org.openastro.scheduler.astro.VisibilityCalculator;

/**
 * When a node sees a mission's target inside [from, to): the mission's minimum altitude, its
 * night requirement (Sun limit from the settings) and its time constraints applied. An interface
 * so that assignment and splitting are tested with hand-made windows as well as the real sky.
 */
@FunctionalInterface
public interface SkyView {
  List<TimeWindow> windows(Node node, Mission mission, Instant from, Instant to);

  /** The real sky, from {@link VisibilityCalculator}. */
  static SkyView real(double sunMaxAltitudeDeg) {
    return (node, mission, from, to) -> {
      Instant start = mission.timeConstraintStart() != null && mission.timeConstraintStart().isAfter(from)
          ? mission.timeConstraintStart() : from;
      Instant end = mission.timeConstraintEnd() != null && mission.timeConstraintEnd().isBefore(to)
          ? mission.timeConstraintEnd() : to;
      if (!end.isAfter(start)) {
        return List.of();
      }
      return VisibilityCalculator.windows(Candidates.siteOf(node), Candidates.targetOf(mission), start, end,
          mission.minAltitudeDeg(), mission.nightOnly(), sunMaxAltitudeDeg);
    };
  }
}
