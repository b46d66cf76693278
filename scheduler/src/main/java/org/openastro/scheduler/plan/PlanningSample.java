package org.openastro.scheduler.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openastro.cql.node.Node;

/**
 * The nodes whose visibility windows a mission is planned over, when the capable fleet is large.
 * Planning needs windows that cover the times the target can be observed somewhere, not every
 * node's window: at 100,000 capable nodes, computing each one's windows for every mission was
 * the scheduler's largest cost. Sites are grouped in cells of {@link #CELL_DEG} of latitude and
 * longitude (latitude decides whether a target rises, longitude when night falls), and the sample
 * takes nodes round-robin over the occupied cells, most reliable first within a cell. So every
 * occupied cell is represented whenever the limit allows, and the windows of the sample span the
 * same hours as the fleet's. Deterministic: the same fleet gives the same sample. Which node
 * observes is decided at assignment, over all free nodes; the sample only shapes the tasks.
 */
public final class PlanningSample {
  static final double CELL_DEG = 15.0;

  private PlanningSample() {}

  /** All of {@code nodes} when there are at most {@code max}; else {@code max} of them spread over the Earth. */
  public static List<Node> spread(List<Node> nodes, int max) {
    if (nodes.size() <= max) {
      return nodes;
    }
    Map<Long, List<Node>> cells = new TreeMap<>();
    for (Node n : nodes) {
      cells.computeIfAbsent(cellOf(n), c -> new ArrayList<>()).add(n);
    }
    Comparator<Node> best = Comparator.comparingDouble(Node::reliabilityScore).reversed()
        .thenComparing(Node::nodeId);
    List<List<Node>> ordered = new ArrayList<>();
    for (List<Node> cell : cells.values()) {
      cell.sort(best);
      ordered.add(cell);
    }
    List<Node> sample = new ArrayList<>(max);
    for (int depth = 0; sample.size() < max; depth++) {
      for (List<Node> cell : ordered) {
        if (depth < cell.size()) {
          sample.add(cell.get(depth));
          if (sample.size() == max) {
            break;
          }
        }
      }
    }
    return sample;
  }

  private static long cellOf(Node n) {
    long lat = (long) Math.floor((n.lat() + 90) / CELL_DEG);
    long lon = (long) Math.floor((Math.floorMod((long) Math.floor(n.lon() * 1000), 360_000L) / 1000.0) / CELL_DEG);
    return lat * 1000 + lon;
  }
}
