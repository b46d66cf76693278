package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.util.UUID;
import org.openastro.cql.scheduling.Preemptions.Decision;
import org.openastro.cql.scheduling.Preemptions.Outcome;

/**
 * The locks of a preemption: one decision per RAPID_RESPONSE task (compare-and-set; the loser gets
 * the stored one), and the swap of a node's claim from the interrupted task to the new one.
 */
interface PreemptionClaims {
  Future<Outcome> decide(Decision d);

  Future<java.util.Optional<Decision>> find(UUID preemptingTaskId);

  Future<Void> abandon(UUID preemptingTaskId, UUID nodeId);

  /** True when the node held {@code from} and now holds {@code to}. */
  Future<Boolean> swapClaim(UUID nodeId, UUID from, UUID to);
}
