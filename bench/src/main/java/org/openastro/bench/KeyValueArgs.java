package org.openastro.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * A benchmark's {@code key=value} arguments laid over its defaults. A key it does not know is
 * refused (a mistyped option would otherwise run the defaults unnoticed), except under its
 * pass-through prefix ({@code gw.}, {@code sched.}), which sets a setting of the processes it runs.
 */
public final class KeyValueArgs {
  private KeyValueArgs() {}

  /** Lays {@code args} over {@code values}, which holds every known key with its default. */
  public static void parseInto(Map<String, String> values, String passPrefix, String... args) {
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("arguments are key=value, got " + arg);
      }
      String key = arg.substring(0, eq);
      if (!values.containsKey(key) && !key.startsWith(passPrefix)) {
        throw new IllegalArgumentException("unknown option " + key + "; known: " + values.keySet() + ", "
            + passPrefix + "NAME");
      }
      values.put(key, arg.substring(eq + 1));
    }
  }

  /** The settings given as {@code <passPrefix>NAME=value}, by NAME. */
  public static Map<String, String> passed(Map<String, String> values, String passPrefix) {
    Map<String, String> settings = new HashMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(passPrefix)) {
        settings.put(k.substring(passPrefix.length()), v);
      }
    });
    return settings;
  }
}
