package org.openastro.cql.ingest;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.UUID;
import org.openastro.cql.VertxFutures;
import org.openastro.cql.ingest.ProgressOutcome.Kind;
import org.openastro.domain.TaskStatus;

/**
 * Applies cumulative progress reports to a task (tasks, its index rows, task_fits_paths).
 *
 * <p>The task row changes by compare-and-set (LWT on the status and exposure just read): the
 * scheduler may move the same task (fault recovery, reassignment) at the same moment, and a lost
 * update would either lose exposure or reopen a closed task. Progress is rare next to heartbeats
 * (one report per exposure), so the LWT's extra round trips are affordable here.
 */
public final class TaskProgressWriter {
  private static final int MAX_ATTEMPTS = 4;

  private final CqlSession session;
  private final PreparedStatement select;
  private final PreparedStatement compareAndSet;
  private final PreparedStatement updateByMission;
  private final PreparedStatement updateByNode;
  private final PreparedStatement insertFitsPath;

  /** Prepares statements (blocks): build at start-up. */
  public TaskProgressWriter(CqlSession session) {
    this.session = session;
    this.select = session.prepare("SELECT mission_id, assigned_node_id, status, exposure_delivered_s,"
        + " fits_object_storage_path, window_start, updated_at FROM tasks WHERE task_id = ?");
    this.compareAndSet = session.prepare("UPDATE tasks SET exposure_delivered_s = ?, status = ?,"
        + " fits_object_storage_path = ?, updated_at = ? WHERE task_id = ?"
        + " IF assigned_node_id = ? AND status = ? AND exposure_delivered_s = ?");
    this.updateByMission = session.prepare("UPDATE tasks_by_mission SET status = ?, exposure_delivered_s = ?"
        + " WHERE mission_id = ? AND task_id = ?");
    this.updateByNode = session.prepare("UPDATE tasks_by_node SET status = ? WHERE node_id = ? AND task_id = ?");
    this.insertFitsPath = session.prepare("INSERT INTO task_fits_paths (task_id, path, mission_id, node_id,"
        + " reported_at) VALUES (?, ?, ?, ?, ?)");
  }

  public Future<ProgressOutcome> apply(TaskProgress report) {
    return apply(report, ExposureLimit.NONE);
  }

  /**
   * Applies the report unless it raises the exposure beyond {@code limit} (from the task's window
   * start, which assignment sets to the assignment time or later): then nothing is written and the
   * outcome is {@code IMPLAUSIBLE_EXPOSURE}.
   */
  public Future<ProgressOutcome> apply(TaskProgress report, ExposureLimit limit) {
    return attempt(report, limit, 1);
  }

  private Future<ProgressOutcome> attempt(TaskProgress report, ExposureLimit limit, int attempt) {
    return VertxFutures.onCallerContext(session.executeAsync(select.bind(report.taskId())
            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)))
        .compose(rs -> {
          Row row = rs.one();
          if (row == null) {
            return Future.succeededFuture(ProgressOutcome.unknown());
          }
          ProgressRule.Stored stored = new ProgressRule.Stored(row.getUuid("mission_id"),
              row.getUuid("assigned_node_id"), TaskStatus.valueOf(row.getString("status")),
              row.getDouble("exposure_delivered_s"));
          ProgressRule.Decision decision = ProgressRule.decide(stored, report);
          return switch (decision) {
            case NOT_ASSIGNED -> Future.succeededFuture(outcome(Kind.NOT_ASSIGNED, stored));
            case TASK_CLOSED -> Future.succeededFuture(outcome(Kind.TASK_CLOSED, stored));
            case CREDIT -> credit(report, stored, row, limit, attempt);
            // Written again on a replay: heals a crash between the task row and its index rows.
            case UNCHANGED -> writeIndexRows(report, stored).map(outcome(Kind.UNCHANGED, stored));
            case WRITE, CREDIT_LATE -> ProgressRule.implausible(stored, row.getInstant("window_start"), report, limit)
                ? Future.succeededFuture(new ProgressOutcome(Kind.IMPLAUSIBLE_EXPOSURE, stored.missionId(),
                    stored.exposureDeliveredS(), stored.status(), stored.assignedNodeId(),
                    limit.maxAt(row.getInstant("window_start"), report.receivedAt())))
                : write(report, stored, ProgressRule.statusAfter(decision, stored, report),
                    row.getString("fits_object_storage_path"), limit, attempt);
          };
        });
  }

  /** A final report on a task the scheduler closed: more exposure, same status, same close time. */
  private Future<ProgressOutcome> credit(TaskProgress report, ProgressRule.Stored stored, Row row, ExposureLimit limit,
      int attempt) {
    Instant closedAt = row.getInstant("updated_at");
    double credited = ProgressRule.credited(stored, row.getInstant("window_start"), closedAt, report, limit);
    if (credited <= stored.exposureDeliveredS()) {
      return writeIndexRows(report, stored).map(outcome(Kind.UNCHANGED, stored));
    }
    ProgressRule.Stored next = new ProgressRule.Stored(stored.missionId(), stored.assignedNodeId(), stored.status(),
        credited);
    String storedPath = row.getString("fits_object_storage_path");
    String path = report.fitsObjectStoragePaths().isEmpty() ? storedPath
        : report.fitsObjectStoragePaths().get(report.fitsObjectStoragePaths().size() - 1);
    return VertxFutures.onCallerContext(session.executeAsync(compareAndSet.bind(credited, stored.status().name(), path,
            closedAt, report.taskId(), report.nodeId(), stored.status().name(), stored.exposureDeliveredS())
            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)))
        .compose(rs -> {
          if (!rs.wasApplied()) {
            return attempt >= MAX_ATTEMPTS ? Future.failedFuture(new IllegalStateException("task " + report.taskId()
                + " kept changing under a final report")) : attempt(report, limit, attempt + 1);
          }
          return writeIndexRows(report, next).map(outcome(Kind.APPLIED, next));
        });
  }

  private Future<ProgressOutcome> write(TaskProgress report, ProgressRule.Stored stored, TaskStatus status,
      String storedPath, ExposureLimit limit, int attempt) {
    ProgressRule.Stored next = new ProgressRule.Stored(stored.missionId(), stored.assignedNodeId(),
        status, ProgressRule.exposureAfter(stored, report));
    String path = report.fitsObjectStoragePaths().isEmpty() ? storedPath
        : report.fitsObjectStoragePaths().get(report.fitsObjectStoragePaths().size() - 1);
    return VertxFutures.onCallerContext(session.executeAsync(compareAndSet.bind(next.exposureDeliveredS(),
            next.status().name(), path, report.receivedAt(), report.taskId(), report.nodeId(),
            stored.status().name(), stored.exposureDeliveredS()).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)))
        .compose(rs -> {
          if (!rs.wasApplied()) {
            // Someone else moved the task between our read and write: decide again on fresh data.
            if (attempt >= MAX_ATTEMPTS) {
              return Future.failedFuture(new IllegalStateException("task " + report.taskId()
                  + " kept changing under progress report; gave up after " + attempt + " attempts"));
            }
            return attempt(report, limit, attempt + 1);
          }
          return writeIndexRows(report, next).map(outcome(Kind.APPLIED, next));
        });
  }

  private Future<Void> writeIndexRows(TaskProgress report, ProgressRule.Stored state) {
    // Logged: the task's index rows and its FITS paths land together or not at all.
    BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED)
        .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
        .addStatement(updateByMission.bind(state.status().name(), state.exposureDeliveredS(),
            state.missionId(), report.taskId()))
        .addStatement(updateByNode.bind(state.status().name(), report.nodeId(), report.taskId()));
    for (String path : report.fitsObjectStoragePaths()) {
      batch.addStatement(insertFitsPath.bind(report.taskId(), path, state.missionId(), report.nodeId(),
          report.receivedAt()));
    }
    return VertxFutures.onCallerContext(session.executeAsync(batch.build())).mapEmpty();
  }

  private static ProgressOutcome outcome(Kind kind, ProgressRule.Stored s) {
    return new ProgressOutcome(kind, s.missionId(), s.exposureDeliveredS(), s.status(), s.assignedNodeId());
  }
}
