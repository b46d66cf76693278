package org.openastro.alerts.tiling;

/**
 * The one entry to tiling: an error circle, an ellipse or a HEALPix sky map becomes pointings of a
 * given field, ranked by the probability they enclose, until {@code coverage} of the region's
 * probability is enclosed or {@code maxPointings} are listed. Pure and CPU-bound (a sky map of
 * millions of pixels takes a fraction of a second): callers on an event loop run it on a worker.
 */
public final class RegionTiler {
  private final double coverage;
  private final int maxPointings;
  private final long maxMapBytes;

  /**
   * @param coverage share of the probability to enclose, (0, 1]
   * @param maxPointings most pointings listed, at least 1
   * @param maxMapBytes largest sky map, once unpacked (gzip)
   */
  public RegionTiler(double coverage, int maxPointings, long maxMapBytes) {
    if (!(coverage > 0 && coverage <= 1) || maxPointings < 1) {
      throw new IllegalArgumentException("coverage in (0, 1] and at least one pointing");
    }
    this.coverage = coverage;
    this.maxPointings = maxPointings;
    this.maxMapBytes = maxMapBytes;
  }

  /**
   * An ellipse (a circle when {@code aDeg == bDeg}) whose semi-axes enclose {@code containment}:
   * one pointing at its centre when it fits in the field ({@code aDeg} at most half of
   * {@code fieldDeg}), else the tiling of its Gaussian.
   */
  public Tiling ellipse(double raDeg, double decDeg, double aDeg, double bDeg, double paDeg, double containment,
      double fieldDeg) {
    if (aDeg <= fieldDeg / 2) {
      return new Tiling(java.util.List.of(new Pointing(1, raDeg, decDeg, containment)), containment, fieldDeg,
          Tiling.Stop.REGION_COVERED);
    }
    ProbabilitySamples s = GaussianRegion.sample(raDeg, decDeg, aDeg, bDeg, paDeg, containment, fieldDeg / 2);
    Tiling t = Tiler.tile(s, Vec3.ofRaDec(raDeg, decDeg), fieldDeg, coverage, maxPointings);
    // Rank 1 is the grid cell on the centre: the notice's own numbers, not their trip through vectors.
    java.util.List<Pointing> ps = new java.util.ArrayList<>(t.pointings());
    Pointing first = ps.get(0);
    ps.set(0, new Pointing(1, raDeg, decDeg, first.probability()));
    return new Tiling(ps, t.coverage(), t.fieldDeg(), t.stoppedBy());
  }

  /** A HEALPix sky map (FITS bytes, gzip or not); {@link SkyMapException} says what is wrong with it. */
  public Tiling skyMap(byte[] fits, double fieldDeg) {
    ProbabilitySamples s = SkyMaps.read(fits, maxMapBytes, fieldDeg);
    return Tiler.tile(s, s.peak(), fieldDeg, coverage, maxPointings);
  }
}
