package org.openastro.testsupport;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Unique, valid keyspace names for tests that share one node. */
final class KeyspaceNames {

  /** Cassandra rejects keyspace names of 48 characters or more. */
  static final int MAX_LENGTH = 47;
  private static final int RANDOM_HEX_DIGITS = 8;
  private static final String FALLBACK_PREFIX = "ks";
  private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();

  private KeyspaceNames() {
  }

  static String unique(String prefix) {
    String base = sanitize(prefix);
    while (true) {
      String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
      String name = base + "_" + suffix.substring(0, RANDOM_HEX_DIGITS);
      if (ISSUED.add(name)) {
        return name;
      }
    }
  }

  /** Lowercase letters, digits and underscores, starting with a letter, short enough for the suffix. */
  static String sanitize(String prefix) {
    String cleaned = (prefix == null ? "" : prefix).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_")
        .replaceAll("_+", "_").replaceAll("^_|_$", "");
    if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0))) {
      cleaned = cleaned.isEmpty() ? FALLBACK_PREFIX : FALLBACK_PREFIX + "_" + cleaned;
    }
    int maxBase = MAX_LENGTH - 1 - RANDOM_HEX_DIGITS;
    return cleaned.length() <= maxBase ? cleaned : cleaned.substring(0, maxBase);
  }
}
