package org.openastro.api.json;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Typed reads of a JSON object in which every failure names the field by its dotted path
 * ({@code location.lat}) through the transport's {@link JsonErrors}. Absent and {@code null} are
 * the same. This is the whole validation of what no OpenAPI validator sees (MQTT reports); for
 * HTTP bodies, already checked against the document, it is only the mapping to Java types and its
 * refusals are a safety net.
 */
public final class StrictJson {
  private final JsonObject json;
  private final String prefix;
  private final JsonErrors errors;

  public static StrictJson of(JsonObject json, JsonErrors errors) {
    return new StrictJson(json, "", errors);
  }

  /** Parses {@code payload} as one JSON object of at most {@code maxBytes} bytes (not characters). */
  public static StrictJson parse(Buffer payload, int maxBytes, JsonErrors errors) {
    if (payload.length() > maxBytes) {
      throw errors.tooLarge("the payload has " + payload.length() + " bytes; at most " + maxBytes + " are accepted");
    }
    Object parsed;
    try {
      parsed = payload.toJsonValue();
    } catch (DecodeException | IllegalStateException e) {
      throw errors.notJson("the payload is not valid JSON");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw errors.notJson("the payload must be a JSON object {...}");
    }
    JsonStrings.requireValidUnicode(object, errors);
    return of(object, errors);
  }

  private StrictJson(JsonObject json, String prefix, JsonErrors errors) {
    this.json = json;
    this.prefix = prefix;
    this.errors = errors;
  }

  /** Refuses any field outside {@code allowed}: a misspelt optional field must not pass silently. */
  public StrictJson onlyAllowed(Set<String> allowed) {
    for (String name : json.fieldNames()) {
      if (!allowed.contains(name)) {
        throw errors.unknown(path(name));
      }
    }
    return this;
  }

  /** True when the field is present, even as {@code null}. */
  public boolean has(String name) {
    return json.containsKey(name);
  }

  /** A required nested object; its fields are named {@code name.field}. */
  public StrictJson object(String name) {
    if (!(value(name, true) instanceof JsonObject o)) {
      throw invalid(name, "must be a JSON object");
    }
    return new StrictJson(o, path(name) + ".", errors);
  }

  /** An optional nested object kept as compact JSON text, or null. */
  public String objectText(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject o)) {
      throw invalid(name, "must be a JSON object");
    }
    return o.encode();
  }

  public double number(String name) {
    return numberValue(name, value(name, true));
  }

  /** A required finite number within {@code min..max}, both inclusive. */
  public double number(String name, double min, double max) {
    double v = number(name);
    if (v < min || v > max) {
      throw invalid(name, "must be between " + format(min) + " and " + format(max));
    }
    return v;
  }

  /** An optional finite number, or null. */
  public Double optionalNumber(String name) {
    Object value = json.getValue(name);
    return value == null ? null : numberValue(name, value);
  }

  /** A required whole number (7 and 7.0 alike) that fits an int. */
  public int integer(String name) {
    double v = number(name);
    if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw invalid(name, "must be a whole number");
    }
    return (int) v;
  }

  /** An optional boolean, {@code otherwise} when absent. */
  public boolean bool(String name, boolean otherwise) {
    Object value = json.getValue(name);
    if (value == null) {
      return otherwise;
    }
    if (!(value instanceof Boolean b)) {
      throw invalid(name, "must be true or false");
    }
    return b;
  }

  /** A required constant of {@code type}, matched case-insensitively. */
  public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
    return enumValue(name, EnumSet.allOf(type), true);
  }

  /** One of {@code allowed}, matched case-insensitively; null when absent and not required. */
  public <E extends Enum<E>> E enumValue(String name, Set<E> allowed, boolean required) {
    Object value = value(name, required);
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      for (E e : allowed) {
        if (e.name().equals(s.toUpperCase(Locale.ROOT))) {
          return e;
        }
      }
    }
    throw invalid(name, "must be one of " + allowed.stream().map(Enum::name).sorted().toList());
  }

  /** A UUID in its canonical 8-4-4-4-12 form (either case); null when absent and not required. */
  public UUID uuid(String name, boolean required) {
    Object value = value(name, required);
    if (value == null) {
      return null;
    }
    UUID id = uuidOf(value);
    if (id == null) {
      throw invalid(name, "must be a UUID string like 3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b");
    }
    return id;
  }

  /** An optional array of UUIDs, distinct, in order; empty when absent. */
  public Set<UUID> uuids(String name) {
    Set<UUID> out = new LinkedHashSet<>();
    for (Object item : array(name, Integer.MAX_VALUE)) {
      UUID id = uuidOf(item);
      if (id == null) {
        throw invalid(name, "entries must be UUID strings like 3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b");
      }
      out.add(id);
    }
    return out;
  }

  /** An ISO-8601 time ({@code 2026-03-20T21:00:00Z}); null when absent and not required. */
  public Instant instant(String name, boolean required) {
    Object value = value(name, required);
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException ignored) {
        // refused below
      }
    }
    throw invalid(name, "must be an ISO-8601 UTC time like 2026-03-20T21:00:00Z");
  }

  /** A non-blank string; null when absent and not required. */
  public String string(String name, boolean required) {
    return string(name, required, Integer.MAX_VALUE);
  }

  /** A non-blank string of at most {@code maxLength} characters; null when absent and not required. */
  public String string(String name, boolean required, int maxLength) {
    Object value = value(name, required);
    return value == null ? null : checkedString(name, value, maxLength);
  }

  /** An optional array of non-blank strings, distinct, in order; empty when absent. */
  public List<String> strings(String name) {
    return strings(name, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  /** As {@link #strings(String)}, with at most {@code maxItems} of at most {@code maxLength} characters. */
  public List<String> strings(String name, int maxItems, int maxLength) {
    Set<String> out = new LinkedHashSet<>();
    for (Object item : array(name, maxItems)) {
      out.add(checkedString(name, item, maxLength));
    }
    return new ArrayList<>(out);
  }

  private JsonArray array(String name, int maxItems) {
    Object value = json.getValue(name);
    if (value == null) {
      return new JsonArray();
    }
    if (!(value instanceof JsonArray array)) {
      throw invalid(name, "must be an array");
    }
    if (array.size() > maxItems) {
      throw invalid(name, "must have at most " + maxItems + " entries");
    }
    return array;
  }

  private String checkedString(String name, Object value, int maxLength) {
    if (!(value instanceof String s) || s.isBlank() || s.length() > maxLength) {
      throw invalid(name, maxLength == Integer.MAX_VALUE ? "must hold non-empty strings"
          : "must hold non-empty strings of at most " + maxLength + " characters");
    }
    return s;
  }

  /** The field's value, null when absent or null; refused when then {@code required}. */
  private Object value(String name, boolean required) {
    Object value = json.getValue(name);
    if (value == null && required) {
      throw errors.missing(path(name));
    }
    return value;
  }

  private double numberValue(String name, Object value) {
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw invalid(name, "must be a finite number");
    }
    return n.doubleValue();
  }

  private static UUID uuidOf(Object value) {
    if (value instanceof String s) {
      try {
        UUID id = UUID.fromString(s);
        // UUID.fromString accepts short groups ("1-1-1-1-1"); only the canonical form is an id
        return id.toString().equals(s.toLowerCase(Locale.ROOT)) ? id : null;
      } catch (IllegalArgumentException ignored) {
        return null;
      }
    }
    return null;
  }

  private RuntimeException invalid(String name, String what) {
    return errors.invalid(path(name), path(name) + " " + what);
  }

  private String path(String name) {
    return prefix + name;
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
