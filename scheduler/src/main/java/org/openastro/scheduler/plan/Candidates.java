package org.openastro.scheduler.plan;

import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.domain.NodeStatus;
import org.openastro.scheduler.astro.Site;
import org.openastro.scheduler.astro.Target;

/** Whether a node may take a mission's work at all, before asking the sky. */
public final class Candidates {
  private Candidates() {}

  /** ONLINE (not BUSY, PARKED or FAULTED), holding no task. */
  public static boolean isFree(Node node) {
    return node.status() == NodeStatus.ONLINE && node.currentTaskId() == null;
  }

  /** Has every filter, the aperture and the field of view the mission asks for (those it states). */
  public static boolean meetsNeeds(Node node, Mission mission) {
    if (!node.filters().containsAll(mission.requiredFilters())) {
      return false;
    }
    if (mission.minApertureMm() != null && node.apertureMm() < mission.minApertureMm()) {
      return false;
    }
    return mission.minFovDeg() == null || node.fovDeg() >= mission.minFovDeg();
  }

  public static Site siteOf(Node node) {
    return new Site(node.lat(), node.lon(), node.elevationM());
  }

  public static Target targetOf(Mission mission) {
    return new Target(mission.targetRa(), mission.targetDec());
  }
}
