package org.openastro.cql.node;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.openastro.cql.Rows;
import org.openastro.cql.VertxFutures;
import org.openastro.domain.TaskStatus;

/**
 * The open work a node holds (tasks_by_node), read when the node (re)connects or polls: the
 * durable source of downlink, so an assignment made while the node was offline, or while it was
 * connected to another gateway, still reaches it.
 */
public final class NodeTasks {
  /** Work the node should still have: assigned and not yet closed. */
  public static final Set<TaskStatus> OPEN = Set.of(TaskStatus.PENDING, TaskStatus.EXECUTING);

  private final CqlSession session;
  private final PreparedStatement byNode;

  /** Prepares statements (blocks): build at start-up. */
  public NodeTasks(CqlSession session) {
    this.session = session;
    this.byNode = session.prepare("SELECT task_id, status FROM tasks_by_node WHERE node_id = ?");
  }

  /** Ids of the node's open tasks. */
  public Future<List<UUID>> openTaskIds(UUID nodeId) {
    return VertxFutures.onCallerContext(session.executeAsync(byNode.bind(nodeId)))
        .compose(rs -> Rows.all(rs, r -> OPEN.contains(TaskStatus.valueOf(r.getString("status")))
            ? r.getUuid("task_id") : null))
        .map(ids -> ids.stream().filter(java.util.Objects::nonNull).toList());
  }
}
