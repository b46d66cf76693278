package org.openastro.alerts.tiling;

/**
 * A fixed grid of pointing centres over the whole sphere such that every direction is within
 * {@code radiusDeg} of a centre: rings of constant latitude, spaced {@code h}, each with as many
 * centres as keep their spacing along the ring at most {@code w} even at the ring band's edge
 * nearest the equator, with {@code h = w = sqrt(2) * radius * (1 - margin)}, so the farthest a
 * direction can be from its nearest centre is half the diagonal of an {@code h} x {@code w} cell.
 * A square grid needs about 30% more pointings than the best hexagonal packing, but a hexagonal one
 * cannot be kept on rings of different lengths; this one is simple and its covering is checked
 * ({@code SkyGridTest}).
 *
 * <p>The grid is laid in a {@link Frame} whose centre is the localization's (the error circle's
 * centre, a sky map's peak): that point is exactly a grid centre, so the first pointing of a region
 * barely larger than a field sits on the best position. A cell id is the ring and the index in it.
 */
final class SkyGrid {
  /** Shrinks the spacing a little so rounding and the sphere's curvature never open a gap. */
  static final double MARGIN = 0.02;

  private final Frame frame;
  private final double radiusDeg;
  private final double h;
  private final int halfRings;
  private final int[] ringSize;

  SkyGrid(Frame frame, double radiusDeg) {
    if (!(radiusDeg > 0 && radiusDeg <= 45)) {
      throw new IllegalArgumentException("a pointing radius must be in (0, 45] degrees, not " + radiusDeg);
    }
    this.frame = frame;
    this.radiusDeg = radiusDeg;
    double step = Math.sqrt(2) * radiusDeg * (1 - MARGIN);
    // A ring on the equator (latitude 0 of the frame: the centre), rings every h to the poles.
    this.halfRings = (int) Math.ceil(90 / step);
    this.h = 90.0 / halfRings;
    this.ringSize = new int[2 * halfRings + 1];
    for (int j = -halfRings; j <= halfRings; j++) {
      double edge = Math.max(0, Math.abs(j) * h - h / 2); // the band's latitude nearest the equator
      int n = Math.abs(j) == halfRings ? 1 : (int) Math.ceil(360 * Math.cos(Math.toRadians(edge)) / step);
      ringSize[j + halfRings] = Math.max(1, n);
    }
  }

  double radiusDeg() {
    return radiusDeg;
  }

  /** The centres of the grid, counted. */
  long cells() {
    long n = 0;
    for (int s : ringSize) {
      n += s;
    }
    return n;
  }

  /** The cell whose centre is nearest to {@code v}. */
  long nearest(Vec3 v) {
    Vec3 l = frame.toLocal(v);
    double lat = Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, l.z()))));
    double lon = Math.toDegrees(Math.atan2(l.y(), l.x()));
    int j0 = (int) Math.round(lat / h);
    long bestId = -1;
    double bestDot = -2;
    for (int j = Math.max(-halfRings, j0 - 1); j <= Math.min(halfRings, j0 + 1); j++) {
      int n = ringSize[j + halfRings];
      double k0 = Math.floor(lon / (360.0 / n));
      for (int dk = 0; dk <= 1; dk++) {
        int k = Math.floorMod((int) k0 + dk, n);
        double d = centreLocal(j, k).dot(l);
        if (d > bestDot) {
          bestDot = d;
          bestId = id(j, k);
        }
      }
    }
    return bestId;
  }

  /** The centre of cell {@code id}. */
  Vec3 centre(long id) {
    int j = (int) (id >> 32) - halfRings;
    int k = (int) id;
    return frame.fromLocal(centreLocal(j, k));
  }

  private Vec3 centreLocal(int j, int k) {
    double lat = Math.toRadians(j * h);
    double lon = Math.toRadians(k * 360.0 / ringSize[j + halfRings]);
    double c = Math.cos(lat);
    return new Vec3(c * Math.cos(lon), c * Math.sin(lon), Math.sin(lat));
  }

  private long id(int j, int k) {
    return ((long) (j + halfRings) << 32) | k;
  }
}
