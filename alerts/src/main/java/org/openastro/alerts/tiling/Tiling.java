package org.openastro.alerts.tiling;

import java.util.List;

/**
 * Pointings covering a localization, best first, and the share of its probability they enclose
 * together; {@code stoppedBy} says whether the coverage asked for was reached or the count capped.
 */
public record Tiling(List<Pointing> pointings, double coverage, double fieldDeg, Stop stoppedBy) {
  public Tiling {
    pointings = List.copyOf(pointings);
  }

  /** Why the list ends. */
  public enum Stop { COVERAGE, MAX_POINTINGS, REGION_COVERED }
}
