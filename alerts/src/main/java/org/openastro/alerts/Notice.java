package org.openastro.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One notice about an event, as read from any accepted format: where the event is ({@link Alert}),
 * that it was withdrawn ({@link Retraction}), or a notice of it that gives no position
 * ({@link Unlocalized}: a sky map only, say). Every notice of one event names the same event
 * ({@link #alertSourceId()}), so it finds the mission the first one made.
 */
public sealed interface Notice permits Alert, Retraction, Unlocalized {
  /** The prefix of the mission id's name, so alert ids never collide with other name-based ids. */
  String ID_NAMESPACE = "openastro:alert:";

  AlertFormat format();

  /** The stream it belongs to, lower case: {@code swift}, {@code fermi}, {@code lvk}, ...; {@code tns} for TNS. */
  String source();

  /** The event's identifier in that stream (GCN trigger id, LVK superevent id, TNS object name without prefix). */
  String eventId();

  /** When the notice was issued (alert_datetime, LVK time_created, VOEvent Who/Date); null when not given. */
  Instant issuedAt();

  /** The notice's own type (alert_type, VOEvent Packet_Type, TNS object type); may be null. */
  String noticeType();

  /**
   * A test or practice notice ({@code alert_tense} test or injection, an LVK mock or test superevent,
   * a VOEvent of role test): it makes no mission unless {@code ALERT_ACCEPT_TEST_NOTICES} says so.
   */
  boolean test();

  /**
   * The mission's {@code alert_source_id}: {@code GCN:<source>:<event id>} or {@code TNS:<name>}.
   * It names the event, not the notice, so every notice about one event maps to one mission.
   */
  default String alertSourceId() {
    return format() == AlertFormat.TNS ? "TNS:" + eventId() : "GCN:" + source() + ":" + eventId();
  }

  /**
   * The mission id: a name-based UUID of {@link #alertSourceId()}, so the same alert posted twice
   * (or to two gateways at once) lands on the same row and the second create finds the first.
   */
  default UUID missionId() {
    return UUID.nameUUIDFromBytes((ID_NAMESPACE + alertSourceId()).getBytes(StandardCharsets.UTF_8));
  }
}
