package org.openastro.alerts.tiling;

/**
 * The HEALPix pixelisation (Gorski et al. 2005) as far as sky maps need it: the centres of nested
 * and ring pixels, the nested pixel holding a direction, and the UNIQ numbering of multi-order maps
 * ({@code uniq = 4 * 4^order + ipix}, nested). The formulas are those of the reference C++
 * {@code healpix_base} (pix2loc, loc2pix); {@code HealpixReferenceTest} checks them against healpy.
 * Orders 0 to 29 (nside up to 2^29), as in HEALPix itself.
 */
final class Healpix {
  static final int MAX_ORDER = 29;
  private static final int[] JRLL = {2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4};
  private static final int[] JPLL = {1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7};
  private static final double HALF_PI = Math.PI / 2;

  private Healpix() {}

  static long nside(int order) {
    checkOrder(order);
    return 1L << order;
  }

  static long npix(int order) {
    return 12L << (2 * order);
  }

  /** The order of {@code nside}, which must be a power of two (the nested scheme needs it). */
  static int orderOf(long nside) {
    if (nside < 1 || Long.bitCount(nside) != 1 || Long.numberOfTrailingZeros(nside) > MAX_ORDER) {
      throw new IllegalArgumentException("NSIDE " + nside + " is not a power of two up to 2^" + MAX_ORDER);
    }
    return Long.numberOfTrailingZeros(nside);
  }

  /** The solid angle of one pixel of {@code order}, steradians. */
  static double pixelAreaSr(int order) {
    return 4 * Math.PI / npix(order);
  }

  /** A pixel's typical size, degrees (the square root of its area). */
  static double pixelSizeDeg(int order) {
    return Math.toDegrees(Math.sqrt(pixelAreaSr(order)));
  }

  /** The order and nested index a multi-order map's UNIQ stands for. */
  record Uniq(int order, long ipix) {}

  static Uniq decodeUniq(long uniq) {
    if (uniq < 4) {
      throw new IllegalArgumentException("UNIQ " + uniq + " is below 4, the first valid value");
    }
    int order = (63 - Long.numberOfLeadingZeros(uniq)) / 2 - 1;
    if (order > MAX_ORDER) {
      throw new IllegalArgumentException("UNIQ " + uniq + " is of an order above " + MAX_ORDER);
    }
    return new Uniq(order, uniq - (4L << (2 * order)));
  }

  static long uniq(int order, long ipix) {
    return (4L << (2 * order)) + ipix;
  }

  /** The centre of nested pixel {@code ipix} of {@code order}. */
  static Vec3 nestedCentre(int order, long ipix) {
    checkPixel(order, ipix);
    long nside = 1L << order;
    long npix = npix(order);
    double fact2 = 4.0 / npix;
    double fact1 = (nside << 1) * fact2;
    int face = (int) (ipix >> (2 * order));
    long ipf = ipix & ((1L << (2 * order)) - 1);
    long ix = compact(ipf);
    long iy = compact(ipf >> 1);
    long jr = ((long) JRLL[face] << order) - ix - iy - 1;
    long nr;
    double z;
    double sth = Double.NaN;
    if (jr < nside) {
      nr = jr;
      double tmp = (nr * nr) * fact2;
      z = 1 - tmp;
      if (z > 0.99) {
        sth = Math.sqrt(tmp * (2 - tmp));
      }
    } else if (jr > 3 * nside) {
      nr = nside * 4 - jr;
      double tmp = (nr * nr) * fact2;
      z = tmp - 1;
      if (z < -0.99) {
        sth = Math.sqrt(tmp * (2 - tmp));
      }
    } else {
      nr = nside;
      z = (2 * nside - jr) * fact1;
    }
    long tmp = (long) JPLL[face] * nr + ix - iy;
    if (tmp < 0) {
      tmp += 8 * nr;
    }
    double phi = nr == nside ? 0.75 * HALF_PI * tmp * fact1 : (0.5 * HALF_PI * tmp) / nr;
    return fromZPhi(z, phi, sth);
  }

  /** The centre of ring-scheme pixel {@code ipix} for {@code nside} (any positive nside). */
  static Vec3 ringCentre(long nside, long ipix) {
    long npix = 12 * nside * nside;
    if (ipix < 0 || ipix >= npix) {
      throw new IllegalArgumentException("pixel " + ipix + " is outside 0.." + (npix - 1) + " for NSIDE " + nside);
    }
    double fact2 = 4.0 / npix;
    double fact1 = (nside << 1) * fact2;
    long ncap = 2 * nside * (nside - 1);
    double z;
    double phi;
    double sth = Double.NaN;
    if (ipix < ncap) {
      long iring = (1 + isqrt(1 + 2 * ipix)) >> 1;
      long iphi = (ipix + 1) - 2 * iring * (iring - 1);
      double tmp = (iring * iring) * fact2;
      z = 1.0 - tmp;
      if (z > 0.99) {
        sth = Math.sqrt(tmp * (2 - tmp));
      }
      phi = (iphi - 0.5) * HALF_PI / iring;
    } else if (ipix < npix - ncap) {
      long nl4 = 4 * nside;
      long ip = ipix - ncap;
      long tmp = ip / nl4;
      long iring = tmp + nside;
      long iphi = ip - nl4 * tmp + 1;
      double fodd = ((iring + nside) & 1) != 0 ? 1 : 0.5;
      z = (2 * nside - iring) * fact1;
      phi = (iphi - fodd) * Math.PI * 0.75 * fact1;
    } else {
      long ip = npix - ipix;
      long iring = (1 + isqrt(2 * ip - 1)) >> 1;
      long iphi = 4 * iring + 1 - (ip - 2 * iring * (iring - 1));
      double tmp = (iring * iring) * fact2;
      z = tmp - 1.0;
      if (z < -0.99) {
        sth = Math.sqrt(tmp * (2 - tmp));
      }
      phi = (iphi - 0.5) * HALF_PI / iring;
    }
    return fromZPhi(z, phi, sth);
  }

  /** The nested pixel of {@code order} that holds direction {@code v}. */
  static long nestedPixel(int order, Vec3 v) {
    checkOrder(order);
    long nside = 1L << order;
    double r = Math.sqrt(v.dot(v));
    double z = v.z() / r;
    double za = Math.abs(z);
    double phi = v.phi();
    double tt = phi / HALF_PI;
    tt = tt >= 4 ? tt - 4 : tt < 0 ? tt + 4 : tt;
    if (za <= 2.0 / 3.0) {
      double temp1 = nside * (0.5 + tt);
      double temp2 = nside * (z * 0.75);
      long jp = (long) (temp1 - temp2);
      long jm = (long) (temp1 + temp2);
      long ifp = jp >> order;
      long ifm = jm >> order;
      int face = (int) (ifp == ifm ? (ifp | 4) : (ifp < ifm ? ifp : ifm + 8));
      long ix = jm & (nside - 1);
      long iy = nside - (jp & (nside - 1)) - 1;
      return xyf2nest(order, ix, iy, face);
    }
    int ntt = Math.min(3, (int) tt);
    double tp = tt - ntt;
    // Near the poles 1 - |z| loses digits; the distance from the axis keeps them.
    double sth = Math.hypot(v.x(), v.y()) / r;
    double tmp = za < 0.99 ? nside * Math.sqrt(3 * (1 - za)) : nside * sth / Math.sqrt((1.0 + za) / 3.0);
    long jp = Math.min((long) (tp * tmp), nside - 1);
    long jm = Math.min((long) ((1.0 - tp) * tmp), nside - 1);
    return z >= 0 ? xyf2nest(order, nside - jm - 1, nside - jp - 1, ntt) : xyf2nest(order, jp, jm, ntt + 8);
  }

  /** The nested pixel of the same position as ring pixel {@code ipix} (same nside, a power of two). */
  static long ringToNested(int order, long ipix) {
    return nestedPixel(order, ringCentre(1L << order, ipix));
  }

  private static Vec3 fromZPhi(double z, double phi, double sth) {
    double s = Double.isNaN(sth) ? Math.sqrt((1 - z) * (1 + z)) : sth;
    return new Vec3(s * Math.cos(phi), s * Math.sin(phi), z);
  }

  private static long xyf2nest(int order, long ix, long iy, int face) {
    return ((long) face << (2 * order)) + spread(ix) + (spread(iy) << 1);
  }

  /** Every other bit of {@code v} (bits 0, 2, 4, ...) packed together. */
  private static long compact(long v) {
    long x = v & 0x5555555555555555L;
    x = (x | (x >>> 1)) & 0x3333333333333333L;
    x = (x | (x >>> 2)) & 0x0f0f0f0f0f0f0f0fL;
    x = (x | (x >>> 4)) & 0x00ff00ff00ff00ffL;
    x = (x | (x >>> 8)) & 0x0000ffff0000ffffL;
    x = (x | (x >>> 16)) & 0x00000000ffffffffL;
    return x;
  }

  /** The inverse of {@link #compact}: the bits of {@code v} moved to the even positions. */
  private static long spread(long v) {
    long x = v & 0x00000000ffffffffL;
    x = (x | (x << 16)) & 0x0000ffff0000ffffL;
    x = (x | (x << 8)) & 0x00ff00ff00ff00ffL;
    x = (x | (x << 4)) & 0x0f0f0f0f0f0f0f0fL;
    x = (x | (x << 2)) & 0x3333333333333333L;
    x = (x | (x << 1)) & 0x5555555555555555L;
    return x;
  }

  private static long isqrt(long v) {
    long r = (long) Math.sqrt((double) v);
    while (r * r > v) {
      r--;
    }
    while ((r + 1) * (r + 1) <= v) {
      r++;
    }
    return r;
  }

  private static void checkOrder(int order) {
    if (order < 0 || order > MAX_ORDER) {
      throw new IllegalArgumentException("HEALPix order " + order + " is outside 0.." + MAX_ORDER);
    }
  }

  private static void checkPixel(int order, long ipix) {
    checkOrder(order);
    if (ipix < 0 || ipix >= npix(order)) {
      throw new IllegalArgumentException("pixel " + ipix + " is outside 0.." + (npix(order) - 1)
          + " at order " + order);
    }
  }
}
