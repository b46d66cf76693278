package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.mission.Mission;
import org.openastro.domain.MissionStatus;
import org.openastro.scheduler.mission.Frames;

/** Mission rows: read one, and the ids indexed under a status. */
interface MissionStore {
  Future<Optional<Mission>> find(UUID missionId);

  Future<List<UUID>> idsByStatus(MissionStatus status, int limit);

  /** How the mission counts exposure; continuous when it is gone. */
  default Future<Frames> framesOf(UUID missionId) {
    return find(missionId).map(m -> m.map(Frames::of).orElse(Frames.CONTINUOUS));
  }
}
