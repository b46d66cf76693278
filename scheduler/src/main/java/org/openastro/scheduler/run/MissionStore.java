package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.mission.Mission;
import org.openastro.domain.MissionStatus;

/** Mission rows: read one, and the ids indexed under a status. */
interface MissionStore {
  Future<Optional<Mission>> find(UUID missionId);

  Future<List<UUID>> idsByStatus(MissionStatus status, int limit);
}
