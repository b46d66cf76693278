package org.openastro.cql.node;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
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
 * Changes of a node's reported state (status, current task), written only when they change.
 * A status change is an LWT ({@code IF status = <expected>}): the scheduler may fault the node at
 * the same moment, and the by-status index must follow exactly one winner.
 */
public final class NodeStateWriter {
  private final CqlSession session;
  private final PreparedStatement changeStatus;
  private final PreparedStatement changeCurrentTask;
  private final PreparedStatement removeFromStatus;
  private final PreparedStatement addToStatus;

  /** Prepares statements (blocks): build at start-up. */
  public NodeStateWriter(CqlSession session) {
    this.session = session;
    this.changeStatus = session.prepare("UPDATE nodes SET status = ?, status_changed_at = ?, current_task_id = ?"
        + " WHERE node_id = ? IF status = ?");
    this.changeCurrentTask = session.prepare("UPDATE nodes SET current_task_id = ? WHERE node_id = ?");
    this.removeFromStatus = session.prepare("DELETE FROM nodes_by_status WHERE status = ? AND bucket = ? AND node_id = ?");
    this.addToStatus = session.prepare("INSERT INTO nodes_by_status (status, bucket, node_id) VALUES (?, ?, ?)");
  }

  /**
   * Moves the node from {@code expected} to {@code next} (and sets its current task). Succeeds with
   * the status now stored: {@code next} when applied, else whatever another writer put there (the
   * caller then knows the truth and may try again from it).
   */
  public Future<NodeStatus> changeStatus(UUID nodeId, NodeStatus expected, NodeStatus next, UUID currentTaskId,
      Instant at) {
    return VertxFutures.onCallerContext(session.executeAsync(changeStatus.bind(next.name(), at, currentTaskId,
            nodeId, expected.name()).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)))
        .compose(rs -> {
          if (!rs.wasApplied()) {
            Row row = rs.one();
            String stored = row == null ? null : row.getString("status");
            return Future.succeededFuture(stored == null ? expected : NodeStatus.valueOf(stored));
          }
          int bucket = Buckets.of(nodeId);
          // Logged: the node is never in neither or both index partitions after a crash.
          BatchStatement move = BatchStatement.builder(DefaultBatchType.LOGGED)
              .addStatement(removeFromStatus.bind(expected.name(), bucket, nodeId))
              .addStatement(addToStatus.bind(next.name(), bucket, nodeId))
              .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
              .build();
          return VertxFutures.onCallerContext(session.executeAsync(move)).map(ignored -> next);
        });
  }

  /** Sets the task the node says it works on (null = none), without touching its status. */
  public Future<Void> changeCurrentTask(UUID nodeId, UUID currentTaskId) {
    return VertxFutures.onCallerContext(session.executeAsync(changeCurrentTask.bind(currentTaskId, nodeId)
            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM).setIdempotent(true)))
        .mapEmpty();
  }
}
