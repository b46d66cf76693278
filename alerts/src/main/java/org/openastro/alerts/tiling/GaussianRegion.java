package org.openastro.alerts.tiling;

/**
 * An error circle or ellipse as a two-dimensional Gaussian on the sky: the notice's radius (or
 * semi-axes) enclose {@code containment} of the probability (GCN's {@code containment_probability},
 * 0.9 when a notice does not say), so {@code sigma = radius / sqrt(-2 ln(1 - containment))}. The
 * Gaussian is laid on the tangent plane at the centre (flat sky: the regions tiled span degrees to
 * tens of degrees) and sampled on a square grid out to {@value #EXTENT_SIGMA} sigma (all but 0.03%),
 * fine against the field ({@value #STEPS_PER_RADIUS} steps per pointing radius), coarser when that
 * would exceed {@link #MAX_SAMPLES}. The flat-sky Gaussian is good for the error circles notices
 * carry (up to some 20 degrees); a region of tens of degrees is distorted by the tangent plane (its
 * far side compressed), and is better given as a sky map, which is tiled on the sphere as it is.
 */
final class GaussianRegion {
  static final double EXTENT_SIGMA = 4;
  static final int STEPS_PER_RADIUS = 4;
  static final int MAX_SAMPLES = 400_000;

  private GaussianRegion() {}

  /**
   * Samples of the ellipse at ({@code raDeg}, {@code decDeg}) with semi-axes {@code aDeg} >= {@code bDeg}
   * (a circle when equal), major axis at position angle {@code paDeg} (from north through east),
   * for pointings of radius {@code fieldRadiusDeg}. The samples sum to 1.
   */
  static ProbabilitySamples sample(double raDeg, double decDeg, double aDeg, double bDeg, double paDeg,
      double containment, double fieldRadiusDeg) {
    if (!(aDeg > 0 && bDeg > 0 && bDeg <= aDeg)) {
      throw new IllegalArgumentException("an error ellipse needs semi-axes a >= b > 0, not " + aDeg + ", " + bDeg);
    }
    if (!(containment > 0 && containment < 1)) {
      throw new IllegalArgumentException("a containment probability is in (0, 1), not " + containment);
    }
    double k = Math.sqrt(-2 * Math.log(1 - containment));
    double sa = Math.toRadians(aDeg / k);
    double sb = Math.toRadians(bDeg / k);
    double extent = EXTENT_SIGMA * sa;
    double step = Math.min(Math.toRadians(fieldRadiusDeg) / STEPS_PER_RADIUS, sb / 2);
    // The ellipse out to EXTENT_SIGMA has area pi * 16 sa sb: keep the grid inside the sample budget.
    step = Math.max(step, Math.sqrt(Math.PI * EXTENT_SIGMA * EXTENT_SIGMA * sa * sb / MAX_SAMPLES));
    double pa = Math.toRadians(paDeg);
    double sin = Math.sin(pa);
    double cos = Math.cos(pa);
    Frame frame = Frame.at(Vec3.ofRaDec(raDeg, decDeg));
    int n = (int) Math.ceil(extent / step);
    double[] weights = new double[(2 * n + 1) * (2 * n + 1)];
    double sum = 0;
    for (int i = -n; i <= n; i++) {
      for (int j = -n; j <= n; j++) {
        double xi = i * step;
        double eta = j * step;
        double u = xi * sin + eta * cos; // along the major axis
        double v = xi * cos - eta * sin;
        double q = (u * u) / (sa * sa) + (v * v) / (sb * sb);
        if (q <= EXTENT_SIGMA * EXTENT_SIGMA) {
          double w = Math.exp(-q / 2);
          weights[(i + n) * (2 * n + 1) + (j + n)] = w;
          sum += w;
        }
      }
    }
    ProbabilitySamples out = new ProbabilitySamples();
    for (int i = -n; i <= n; i++) {
      for (int j = -n; j <= n; j++) {
        double w = weights[(i + n) * (2 * n + 1) + (j + n)];
        if (w > 0) {
          out.add(frame.fromTangent(i * step, j * step), w / sum);
        }
      }
    }
    return out;
  }
}
