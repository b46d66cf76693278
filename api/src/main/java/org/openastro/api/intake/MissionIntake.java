package org.openastro.api.intake;

import io.vertx.core.Future;
import org.openastro.cql.Created;
import org.openastro.cql.mission.Mission;

/**
 * The one way a mission enters the system, whatever brought it (the mission API, an alert, a feed):
 * it is stored idempotently and, when new, announced on {@code openastro.mission.created} so the
 * scheduler plans and assigns it at once instead of at its next sweep.
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
}
