package org.openastro.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Map;

/**
 * Reads fields of a decoded JSON alert (maps, lists, numbers, strings) with refusals that name
 * the field. Shared by the GCN and TNS readers; numbers given as strings are accepted because
 * some producers (TNS among them) quote them.
 */
final class JsonAlertFields {
  /** ISO dates with or without a zone (GCN writes {@code 2024-08-24T02:14:40.43} too) or a space (TNS). */
  private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart()
      .appendPattern("HH:mm")
      .optionalStart().appendPattern(":ss").optionalEnd()
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalEnd()
      .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
      .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
      .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
      .toFormatter();

  private final Map<String, Object> json;

  JsonAlertFields(Map<String, Object> json) {
    this.json = json;
  }

  boolean has(String name) {
    return json.get(name) != null;
  }

  Object raw(String name) {
    return json.get(name);
  }

  /** A number (or a numeric string), or null when absent. */
  Double optionalNumber(String name) {
    Object v = json.get(name);
    if (v == null) {
      return null;
    }
    Double d = asNumber(v);
    if (d == null) {
      throw AlertParseException.invalid(name, name + " must be a number");
    }
    return d;
  }

  double number(String name, String what) {
    Double d = optionalNumber(name);
    if (d == null) {
      throw AlertParseException.missing(name, what);
    }
    return d;
  }

  /** A string, or null when absent; anything else is refused. */
  String optionalText(String name) {
    Object v = json.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw AlertParseException.invalid(name, name + " must be a string");
    }
    return s.isBlank() ? null : s.trim();
  }

  /** A time as ISO-8601 (zone optional: UTC assumed), or null when absent. */
  Instant optionalInstant(String name) {
    String text = optionalText(name);
    return text == null ? null : instant(name, text);
  }

  /** A JSON object field, or null when absent or not an object. */
  @SuppressWarnings("unchecked")
  Map<String, Object> optionalObject(String name) {
    return json.get(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  static Instant instant(String field, String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        String local = text.endsWith("Z") || text.endsWith("z") ? text.substring(0, text.length() - 1) : text;
        return LocalDateTime.parse(local, LOCAL).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw AlertParseException.invalid(field, field + " must be an ISO-8601 time like 2024-08-24T02:14:40.43Z");
      }
    }
  }

  static Double asNumber(Object v) {
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? d : null;
    }
    if (v instanceof String s) {
      try {
        double d = Double.parseDouble(s.trim());
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** An identifier given as a string or a whole number (GCN ids are either); null otherwise. */
  static String asId(Object v) {
    if (v instanceof String s && !s.isBlank()) {
      return s.trim();
    }
    if (v instanceof Number n) {
      BigDecimal d = new BigDecimal(n.toString());
      if (d.signum() >= 0 && d.stripTrailingZeros().scale() <= 0) {
        return d.toBigInteger().toString();
      }
    }
    return null;
  }

  /** The first element of a list field, or the field itself when it is not a list. */
  Object first(String name) {
    Object v = json.get(name);
    if (v instanceof List<?> list) {
      return list.isEmpty() ? null : list.get(0);
    }
    return v;
  }

  /** Right ascension in [0, 360) (360 itself is 0) from {@code name}. */
  double ra(String name, String what) {
    double ra = number(name, what);
    if (!(ra >= 0 && ra <= 360)) {
      throw AlertParseException.invalid(name, name + " must be between 0 and 360 degrees");
    }
    return ra == 360 ? 0 : ra;
  }

  double dec(String name, String what) {
    double dec = number(name, what);
    if (!(dec >= -90 && dec <= 90)) {
      throw AlertParseException.invalid(name, name + " must be between -90 and 90 degrees");
    }
    return dec;
  }
}
