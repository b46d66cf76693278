package org.openastro.cql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * A digest of the client-supplied content of a created row. Stored beside the row, it tells an
 * idempotent replay (same id, same fingerprint) from a conflict (same id, other content) without
 * comparing every column, and without being fooled by set ordering or float formatting.
 */
public final class Fingerprint {
  private Fingerprint() {}

  public static String of(Object... parts) {
    StringBuilder canonical = new StringBuilder();
    for (Object part : parts) {
      canonical.append(canonical(part)).append('\u001f');
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String canonical(Object part) {
    if (part == null) {
      return "\u0000";
    }
    if (part instanceof Collection<?> c) {
      TreeSet<String> sorted = new TreeSet<>();
      c.forEach(o -> sorted.add(canonical(o)));
      return sorted.toString();
    }
    if (part instanceof Double d) {
      return Double.toString(d);
    }
    return part.toString();
  }
}
