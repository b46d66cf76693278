package org.openastro.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a GCN notice in its JSON form (the unified schemas of nasa-gcn/gcn-schema, as streamed on
 * GCN Kafka topics such as {@code gcn.notices.swift.bat.guano}, {@code gcn.notices.einstein_probe.wxt.alert},
 * {@code gcn.notices.icecube.lvk_nu_track_search} or Fermi/GBM's). The stream comes from the notice's
 * {@code $schema} URL ({@code .../gcn/notices/<mission>/<instrument>/...}), or failing that from its
 * {@code mission} / {@code instrument} fields. Fields read: {@code ra}, {@code dec} (degrees),
 * {@code ra_dec_error} or {@code ra_uncertainty} (degrees), {@code id} (first element: the trigger id
 * shared by every notice of the event), else {@code event_name}, {@code trigger_time},
 * {@code alert_datetime} (the notice's own time, which orders the notices of one event),
 * {@code alert_type} ({@code retraction}: a {@link Retraction}; any other type, {@code initial},
 * {@code update} and the like, is a localization like the first), {@code alert_tense}
 * ({@code test} or {@code injection}: a test notice). The error region: {@code ra_dec_error} as an
 * ellipse {@code [a, b, pa]}, {@code containment_probability} (what the radius or ellipse encloses,
 * 0.9 by default), and a HEALPix sky map, {@code healpix_url} or {@code healpix_file} (base64
 * FITS), which wins over the radius. A notice without ra/dec is localized by its sky map alone, or
 * without one is {@link Unlocalized}: it gives nothing to point at.
 */
final class GcnJsonNotices {
  static final String SCHEMA_MARKER = "/gcn/notices/";

  /** A GCN stream: its source name and the kind of transient it announces. */
  record Stream(String source, AlertKind kind) {}

  /** Schema path prefixes (after {@code /gcn/notices/}) with their streams; first match wins. */
  private static final List<Map.Entry<String, Stream>> BY_SCHEMA = List.of(
      Map.entry("swift/", new Stream("swift", AlertKind.GRB)),
      Map.entry("fermi/", new Stream("fermi", AlertKind.GRB)),
      Map.entry("svom/", new Stream("svom", AlertKind.GRB)),
      Map.entry("integral/", new Stream("integral", AlertKind.GRB)),
      Map.entry("burstcube/", new Stream("burstcube", AlertKind.GRB)),
      Map.entry("einstein_probe/", new Stream("einstein_probe", AlertKind.XRAY_TRANSIENT)),
      Map.entry("icecube/", new Stream("icecube", AlertKind.NEUTRINO)));

  private GcnJsonNotices() {}

  /** True when the document looks like a GCN notice rather than anything else. */
  static boolean looksLikeNotice(Map<String, Object> json) {
    Object schema = json.get("$schema");
    if (schema instanceof String s && s.contains(SCHEMA_MARKER)) {
      return true;
    }
    return json.containsKey("trigger_time") && (json.containsKey("mission") || json.containsKey("instrument"));
  }

  static Notice read(Map<String, Object> json) {
    JsonAlertFields f = new JsonAlertFields(json);
    Stream stream = stream(f);
    String alertType = f.optionalText("alert_type");
    boolean test = NoticeTense.isTestTense(f.optionalText("alert_tense"));
    String eventId = JsonAlertFields.asId(f.first("id"));
    if (eventId == null) {
      eventId = JsonAlertFields.asId(f.first("event_name"));
    }
    if (eventId == null) {
      throw f.has("id") ? AlertParseException.invalid("id", "id must be a string or whole number, or a list of them")
          : AlertParseException.missing("id", "the notice's trigger or event identifier");
    }
    EventIds.check("id", eventId);
    Instant issued = f.optionalInstant("alert_datetime");
    if (NoticeTense.isRetraction(alertType)) {
      return new Retraction(AlertFormat.GCN_JSON, stream.source(), eventId, issued, alertType, test);
    }
    AlertRegion map = SkyMapFields.read(f, "healpix_url", "healpix_file");
    String where = "a notice without ra/dec (and without healpix_url or healpix_file) gives no position to observe";
    if (!f.has("ra") && !f.has("dec")) {
      if (map != null) {
        // Localized by its sky map alone: placed at the map's best pointing once the map is read.
        return new Alert(AlertFormat.GCN_JSON, stream.source(), eventId, stream.kind(), Double.NaN, Double.NaN, null,
            f.optionalInstant("trigger_time"), issued, alertType, test, map);
      }
      return new Unlocalized(AlertFormat.GCN_JSON, stream.source(), eventId, issued, alertType, test,
          AlertParseException.missing("ra", where));
    }
    double ra = f.ra("ra", where);
    double dec = f.dec("dec", where);
    Double containment = f.optionalNumber("containment_probability");
    if (containment != null && !(containment > 0 && containment < 1)) {
      throw AlertParseException.invalid("containment_probability", "containment_probability must be above 0 and below 1");
    }
    double c = containment == null ? AlertRegion.DEFAULT_CONTAINMENT : containment;
    AlertRegion region = null;
    Double error;
    if (f.raw("ra_dec_error") instanceof List<?> ellipse) {
      AlertRegion.Ellipse e = ellipse(ellipse, c);
      error = e.aDeg();
      region = e;
    } else {
      error = f.optionalNumber("ra_dec_error");
      if (error == null && f.first("ra_uncertainty") != null) {
        error = JsonAlertFields.asNumber(f.first("ra_uncertainty"));
        if (error == null) {
          throw AlertParseException.invalid("ra_uncertainty", "ra_uncertainty must be a number or a list of numbers");
        }
      }
      if (error != null && !(error >= 0 && error <= 180)) {
        throw AlertParseException.invalid(f.has("ra_dec_error") ? "ra_dec_error" : "ra_uncertainty",
            "the error radius must be between 0 and 180 degrees");
      }
      if (error != null && error > 0) {
        region = new AlertRegion.Ellipse(error, error, 0, c);
      }
    }
    return new Alert(AlertFormat.GCN_JSON, stream.source(), eventId, stream.kind(), ra, dec, error,
        f.optionalInstant("trigger_time"), issued, alertType, test, map != null ? map : region);
  }

  /** {@code ra_dec_error} as an ellipse {@code [a, b, pa]}: semi-axes in degrees, position angle north through east. */
  static AlertRegion.Ellipse ellipse(List<?> values, double containment) {
    String what = "ra_dec_error as a list is an ellipse [a, b, pa]: semi-major and semi-minor axes (degrees,"
        + " 0 < b <= a <= 90) and the position angle of the major axis (degrees, north through east)";
    if (values.size() != 3) {
      throw AlertParseException.invalid("ra_dec_error", what);
    }
    Double a = JsonAlertFields.asNumber(values.get(0));
    Double b = JsonAlertFields.asNumber(values.get(1));
    Double pa = JsonAlertFields.asNumber(values.get(2));
    if (a == null || b == null || pa == null || !(b > 0 && b <= a && a <= 90)) {
      throw AlertParseException.invalid("ra_dec_error", what);
    }
    return new AlertRegion.Ellipse(a, b, pa, containment);
  }

  static Stream stream(JsonAlertFields f) {
    String schema = f.optionalText("$schema");
    if (schema != null) {
      int at = schema.indexOf(SCHEMA_MARKER);
      if (at < 0) {
        throw AlertParseException.invalid("$schema", "$schema is not a GCN notice schema (no " + SCHEMA_MARKER + ")");
      }
      String path = schema.substring(at + SCHEMA_MARKER.length()).toLowerCase(Locale.ROOT);
      for (Map.Entry<String, Stream> e : BY_SCHEMA) {
        if (path.startsWith(e.getKey())) {
          return e.getValue();
        }
      }
      int slash = path.indexOf('/');
      String source = slash > 0 ? path.substring(0, slash) : path;
      if (source.isEmpty() || !source.matches("[a-z0-9_]+")) {
        throw AlertParseException.invalid("$schema", "$schema names no GCN stream after " + SCHEMA_MARKER);
      }
      return new Stream(source, AlertKind.TRANSIENT);
    }
    String mission = norm(f.optionalText("mission"));
    String instrument = norm(f.optionalText("instrument"));
    if (mission == null && instrument == null) {
      throw AlertParseException.missing("$schema", "a GCN notice names its stream by $schema, mission or instrument");
    }
    if (mission != null) {
      switch (mission) {
        case "swift": return new Stream("swift", AlertKind.GRB);
        case "fermi": return new Stream("fermi", AlertKind.GRB);
        case "svom": return new Stream("svom", AlertKind.GRB);
        case "icecube": return new Stream("icecube", AlertKind.NEUTRINO);
        case "einstein_probe": case "ep": return new Stream("einstein_probe", AlertKind.XRAY_TRANSIENT);
        default: break;
      }
    }
    if ("wxt".equals(instrument) || "fxt".equals(instrument)) {
      return new Stream("einstein_probe", AlertKind.XRAY_TRANSIENT);
    }
    String source = mission != null ? mission : instrument;
    if (!source.matches("[a-z0-9_]+")) {
      throw AlertParseException.invalid(mission != null ? "mission" : "instrument", "unknown GCN stream " + source);
    }
    return new Stream(source, AlertKind.TRANSIENT);
  }

  private static String norm(String s) {
    return s == null ? null : s.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
  }
}
