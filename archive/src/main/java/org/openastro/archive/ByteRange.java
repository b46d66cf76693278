package org.openastro.archive;

import java.util.Locale;

/**
 * A single {@code Range: bytes=...} request (RFC 9110 section 14) resolved against a stored
 * length: {@code first-last}, {@code first-} or {@code -suffix}. What this archive does not
 * serve as a range (another unit, several ranges, a malformed or invalid header) is answered
 * whole, as RFC 9110 allows; a valid range that starts past the end is {@link #UNSATISFIABLE}.
 */
record ByteRange(long offset, long length) {
  /** The header asks for bytes this content does not have: 416. */
  static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

  /** The range the header asks of {@code size} bytes, or null when the whole content is to be sent. */
  static ByteRange of(String header, long size) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    int eq = h.indexOf('=');
    if (eq < 0 || !h.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("bytes")) {
      return null;
    }
    String spec = h.substring(eq + 1).trim();
    int dash = spec.indexOf('-');
    if (spec.indexOf(',') >= 0 || dash < 0) {
      return null;
    }
    String first = spec.substring(0, dash).trim();
    String last = spec.substring(dash + 1).trim();
    if (first.isEmpty()) {
      // a suffix: the last N bytes
      long suffix = digits(last);
      if (suffix < 0) {
        return null;
      }
      if (suffix == 0 || size == 0) {
        return UNSATISFIABLE;
      }
      long n = Math.min(suffix, size);
      return new ByteRange(size - n, n);
    }
    long from = digits(first);
    long to = last.isEmpty() ? Long.MAX_VALUE : digits(last);
    if (from < 0 || to < 0 || to < from) {
      return null; // invalid: ignored, the whole content is sent
    }
    if (from >= size) {
      return UNSATISFIABLE;
    }
    return new ByteRange(from, Math.min(to, size - 1) - from + 1);
  }

  /** ASCII digits as a number, Long.MAX_VALUE when too large, -1 when not digits. */
  private static long digits(String s) {
    if (s.isEmpty() || s.chars().anyMatch(c -> c < '0' || c > '9')) {
      return -1;
    }
    String trimmed = s.replaceFirst("^0+(?=.)", "");
    return trimmed.length() > 18 ? Long.MAX_VALUE : Long.parseLong(trimmed);
  }

  /** The {@code Content-Range} of this range of {@code size} bytes. */
  String contentRange(long size) {
    return "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
  }
}
