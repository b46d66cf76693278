package org.openastro.cql.scheduling;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.Buckets;
import org.openastro.cql.Rows;
import org.openastro.cql.node.Node;
import org.openastro.cql.node.NodeRepository;
import org.openastro.domain.NodeStatus;

/**
 * A node's claim on one task ({@code nodes.current_task_id}): the lock that keeps a node from
 * holding two tasks. Taking it is an LWT {@code IF current_task_id = null AND status = 'ONLINE'},
 * so of two schedulers claiming the same node exactly one wins; releasing it is an LWT on the
 * task id held, so a late release never frees a newer claim.
 */
public final class NodeClaims {
  private final CqlSession session;
  private final NodeRepository nodes;
  private final PreparedStatement claim;
  private final PreparedStatement release;
  private final PreparedStatement idsByStatus;

  /** Prepares statements (blocks): build at start-up. */
  public NodeClaims(CqlSession session) {
    this.session = session;
    this.nodes = new NodeRepository(session);
    this.claim = session.prepare("UPDATE nodes SET current_task_id = ? WHERE node_id = ?"
        + " IF current_task_id = null AND status = 'ONLINE'");
    this.release = session.prepare("UPDATE nodes SET current_task_id = null WHERE node_id = ? IF current_task_id = ?");
    this.idsByStatus = session.prepare("SELECT node_id FROM nodes_by_status WHERE status = ? AND bucket = ?");
  }

  /** True when this call took the node for {@code taskId}. */
  public Future<Boolean> claim(UUID nodeId, UUID taskId) {
    return Statements.run(session, claim.bind(taskId, nodeId)).map(AsyncResultSet::wasApplied);
  }

  /** Frees the node if it still holds {@code taskId}; true when it did. */
  public Future<Boolean> release(UUID nodeId, UUID taskId) {
    return Statements.run(session, release.bind(nodeId, taskId)).map(AsyncResultSet::wasApplied);
  }

  public Future<Optional<Node>> find(UUID nodeId) {
    return nodes.find(nodeId);
  }

  /** Ids indexed under {@code status} (all buckets); a hint: the nodes row is the truth. */
  public Future<List<UUID>> idsIn(NodeStatus status) {
    List<Future<List<UUID>>> buckets = new ArrayList<>();
    for (int b = 0; b < Buckets.COUNT; b++) {
      buckets.add(Statements.run(session, idsByStatus.bind(status.name(), b))
          .compose(rs -> Rows.all(rs, r -> r.getUuid(0))));
    }
    return Future.all(buckets).map(all -> {
      List<UUID> ids = new ArrayList<>();
      for (int i = 0; i < buckets.size(); i++) {
        ids.addAll(all.<List<UUID>>resultAt(i));
      }
      return ids;
    });
  }

  /** Ids indexed under {@code status} in one bucket (a scheduler shard), read page by page. */
  public Future<List<UUID>> idsIn(NodeStatus status, int bucket) {
    return Statements.run(session, idsByStatus.bind(status.name(), bucket)).compose(rs -> Rows.all(rs, r -> r.getUuid(0)));
  }

  /** The nodes indexed under {@code status} whose row really is in it. */
  public Future<List<Node>> nodesIn(NodeStatus status) {
    return idsIn(status).compose(ids -> {
      List<Future<Optional<Node>>> reads = ids.stream().map(nodes::find).toList();
      return Future.all(reads).map(all -> {
        List<Node> result = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
          all.<Optional<Node>>resultAt(i).filter(n -> n.status() == status).ifPresent(result::add);
        }
        return result;
      });
    });
  }
}
