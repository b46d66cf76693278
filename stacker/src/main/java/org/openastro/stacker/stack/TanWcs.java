package org.openastro.stacker.stack;

/**
 * A FITS gnomonic (TAN) world coordinate system: pixel (1-based, FITS convention: the centre of
 * the first pixel is 1.0) to intermediate world coordinates by {@code CD (p - CRPIX)} in degrees,
 * then the gnomonic projection about {@code CRVAL} (LONPOLE 180, the default for TAN).
 *
 * <p>Worked with unit vectors instead of the spherical-trigonometry formulas: the tangent point
 * {@code r0} and the local east {@code e} and north {@code n} unit vectors span the plane, so a sky
 * direction {@code u} projects to {@code xi = u.e / u.r0}, {@code eta = u.n / u.r0} (radians), and a
 * plane point lifts to the direction {@code r0 + xi e + eta n}. That makes the pixel-to-pixel map
 * between two TAN frames a plain 3x3 homography ({@link PixelMap}): no trigonometry per pixel.
 */
final class TanWcs {
  final double crval1;
  final double crval2;
  final double crpix1;
  final double crpix2;
  /** CD matrix, degrees per pixel: {cd11, cd12, cd21, cd22}. */
  final double[] cd;
  /** Inverse of the CD matrix. */
  final double[] cdInverse;
  /** Tangent point, east and north unit vectors (equatorial x, y, z). */
  final double[] r0;
  final double[] east;
  final double[] north;

  TanWcs(double crval1, double crval2, double crpix1, double crpix2, double cd11, double cd12, double cd21,
      double cd22) {
    double det = cd11 * cd22 - cd12 * cd21;
    if (!(Math.abs(det) > 0) || !Double.isFinite(det)) {
      throw new IllegalArgumentException("the CD matrix is singular");
    }
    if (!(Math.abs(crval2) <= 90)) {
      throw new IllegalArgumentException("CRVAL2 (declination) " + crval2 + " is not within [-90, 90]");
    }
    this.crval1 = crval1;
    this.crval2 = crval2;
    this.crpix1 = crpix1;
    this.crpix2 = crpix2;
    this.cd = new double[] {cd11, cd12, cd21, cd22};
    this.cdInverse = new double[] {cd22 / det, -cd12 / det, -cd21 / det, cd11 / det};
    double a = Math.toRadians(crval1);
    double d = Math.toRadians(crval2);
    this.r0 = new double[] {Math.cos(d) * Math.cos(a), Math.cos(d) * Math.sin(a), Math.sin(d)};
    this.east = new double[] {-Math.sin(a), Math.cos(a), 0};
    this.north = new double[] {-Math.sin(d) * Math.cos(a), -Math.sin(d) * Math.sin(a), Math.cos(d)};
  }

  /** CD from CDELT and a rotation CROTA2 (degrees), the older convention. */
  static TanWcs fromCdelt(double crval1, double crval2, double crpix1, double crpix2, double cdelt1, double cdelt2,
      double crota2Deg) {
    double c = Math.cos(Math.toRadians(crota2Deg));
    double s = Math.sin(Math.toRadians(crota2Deg));
    return new TanWcs(crval1, crval2, crpix1, crpix2, cdelt1 * c, -cdelt2 * s, cdelt1 * s, cdelt2 * c);
  }

  /** Pixel area in square degrees. */
  double pixelArea() {
    return Math.abs(cd[0] * cd[3] - cd[1] * cd[2]);
  }

  /** Linear pixel scale (square root of the pixel area), degrees. */
  double pixelScale() {
    return Math.sqrt(pixelArea());
  }

  /** {ra, dec} in degrees of the 1-based FITS pixel (p1, p2); ra in [0, 360). */
  double[] pixelToSky(double p1, double p2) {
    double[] u = pixelToDirection(p1, p2);
    double norm = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
    double ra = Math.toDegrees(Math.atan2(u[1], u[0]));
    return new double[] {ra < 0 ? ra + 360 : ra, Math.toDegrees(Math.asin(u[2] / norm))};
  }

  /** The (unnormalised) sky direction of a pixel. */
  double[] pixelToDirection(double p1, double p2) {
    double dx = p1 - crpix1;
    double dy = p2 - crpix2;
    double xi = Math.toRadians(cd[0] * dx + cd[1] * dy);
    double eta = Math.toRadians(cd[2] * dx + cd[3] * dy);
    return new double[] {
        r0[0] + xi * east[0] + eta * north[0],
        r0[1] + xi * east[1] + eta * north[1],
        r0[2] + xi * east[2] + eta * north[2]};
  }

  /** The 1-based FITS pixel {p1, p2} of (ra, dec) in degrees, or null when it is on the far hemisphere. */
  double[] skyToPixel(double raDeg, double decDeg) {
    double a = Math.toRadians(raDeg);
    double d = Math.toRadians(decDeg);
    return directionToPixel(new double[] {Math.cos(d) * Math.cos(a), Math.cos(d) * Math.sin(a), Math.sin(d)});
  }

  /** The pixel of a direction (any length), or null when the direction is not in front of the plane. */
  double[] directionToPixel(double[] u) {
    double w = dot(u, r0);
    if (w <= 0) {
      return null;
    }
    double xi = Math.toDegrees(dot(u, east) / w);
    double eta = Math.toDegrees(dot(u, north) / w);
    return new double[] {crpix1 + cdInverse[0] * xi + cdInverse[1] * eta, crpix2 + cdInverse[2] * xi
        + cdInverse[3] * eta};
  }

  static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  @Override
  public String toString() {
    return "TAN(crval=" + crval1 + "," + crval2 + " crpix=" + crpix1 + "," + crpix2 + " cd=" + cd[0] + "," + cd[1]
        + "," + cd[2] + "," + cd[3] + ")";
  }
}
