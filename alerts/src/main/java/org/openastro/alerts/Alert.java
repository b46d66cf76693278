package org.openastro.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An external transient alert, read from any of the accepted formats.
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
    String noticeType) {

  /** The prefix of the mission id's name, so alert ids never collide with other name-based ids. */
  static final String ID_NAMESPACE = "openastro:alert:";

  /**
   * The mission's {@code alert_source_id}: {@code GCN:<source>:<event id>} or {@code TNS:<name>}.
   * It names the event, not the notice, so every notice about one event maps to one mission.
   */
  public String alertSourceId() {
    return format == AlertFormat.TNS ? "TNS:" + eventId : "GCN:" + source + ":" + eventId;
  }

  /**
   * The mission id: a name-based UUID of {@link #alertSourceId()}, so the same alert posted twice
   * (or to two gateways at once) lands on the same row and the second create finds the first.
   */
  public UUID missionId() {
    return UUID.nameUUIDFromBytes((ID_NAMESPACE + alertSourceId()).getBytes(StandardCharsets.UTF_8));
  }
}
