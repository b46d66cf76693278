package org.openastro.scheduler.tom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of a submitted request group (plain maps and lists, as JSON decodes), each
 * problem recorded in {@link LcoErrors} at its path with the portal's wording, and null returned
 * in its place, so that one pass reports every problem as the portal's validation does. Absent and
 * {@code null} are the same; numbers may come as numeric strings (the portal takes those too).
 */
final class LcoReader {
  static final String REQUIRED = "This field is required.";

  private final LcoErrors errors;

  LcoReader(LcoErrors errors) {
    this.errors = errors;
  }

  LcoErrors errors() {
    return errors;
  }

  void error(List<Object> path, String message) {
    errors.add(path, message);
  }

  static List<Object> at(List<Object> path, Object... more) {
    List<Object> out = new ArrayList<>(path);
    out.addAll(List.of(more));
    return out;
  }

  /** A string of 1 to {@code maxLength} characters (blank counts as absent). */
  String string(Map<?, ?> in, List<Object> path, String key, boolean required, int maxLength) {
    Object v = in.get(key);
    if (v == null || (v instanceof String s && s.isBlank())) {
      if (required) {
        error(at(path, key), v == null ? REQUIRED : "This field may not be blank.");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      error(at(path, key), "Not a valid string.");
      return null;
    }
    if (s.length() > maxLength) {
      error(at(path, key), "Ensure this field has no more than " + maxLength + " characters.");
      return null;
    }
    return s.trim();
  }

  /** A number within [{@code min}, {@code max}]. */
  Double number(Map<?, ?> in, List<Object> path, String key, boolean required, double min, double max) {
    Object v = in.get(key);
    if (v == null) {
      if (required) {
        error(at(path, key), REQUIRED);
      }
      return null;
    }
    Double d = v instanceof Number n ? Double.valueOf(n.doubleValue()) : v instanceof String s ? parse(s) : null;
    if (d == null || d.isNaN() || d.isInfinite()) {
      error(at(path, key), "A valid number is required.");
      return null;
    }
    return inRange(path, key, d, min, max) ? d : null;
  }

  /** A whole number within [{@code min}, {@code max}]. */
  Integer integer(Map<?, ?> in, List<Object> path, String key, boolean required, int min, int max) {
    Object v = in.get(key);
    if (v == null) {
      if (required) {
        error(at(path, key), REQUIRED);
      }
      return null;
    }
    Double d = v instanceof Number n ? Double.valueOf(n.doubleValue()) : v instanceof String s ? parse(s) : null;
    if (d == null || d.isNaN() || d.isInfinite() || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      error(at(path, key), "A valid integer is required.");
      return null;
    }
    return inRange(path, key, d, min, max) ? d.intValue() : null;
  }

  /** An object; absent is null (an error when required). */
  Map<?, ?> object(Map<?, ?> in, List<Object> path, String key, boolean required) {
    Object v = in.get(key);
    if (v == null) {
      if (required) {
        error(at(path, key), REQUIRED);
      }
      return null;
    }
    if (!(v instanceof Map<?, ?> m)) {
      error(at(path, key), "Invalid data. Expected a dictionary, but got " + typeName(v) + ".");
      return null;
    }
    return m;
  }

  /** A list of {@code min} to {@code max} objects; null when absent (an error when required) or wrong. */
  List<Map<?, ?>> objects(Map<?, ?> in, List<Object> path, String key, boolean required, int min, int max) {
    Object v = in.get(key);
    if (v == null) {
      if (required) {
        error(at(path, key), REQUIRED);
      }
      return null;
    }
    if (!(v instanceof List<?> list)) {
      error(at(path, key), "Expected a list of items but got type \"" + typeName(v) + "\".");
      return null;
    }
    if (list.size() < min) {
      error(at(path, key), list.isEmpty() ? "This list may not be empty." : "Ensure this field has at least " + min + " elements.");
      return null;
    }
    if (list.size() > max) {
      error(at(path, key), "Ensure this field has no more than " + max + " elements.");
      return null;
    }
    List<Map<?, ?>> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof Map<?, ?> m) {
        out.add(m);
      } else {
        error(at(path, key, i), "Invalid data. Expected a dictionary, but got " + typeName(list.get(i)) + ".");
        ok = false;
      }
    }
    return ok ? out : null;
  }

  private boolean inRange(List<Object> path, String key, double d, double min, double max) {
    if (d < min) {
      error(at(path, key), "Ensure this value is greater than or equal to " + plain(min) + ".");
      return false;
    }
    if (d > max) {
      error(at(path, key), "Ensure this value is less than or equal to " + plain(max) + ".");
      return false;
    }
    return true;
  }

  private static Double parse(String s) {
    try {
      return Double.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static String typeName(Object v) {
    return v instanceof String ? "str" : v instanceof Boolean ? "bool" : v instanceof Number ? "number"
        : v instanceof List<?> ? "list" : v instanceof Map<?, ?> ? "dict" : "null";
  }
}
