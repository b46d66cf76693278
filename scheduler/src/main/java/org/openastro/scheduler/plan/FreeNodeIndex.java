package org.openastro.scheduler.plan;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import org.openastro.cql.node.Node;

/**
 * The free nodes of one assignment round on a grid of latitude × longitude cells, so that a
 * mission's candidates come only from the cells its {@link SiteBound} keeps, most reliable first,
 * and of those only the nodes whose own site it keeps.
 *
 * <p>Every cell lists its nodes by rank in {@link #VISIT_ORDER}; a mission's candidates are those
 * lists merged ({@link RankedMerge}), so they come out in exactly the order a sort of the whole
 * fleet would give, minus the nodes of dropped cells. Because the bound is conservative, the
 * first nodes with a usable window in that walk are the same with or without the index: it changes
 * the cost of a round, never its outcome. Building sorts the fleet once per round (n log n, tens of
 * milliseconds at 100,000 nodes); bounding a mission then costs one check per occupied cell (at most
 * {@value #ROWS} × {@value #COLS}) and each node taken O(log cells), whatever the size of the fleet.
 *
 * <p>Cells are {@value #CELL_DEG}° square: smaller cells cut the bound closer to the region that
 * really qualifies (a cell's width adds its 12 minutes of hour angle to the lookahead's) but cost
 * more checks per mission; at 3° both are small next to one window computation per node.
 */
final class FreeNodeIndex {
  static final double CELL_DEG = 3.0;
  static final int ROWS = 60;
  static final int COLS = 120;
  /** The order the assigner visits candidates in: the most reliable first, then the lower node id. */
  static final Comparator<Node> VISIT_ORDER = Comparator.comparingDouble(Node::reliabilityScore).reversed()
      .thenComparing(Node::nodeId);
  private static final LatitudeBand[] BANDS = new LatitudeBand[ROWS];

  static {
    for (int row = 0; row < ROWS; row++) {
      BANDS[row] = LatitudeBand.of(-90 + row * CELL_DEG, -90 + (row + 1) * CELL_DEG);
    }
  }

  /** The nodes by rank. */
  private final Node[] ranked;
  /** By cell (column × ROWS + row): the ranks of its nodes, ascending. */
  private final int[][] members;
  /** The cells holding nodes, ascending (so column by column). */
  private final int[] occupied;

  private FreeNodeIndex(Node[] ranked, int[][] members, int[] occupied) {
    this.ranked = ranked;
    this.members = members;
    this.occupied = occupied;
  }

  static FreeNodeIndex of(Collection<Node> free) {
    Node[] ranked = free.toArray(Node[]::new);
    Arrays.sort(ranked, VISIT_ORDER);
    int[] cellOf = new int[ranked.length];
    int[] count = new int[ROWS * COLS];
    for (int i = 0; i < ranked.length; i++) {
      cellOf[i] = cellOf(ranked[i].lat(), ranked[i].lon());
      count[cellOf[i]]++;
    }
    int[][] members = new int[ROWS * COLS][];
    int occupiedCells = 0;
    for (int cell = 0; cell < members.length; cell++) {
      members[cell] = new int[count[cell]];
      occupiedCells += count[cell] > 0 ? 1 : 0;
    }
    int[] filled = new int[ROWS * COLS];
    for (int i = 0; i < ranked.length; i++) {
      members[cellOf[i]][filled[cellOf[i]]++] = i; // ranks ascending: filled in rank order
    }
    int[] occupied = new int[occupiedCells];
    for (int cell = 0, n = 0; cell < members.length; cell++) {
      if (members[cell].length > 0) {
        occupied[n++] = cell;
      }
    }
    return new FreeNodeIndex(ranked, members, occupied);
  }

  /** The cell of a site; longitudes above 180 mean east of −180, as for the sky. */
  static int cellOf(double latDeg, double lonDeg) {
    double lon = lonDeg > 180 ? lonDeg - 360 : lonDeg;
    int row = Math.min(ROWS - 1, Math.max(0, (int) Math.floor((latDeg + 90) / CELL_DEG)));
    int col = Math.min(COLS - 1, Math.max(0, (int) Math.floor((lon + 180) / CELL_DEG)));
    return col * ROWS + row;
  }

  int size() {
    return ranked.length;
  }

  /** The occupied cells {@code bound} keeps. */
  int[] cellsKept(SiteBound bound) {
    if (bound.keepsNothing()) {
      return new int[0];
    }
    if (bound.keepsEverything()) {
      return occupied;
    }
    int[] kept = new int[occupied.length];
    int n = 0;
    int column = -1;
    SiteBound.Column bounds = null;
    for (int cell : occupied) {
      if (cell / ROWS != column) {
        column = cell / ROWS;
        bounds = bound.column(-180 + column * CELL_DEG, -180 + (column + 1) * CELL_DEG);
      }
      if (bounds.mayQualify(BANDS[cell % ROWS])) {
        kept[n++] = cell;
      }
    }
    return Arrays.copyOf(kept, n);
  }

  /**
   * The nodes of {@code cells} (kept by {@code bound}) whose own site {@code bound} keeps too, in
   * visit order, one at a time.
   */
  Walk walk(SiteBound bound, int[] cells) {
    int[][] lists = new int[cells.length][];
    for (int i = 0; i < cells.length; i++) {
      lists[i] = members[cells[i]];
    }
    return new Walk(bound, new RankedMerge(lists));
  }

  /** A lazy walk over some cells' nodes. */
  final class Walk {
    private final SiteBound bound;
    private final RankedMerge merge;

    private Walk(SiteBound bound, RankedMerge merge) {
      this.bound = bound;
      this.merge = merge;
    }

    /** The next node, or null after the last. */
    Node next() {
      for (int rank = merge.take(); rank != RankedMerge.END; rank = merge.take()) {
        Node node = ranked[rank];
        if (bound.keepsSite(node.lat(), node.lon())) {
          return node;
        }
      }
      return null;
    }
  }
}
