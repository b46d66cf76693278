package org.openastro.cql.artifact;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.UUID;
import org.openastro.cql.VertxFutures;

/**
 * Records a registered RAW_FITS artifact as a FITS file of its task: one {@code task_fits_paths}
 * row (the same table progress reports fill, so both routes to a task's files meet in one place),
 * and the task's {@code fits_object_storage_path} only when the task has none yet. What a node
 * reported is never overwritten: the node's own path stays the task's path even when an upload of
 * a product registered later fails, and every path stays listed in {@code task_fits_paths}.
 *
 * <p>The task row is written by compare-and-set ({@code IF mission_id = ?}): progress reports and
 * the scheduler move that row with LWT, and a plain write mixed with their Paxos rounds could be
 * ordered before a round that read the row earlier. The condition also refuses a task that is not
 * the artifact's mission's, though callers check that first. Both writes are idempotent, so a
 * replayed registration simply writes them again.
 */
public final class TaskFitsPaths {
  private final CqlSession session;
  private final PreparedStatement insertPath;
  private final PreparedStatement setPathIfNone;

  /** Prepares statements (blocks): build at start-up. */
  public TaskFitsPaths(CqlSession session) {
    this.session = session;
    this.insertPath = session.prepare("INSERT INTO task_fits_paths (task_id, path, mission_id, node_id,"
        + " reported_at) VALUES (?, ?, ?, ?, ?)");
    this.setPathIfNone = session.prepare("UPDATE tasks SET fits_object_storage_path = ? WHERE task_id = ?"
        + " IF mission_id = ? AND fits_object_storage_path = null");
  }

  /**
   * Records {@code path} for the task; the future holds whether it was recorded (false: the task is
   * gone or belongs to another mission, and nothing is written).
   */
  public Future<Boolean> record(UUID taskId, UUID missionId, UUID nodeId, String path, Instant at) {
    return VertxFutures.onCallerContext(session.executeAsync(setPathIfNone.bind(path, taskId, missionId)))
        .compose(rs -> {
          // not applied: the task is gone, is another mission's, or has a path already (kept)
          if (!rs.wasApplied() && !sameMission(rs.one(), missionId)) {
            return Future.succeededFuture(false);
          }
          return VertxFutures.onCallerContext(session.executeAsync(insertPath.bind(taskId, path, missionId,
                  nodeId, at).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)))
              .map(true);
        });
  }

  /** The current row a not-applied LWT returns holds the condition's columns, when the row exists. */
  private static boolean sameMission(Row current, UUID missionId) {
    return current != null && current.getColumnDefinitions().contains("mission_id")
        && missionId.equals(current.getUuid("mission_id"));
  }
}
