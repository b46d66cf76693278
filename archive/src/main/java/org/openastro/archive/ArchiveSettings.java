package org.openastro.archive;

import static org.openastro.config.Parsers.durationAtLeast;
import static org.openastro.config.Parsers.path;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openastro.config.Setting;

/** Settings of the artifact archive: where uploaded content lives and how large it may be. */
public final class ArchiveSettings {
  public static final Setting<Path> ARTIFACT_STORE_DIR = Setting.of("ARTIFACT_STORE_DIR", "data/artifacts",
      "directory of the embedded artifact content store (uploads via PUT /api/v1/artifacts/{id}/content)", path());

  public static final Setting<Long> ARTIFACT_MAX_BYTES = Setting.of("ARTIFACT_MAX_BYTES", "10GiB",
      "largest artifact content upload; larger gets 413 (bytes, or with KiB/MiB/GiB/TiB)", bytes());

  public static final Setting<Duration> ARTIFACT_UPLOAD_IDLE_TIMEOUT = Setting.of("ARTIFACT_UPLOAD_IDLE_TIMEOUT",
      "60s", "a content upload that sends no byte for this long is abandoned (408) and nothing is kept",
      durationAtLeast(Duration.ofSeconds(1)));

  /** Every archive setting, for the process's list of settings. */
  public static final List<Setting<?>> ALL = List.of(ARTIFACT_STORE_DIR, ARTIFACT_MAX_BYTES,
      ARTIFACT_UPLOAD_IDLE_TIMEOUT);

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|kib|mib|gib|tib)");

  private ArchiveSettings() {}

  /** A size in bytes: {@code 1048576}, {@code 512KiB}, {@code 64MiB}, {@code 10GiB}, {@code 1TiB}; at least 1. */
  static Function<String, Long> bytes() {
    return s -> {
      Matcher m = SIZE.matcher(s.toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new IllegalArgumentException("expected a size like 1048576, 512KiB, 64MiB or 10GiB");
      }
      int shift = switch (m.group(2)) {
        case "kib" -> 10;
        case "mib" -> 20;
        case "gib" -> 30;
        case "tib" -> 40;
        default -> 0;
      };
      long amount;
      try {
        amount = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("too large");
      }
      if (amount < 1 || amount > (Long.MAX_VALUE >> shift)) {
        throw new IllegalArgumentException("must be between 1 byte and " + (Long.MAX_VALUE >> 40) + "TiB");
      }
      return amount << shift;
    };
  }
}
