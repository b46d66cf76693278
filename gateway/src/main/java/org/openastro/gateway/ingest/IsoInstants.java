package org.openastro.gateway.ingest;

import java.time.Instant;

/**
 * {@link Instant#toString()} for the millisecond receive times of heartbeats, without the general
 * formatter: every heartbeat event entry carries one, and the formatter was most of the cost of
 * building the event. The date-and-seconds part is computed once per second and reused; the text
 * is exactly what {@code Instant.toString()} gives (checked in its test). Thread-safe.
 */
final class IsoInstants {
  /** "2026-11-25T14:31:05" of one epoch second. Replaced whole, so readers never see a torn pair. */
  private record Second(long epochSecond, String prefix) {}

  private static final int PREFIX_LENGTH = 19;
  private static volatile Second cached = new Second(Long.MIN_VALUE, "");

  private IsoInstants() {}

  static String format(Instant at) {
    int nanos = at.getNano();
    if (nanos % 1_000_000 != 0) {
      return at.toString();
    }
    long second = at.getEpochSecond();
    Second c = cached;
    if (c.epochSecond() != second) {
      String whole = Instant.ofEpochSecond(second).toString();
      if (whole.length() != PREFIX_LENGTH + 1) {
        return at.toString(); // years beyond 9999 or before 0: not worth a fast path
      }
      c = new Second(second, whole.substring(0, PREFIX_LENGTH));
      cached = c;
    }
    if (nanos == 0) {
      return c.prefix() + 'Z';
    }
    int ms = nanos / 1_000_000;
    char[] text = new char[PREFIX_LENGTH + 5];
    c.prefix().getChars(0, PREFIX_LENGTH, text, 0);
    text[PREFIX_LENGTH] = '.';
    text[PREFIX_LENGTH + 1] = (char) ('0' + ms / 100);
    text[PREFIX_LENGTH + 2] = (char) ('0' + ms / 10 % 10);
    text[PREFIX_LENGTH + 3] = (char) ('0' + ms % 10);
    text[PREFIX_LENGTH + 4] = 'Z';
    return new String(text);
  }
}
