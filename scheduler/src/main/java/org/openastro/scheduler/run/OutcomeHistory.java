package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Each node's task outcomes, counted once per task, and the reliability score drawn from them. */
interface OutcomeHistory {
  /** True when this call counted the task's outcome (false: already counted). */
  Future<Boolean> record(UUID nodeId, UUID taskId, String outcome, double deliveredS, Instant at);

  /** The node's newest outcome names, newest first. */
  Future<List<String>> recent(UUID nodeId, int limit);

  Future<Void> storeScore(UUID nodeId, double reliability);
}
