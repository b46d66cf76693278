package org.openastro.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the kinds of values settings take; each throws IllegalArgumentException saying why. */
public final class Parsers {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|kib|mib|gib|tib)");

  private Parsers() {}

  public static Function<String, String> text() {
    return s -> s;
  }

  public static Function<String, Integer> intBetween(int min, int max) {
    return s -> {
      int value;
      try {
        value = Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected a whole number");
      }
      if (value < min || value > max) {
        throw new IllegalArgumentException("must be between " + min + " and " + max);
      }
      return value;
    };
  }

  public static Function<String, Integer> port() {
    return intBetween(0, 65535);
  }

  public static Function<String, Boolean> bool() {
    return s -> {
      switch (s.toLowerCase(Locale.ROOT)) {
        case "true": case "yes": case "1": return true;
        case "false": case "no": case "0": return false;
        default: throw new IllegalArgumentException("expected true or false");
      }
    };
  }

  /** Durations as {@code 500ms}, {@code 15s}, {@code 5m}, {@code 2h} or {@code 7d}; at least {@code min}. */
  public static Function<String, Duration> durationAtLeast(Duration min) {
    return s -> {
      Matcher m = DURATION.matcher(s.toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new IllegalArgumentException("expected a duration like 500ms, 15s, 5m, 2h or 7d");
      }
      long amount = Long.parseLong(m.group(1));
      Duration d;
      switch (m.group(2)) {
        case "ms": d = Duration.ofMillis(amount); break;
        case "s": d = Duration.ofSeconds(amount); break;
        case "m": d = Duration.ofMinutes(amount); break;
        case "h": d = Duration.ofHours(amount); break;
        default: d = Duration.ofDays(amount); break;
      }
      if (d.compareTo(min) < 0) {
        throw new IllegalArgumentException("must be at least " + min.toMillis() + "ms");
      }
      return d;
    };
  }

  public static Function<String, Path> path() {
    return s -> Path.of(s);
  }

  public static <E extends Enum<E>> Function<String, E> oneOf(Class<E> type) {
    return s -> {
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(s)) {
          return e;
        }
      }
      throw new IllegalArgumentException(
          "expected one of " + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT));
    };
  }

  /** A comma-separated list of {@code host} or {@code host:port} (the port defaults to {@code defaultPort}). */
  public static Function<String, List<InetSocketAddress>> hostPorts(int defaultPort) {
    return s -> {
      List<InetSocketAddress> result = new ArrayList<>();
      for (String part : s.split(",")) {
        String p = part.trim();
        if (p.isEmpty()) {
          continue;
        }
        int colon = p.lastIndexOf(':');
        String host = colon < 0 ? p : p.substring(0, colon);
        int port = defaultPort;
        if (colon >= 0) {
          port = port().apply(p.substring(colon + 1));
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._-]+")) {
          throw new IllegalArgumentException("'" + p + "' is not host or host:port");
        }
        result.add(InetSocketAddress.createUnresolved(host, port));
      }
      if (result.isEmpty()) {
        throw new IllegalArgumentException("expected host[:port][,host[:port]...]");
      }
      return List.copyOf(result);
    };
  }

  /** A decimal number within {@code [min, max]} (inclusive). */
  public static Function<String, Double> decimalBetween(double min, double max) {
    return s -> {
      double value;
      try {
        value = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected a number");
      }
      if (!(value >= min && value <= max)) {
        throw new IllegalArgumentException("must be between " + min + " and " + max);
      }
      return value;
    };
  }

  /** A size in bytes: {@code 1048576}, {@code 512KiB}, {@code 64MiB}, {@code 10GiB}, {@code 1TiB}; at least 1. */
  public static Function<String, Long> bytes() {
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
