package org.openastro.stacker.stack;

import java.util.List;

/**
 * The output grid every frame is reprojected onto: a TAN plane about the mean of the frames'
 * centres, north up and east left (CD = diag(-s, s)), at the finest input pixel scale {@code s}
 * (no frame loses resolution), just large enough to hold every frame. Gnomonic to gnomonic maps
 * straight lines to straight lines, so the frames' corners bound their footprints exactly.
 */
record CommonGrid(TanWcs wcs, int width, int height) {

  /** A frame's WCS and size, as far as the grid choice needs. */
  record Footprint(TanWcs wcs, int width, int height) {}

  long pixels() {
    return (long) width * height;
  }

  static CommonGrid covering(List<Footprint> frames, long maxPixels) {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("no frames");
    }
    double[] sum = new double[3];
    double scale = Double.MAX_VALUE;
    for (Footprint f : frames) {
      double[] u = f.wcs().pixelToDirection((f.width() + 1) / 2.0, (f.height() + 1) / 2.0);
      double norm = Math.sqrt(TanWcs.dot(u, u));
      for (int i = 0; i < 3; i++) {
        sum[i] += u[i] / norm;
      }
      scale = Math.min(scale, f.wcs().pixelScale());
    }
    double norm = Math.sqrt(TanWcs.dot(sum, sum));
    if (norm < 1e-9) {
      throw new IllegalArgumentException("the frames point in opposite directions: no common field");
    }
    double ra = Math.toDegrees(Math.atan2(sum[1], sum[0]));
    double dec = Math.toDegrees(Math.asin(sum[2] / norm));
    TanWcs centred = new TanWcs(ra < 0 ? ra + 360 : ra, dec, 0, 0, -scale, 0, 0, scale);
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (Footprint f : frames) {
      // the outer edges of the corner pixels
      double[][] corners = {{0.5, 0.5}, {f.width() + 0.5, 0.5}, {0.5, f.height() + 0.5},
          {f.width() + 0.5, f.height() + 0.5}};
      for (double[] c : corners) {
        double[] p = centred.directionToPixel(f.wcs().pixelToDirection(c[0], c[1]));
        if (p == null) {
          throw new IllegalArgumentException("a frame reaches 90 degrees from the others: no common tangent plane");
        }
        minX = Math.min(minX, p[0]);
        maxX = Math.max(maxX, p[0]);
        minY = Math.min(minY, p[1]);
        maxY = Math.max(maxY, p[1]);
      }
    }
    long width = (long) Math.ceil(maxX - minX);
    long height = (long) Math.ceil(maxY - minY);
    if (width * height > maxPixels) {
      throw new IllegalArgumentException("the frames span " + width + " x " + height + " pixels at "
          + String.format("%.3f", scale * 3600) + "\"/pixel, more than the " + maxPixels + " allowed: are they one field?");
    }
    // pixel 1 is centred half a pixel inside the lower-left edge
    return new CommonGrid(new TanWcs(centred.crval1, centred.crval2, 0.5 - minX, 0.5 - minY, -scale, 0, 0, scale),
        (int) width, (int) height);
  }
}
