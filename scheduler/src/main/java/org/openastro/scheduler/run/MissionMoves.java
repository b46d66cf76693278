package org.openastro.scheduler.run;

import io.vertx.core.Future;
import org.openastro.cql.mission.Mission;
import org.openastro.domain.MissionStatus;

/** A mission's status and completed exposure, written only while it is still in the status read. */
interface MissionMoves {
  /** {@code m.status()} → {@code next}; true when this call moved it. */
  Future<Boolean> move(Mission m, MissionStatus next, double completedS);

  Future<Void> recordProgress(Mission m, double completedS);
}
