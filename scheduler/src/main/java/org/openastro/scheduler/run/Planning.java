package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.UUID;
import org.openastro.cql.mission.Mission;
import org.openastro.scheduler.mission.MissionProgress;

/** Planning of a mission's uncovered exposure into tasks, as the mission keeper asks for it. */
interface Planning {
  Future<Void> maybePlan(Mission m, MissionProgress progress, Instant now);

  /** The mission closed: drop what was remembered about planning it. */
  void forget(UUID missionId);
}
