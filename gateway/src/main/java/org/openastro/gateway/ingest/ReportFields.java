package org.openastro.gateway.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.openastro.gateway.ingest.ReportException.Code;

/** Validated reads of a report's JSON; every failure is a {@link ReportException} naming the field. */
final class ReportFields {
  private final JsonObject json;

  private ReportFields(JsonObject json) {
    this.json = json;
  }

  /** Parses {@code payload} as a JSON object within {@code maxBytes}. */
  static ReportFields parse(Buffer payload, int maxBytes) {
    if (payload.length() > maxBytes) {
      throw new ReportException(Code.PAYLOAD_TOO_LARGE, null,
          "the payload has " + payload.length() + " bytes; at most " + maxBytes + " are accepted");
    }
    Object parsed;
    try {
      parsed = payload.toJsonValue();
    } catch (DecodeException | IllegalStateException e) {
      throw new ReportException(Code.INVALID_JSON, null, "the payload is not valid JSON");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw new ReportException(Code.INVALID_JSON, null, "the payload must be a JSON object {...}");
    }
    return new ReportFields(object);
  }

  ReportFields onlyAllowed(Set<String> allowed) {
    for (String name : json.fieldNames()) {
      if (!allowed.contains(name)) {
        throw new ReportException(Code.UNKNOWN_FIELD, name, name + " is not a field of this report");
      }
    }
    return this;
  }

  boolean has(String name) {
    return json.containsKey(name);
  }

  <E extends Enum<E>> E enumValue(String name, Set<E> allowed, boolean required) {
    Object value = json.getValue(name);
    if (value == null) {
      if (required) {
        throw missing(name);
      }
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

  UUID uuid(String name, boolean required) {
    Object value = json.getValue(name);
    if (value == null) {
      if (required) {
        throw missing(name);
      }
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

  double number(String name, double min, double max) {
    Object value = json.getValue(name);
    if (value == null) {
      throw missing(name);
    }
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw invalid(name, "must be a number");
    }
    double v = n.doubleValue();
    if (v < min || v > max) {
      throw invalid(name, "must be between " + (long) min + " and " + (long) max);
    }
    return v;
  }

  /** A JSON object kept as compact text (telemetry), or null when absent. */
  String objectText(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject o)) {
      throw invalid(name, "must be a JSON object");
    }
    return o.encode();
  }

  /** Strings from an array field and/or a single-string field, in order, without duplicates. */
  List<String> strings(String arrayName, String singleName, int maxItems, int maxLength) {
    List<String> out = new ArrayList<>();
    Object single = json.getValue(singleName);
    if (single != null) {
      out.add(checkedString(singleName, single, maxLength));
    }
    Object array = json.getValue(arrayName);
    if (array != null) {
      if (!(array instanceof JsonArray items)) {
        throw invalid(arrayName, "must be an array of strings");
      }
      if (items.size() > maxItems) {
        throw invalid(arrayName, "must have at most " + maxItems + " entries");
      }
      for (Object item : items) {
        String s = checkedString(arrayName, item, maxLength);
        if (!out.contains(s)) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private String checkedString(String name, Object value, int maxLength) {
    if (!(value instanceof String s) || s.isBlank() || s.length() > maxLength) {
      throw invalid(name, "must hold non-empty strings of at most " + maxLength + " characters");
    }
    return s;
  }

  private static ReportException missing(String name) {
    return new ReportException(Code.MISSING_FIELD, name, name + " is required");
  }

  private static ReportException invalid(String name, String what) {
    return new ReportException(Code.INVALID_FIELD, name, name + " " + what);
  }
}
