package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One planner per mission across instances: a lease with a TTL, so a dead holder loses it. */
interface PlanningLease {
  /** True when {@code holder} has the lease now. */
  Future<Boolean> take(UUID missionId, UUID holder, Duration ttl, Instant now);

  Future<Void> release(UUID missionId, UUID holder);
}
