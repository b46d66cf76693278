package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openastro.cql.task.Task;
import org.openastro.scheduler.SchedulerMetrics;
import org.openastro.scheduler.plan.Remainder;
import org.openastro.scheduler.reliability.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot-plug recovery of the work a FAULTED node holds. Every step is idempotent and decided from
 * the stored task row, so running it again — on the next sweep, after a restart in the middle,
 * or on a second scheduler at the same time — finishes an interrupted recovery and never does a
 * step twice:
 * <ul>
 *   <li>PENDING (assigned, not started): back to the queue (LWT on the assignment);
 *   <li>EXECUTING: frozen as PARTIAL_COMPLETE with the delivered exposure just read (LWT on
 *       status and exposure; a report landing in between makes it re-read), the fault counted
 *       against the node once;
 *   <li>PARTIAL_COMPLETE: its remainder created with the id derived from the parent
 *       ({@code INSERT IF NOT EXISTS}), then the parent's index rows — last, so an index row
 *       still saying EXECUTING means "not finished".
 * </ul>
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
  private static final int MAX_ATTEMPTS = 4;

  private final NodeWork nodeWork;
  private final TaskStore tasks;
  private final TaskMoves moves;
  private final SchedulerMetrics metrics;
  private final Reliability reliability;
  private final MissionStore missions;

  Recovery(NodeWork nodeWork, TaskStore tasks, TaskMoves moves, SchedulerMetrics metrics, Reliability reliability,
      MissionStore missions) {
    this.nodeWork = nodeWork;
    this.missions = missions;
    this.tasks = tasks;
    this.moves = moves;
    this.metrics = metrics;
    this.reliability = reliability;
  }

  /** Recovers every open task the node holds, one after the other. */
  Future<Void> recoverNode(UUID nodeId, Instant now) {
    return nodeWork.openTaskIds(nodeId).compose(ids -> sequentially(ids, nodeId, now, 0));
  }

  private Future<Void> sequentially(List<UUID> ids, UUID nodeId, Instant now, int i) {
    if (i == ids.size()) {
      return Future.succeededFuture();
    }
    return recoverTask(ids.get(i), nodeId, now, 1)
        .recover(t -> {
          LOG.warn("Recovery of task {} of node {} failed; the next sweep retries", ids.get(i), nodeId, t);
          return Future.succeededFuture();
        })
        .compose(x -> sequentially(ids, nodeId, now, i + 1));
  }

  Future<Void> recoverTask(UUID taskId, UUID nodeId, Instant now, int attempt) {
    return tasks.find(taskId).compose(found -> {
      if (found.isEmpty() || !nodeId.equals(found.get().assignedNodeId())) {
        return Future.succeededFuture();
      }
      Task task = found.get();
      return switch (task.status()) {
        case PENDING -> moves.unassign(task, now)
            .compose(done -> done || attempt >= MAX_ATTEMPTS ? Future.<Void>succeededFuture()
                : recoverTask(taskId, nodeId, now, attempt + 1));
        case EXECUTING -> moves.freezePartial(task, now).compose(frozen -> {
          if (!frozen) {
            return attempt >= MAX_ATTEMPTS ? Future.<Void>failedFuture(new IllegalStateException(
                "task " + taskId + " kept changing during recovery")) : recoverTask(taskId, nodeId, now, attempt + 1);
          }
          LOG.info("Task {} of faulted node {} is PARTIAL_COMPLETE with {} s of {} s", taskId, nodeId,
              task.exposureDeliveredS(), task.exposureRequiredS());
          return reliability.count(nodeId, taskId, Outcome.FAULTED, task.exposureDeliveredS(), now)
              .compose(x -> recoverTask(taskId, nodeId, now, attempt));
        });
        case PARTIAL_COMPLETE -> ensureRemainder(task, now).compose(x -> moves.healFrozen(task));
        case SUCCESS, FAILED, CANCELLED -> moves.healIndex(task, null);
      };
    });
  }

  private Future<Void> ensureRemainder(Task partial, Instant now) {
    return missions.framesOf(partial.missionId()).compose(frames -> Remainder.of(partial, frames, now)
        .map(rest -> tasks.create(rest).onSuccess(created -> {
          if (created.created()) {
            metrics.remainderCreated();
            LOG.info("Remainder {} of task {}: {} s", rest.taskId(), partial.taskId(), rest.exposureRequiredS());
          }
        }).<Void>mapEmpty())
        .orElseGet(Future::succeededFuture));
  }
}
