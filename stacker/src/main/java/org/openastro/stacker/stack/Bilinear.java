package org.openastro.stacker.stack;

/** Bilinear interpolation in an image of rows ({@code rows[y][x]}, 0-based, pixel centres at integers). */
final class Bilinear {
  private Bilinear() {}

  /**
   * The value at (x, y), or NaN outside the pixel centres' hull (no extrapolation: a frame's edge
   * must not smear into pixels it never saw) or where a neighbour is NaN (a masked pixel).
   */
  static float sample(float[][] rows, int width, int height, double x, double y) {
    if (!(x >= 0 && y >= 0 && x <= width - 1 && y <= height - 1)) {
      return Float.NaN;
    }
    int x0 = Math.min((int) x, width - 2);
    int y0 = Math.min((int) y, height - 2);
    if (width == 1 || height == 1) {
      return rows[(int) Math.round(y)][(int) Math.round(x)];
    }
    double fx = x - x0;
    double fy = y - y0;
    float[] r0 = rows[y0];
    float[] r1 = rows[y0 + 1];
    double top = r0[x0] + (r0[x0 + 1] - r0[x0]) * fx;
    double bottom = r1[x0] + (r1[x0 + 1] - r1[x0]) * fx;
    return (float) (top + (bottom - top) * fy);
  }
}
