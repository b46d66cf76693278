package org.openastro.alerts;

/** The one rule for event identifiers of every format: they become part of a mission's alert_source_id. */
final class EventIds {
  private EventIds() {}

  /** Throws naming {@code field} unless {@code id} is at most 80 letters, digits or {@code ._+:-}. */
  static String check(String field, String id) {
    if (id.length() > 80 || !id.matches("[A-Za-z0-9._+:\\-]+")) {
      throw AlertParseException.invalid(field, field + " must be at most 80 letters, digits or ._+:-");
    }
    return id;
  }
}
