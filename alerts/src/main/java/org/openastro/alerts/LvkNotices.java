package org.openastro.alerts;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an LVK gravitational-wave notice as GCN Kafka streams it on {@code igwn.gwalert} (JSON:
 * {@code superevent_id}, {@code alert_type} PRELIMINARY, INITIAL, UPDATE or RETRACTION,
 * {@code time_created}, {@code event} with a multi-order sky map). Its source is {@code lvk}, its
 * event the superevent ({@code GCN:lvk:S230518h}). A retraction is a {@link Retraction}; the other
 * notices localize by their multi-order sky map ({@code event.skymap}, base64 FITS) only: an
 * {@link Alert} of kind TRANSIENT (the counterpart search) placed where the map is read, or
 * {@link Unlocalized} without one. Mock and test superevents
 * ({@code M...}, {@code T...}) are test notices.
 */
final class LvkNotices {
  static final String SOURCE = "lvk";

  private LvkNotices() {}

  /** True when the document is an LVK alert rather than anything else. */
  static boolean looksLikeNotice(Map<String, Object> json) {
    return json.containsKey("superevent_id") && json.containsKey("alert_type");
  }

  static Notice read(Map<String, Object> json) {
    JsonAlertFields f = new JsonAlertFields(json);
    String id = f.optionalText("superevent_id");
    if (id == null) {
      throw AlertParseException.missing("superevent_id", "the LVK superevent, e.g. S230518h");
    }
    EventIds.check("superevent_id", id);
    String alertType = f.optionalText("alert_type");
    if (alertType == null) {
      throw AlertParseException.missing("alert_type", "PRELIMINARY, INITIAL, UPDATE or RETRACTION");
    }
    alertType = alertType.toUpperCase(Locale.ROOT);
    Instant issued = f.optionalInstant("time_created");
    boolean test = NoticeTense.isLvkPractice(id);
    if (NoticeTense.isRetraction(alertType)) {
      return new Retraction(AlertFormat.GCN_JSON, SOURCE, id, issued, alertType, test);
    }
    Map<String, Object> event = f.optionalObject("event");
    AlertRegion map = event == null ? null : SkyMapFields.read(new JsonAlertFields(event), "event.", null, "skymap");
    if (map == null) {
      return new Unlocalized(AlertFormat.GCN_JSON, SOURCE, id, issued, alertType, test,
          AlertParseException.missing("event.skymap", "an LVK notice localizes its event by its sky map only"));
    }
    // A gravitational-wave event: its optical counterpart is searched for as a transient.
    return new Alert(AlertFormat.GCN_JSON, SOURCE, id, AlertKind.TRANSIENT, Double.NaN, Double.NaN, null,
        event == null ? null : new JsonAlertFields(event).optionalInstant("time"), issued, alertType, test, map);
  }
}
