package org.openastro.scheduler.plan;

import java.time.Instant;
import java.util.List;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.scheduler.astro.TimeWindow;
import org.openastro.scheduler.astro.VisibilityCalculator;

/**
 * When a node sees a mission's target inside [from, to): the mission's minimum altitude, its
 * night requirement (Sun limit from the mission, else the settings), its observing constraints
 * (airmass, Moon, hour angle), the node's horizon mask, and its time constraints applied. An
 * interface so that assignment and splitting are tested with hand-made windows as well as the
 * real sky.
 */
@FunctionalInterface
public interface SkyView {
  List<TimeWindow> windows(Node node, Mission mission, Instant from, Instant to);

  /**
   * What every window of {@code mission} from this sky satisfies, on any node (see {@link
   * SkyLimits}). Nothing by default: hand-made windows promise nothing, and a sky that promises
   * nothing is only slower to assign from (no node is prefiltered), never wrong.
   */
  default SkyLimits limits(Mission mission) {
    return SkyLimits.NONE;
  }

  /** The real sky, from {@link VisibilityCalculator} (see {@link RealSky}). */
  static SkyView real(double sunMaxAltitudeDeg) {
    return new RealSky(sunMaxAltitudeDeg);
  }
}
