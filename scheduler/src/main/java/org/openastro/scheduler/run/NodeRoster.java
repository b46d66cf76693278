package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.node.Node;
import org.openastro.domain.NodeStatus;

/** Reads of the fleet: one node, and the nodes indexed under a status. */
interface NodeRoster {
  Future<Optional<Node>> find(UUID nodeId);

  /** Ids indexed under {@code status}: a hint, the node row is the truth. */
  Future<List<UUID>> idsIn(NodeStatus status);

  /** Ids indexed under {@code status} in one shard (nodes_by_status bucket): a hint, the node row is the truth. */
  Future<List<UUID>> idsIn(NodeStatus status, int shard);

  /** The nodes indexed under {@code status} whose row really is in it. */
  Future<List<Node>> nodesIn(NodeStatus status);
}
