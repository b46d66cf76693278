package org.openastro.cql.scheduling;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openastro.cql.Buckets;
import org.openastro.cql.task.Task;
import org.openastro.domain.TaskStatus;

/**
 * State transitions of tasks owned by the scheduler: assignment, return to the queue, freezing
 * a faulted node's task as PARTIAL_COMPLETE, and cancellation. Each is an LWT on the tasks row
 * conditioned on the state it was decided from (so a concurrent progress report or a second
 * scheduler makes it fail instead of being overwritten), then the index rows in a logged batch.
 */
public final class TaskTransitions {
  /** The pending queue's deadline of a task without a window end (as TaskRepository writes it). */
  static final Instant NO_DEADLINE = Instant.parse("9999-12-31T00:00:00Z");

  private final CqlSession session;
  private final PreparedStatement assign;
  private final PreparedStatement unassign;
  private final PreparedStatement freeze;
  private final PreparedStatement close;
  private final PreparedStatement byMission;
  private final PreparedStatement byNode;
  private final PreparedStatement dropByNode;
  private final PreparedStatement enqueue;
  private final PreparedStatement dequeue;
  private final PreparedStatement cancellation;
  private final PreparedStatement shrink;
  private final PreparedStatement closeWith;

  /** Prepares statements (blocks): build at start-up. */
  public TaskTransitions(CqlSession session) {
    this.session = session;
    this.assign = session.prepare("UPDATE tasks SET assigned_node_id = ?, window_start = ?, window_end = ?,"
        + " updated_at = ? WHERE task_id = ? IF status = 'PENDING' AND assigned_node_id = null");
    this.unassign = session.prepare("UPDATE tasks SET assigned_node_id = null, updated_at = ? WHERE task_id = ?"
        + " IF status = 'PENDING' AND assigned_node_id = ?");
    this.freeze = session.prepare("UPDATE tasks SET status = 'PARTIAL_COMPLETE', updated_at = ? WHERE task_id = ?"
        + " IF status = 'EXECUTING' AND assigned_node_id = ? AND exposure_delivered_s = ?");
    this.close = session.prepare("UPDATE tasks SET status = 'FAILED', updated_at = ? WHERE task_id = ?"
        + " IF status = ? AND exposure_delivered_s = ?");
    this.byMission = session.prepare("INSERT INTO tasks_by_mission (mission_id, task_id, status, assigned_node_id,"
        + " exposure_required_s, exposure_delivered_s) VALUES (?, ?, ?, ?, ?, ?)");
    this.byNode = session.prepare("INSERT INTO tasks_by_node (node_id, task_id, mission_id, status) VALUES (?, ?, ?, ?)");
    this.dropByNode = session.prepare("DELETE FROM tasks_by_node WHERE node_id = ? AND task_id = ?");
    this.enqueue = session.prepare("INSERT INTO pending_tasks (bucket, priority, deadline, task_id, mission_id)"
        + " VALUES (?, ?, ?, ?, ?)");
    this.dequeue = session.prepare("DELETE FROM pending_tasks WHERE bucket = ? AND priority = ? AND deadline = ?"
        + " AND task_id = ?");
    this.shrink = session.prepare("UPDATE tasks SET exposure_required_s = ?, updated_at = ? WHERE task_id = ?"
        + " IF status = 'PENDING' AND exposure_required_s = ?");
    this.cancellation = session.prepare("INSERT INTO task_cancellations (task_id, mission_id, node_id, reason,"
        + " cancelled_at) VALUES (?, ?, ?, ?, ?)");
    this.closeWith = session.prepare("UPDATE tasks SET status = ?, updated_at = ? WHERE task_id = ?"
        + " IF status = ? AND exposure_delivered_s = ? AND assigned_node_id = ?");
  }

  /**
   * Closes an open task as {@code closeAs} (CANCELLED, or PARTIAL_COMPLETE for an EXECUTING task
   * taken from its node) with the reason recorded, keeping the delivered exposure read. The LWT is
   * on the status, exposure and node read, so an assignment or report in between makes it fail
   * and the caller re-reads. True when this call closed it.
   */
  public Future<Boolean> close(Task task, TaskStatus closeAs, String reason, Instant now) {
    return Statements.run(session, closeWith.bind(closeAs.name(), now, task.taskId(), task.status().name(),
            task.exposureDeliveredS(), task.assignedNodeId()))
        .compose(rs -> !rs.wasApplied() ? Future.succeededFuture(false)
            : recordCancellation(task, reason, now)
                .compose(x -> healIndex(withStatus(task, closeAs), task.assignedNodeId() == null ? task.windowEnd() : null))
                .map(true));
  }

  /** Records why the scheduler took a task from its node (task_cancellations); idempotent. */
  public Future<Void> recordCancellation(Task task, String reason, Instant now) {
    return Statements.run(session, cancellation.bind(task.taskId(), task.missionId(), task.assignedNodeId(), reason,
        now)).mapEmpty();
  }

  /**
   * Gives the PENDING, unassigned task to the node with the node's window. True when this call
   * did; the queue row (under the task's old deadline) goes, the by-node row comes.
   */
  public Future<Boolean> assign(Task task, UUID nodeId, Instant windowStart, Instant windowEnd, Instant now) {
    return Statements.run(session, assign.bind(nodeId, windowStart, windowEnd, now, task.taskId()))
        .compose(rs -> !rs.wasApplied() ? Future.succeededFuture(false)
            : healIndex(withAssignment(task, nodeId, windowStart, windowEnd), task.windowEnd()).map(true));
  }

  /** Takes a PENDING task back from a node that faulted before starting it: back in the queue. */
  public Future<Boolean> unassign(Task task, Instant now) {
    return Statements.run(session, unassign.bind(now, task.taskId(), task.assignedNodeId()))
        .compose(rs -> {
          if (!rs.wasApplied()) {
            return Future.succeededFuture(false);
          }
          Task back = withAssignment(task, null, task.windowStart(), task.windowEnd());
          return Statements.logged(session, dropByNode.bind(task.assignedNodeId(), task.taskId()),
                  indexByMission(back), queueRow(back))
              .map(true);
        });
  }

  /**
   * EXECUTING → PARTIAL_COMPLETE for a task taken from its node (a fault, a preemption), keeping
   * exactly the exposure read ({@code task.exposureDeliveredS()}): a report landing in between
   * makes this fail, and the caller re-reads. True when this call froze it.
   *
   * <p>The tasks row only: the index rows stay EXECUTING until {@link #healFrozen}, which the
   * caller writes once the remainder exists. Until then the mission's tasks (by mission) still
   * promise the rest, so the mission sweep plans nothing beside the remainder, and the node's
   * (by node) still show the work unfinished, so a recovery cut short here is resumed.
   */
  public Future<Boolean> freezePartial(Task task, Instant now) {
    return Statements.run(session, freeze.bind(now, task.taskId(), task.assignedNodeId(), task.exposureDeliveredS()))
        .map(rs -> rs.wasApplied());
  }

  /** Index rows of a frozen task, written after its remainder (also after a crash in between). */
  public Future<Void> healFrozen(Task partial) {
    return healIndex(partial, null);
  }

  /**
   * Closes an open task the scheduler no longer wants (mission over, window passed) as FAILED,
   * with the reason recorded; its delivered exposure stays. True when this call closed it.
   */
  public Future<Boolean> cancel(Task task, String reason, Instant now) {
    return Statements.run(session, close.bind(now, task.taskId(), task.status().name(), task.exposureDeliveredS()))
        .compose(rs -> {
          if (!rs.wasApplied()) {
            return Future.succeededFuture(false);
          }
          return Statements.run(session, cancellation.bind(task.taskId(), task.missionId(), task.assignedNodeId(),
                  reason, now))
              .compose(x -> healIndex(withStatus(task, TaskStatus.FAILED),
                  task.assignedNodeId() == null ? task.windowEnd() : null))
              .map(true);
        });
  }

  /**
   * A PENDING task (a remainder not yet started) asks for less exposure: what its interrupted task
   * delivered late covers the rest. True when this call changed it.
   */
  public Future<Boolean> shrink(Task task, double exposureRequiredS, Instant now) {
    return Statements.run(session, shrink.bind(exposureRequiredS, now, task.taskId(), task.exposureRequiredS()))
        .compose(rs -> !rs.wasApplied() ? Future.succeededFuture(false)
            : healIndex(withRequired(task, exposureRequiredS), null).map(true));
  }

  /**
   * Writes the index rows of the task as given (by mission; by node when assigned; in the queue
   * exactly when PENDING and unassigned). {@code queuedUnder}: the window end it was queued
   * under, when that row must go (null = it was not queued).
   */
  public Future<Void> healIndex(Task task, Instant queuedUnder) {
    List<BoundStatement> rows = new ArrayList<>();
    rows.add(indexByMission(task));
    if (task.assignedNodeId() != null) {
      rows.add(byNode.bind(task.assignedNodeId(), task.taskId(), task.missionId(), task.status().name()));
    }
    boolean queued = task.status() == TaskStatus.PENDING && task.assignedNodeId() == null;
    if (queued) {
      rows.add(queueRow(task));
    } else if (queuedUnder != null) {
      // Only when asked: every delete is a tombstone the queue's readers must skip.
      rows.add(dequeue.bind(Buckets.of(task.taskId()), task.priority(), deadline(queuedUnder), task.taskId()));
    }
    return Statements.logged(session, rows.toArray(BoundStatement[]::new));
  }

  /** Removes a queue row that no longer stands for a PENDING unassigned task. */
  public Future<Void> dropQueueRow(PendingQueue.Entry entry) {
    return Statements.run(session, dequeue.bind(Buckets.of(entry.taskId()), entry.priority(), entry.deadline(),
        entry.taskId())).mapEmpty();
  }

  private BoundStatement indexByMission(Task t) {
    return byMission.bind(t.missionId(), t.taskId(), t.status().name(), t.assignedNodeId(), t.exposureRequiredS(),
        t.exposureDeliveredS());
  }

  private BoundStatement queueRow(Task t) {
    return enqueue.bind(Buckets.of(t.taskId()), t.priority(), deadline(t.windowEnd()), t.taskId(), t.missionId());
  }

  static Instant deadline(Instant windowEnd) {
    return windowEnd == null ? NO_DEADLINE : windowEnd;
  }

  static Task withAssignment(Task t, UUID nodeId, Instant windowStart, Instant windowEnd) {
    return new Task(t.taskId(), t.missionId(), nodeId, t.exposureRequiredS(), t.exposureDeliveredS(), t.status(),
        windowStart, windowEnd, t.fitsObjectStoragePath(), t.remainderOf(), t.priority(), t.createdAt(), t.updatedAt());
  }

  static Task withRequired(Task t, double exposureRequiredS) {
    return new Task(t.taskId(), t.missionId(), t.assignedNodeId(), exposureRequiredS, t.exposureDeliveredS(),
        t.status(), t.windowStart(), t.windowEnd(), t.fitsObjectStoragePath(), t.remainderOf(), t.priority(),
        t.createdAt(), t.updatedAt());
  }

  public static Task withStatus(Task t, TaskStatus status) {
    return new Task(t.taskId(), t.missionId(), t.assignedNodeId(), t.exposureRequiredS(), t.exposureDeliveredS(),
        status, t.windowStart(), t.windowEnd(), t.fitsObjectStoragePath(), t.remainderOf(), t.priority(),
        t.createdAt(), t.updatedAt());
  }
}
