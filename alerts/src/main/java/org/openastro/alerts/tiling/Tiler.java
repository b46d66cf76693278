package org.openastro.alerts.tiling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks the cells of a {@link SkyGrid} by the probability they enclose and keeps the best until
 * their sum reaches the coverage asked for, or the count its cap (the greedy choice is optimal
 * here: the cells are disjoint, so each adds exactly its own probability). Each sample counts for
 * the cell of its nearest centre, which is within the field's radius of it. The cell on the anchor
 * (the notice's own position, a map's peak) is rank 1 whatever its share: the position a notice
 * gives is observed first, and where it has neighbours of nearly equal share (a wide Gaussian)
 * the grid's cell shapes, not the sky, would decide between them.
 */
final class Tiler {
  /** Sums within this of the target count as reaching it (float sums of many pixels). */
  static final double EPSILON = 1e-9;

  private Tiler() {}

  /**
   * Pointings of field {@code fieldDeg} (diameter: the disc a field covers in any orientation)
   * over {@code samples}, the grid anchored at {@code anchor}.
   */
  static Tiling tile(ProbabilitySamples samples, Vec3 anchor, double fieldDeg, double coverage, int maxPointings) {
    if (samples.size() == 0) {
      throw new IllegalArgumentException("the localization holds no probability to observe");
    }
    SkyGrid grid = new SkyGrid(Frame.at(anchor), fieldDeg / 2);
    Map<Long, double[]> cells = new HashMap<>();
    for (int i = 0; i < samples.size(); i++) {
      cells.computeIfAbsent(grid.nearest(samples.point(i)), id -> new double[1])[0] += samples.probability(i);
    }
    List<Map.Entry<Long, double[]>> ranked = new ArrayList<>(cells.entrySet());
    // Most probable first; ties by cell id, so the same map always gives the same list.
    ranked.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Double.compare(b.getValue()[0], a.getValue()[0])
        : Long.compare(a.getKey(), b.getKey()));
    long anchorCell = grid.nearest(anchor);
    for (int i = 0; i < ranked.size(); i++) {
      if (ranked.get(i).getKey() == anchorCell) {
        ranked.add(0, ranked.remove(i));
        break;
      }
    }
    double total = samples.total();
    List<Pointing> out = new ArrayList<>();
    double sum = 0;
    Tiling.Stop stop = Tiling.Stop.REGION_COVERED;
    for (Map.Entry<Long, double[]> cell : ranked) {
      if (sum / total >= coverage - EPSILON) {
        stop = Tiling.Stop.COVERAGE;
        break;
      }
      if (out.size() >= maxPointings) {
        stop = Tiling.Stop.MAX_POINTINGS;
        break;
      }
      Vec3 c = grid.centre(cell.getKey());
      double p = cell.getValue()[0] / total;
      out.add(new Pointing(out.size() + 1, c.raDeg(), c.decDeg(), p));
      sum += cell.getValue()[0];
    }
    if (stop == Tiling.Stop.REGION_COVERED && sum / total >= coverage - EPSILON) {
      stop = Tiling.Stop.COVERAGE;
    }
    return new Tiling(out, Math.min(1, sum / total), fieldDeg, stop);
  }
}
