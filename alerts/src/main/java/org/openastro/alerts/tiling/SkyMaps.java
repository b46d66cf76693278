package org.openastro.alerts.tiling;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;

/**
 * Reads a HEALPix probability sky map from FITS bytes (gzip-compressed or not) with nom-tam-fits:
 * <ul>
 *   <li>multi-order ({@code ORDERING = NUNIQ}, LVK's {@code bayestar.multiorder.fits}): columns
 *       {@code UNIQ} and {@code PROBDENSITY} (per steradian);
 *   <li>flat ({@code ORDERING = NESTED} or {@code RING}, {@code NSIDE}): column {@code PROB} (or the
 *       first column) per pixel, implicit ({@code INDXSCHM = IMPLICIT}, rows of one or many pixels)
 *       or explicit with a {@code PIXEL} column.
 * </ul>
 * Pixels finer than the resolution tiling needs are summed into their parent at that order; pixels
 * coarser are cut into their children (most probable first, within {@link #MAX_SAMPLES}), so a
 * pixel's probability is never assigned whole to a pointing far smaller than it. Gzip is unpacked
 * to at most {@code maxBytes}, so a small compressed file cannot expand without bound.
 */
final class SkyMaps {
  /** The finest order samples are made at (~0.11 degree pixels, 3.1 million over the sky). */
  static final int MAX_SAMPLE_ORDER = 9;
  static final int MAX_SAMPLES = 1_000_000;

  private SkyMaps() {}

  /** The order whose pixels are at most a quarter of a field of {@code fieldDeg}. */
  static int sampleOrder(double fieldDeg) {
    int order = 0;
    while (order < MAX_SAMPLE_ORDER && Healpix.pixelSizeDeg(order) > fieldDeg / 4) {
      order++;
    }
    return order;
  }

  static ProbabilitySamples read(byte[] bytes, long maxBytes, double fieldDeg) {
    Pixels pixels = pixels(unpack(bytes, maxBytes));
    return samples(pixels, sampleOrder(fieldDeg));
  }

  /** A map's pixels as (order, nested index, probability), before resampling. */
  static final class Pixels {
    int count;
    int[] order = new int[1024];
    long[] ipix = new long[1024];
    double[] prob = new double[1024];

    void add(int o, long p, double probability) {
      if (!(probability > 0)) {
        return;
      }
      if (count == order.length) {
        order = Arrays.copyOf(order, count * 2);
        ipix = Arrays.copyOf(ipix, count * 2);
        prob = Arrays.copyOf(prob, count * 2);
      }
      order[count] = o;
      ipix[count] = p;
      prob[count] = probability;
      count++;
    }
  }

  static byte[] unpack(byte[] bytes, long maxBytes) {
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (out.length > maxBytes) {
          throw new SkyMapException("the sky map unpacks to more than " + maxBytes + " bytes");
        }
        return out;
      } catch (IOException e) {
        throw new SkyMapException("the sky map is gzip data that cannot be unpacked: " + e.getMessage());
      }
    }
    return bytes;
  }

  static Pixels pixels(byte[] fitsBytes) {
    if (fitsBytes.length < 2880 || !new String(fitsBytes, 0, 6, java.nio.charset.StandardCharsets.US_ASCII)
        .equals("SIMPLE")) {
      throw new SkyMapException("the sky map is not a FITS file (it must start with a 2880-byte header block"
          + " beginning SIMPLE; this has " + fitsBytes.length + " bytes)");
    }
    try (Fits fits = new Fits(new ByteArrayInputStream(fitsBytes))) {
      for (BasicHDU<?> hdu : fits.read()) {
        if (hdu instanceof BinaryTableHDU table) {
          return fromTable(table);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof SkyMapException s) {
        throw s;
      }
      throw new SkyMapException("the sky map's FITS cannot be read: " + e.getMessage());
    }
    throw new SkyMapException("the sky map has no binary table of HEALPix pixels");
  }

  private static Pixels fromTable(BinaryTableHDU hdu) throws FitsException {
    Header h = hdu.getHeader();
    String ordering = text(h, "ORDERING");
    BinaryTable t = hdu.getData();
    Pixels out = new Pixels();
    int uniqCol = hdu.findColumn("UNIQ");
    if ("NUNIQ".equals(ordering) || uniqCol >= 0) {
      int densityCol = hdu.findColumn("PROBDENSITY");
      if (uniqCol < 0 || densityCol < 0) {
        throw new SkyMapException("a multi-order (NUNIQ) sky map needs the columns UNIQ and PROBDENSITY");
      }
      double[] uniq = numbers(t.getColumn(uniqCol), "UNIQ");
      double[] density = numbers(t.getColumn(densityCol), "PROBDENSITY");
      long[] rawUniq = longs(t.getColumn(uniqCol), uniq);
      for (int i = 0; i < rawUniq.length; i++) {
        Healpix.Uniq u;
        try {
          u = Healpix.decodeUniq(rawUniq[i]);
        } catch (IllegalArgumentException e) {
          throw new SkyMapException("row " + (i + 1) + ": " + e.getMessage());
        }
        out.add(u.order(), u.ipix(), density[i] * Healpix.pixelAreaSr(u.order()));
      }
      return out;
    }
    if (!"NESTED".equals(ordering) && !"RING".equals(ordering)) {
      throw new SkyMapException("the sky map's ORDERING is " + (ordering == null ? "missing" : "'" + ordering + "'")
          + ": NUNIQ, NESTED or RING expected");
    }
    long nside = h.getLongValue("NSIDE", -1);
    int order;
    try {
      order = Healpix.orderOf(nside);
    } catch (IllegalArgumentException e) {
      throw new SkyMapException("the sky map's " + e.getMessage());
    }
    int probCol = hdu.findColumn("PROB");
    double[] prob = numbers(t.getColumn(probCol >= 0 ? probCol : 0), "PROB");
    int pixelCol = hdu.findColumn("PIXEL");
    boolean explicit = "EXPLICIT".equals(text(h, "INDXSCHM")) || pixelCol >= 0;
    double[] index = null;
    if (explicit) {
      if (pixelCol < 0) {
        throw new SkyMapException("an explicitly indexed sky map (INDXSCHM = EXPLICIT) needs a PIXEL column");
      }
      index = numbers(t.getColumn(pixelCol), "PIXEL");
    } else if (prob.length != Healpix.npix(order)) {
      throw new SkyMapException("the sky map has " + prob.length + " pixels where NSIDE " + nside + " has "
          + Healpix.npix(order));
    }
    boolean ring = "RING".equals(ordering);
    for (int i = 0; i < prob.length; i++) {
      long p = explicit ? (long) index[i] : i;
      if (p < 0 || p >= Healpix.npix(order)) {
        throw new SkyMapException("pixel " + p + " is outside the map of NSIDE " + nside);
      }
      if (prob[i] > 0) {
        out.add(order, ring ? Healpix.ringToNested(order, p) : p, prob[i]);
      }
    }
    return out;
  }

  /** Samples at {@code target}: finer pixels summed into their parent, coarser ones cut into children. */
  static ProbabilitySamples samples(Pixels px, int target) {
    if (px.count == 0) {
      throw new SkyMapException("the sky map holds no probability (every pixel is zero or blank)");
    }
    Map<Long, double[]> fine = new HashMap<>();
    List<Integer> coarse = new ArrayList<>();
    for (int i = 0; i < px.count; i++) {
      if (px.order[i] >= target) {
        long parent = px.ipix[i] >> (2 * (px.order[i] - target));
        fine.computeIfAbsent(parent, k -> new double[1])[0] += px.prob[i];
      } else {
        coarse.add(i);
      }
    }
    ProbabilitySamples out = new ProbabilitySamples();
    fine.forEach((p, sum) -> out.add(Healpix.nestedCentre(target, p), sum[0]));
    coarse.sort(Comparator.comparingDouble((Integer i) -> px.prob[i]).reversed());
    long budget = MAX_SAMPLES - out.size();
    for (int i : coarse) {
      int depth = target - px.order[i];
      // Cut as deep as the budget allows: a coarse pixel of little probability may stay whole.
      while (depth > 0 && (1L << (2 * depth)) > Math.max(1, budget)) {
        depth--;
      }
      long children = 1L << (2 * depth);
      int o = px.order[i] + depth;
      long first = px.ipix[i] << (2 * depth);
      for (long c = 0; c < children; c++) {
        out.add(Healpix.nestedCentre(o, first + c), px.prob[i] / children);
      }
      budget -= children;
    }
    return out;
  }

  private static String text(Header h, String key) {
    String v = h.getStringValue(key);
    return v == null ? null : v.trim().toUpperCase(Locale.ROOT);
  }

  /** A column's values flattened (a vector column holds several pixels per row, as healpy writes). */
  static double[] numbers(Object column, String name) {
    int n = count(column);
    double[] out = new double[n];
    int[] at = {0};
    fill(column, out, at, name);
    return out;
  }

  private static int count(Object a) {
    if (a == null || !a.getClass().isArray()) {
      return 0;
    }
    if (!a.getClass().getComponentType().isArray()) {
      return Array.getLength(a);
    }
    int n = 0;
    for (int i = 0; i < Array.getLength(a); i++) {
      n += count(Array.get(a, i));
    }
    return n;
  }

  private static void fill(Object a, double[] out, int[] at, String name) {
    if (a instanceof double[] d) {
      System.arraycopy(d, 0, out, at[0], d.length);
      at[0] += d.length;
    } else if (a instanceof float[] f) {
      for (float v : f) {
        out[at[0]++] = v;
      }
    } else if (a instanceof long[] l) {
      for (long v : l) {
        out[at[0]++] = v;
      }
    } else if (a instanceof int[] l) {
      for (int v : l) {
        out[at[0]++] = v;
      }
    } else if (a instanceof short[] l) {
      for (short v : l) {
        out[at[0]++] = v;
      }
    } else if (a instanceof Object[] rows) {
      for (Object r : rows) {
        fill(r, out, at, name);
      }
    } else {
      throw new SkyMapException("the sky map's column " + name + " is not numeric");
    }
  }

  /** UNIQ values exactly (doubles lose integers beyond 2^53, which UNIQ of order 25+ reach). */
  private static long[] longs(Object column, double[] asDoubles) {
    if (column instanceof long[] l) {
      return l;
    }
    long[] out = new long[asDoubles.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (long) asDoubles[i];
    }
    return out;
  }
}
