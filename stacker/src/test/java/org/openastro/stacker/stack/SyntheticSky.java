package org.openastro.stacker.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageData;
import nom.tam.fits.ImageHDU;

/**
 * A sky made in the test: stars as Gaussians at known positions, seen by frames of any TAN
 * geometry (pixel scale, rotation, pointing), with photon noise on sky and stars and Gaussian
 * read noise; written as FITS files whose WCS uses one of the three header conventions. Public:
 * the bench module's stacking benchmark stacks such frames too.
 */
public final class SyntheticSky {
  /** A star: position in degrees and its total counts in one frame. */
  public record Star(double raDeg, double decDeg, double flux) {}

  /** How a frame's header writes its WCS. */
  public enum WcsStyle { CD, CDELT_CROTA2, PC_CDELT }

  /** One frame's geometry: pointing (the tangent point at the frame centre), scale, rotation, size. */
  public record Shot(double raDeg, double decDeg, double scaleArcsec, double rotationDeg, int width, int height,
      WcsStyle style) {
    TanWcs wcs() {
      return TanWcs.fromCdelt(raDeg, decDeg, (width + 1) / 2.0, (height + 1) / 2.0, -scaleArcsec / 3600,
          scaleArcsec / 3600, rotationDeg);
    }
  }

  private final List<Star> stars;
  private final double seeingFwhmArcsec;
  private final double skyPerSquareArcsec;
  private final double readNoise;

  public SyntheticSky(List<Star> stars, double seeingFwhmArcsec, double skyPerSquareArcsec, double readNoise) {
    this.stars = List.copyOf(stars);
    this.seeingFwhmArcsec = seeingFwhmArcsec;
    this.skyPerSquareArcsec = skyPerSquareArcsec;
    this.readNoise = readNoise;
  }

  /** The frame's pixels: expected counts, then photon noise and read noise drawn from {@code random}. */
  public float[][] expose(Shot shot, Random random) {
    TanWcs wcs = shot.wcs();
    double sky = skyPerSquareArcsec * shot.scaleArcsec() * shot.scaleArcsec();
    double[][] expected = new double[shot.height()][shot.width()];
    for (double[] row : expected) {
      java.util.Arrays.fill(row, sky);
    }
    double sigma = seeingFwhmArcsec / 2.3548 / shot.scaleArcsec();
    int reach = (int) Math.ceil(6 * sigma);
    for (Star s : stars) {
      double[] p = wcs.skyToPixel(s.raDeg(), s.decDeg());
      if (p == null) {
        continue;
      }
      double cx = p[0] - 1;
      double cy = p[1] - 1;
      for (int y = (int) cy - reach; y <= (int) cy + reach; y++) {
        for (int x = (int) cx - reach; x <= (int) cx + reach; x++) {
          if (x >= 0 && y >= 0 && x < shot.width() && y < shot.height()) {
            double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
            expected[y][x] += s.flux() * Math.exp(-r2 / (2 * sigma * sigma)) / (2 * Math.PI * sigma * sigma);
          }
        }
      }
    }
    float[][] out = new float[shot.height()][shot.width()];
    for (int y = 0; y < shot.height(); y++) {
      for (int x = 0; x < shot.width(); x++) {
        out[y][x] = (float) (poisson(expected[y][x], random) + readNoise * random.nextGaussian());
      }
    }
    return out;
  }

  /** Poisson counts; above 50 expected counts its normal limit (a frame has millions of pixels). */
  private static double poisson(double mean, Random random) {
    if (mean > 50) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    int k = 0;
    for (double p = random.nextDouble(); p > limit; p *= random.nextDouble()) {
      k++;
    }
    return k;
  }

  /** Writes the frame as a 32-bit float FITS file with the shot's WCS in its style. */
  public static void write(float[][] pixels, Shot shot, Path file) throws IOException {
    try (Fits fits = new Fits()) {
      ImageHDU hdu = ImageData.from(pixels).toHDU();
      Header h = hdu.getHeader();
      h.addValue("CTYPE1", "RA---TAN", "");
      h.addValue("CTYPE2", "DEC--TAN", "");
      h.addValue("CRVAL1", shot.raDeg(), "");
      h.addValue("CRVAL2", shot.decDeg(), "");
      TanWcs wcs = shot.wcs();
      h.addValue("CRPIX1", wcs.crpix1, "");
      h.addValue("CRPIX2", wcs.crpix2, "");
      double cdelt = shot.scaleArcsec() / 3600;
      double c = Math.cos(Math.toRadians(shot.rotationDeg()));
      double s = Math.sin(Math.toRadians(shot.rotationDeg()));
      switch (shot.style()) {
        case CD -> {
          h.addValue("CD1_1", wcs.cd[0], "");
          h.addValue("CD1_2", wcs.cd[1], "");
          h.addValue("CD2_1", wcs.cd[2], "");
          h.addValue("CD2_2", wcs.cd[3], "");
        }
        case CDELT_CROTA2 -> {
          h.addValue("CDELT1", -cdelt, "");
          h.addValue("CDELT2", cdelt, "");
          h.addValue("CROTA2", shot.rotationDeg(), "");
        }
        case PC_CDELT -> {
          h.addValue("CDELT1", -cdelt, "");
          h.addValue("CDELT2", cdelt, "");
          h.addValue("PC1_1", c, "");
          h.addValue("PC1_2", s, "");
          h.addValue("PC2_1", -s, "");
          h.addValue("PC2_2", c, "");
        }
      }
      fits.addHDU(hdu);
      fits.write(file.toFile());
    } catch (FitsException e) {
      throw new IOException(e);
    }
  }
}
