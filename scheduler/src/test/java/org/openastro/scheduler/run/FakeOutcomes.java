package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Outcome history in memory: a task's outcome counts once, newest first per node. */
final class FakeOutcomes implements OutcomeHistory {
  final Map<UUID, List<String>> byNode = new HashMap<>();
  final Map<UUID, Double> scores = new HashMap<>();
  private final Set<UUID> counted = new HashSet<>();

  @Override
  public Future<Boolean> record(UUID nodeId, UUID taskId, String outcome, double deliveredS, Instant at) {
    if (!counted.add(taskId)) {
      return Future.succeededFuture(false);
    }
    byNode.computeIfAbsent(nodeId, k -> new ArrayList<>()).add(0, outcome);
    return Future.succeededFuture(true);
  }

  @Override
  public Future<List<String>> recent(UUID nodeId, int limit) {
    return Future.succeededFuture(byNode.getOrDefault(nodeId, List.of()).stream().limit(limit).toList());
  }

  @Override
  public Future<Void> storeScore(UUID nodeId, double reliability) {
    scores.put(nodeId, reliability);
    return Future.succeededFuture();
  }
}
