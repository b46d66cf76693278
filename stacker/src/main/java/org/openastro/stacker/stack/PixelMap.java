package org.openastro.stacker.stack;

/**
 * Where each pixel of one TAN frame falls in another: both are gnomonic, so the map is the
 * homography {@code H = A_in * B_in^T * B_out * A_out} (A: the affine pixel-to-plane step with its
 * CD matrix, B: the tangent-plane basis), exact and free of trigonometry. Coordinates are 0-based
 * array indices (FITS pixel minus one) on both sides.
 */
final class PixelMap {
  private final double[] h;

  private PixelMap(double[] h) {
    this.h = h;
  }

  /** From pixels of {@code from} to pixels of {@code to}. */
  static PixelMap between(TanWcs from, TanWcs to) {
    // from 0-based index (x, y, 1) to the plane of `from` in radians, homogeneous: (xi, eta, 1)
    double k = Math.toRadians(1);
    double fx = -from.crpix1 + 1;
    double fy = -from.crpix2 + 1;
    double[] a = {
        k * from.cd[0], k * from.cd[1], k * (from.cd[0] * fx + from.cd[1] * fy),
        k * from.cd[2], k * from.cd[3], k * (from.cd[2] * fx + from.cd[3] * fy),
        0, 0, 1};
    // plane of `from` to a direction: columns east, north, r0
    double[] b = {
        from.east[0], from.north[0], from.r0[0],
        from.east[1], from.north[1], from.r0[1],
        from.east[2], from.north[2], from.r0[2]};
    // direction to the homogeneous plane of `to`: rows east, north, r0
    double[] c = {
        to.east[0], to.east[1], to.east[2],
        to.north[0], to.north[1], to.north[2],
        to.r0[0], to.r0[1], to.r0[2]};
    // plane of `to` (radians, homogeneous) to its 0-based index
    double ik = Math.toDegrees(1);
    double[] ci = to.cdInverse;
    double[] d = {
        ik * ci[0], ik * ci[1], to.crpix1 - 1,
        ik * ci[2], ik * ci[3], to.crpix2 - 1,
        0, 0, 1};
    return new PixelMap(multiply(d, multiply(c, multiply(b, a))));
  }

  /**
   * Writes the target position of 0-based (x, y) into {@code out} (x at 0, y at 1); false when
   * the point is behind the target's plane (on the far hemisphere).
   */
  boolean map(double x, double y, double[] out) {
    double w = h[6] * x + h[7] * y + h[8];
    if (w <= 0) {
      return false;
    }
    out[0] = (h[0] * x + h[1] * y + h[2]) / w;
    out[1] = (h[3] * x + h[4] * y + h[5]) / w;
    return true;
  }

  private static double[] multiply(double[] p, double[] q) {
    double[] r = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[3 * i + j] = p[3 * i] * q[j] + p[3 * i + 1] * q[3 + j] + p[3 * i + 2] * q[6 + j];
      }
    }
    return r;
  }
}
