package org.openastro.alerts.tiling;

/**
 * A right-handed frame whose first axis points at a chosen centre: its tangent plane's east and
 * north. It places the grid of pointings so that one pointing is exactly on the centre, and lays
 * Gaussian regions out around their centre.
 */
record Frame(Vec3 centre, Vec3 east, Vec3 north) {
  static Frame at(Vec3 centre) {
    Vec3 pole = new Vec3(0, 0, 1);
    Vec3 e = pole.cross(centre);
    // At a pole east is undefined; any direction in the tangent plane will do.
    if (e.dot(e) < 1e-24) {
      e = new Vec3(0, 1, 0);
    }
    Vec3 east = e.unit();
    return new Frame(centre, east, centre.cross(east).unit());
  }

  /** {@code v} in this frame: the centre becomes (1, 0, 0), east (0, 1, 0), north (0, 0, 1). */
  Vec3 toLocal(Vec3 v) {
    return new Vec3(v.dot(centre), v.dot(east), v.dot(north));
  }

  Vec3 fromLocal(Vec3 l) {
    return centre.times(l.x()).plus(east.times(l.y())).plus(north.times(l.z()));
  }

  /** The point of the sphere at gnomonic tangent-plane coordinates (xi east, eta north; radians). */
  Vec3 fromTangent(double xi, double eta) {
    return centre.plus(east.times(xi)).plus(north.times(eta)).unit();
  }
}
