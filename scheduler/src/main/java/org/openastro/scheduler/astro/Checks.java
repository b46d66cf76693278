package org.openastro.scheduler.astro;

import java.time.Instant;

/** Argument checks whose messages name the offending parameter first ("lat must be ..."). */
final class Checks {
  private Checks() {}

  /** NaN fails too: the comparison is written so that it does. */
  static void between(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          name + " must be between " + fmt(min) + " and " + fmt(max) + " degrees, was " + value);
    }
  }

  static void notNull(String name, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
  }

  static void span(Instant from, Instant to) {
    notNull("from", from);
    notNull("to", to);
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to must be after from, was from=" + from + " to=" + to);
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
