package org.openastro.alerts.tiling;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.ToDoubleFunction;
import java.util.zip.GZIPOutputStream;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.util.FitsOutputStream;

/** Sky maps the tests build themselves: probability laid by a function of direction, written as FITS. */
public final class TestSkyMaps {
  private TestSkyMaps() {}

  /** A multi-order map (orders 4 to 8) of a Gaussian blob of {@code sigmaDeg} at (ra, dec), for other packages' tests. */
  public static byte[] blobMap(double raDeg, double decDeg, double sigmaDeg) {
    try {
      return multiOrderFits(4, 8, 1e-4, blob(raDeg, decDeg, sigmaDeg));
    } catch (IOException | FitsException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Unnormalised density of a Gaussian blob of {@code sigmaDeg} at (ra, dec). */
  static ToDoubleFunction<Vec3> blob(double raDeg, double decDeg, double sigmaDeg) {
    Vec3 c = Vec3.ofRaDec(raDeg, decDeg);
    return v -> {
      double d = v.angleDeg(c) / sigmaDeg;
      return Math.exp(-d * d / 2);
    };
  }

  /** A thin arc: along the great circle through two points, {@code lengthDeg} long, {@code widthDeg} wide. */
  static ToDoubleFunction<Vec3> arc(double raDeg, double decDeg, double lengthDeg, double widthDeg) {
    Vec3 c = Vec3.ofRaDec(raDeg, decDeg);
    Frame f = Frame.at(c);
    return v -> {
      Vec3 l = f.toLocal(v);
      double lat = Math.toDegrees(Math.asin(l.z())); // across the arc (the arc runs east-west)
      double lon = Math.toDegrees(Math.atan2(l.y(), l.x()));
      if (Math.abs(lon) > lengthDeg / 2) {
        return 0;
      }
      double d = lat / widthDeg;
      return Math.exp(-d * d / 2);
    };
  }

  /** A flat nested map of {@code order}, normalised, PROB per pixel. */
  static double[] flat(int order, ToDoubleFunction<Vec3> density) {
    double[] p = new double[(int) Healpix.npix(order)];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = density.applyAsDouble(Healpix.nestedCentre(order, i));
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  static byte[] flatFits(int order, double[] prob, String ordering) throws IOException, FitsException {
    double[] column = prob;
    if (ordering.equals("RING")) {
      column = new double[prob.length];
      for (int i = 0; i < prob.length; i++) {
        column[i] = prob[(int) Healpix.ringToNested(order, i)];
      }
    }
    BinaryTable t = new BinaryTable();
    t.addColumn(column);
    BinaryTableHDU hdu = t.toHDU();
    hdu.setColumnName(0, "PROB", "pixel probability");
    hdu.addValue("PIXTYPE", "HEALPIX", "");
    hdu.addValue("ORDERING", ordering, "");
    hdu.getHeader().addValue("NSIDE", 1L << order, "");
    hdu.addValue("INDXSCHM", "IMPLICIT", "");
    return write(hdu);
  }

  /**
   * A multi-order map as LVK writes them: pixels of {@code coarse} order everywhere, refined to
   * {@code fine} where the pixel holds more than {@code refineAbove} of the probability.
   */
  static byte[] multiOrderFits(int coarse, int fine, double refineAbove, ToDoubleFunction<Vec3> density)
      throws IOException, FitsException {
    double[] flatFine = flat(fine, density);
    int per = 1 << (2 * (fine - coarse));
    java.util.List<long[]> uniq = new java.util.ArrayList<>();
    java.util.List<Double> dens = new java.util.ArrayList<>();
    for (long p = 0; p < Healpix.npix(coarse); p++) {
      double sum = 0;
      for (int c = 0; c < per; c++) {
        sum += flatFine[(int) (p * per + c)];
      }
      if (sum > refineAbove) {
        for (int c = 0; c < per; c++) {
          uniq.add(new long[] {Healpix.uniq(fine, p * per + c)});
          dens.add(flatFine[(int) (p * per + c)] / Healpix.pixelAreaSr(fine));
        }
      } else {
        uniq.add(new long[] {Healpix.uniq(coarse, p)});
        dens.add(sum / Healpix.pixelAreaSr(coarse));
      }
    }
    long[] u = new long[uniq.size()];
    double[] d = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      u[i] = uniq.get(i)[0];
      d[i] = dens.get(i);
    }
    BinaryTable t = new BinaryTable();
    t.addColumn(u);
    t.addColumn(d);
    BinaryTableHDU hdu = t.toHDU();
    hdu.setColumnName(0, "UNIQ", null);
    hdu.setColumnName(1, "PROBDENSITY", null);
    hdu.addValue("PIXTYPE", "HEALPIX", "");
    hdu.addValue("ORDERING", "NUNIQ", "");
    return write(hdu);
  }

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(b);
    }
    return out.toByteArray();
  }

  private static byte[] write(BinaryTableHDU hdu) throws IOException, FitsException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Fits fits = new Fits(); FitsOutputStream s = new FitsOutputStream(out)) {
      fits.addHDU(hdu);
      fits.write(s);
    }
    return out.toByteArray();
  }
}
