package org.openastro.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;

/**
 * Typed, validated reads of request JSON. Every failure is an {@link ApiException} naming the
 * field by its dotted path (e.g. {@code location.lat}), so the client learns exactly what to fix.
 */
final class JsonFields {
  private final JsonObject json;
  private final String prefix;

  JsonFields(JsonObject json, String prefix) {
    this.json = json;
    this.prefix = prefix;
  }

  /** Refuses any field outside {@code allowed}: a misspelt optional field must not pass silently. */
  JsonFields onlyAllowed(Set<String> allowed) {
    for (String name : json.fieldNames()) {
      if (!allowed.contains(name)) {
        throw ApiException.unknown(path(name));
      }
    }
    return this;
  }

  JsonFields object(String name) {
    Object value = required(name);
    if (!(value instanceof JsonObject o)) {
      throw invalid(name, "must be a JSON object");
    }
    return new JsonFields(o, path(name) + ".");
  }

  double number(String name, double min, double max) {
    return checkRange(name, numberValue(name, required(name)), min, max);
  }

  Double optionalNumber(String name, double min, double max) {
    Object value = json.getValue(name);
    return value == null ? null : checkRange(name, numberValue(name, value), min, max);
  }

  /** Strictly positive and at most {@code max}. */
  double positive(String name, double max) {
    double v = numberValue(name, required(name));
    if (!(v > 0) || v > max) {
      throw invalid(name, "must be greater than 0 and at most " + format(max));
    }
    return v;
  }

  <E extends Enum<E>> E enumValue(String name, Class<E> type) {
    Object value = required(name);
    if (value instanceof String s) {
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(s.toUpperCase(Locale.ROOT))) {
          return e;
        }
      }
    }
    throw invalid(name, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
  }

  UUID optionalUuid(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      try {
        UUID id = UUID.fromString(s);
        if (id.toString().equals(s.toLowerCase(Locale.ROOT))) {
          return id;
        }
      } catch (IllegalArgumentException ignored) {
        // reported below
      }
    }
    throw invalid(name, "must be a UUID string like 3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b");
  }

  Instant optionalInstant(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException ignored) {
        // reported below
      }
    }
    throw invalid(name, "must be an ISO-8601 UTC time like 2026-03-20T21:00:00Z");
  }

  /** An optional array of distinct short strings (at most {@code maxItems}, each 1..{@code maxLength}). */
  Set<String> optionalStrings(String name, int maxItems, int maxLength) {
    Object value = json.getValue(name);
    if (value == null) {
      return Set.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw invalid(name, "must be an array of strings");
    }
    if (array.size() > maxItems) {
      throw invalid(name, "must have at most " + maxItems + " entries");
    }
    Set<String> result = new LinkedHashSet<>();
    for (Object item : array) {
      if (!(item instanceof String s) || s.isBlank() || s.length() > maxLength) {
        throw invalid(name, "entries must be non-empty strings of at most " + maxLength + " characters");
      }
      result.add(s);
    }
    return result;
  }

  private Object required(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      throw ApiException.missing(path(name));
    }
    return value;
  }

  private double numberValue(String name, Object value) {
    if (!(value instanceof Number n)) {
      throw invalid(name, "must be a number");
    }
    double v = n.doubleValue();
    if (!Double.isFinite(v)) {
      throw invalid(name, "must be a finite number");
    }
    return v;
  }

  private double checkRange(String name, double v, double min, double max) {
    if (v < min || v > max) {
      throw invalid(name, "must be between " + format(min) + " and " + format(max));
    }
    return v;
  }

  private ApiException invalid(String name, String what) {
    return ApiException.invalid(path(name), path(name) + " " + what);
  }

  private String path(String name) {
    return prefix + name;
  }

  private static String format(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
