package org.openastro.scheduler.run;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.openastro.domain.NodeStatus;
import org.openastro.events.EventAddresses;

/**
 * Status moves that tell watchers (the operator console) of every move they made, on
 * {@link EventAddresses#NODE_STATUS}. Only a move this call made is published: a compare-and-set
 * lost to another writer is that writer's news, so a fault is published once across schedulers.
 */
final class PublishedStatusMoves implements NodeStatusMoves {
  private final NodeStatusMoves moves;
  private final EventBus bus;

  PublishedStatusMoves(NodeStatusMoves moves, EventBus bus) {
    this.moves = moves;
    this.bus = bus;
  }

  @Override
  public Future<NodeStatus> move(UUID nodeId, NodeStatus expected, NodeStatus next, Instant at) {
    return moves.move(nodeId, expected, next, at).onSuccess(now -> {
      if (now == next && expected != next) {
        bus.publish(EventAddresses.NODE_STATUS, event(nodeId, expected, next, at));
      }
    });
  }

  static JsonObject event(UUID nodeId, NodeStatus previous, NodeStatus status, Instant at) {
    return new JsonObject().put("node_id", nodeId.toString()).put("status", status.name())
        .put("previous_status", previous.name()).put("at", at.toString());
  }
}
