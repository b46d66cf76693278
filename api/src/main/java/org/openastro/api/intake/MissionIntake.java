package org.openastro.api.intake;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.Created;
import org.openastro.cql.mission.Mission;

/**
 * The one way a mission enters the system, whatever brought it (the mission API, an alert, a feed):
 * it is stored idempotently and, when new, announced on {@code openastro.mission.created} so the
 * scheduler plans and assigns it at once instead of at its next sweep. An alert's later notices go
 * the same way: a newer localization moves the mission ({@link #relocate}), a retraction cancels
 * it ({@link #cancel}).
 */
public interface MissionIntake {
  /**
   * Creates {@code mission}. The same id with the same content again answers the stored mission
   * ({@code created() == false}); the same id with other content fails with
   * {@link org.openastro.cql.IdConflictException}.
   */
  Future<Created<Mission>> submit(Mission mission);

  /**
   * Creates {@code mission}, or answers whatever is stored under its id, unchanged: for ids derived
   * from an outside event (an alert), where a later copy of the event is the same mission even
   * when it differs in detail (its receive time, a refined position).
   */
  Future<Created<Mission>> submitOrGet(Mission mission);

  /** The mission stored under {@code missionId}. */
  Future<Optional<Mission>> find(UUID missionId);

  /**
   * Cancels {@code mission} (read just before) as {@code POST /api/v1/missions/{id}/cancel} does:
   * CANCELLED, its open tasks closed and their nodes told, with {@code reason} ({@code retracted}
   * for an alert's retraction). Answers the mission as stored after; a COMPLETE or EXPIRED mission
   * stays as it is, and a CANCELLED one has what a crash left finished.
   */
  Future<Mission> cancel(Mission mission, String reason, Instant now);

  /**
   * An alert's later notice: when {@code next} is newer than the localization {@code mission}
   * (read just before) stores, by the notices' own times, the mission takes its target and error
   * radius (a compare-and-set on the notice time read: decided again on fresh data when another
   * notice came in between), and when the target moved, each assigned open task is re-sent to its
   * node with the new target, or taken back and its exposure planned anew when that node cannot see
   * it. An older notice, or one for a closed mission, changes nothing ({@link LocalizationRules}).
   */
  Future<Relocation> relocate(Mission mission, Localization next, Instant now);
}
