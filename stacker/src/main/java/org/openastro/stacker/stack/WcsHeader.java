package org.openastro.stacker.stack;

import java.util.Locale;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;

/**
 * The TAN WCS of a FITS header: CTYPE1/2 {@code RA---TAN}/{@code DEC--TAN} (also with the
 * {@code -SIP} suffix, whose distortion terms are ignored), CRVAL, CRPIX, and the linear part as
 * CD1_1..CD2_2, else PC1_1..PC2_2 times CDELT, else CDELT with CROTA2 (degrees, default 0).
 */
final class WcsHeader {
  private WcsHeader() {}

  /** The frame's WCS; IllegalArgumentException naming what is missing or not supported. */
  static TanWcs read(Header h) {
    String c1 = text(h, "CTYPE1");
    String c2 = text(h, "CTYPE2");
    if (!(c1.startsWith("RA---TAN") && c2.startsWith("DEC--TAN"))) {
      throw new IllegalArgumentException("CTYPE1/CTYPE2 are '" + c1 + "'/'" + c2
          + "': only RA---TAN/DEC--TAN (gnomonic, equatorial) is supported");
    }
    double crval1 = number(h, "CRVAL1");
    double crval2 = number(h, "CRVAL2");
    double crpix1 = number(h, "CRPIX1");
    double crpix2 = number(h, "CRPIX2");
    if (h.containsKey("CD1_1") || h.containsKey("CD2_2")) {
      return new TanWcs(crval1, crval2, crpix1, crpix2, optional(h, "CD1_1", 0), optional(h, "CD1_2", 0),
          optional(h, "CD2_1", 0), optional(h, "CD2_2", 0));
    }
    double cdelt1 = number(h, "CDELT1");
    double cdelt2 = number(h, "CDELT2");
    if (h.containsKey("PC1_1") || h.containsKey("PC2_2") || h.containsKey("PC1_2") || h.containsKey("PC2_1")) {
      return new TanWcs(crval1, crval2, crpix1, crpix2, cdelt1 * optional(h, "PC1_1", 1),
          cdelt1 * optional(h, "PC1_2", 0), cdelt2 * optional(h, "PC2_1", 0), cdelt2 * optional(h, "PC2_2", 1));
    }
    return TanWcs.fromCdelt(crval1, crval2, crpix1, crpix2, cdelt1, cdelt2, optional(h, "CROTA2", 0));
  }

  /** Writes {@code wcs} as CTYPE, CRVAL, CRPIX and CD cards. */
  static void write(TanWcs wcs, Header h) throws nom.tam.fits.HeaderCardException {
    h.addValue("CTYPE1", "RA---TAN", "gnomonic projection");
    h.addValue("CTYPE2", "DEC--TAN", "gnomonic projection");
    h.addValue("RADESYS", "ICRS", "");
    h.addValue("CRVAL1", wcs.crval1, "[deg] RA of the tangent point");
    h.addValue("CRVAL2", wcs.crval2, "[deg] Dec of the tangent point");
    h.addValue("CRPIX1", wcs.crpix1, "");
    h.addValue("CRPIX2", wcs.crpix2, "");
    h.addValue("CD1_1", wcs.cd[0], "");
    h.addValue("CD1_2", wcs.cd[1], "");
    h.addValue("CD2_1", wcs.cd[2], "");
    h.addValue("CD2_2", wcs.cd[3], "");
  }

  private static String text(Header h, String key) {
    String value = h.getStringValue(key);
    if (value == null) {
      throw new IllegalArgumentException("no " + key + " in the header");
    }
    return value.trim().toUpperCase(Locale.ROOT);
  }

  private static double number(Header h, String key) {
    HeaderCard card = h.getCard(key);
    if (card == null || card.getValue() == null) {
      throw new IllegalArgumentException("no " + key + " in the header");
    }
    return value(card, key);
  }

  private static double optional(Header h, String key, double otherwise) {
    HeaderCard card = h.getCard(key);
    return card == null || card.getValue() == null ? otherwise : value(card, key);
  }

  private static double value(HeaderCard card, String key) {
    try {
      double v = Double.parseDouble(card.getValue().trim().replace('D', 'E').replace('d', 'e'));
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " = '" + card.getValue() + "' is not a number");
    }
  }
}
