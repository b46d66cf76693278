package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.util.UUID;
import org.openastro.cql.scheduling.Preemptions.Decision;
import org.openastro.cql.scheduling.Preemptions.Outcome;

/**
 * The locks of a preemption: one decision per RAPID_RESPONSE task (compare-and-set; the loser gets
 * the stored one; a stale one taken over by one process only), and the swap of a node's claim from the interrupted task to the new one.
 */
interface PreemptionClaims {
  Future<Outcome> decide(Decision d);

  Future<java.util.Optional<Decision>> find(UUID preemptingTaskId);

  Future<Void> abandon(UUID preemptingTaskId, UUID nodeId);

  /**
   * Makes the stale decision, as read, this process's ({@code by}, {@code at}): true when this call
   * did; of two processes finding the same stale decision, exactly one takes it over.
   */
  Future<Boolean> takeOver(Decision stale, java.time.Instant at, UUID by);

  /** True when the node held {@code from} and now holds {@code to}. */
  Future<Boolean> swapClaim(UUID nodeId, UUID from, UUID to);
}
