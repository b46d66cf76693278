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
 * @param region the error region when the notice gives more than a radius (an ellipse, a sky map);
 *     null otherwise. A notice localized by a sky map alone has no position until the map is read:
 *     its ra and dec are NaN until {@link #at} gives it the map's best pointing.
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
    boolean test,
    AlertRegion region) implements Notice {

  /** A notice whose region is its radius (or nothing). */
  public Alert(AlertFormat format, String source, String eventId, AlertKind kind, double ra, double dec,
      Double errorRadiusDeg, Instant eventTime, Instant issuedAt, String noticeType, boolean test) {
    this(format, source, eventId, kind, ra, dec, errorRadiusDeg, eventTime, issuedAt, noticeType, test, null);
  }

  /** A real (not test) notice. */
  public Alert(AlertFormat format, String source, String eventId, AlertKind kind, double ra, double dec,
      Double errorRadiusDeg, Instant eventTime, Instant issuedAt, String noticeType) {
    this(format, source, eventId, kind, ra, dec, errorRadiusDeg, eventTime, issuedAt, noticeType, false, null);
  }

  /** True when the position comes from a sky map still to be read. */
  public boolean positionFromMap() {
    return Double.isNaN(ra) || Double.isNaN(dec);
  }

  /** This notice placed at ({@code raDeg}, {@code decDeg}): a sky map's best pointing. */
  public Alert at(double raDeg, double decDeg) {
    return new Alert(format, source, eventId, kind, raDeg, decDeg, errorRadiusDeg, eventTime, issuedAt, noticeType,
        test, region);
  }
}
