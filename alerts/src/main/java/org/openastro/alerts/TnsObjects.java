package org.openastro.alerts;

import java.util.Locale;
import java.util.Map;

/**
 * Reads a Transient Name Server object as the TNS API's {@code get/object} returns it: the object
 * itself, or the whole answer ({@code {"id_code": 200, "data": {...}}}, or the older
 * {@code {"data": {"reply": {...}}}}). Fields: {@code objname} (e.g. {@code 2024abc}),
 * {@code name_prefix} ({@code SN} once classified a supernova, {@code AT} before),
 * {@code radeg}, {@code decdeg}, {@code discoverydate}, {@code object_type} ({@code {"name": "SN Ia"}})
 * or a flat {@code type}. The object name without its prefix is the event id: an AT that is later
 * classified SN keeps its name, so it stays one mission.
 */
final class TnsObjects {
  private TnsObjects() {}

  /** The object inside a TNS answer, or the document itself; null when it holds no {@code objname}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> unwrap(Map<String, Object> json) {
    if (json.containsKey("objname")) {
      return json;
    }
    if (json.get("data") instanceof Map<?, ?> data) {
      if (data.containsKey("objname")) {
        return (Map<String, Object>) data;
      }
      if (data.get("reply") instanceof Map<?, ?> reply && reply.containsKey("objname")) {
        return (Map<String, Object>) reply;
      }
    }
    return null;
  }

  static Alert read(Map<String, Object> object) {
    JsonAlertFields f = new JsonAlertFields(object);
    String name = f.optionalText("objname");
    if (name == null) {
      throw AlertParseException.missing("objname", "the TNS object name, e.g. 2024abc");
    }
    if (!name.matches("\\d{4}[A-Za-z]{1,6}")) {
      throw AlertParseException.invalid("objname", "objname must be a TNS name like 2024abc (year and letters)");
    }
    String where = "the TNS object's position in decimal degrees";
    double ra = f.ra("radeg", where);
    double dec = f.dec("decdeg", where);
    String prefix = f.optionalText("name_prefix");
    String type = objectType(f);
    AlertKind kind = isSupernova(prefix, type) ? AlertKind.SUPERNOVA : AlertKind.TRANSIENT;
    return new Alert(AlertFormat.TNS, "tns", name, kind, ra, dec, null, f.optionalInstant("discoverydate"),
        null, type != null ? type : prefix);
  }

  private static String objectType(JsonAlertFields f) {
    Map<String, Object> typed = f.optionalObject("object_type");
    if (typed != null) {
      return typed.get("name") instanceof String s && !s.isBlank() ? s.trim() : null;
    }
    if (f.raw("object_type") instanceof String s) {
      return s.isBlank() ? null : s.trim();
    }
    return f.optionalText("type");
  }

  static boolean isSupernova(String prefix, String type) {
    return (prefix != null && prefix.toUpperCase(Locale.ROOT).equals("SN"))
        || (type != null && type.toUpperCase(Locale.ROOT).startsWith("SN"));
  }
}
