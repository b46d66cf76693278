package org.openastro.scheduler.tom;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * Times as the portal takes them (Django's datetime parsing): ISO-8601 with a {@code T} or a space
 * between date and time ({@code 2019-05-02 00:00:00}, what LCO's own examples send), with or without
 * fractions and zone; a time without a zone is UTC, as at the portal; a date alone is its midnight.
 * The TOM Toolkit sends Python's {@code isoformat()}, which has no zone for naive times.
 */
final class LcoTimes {
  private LcoTimes() {}

  /** The instant {@code text} names, or an {@link IllegalArgumentException} saying what was expected. */
  static Instant parse(String text) {
    String t = text.trim();
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (t.length() > 10 && t.charAt(10) == ' ') {
        t = t.substring(0, 10) + 'T' + t.substring(11);
      }
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(t, ZonedDateTime::from, LocalDateTime::from);
      return parsed instanceof ZonedDateTime zoned ? zoned.toInstant()
          : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) { // unparsable, or a zone or date that does not exist
      throw new IllegalArgumentException("Datetime has wrong format. Use one of these formats instead: "
          + "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z] (UTC when no zone).");
    }
  }
}
