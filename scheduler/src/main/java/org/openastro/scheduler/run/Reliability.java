package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openastro.scheduler.reliability.Outcome;
import org.openastro.scheduler.reliability.ReliabilityScore;

/** Counts a task outcome once and refreshes the node's ReliabilityScore from its history. */
final class Reliability {
  private final OutcomeHistory ledger;

  Reliability(OutcomeHistory ledger) {
    this.ledger = ledger;
  }

  Future<Void> count(UUID nodeId, UUID taskId, Outcome outcome, double deliveredS, Instant at) {
    return ledger.record(nodeId, taskId, outcome.name(), deliveredS, at)
        .compose(first -> !first ? Future.succeededFuture() : ledger.recent(nodeId, ReliabilityScore.WINDOW)
            .compose(names -> {
              List<Outcome> newestFirst = names.stream().map(Outcome::valueOf).toList();
              return ledger.storeScore(nodeId, ReliabilityScore.of(newestFirst));
            }));
  }
}
