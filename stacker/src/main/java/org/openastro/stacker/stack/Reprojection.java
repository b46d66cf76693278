package org.openastro.stacker.stack;

/**
 * One frame onto the common grid, row by row: each grid pixel is looked up in the frame through
 * the exact TAN-to-TAN homography and bilinearly interpolated; the frame's sky level is taken off,
 * and the value scaled by the ratio of pixel areas so a star keeps its flux whatever the frame's
 * pixel scale (counts per grid pixel). Grid pixels the frame does not cover are NaN.
 */
final class Reprojection {
  private final Frame frame;
  private final PixelMap map;
  private final double sky;
  private final double scale;
  private final int gridWidth;
  private final double[] at = new double[2];

  Reprojection(Frame frame, CommonGrid grid) {
    this.frame = frame;
    this.map = PixelMap.between(grid.wcs(), frame.wcs());
    this.sky = Background.level(frame);
    this.scale = grid.wcs().pixelArea() / frame.wcs().pixelArea();
    this.gridWidth = grid.width();
  }

  /** Fills {@code out} (the grid's width) with grid row {@code y} (0-based). */
  void row(int y, float[] out) {
    for (int x = 0; x < gridWidth; x++) {
      float v = Float.NaN;
      if (map.map(x, y, at)) {
        float sampled = Bilinear.sample(frame.rows(), frame.width(), frame.height(), at[0], at[1]);
        if (!Float.isNaN(sampled)) {
          v = (float) ((sampled - sky) * scale);
        }
      }
      out[x] = v;
    }
  }

  double sky() {
    return sky;
  }
}
