package org.openastro.scheduler.astro;

import java.util.Arrays;
import java.util.List;

/**
 * A node's local horizon: the lowest usable altitude by azimuth (trees, domes, buildings), from
 * points (azimuth, altitude) interpolated linearly in azimuth and wrapping at 360° (between the
 * last point and the first one through north). One point means a constant altitude; no points
 * means no mask ({@link #NONE}). Azimuth is counted from north through east, degrees. Immutable.
 */
public final class HorizonMask {
  /** No obstruction: the mask is never the binding constraint. */
  public static final HorizonMask NONE = new HorizonMask(new double[0], new double[0]);

  /** One point of a mask; a record so that callers can map JSON {@code {az_deg, alt_deg}} to it. */
  public record Point(double azDeg, double altDeg) {
    public Point {
      if (!(azDeg >= 0 && azDeg < 360)) {
        throw new IllegalArgumentException("az_deg must be in [0, 360) degrees, was " + azDeg);
      }
      Checks.between("alt_deg", altDeg, -90, 90);
    }
  }

  /** Sorted by azimuth, no duplicates. */
  private final double[] az;
  private final double[] alt;
  private final double maxAltDeg;

  private HorizonMask(double[] az, double[] alt) {
    this.az = az;
    this.alt = alt;
    double max = Double.NEGATIVE_INFINITY;
    for (double a : alt) {
      max = Math.max(max, a);
    }
    this.maxAltDeg = max;
  }

  /**
   * The mask through {@code points} (any order).
   *
   * @throws IllegalArgumentException for a null list or point, or two points at one azimuth
   */
  public static HorizonMask of(List<Point> points) {
    Checks.notNull("horizon", points);
    if (points.isEmpty()) {
      return NONE;
    }
    Point[] sorted = points.toArray(new Point[0]);
    for (Point p : sorted) {
      Checks.notNull("horizon point", p);
    }
    Arrays.sort(sorted, (a, b) -> Double.compare(a.azDeg(), b.azDeg()));
    double[] az = new double[sorted.length];
    double[] alt = new double[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      if (i > 0 && sorted[i].azDeg() == sorted[i - 1].azDeg()) {
        throw new IllegalArgumentException("horizon has two points at az_deg " + sorted[i].azDeg());
      }
      az[i] = sorted[i].azDeg();
      alt[i] = sorted[i].altDeg();
    }
    return new HorizonMask(az, alt);
  }

  public boolean isNone() {
    return az.length == 0;
  }

  /** The highest altitude of the mask (−∞ for {@link #NONE}). */
  public double maxAltitudeDeg() {
    return maxAltDeg;
  }

  /** The lowest usable altitude at azimuth {@code azDeg} (any value; reduced mod 360). */
  public double minAltitudeDeg(double azDeg) {
    int n = az.length;
    if (n == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (n == 1) {
      return alt[0];
    }
    double a = Angles.wrap360(azDeg);
    if (a < az[0] || a >= az[n - 1]) {
      // The segment through north, from the last point to the first one + 360.
      double span = az[0] + 360.0 - az[n - 1];
      double da = a >= az[n - 1] ? a - az[n - 1] : a + 360.0 - az[n - 1];
      return alt[n - 1] + (alt[0] - alt[n - 1]) * da / span;
    }
    int lo = 0;
    int hi = n - 1; // az[lo] <= a < az[hi]
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (az[mid] <= a) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return alt[lo] + (alt[hi] - alt[lo]) * (a - az[lo]) / (az[hi] - az[lo]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HorizonMask m && Arrays.equals(az, m.az) && Arrays.equals(alt, m.alt);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(az) + Arrays.hashCode(alt);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("HorizonMask[");
    for (int i = 0; i < az.length; i++) {
      b.append(i == 0 ? "" : " ").append(az[i]).append('/').append(alt[i]);
    }
    return b.append(']').toString();
  }
}
