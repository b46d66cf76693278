package org.openastro.stacker.stack;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;

/**
 * Reads frames from FITS files: the first two-dimensional image HDU (the primary, or an image
 * extension after an empty primary). Integer images are scaled by BSCALE/BZERO (what most
 * cameras write: 16-bit with BZERO 32768) and their BLANK value becomes NaN.
 */
final class FitsFrames {
  private FitsFrames() {}

  /** The header of the frame's image (its data is left unread: nom-tam defers it for files). */
  static Header header(Path file) throws IOException {
    try (Fits fits = new Fits(file.toFile())) {
      return image(fits, file).getHeader();
    } catch (FitsException e) {
      throw new IOException(file.getFileName() + " is not a readable FITS file: " + e.getMessage(), e);
    }
  }

  static int width(Header h) {
    return h.getIntValue("NAXIS1");
  }

  static int height(Header h) {
    return h.getIntValue("NAXIS2");
  }

  /** The whole frame as floats. */
  static Frame read(Path file, TanWcs wcs) throws IOException {
    try (Fits fits = new Fits(file.toFile())) {
      ImageHDU hdu = image(fits, file);
      Header h = hdu.getHeader();
      Object kernel = hdu.getKernel();
      int height = Array.getLength(kernel);
      int width = height == 0 ? 0 : Array.getLength(Array.get(kernel, 0));
      double bscale = h.getDoubleValue("BSCALE", 1);
      double bzero = h.getDoubleValue("BZERO", 0);
      Long blank = h.containsKey("BLANK") ? h.getLongValue("BLANK") : null;
      float[][] rows = new float[height][];
      for (int y = 0; y < height; y++) {
        rows[y] = toFloats(Array.get(kernel, y), width, bscale, bzero, blank);
      }
      return new Frame(rows, width, height, wcs);
    } catch (FitsException e) {
      throw new IOException(file.getFileName() + " is not a readable FITS file: " + e.getMessage(), e);
    }
  }

  private static ImageHDU image(Fits fits, Path file) throws FitsException, IOException {
    for (BasicHDU<?> hdu = fits.readHDU(); hdu != null; hdu = fits.readHDU()) {
      if (hdu instanceof ImageHDU image && hdu.getHeader().getIntValue("NAXIS") == 2) {
        return image;
      }
    }
    throw new IOException(file.getFileName() + " holds no two-dimensional image");
  }

  private static float[] toFloats(Object row, int width, double bscale, double bzero, Long blank) {
    if (row instanceof float[] f && bscale == 1 && bzero == 0) {
      // already what the stacker works on: no second copy of the frame in memory
      return f;
    }
    float[] out = new float[width];
    if (row instanceof float[] f) {
      for (int x = 0; x < width; x++) {
        out[x] = (float) (bzero + bscale * f[x]);
      }
    } else if (row instanceof double[] d) {
      for (int x = 0; x < width; x++) {
        out[x] = (float) (bzero + bscale * d[x]);
      }
    } else if (row instanceof short[] s) {
      for (int x = 0; x < width; x++) {
        out[x] = blank != null && s[x] == blank ? Float.NaN : (float) (bzero + bscale * s[x]);
      }
    } else if (row instanceof int[] i) {
      for (int x = 0; x < width; x++) {
        out[x] = blank != null && i[x] == blank ? Float.NaN : (float) (bzero + bscale * i[x]);
      }
    } else if (row instanceof byte[] b) {
      for (int x = 0; x < width; x++) {
        // BITPIX 8 is unsigned
        out[x] = blank != null && (b[x] & 0xff) == blank ? Float.NaN : (float) (bzero + bscale * (b[x] & 0xff));
      }
    } else if (row instanceof long[] l) {
      for (int x = 0; x < width; x++) {
        out[x] = blank != null && l[x] == blank ? Float.NaN : (float) (bzero + bscale * l[x]);
      }
    } else {
      throw new IllegalArgumentException("unsupported pixel type " + row.getClass().getSimpleName());
    }
    return out;
  }
}
