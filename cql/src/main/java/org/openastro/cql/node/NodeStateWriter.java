package org.openastro.cql.node;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.UUID;
import org.openastro.cql.Buckets;
import org.openastro.cql.VertxFutures;
import org.openastro.domain.NodeStatus;

/**
 * Status changes of a node, written only when the status changes. A status change is an LWT
 * ({@code IF status = <expected>}): the gateway (the node's own report) and the scheduler (a fault)
 * may change it at the same moment, and the by-status index must follow exactly one winner.
 *
 * <p>{@code nodes.current_task_id} is the scheduler's claim (set and cleared only with LWTs in
 * {@code NodeClaims}); the task a node says it works on goes to its heartbeat history, never here,
 * so a heartbeat racing an assignment cannot erase the claim.
 */
public final class NodeStateWriter {
  private final CqlSession session;
  private final PreparedStatement changeStatus;
  private final PreparedStatement changeReportedStatus;
  private final PreparedStatement removeFromStatus;
  private final PreparedStatement addToStatus;

  /** Prepares statements (blocks): build at start-up. */
  public NodeStateWriter(CqlSession session) {
    this.session = session;
    this.changeStatus = session.prepare("UPDATE nodes SET status = ?, status_changed_at = ?, current_task_id = ?"
        + " WHERE node_id = ? IF status = ?");
    this.changeReportedStatus = session.prepare("UPDATE nodes SET status = ?, status_changed_at = ?"
        + " WHERE node_id = ? IF status = ?");
    this.removeFromStatus = session.prepare("DELETE FROM nodes_by_status WHERE status = ? AND bucket = ? AND node_id = ?");
    this.addToStatus = session.prepare("INSERT INTO nodes_by_status (status, bucket, node_id) VALUES (?, ?, ?)");
  }

  /**
   * The scheduler's move from {@code expected} to {@code next}, also setting its claim
   * {@code current_task_id} (null clears it, as when a node faults and its work is reassigned).
   * Succeeds with the status now stored: {@code next} when applied, else whatever another writer
   * put there (the caller then knows the truth and may try again from it).
   */
  public Future<NodeStatus> changeStatus(UUID nodeId, NodeStatus expected, NodeStatus next, UUID currentTaskId,
      Instant at) {
    return move(nodeId, expected, next,
        changeStatus.bind(next.name(), at, currentTaskId, nodeId, expected.name()));
  }

  /** The node's own report of a new status (ONLINE, BUSY, PARKED); leaves the scheduler's claim alone. */
  public Future<NodeStatus> changeReportedStatus(UUID nodeId, NodeStatus expected, NodeStatus next, Instant at) {
    return move(nodeId, expected, next, changeReportedStatus.bind(next.name(), at, nodeId, expected.name()));
  }

  private Future<NodeStatus> move(UUID nodeId, NodeStatus expected, NodeStatus next,
      BoundStatement update) {
    return VertxFutures.onCallerContext(session.executeAsync(
            update.setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)))
        .compose(rs -> {
          if (!rs.wasApplied()) {
            Row row = rs.one();
            String stored = row == null ? null : row.getString("status");
            return Future.succeededFuture(stored == null ? expected : NodeStatus.valueOf(stored));
          }
          int bucket = Buckets.of(nodeId);
          // Logged: the node is never in neither or both index partitions after a crash.
          BatchStatement indexMove = BatchStatement.builder(DefaultBatchType.LOGGED)
              .addStatement(removeFromStatus.bind(expected.name(), bucket, nodeId))
              .addStatement(addToStatus.bind(next.name(), bucket, nodeId))
              .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
              .build();
          return VertxFutures.onCallerContext(session.executeAsync(indexMove)).map(ignored -> next);
        });
  }
}
