package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.UUID;
import org.openastro.domain.NodeStatus;

/**
 * The scheduler's compare-and-set of a node's status (clearing its claim): succeeds with the status
 * now stored, {@code next} when this call moved it, else what another writer put there.
 */
@FunctionalInterface
interface NodeStatusMoves {
  Future<NodeStatus> move(UUID nodeId, NodeStatus expected, NodeStatus next, Instant at);
}
