package org.openastro.alerts;

import java.time.Instant;

/**
 * An external transient alert with a position, read from any of the accepted formats: the first
 * notice of an event makes its mission, a later one (newer by {@link #issuedAt}) moves it.
 *
 * @param format where it came from
 * @param source the stream it belongs to, lower case: {@code swift}, {@code fermi},
 *     {@code einstein_probe}, {@code icecube}, ... for GCN; {@code tns} for TNS objects
 * @param eventId the event's identifier in that stream (GCN trigger id, TNS object name without prefix)
 * @param kind what it announces, which picks the alert rule
 * @param ra right ascension, degrees J2000, in [0, 360)
 * @param dec declination, degrees J2000
 * @param errorRadiusDeg radius of the localisation error, degrees; null when the alert gives none
 * @param eventTime when the event happened (trigger time, discovery date); null when not given
 * @param issuedAt when the notice was issued (alert_datetime, VOEvent Who/Date); null when not given
 * @param noticeType the notice's own type (alert_type, VOEvent Packet_Type, TNS object type); may be null
 * @param test a test or practice notice (see {@link Notice#test()})
 */
public record Alert(
    AlertFormat format,
    String source,
    String eventId,
    AlertKind kind,
    double ra,
    double dec,
    Double errorRadiusDeg,
    Instant eventTime,
    Instant issuedAt,
    String noticeType,
    boolean test) implements Notice {

  /** A real (not test) notice. */
  public Alert(AlertFormat format, String source, String eventId, AlertKind kind, double ra, double dec,
      Double errorRadiusDeg, Instant eventTime, Instant issuedAt, String noticeType) {
    this(format, source, eventId, kind, ra, dec, errorRadiusDeg, eventTime, issuedAt, noticeType, false);
  }
}
