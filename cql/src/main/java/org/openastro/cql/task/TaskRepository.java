package org.openastro.cql.task;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.Buckets;
import org.openastro.cql.Created;
import org.openastro.cql.IdempotentCreate;
import org.openastro.cql.Rows;
import org.openastro.cql.UnsetNulls;
import org.openastro.cql.VertxFutures;
import org.openastro.domain.TaskStatus;

/** Tasks: idempotent creation with their index rows, lookup by id and by mission. */
public final class TaskRepository {
  private final CqlSession session;
  private final PreparedStatement insertIfAbsent;
  private final PreparedStatement insertByMission;
  private final PreparedStatement insertByNode;
  private final PreparedStatement insertPending;
  private final PreparedStatement selectById;
  private final PreparedStatement selectByMission;
  private final IdempotentCreate<Task> create;

  public TaskRepository(CqlSession session) {
    this.session = session;
    this.insertIfAbsent = session.prepare("INSERT INTO tasks (task_id, mission_id, assigned_node_id,"
        + " exposure_required_s, exposure_delivered_s, status, window_start, window_end,"
        + " fits_object_storage_path, remainder_of, priority, created_at, updated_at,"
        + " creation_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    this.insertByMission = session.prepare("INSERT INTO tasks_by_mission (mission_id, task_id, status,"
        + " assigned_node_id, exposure_required_s, exposure_delivered_s) VALUES (?, ?, ?, ?, ?, ?)");
    this.insertByNode = session.prepare(
        "INSERT INTO tasks_by_node (node_id, task_id, mission_id, status) VALUES (?, ?, ?, ?)");
    this.insertPending = session.prepare("INSERT INTO pending_tasks (bucket, priority, deadline,"
        + " task_id, mission_id) VALUES (?, ?, ?, ?, ?)");
    this.selectById = session.prepare("SELECT * FROM tasks WHERE task_id = ?");
    this.selectByMission = session.prepare("SELECT task_id, status, assigned_node_id,"
        + " exposure_required_s, exposure_delivered_s FROM tasks_by_mission WHERE mission_id = ?");
    this.create = new IdempotentCreate<>(session, "task_id", "creation_fingerprint", TaskRepository::from,
        this::indexRows);
  }

  /**
   * Creates the task and its index rows (by mission, by node, pending queue). Same id and content
   * again is a replay (the index rows are written again, which heals a crash between the writes).
   */
  public Future<Created<Task>> create(Task t) {
    return create.run(UnsetNulls.of(insertIfAbsent.bind(t.taskId(),
            t.missionId(), t.assignedNodeId(), t.exposureRequiredS(), t.exposureDeliveredS(),
            t.status().name(), t.windowStart(), t.windowEnd(), t.fitsObjectStoragePath(),
            t.remainderOf(), t.priority(), t.createdAt(), t.updatedAt(), t.creationFingerprint())), t, t.taskId(),
        t.creationFingerprint());
  }

  private BatchStatement indexRows(Task t) {
    // Logged: the index rows of one task land together or not at all.
    BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED)
        .addStatement(UnsetNulls.of(insertByMission.bind(t.missionId(), t.taskId(), t.status().name(),
            t.assignedNodeId(), t.exposureRequiredS(), t.exposureDeliveredS())));
    if (t.assignedNodeId() != null) {
      batch.addStatement(insertByNode.bind(t.assignedNodeId(), t.taskId(), t.missionId(), t.status().name()));
    }
    if (t.status() == TaskStatus.PENDING) {
      batch.addStatement(insertPending.bind(Buckets.of(t.taskId()), t.priority(), t.deadline(),
          t.taskId(), t.missionId()));
    }
    return batch.build();
  }

  public Future<Optional<Task>> find(UUID taskId) {
    return VertxFutures.onCallerContext(session.executeAsync(selectById.bind(taskId)))
        .map(AsyncResultSet::one)
        .map(row -> Optional.ofNullable(row).map(TaskRepository::from));
  }

  /** The tasks of a mission as indexed (status and exposure, without windows). */
  public Future<List<TaskSummary>> listByMission(UUID missionId) {
    return VertxFutures.onCallerContext(session.executeAsync(selectByMission.bind(missionId)))
        .compose(rs -> Rows.all(rs, r -> new TaskSummary(r.getUuid("task_id"), missionId,
            TaskStatus.valueOf(r.getString("status")), r.getUuid("assigned_node_id"),
            r.getDouble("exposure_required_s"), r.getDouble("exposure_delivered_s"))));
  }

  /** One line of a mission's task list. */
  public record TaskSummary(UUID taskId, UUID missionId, TaskStatus status, UUID assignedNodeId,
      double exposureRequiredS, double exposureDeliveredS) {}

  static Task from(Row row) {
    return new Task(
        row.getUuid("task_id"),
        row.getUuid("mission_id"),
        row.getUuid("assigned_node_id"),
        row.getDouble("exposure_required_s"),
        row.getDouble("exposure_delivered_s"),
        TaskStatus.valueOf(row.getString("status")),
        row.getInstant("window_start"),
        row.getInstant("window_end"),
        row.getString("fits_object_storage_path"),
        row.getUuid("remainder_of"),
        row.getInt("priority"),
        row.getInstant("created_at"),
        row.getInstant("updated_at"));
  }
}
