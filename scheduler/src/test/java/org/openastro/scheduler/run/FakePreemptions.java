package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.openastro.cql.node.Node;
import org.openastro.cql.scheduling.Preemptions.Decision;
import org.openastro.cql.scheduling.Preemptions.Outcome;

/** task_preemptions and the claim swap on the fleet's rows, with the real compare-and-set conditions. */
final class FakePreemptions implements PreemptionClaims {
  final Interleavings races = new Interleavings();
  final Map<UUID, Decision> decisions = new HashMap<>();
  private final FakeFleet fleet;

  FakePreemptions(FakeFleet fleet) {
    this.fleet = fleet;
  }

  @Override
  public Future<Outcome> decide(Decision d) {
    return races.run("decide", () -> {
      Decision stored = decisions.putIfAbsent(d.preemptingTaskId(), d);
      return stored == null ? new Outcome(true, d) : new Outcome(false, stored);
    });
  }

  @Override
  public Future<java.util.Optional<Decision>> find(UUID preemptingTaskId) {
    return races.run("findDecision", () -> java.util.Optional.ofNullable(decisions.get(preemptingTaskId)));
  }

  @Override
  public Future<Void> abandon(UUID preemptingTaskId, UUID nodeId) {
    return races.run("abandon", () -> {
      Decision stored = decisions.get(preemptingTaskId);
      if (stored != null && stored.nodeId().equals(nodeId)) {
        decisions.remove(preemptingTaskId);
      }
      return null;
    });
  }

  @Override
  public Future<Boolean> takeOver(Decision stale, java.time.Instant at, UUID by) {
    return races.run("takeOver", () -> {
      Decision stored = decisions.get(stale.preemptingTaskId());
      if (stored == null || !java.util.Objects.equals(stored.decidedAt(), stale.decidedAt())
          || !java.util.Objects.equals(stored.decidedBy(), stale.decidedBy())) {
        return false;
      }
      decisions.put(stale.preemptingTaskId(), new Decision(stale.preemptingTaskId(), stale.nodeId(),
          stale.preemptedTaskId(), at, by));
      return true;
    });
  }

  @Override
  public Future<Boolean> swapClaim(UUID nodeId, UUID from, UUID to) {
    return races.run("swapClaim", () -> {
      Node n = fleet.row(nodeId);
      if (n == null || !from.equals(n.currentTaskId())) {
        return false;
      }
      fleet.set(nodeId, n.status(), to, n.statusChangedAt());
      return true;
    });
  }
}
