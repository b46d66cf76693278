package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.UUID;
import org.openastro.cql.scheduling.PendingQueue;
import org.openastro.cql.task.Task;
import org.openastro.domain.TaskStatus;

/**
 * The compare-and-set moves of a task and the healing of its index rows. Each move answers true
 * only when this call made it: false means another writer changed the row first, and the caller
 * re-reads or gives up.
 */
interface TaskMoves {
  /** PENDING and unassigned → assigned to the node with the node's window. */
  Future<Boolean> assign(Task task, UUID nodeId, Instant windowStart, Instant windowEnd, Instant now);

  /** PENDING and still assigned to {@code task.assignedNodeId()} → back in the queue. */
  Future<Boolean> unassign(Task task, Instant now);

  /**
   * EXECUTING with exactly the delivered exposure read → PARTIAL_COMPLETE; the row only, its index
   * rows come with {@link #healFrozen} once the remainder exists.
   */
  Future<Boolean> freezePartial(Task task, Instant now);

  /** The index rows of a frozen task (also after a crash between the freeze and them). */
  Future<Void> healFrozen(Task partial);

  /** An open task in the status read → FAILED with the reason recorded. */
  Future<Boolean> cancel(Task task, String reason, Instant now);

  /** PENDING with the required exposure read → asks only {@code exposureRequiredS} (a late-credited remainder). */
  Future<Boolean> shrink(Task task, double exposureRequiredS, Instant now);

  /**
   * An open task in the status, exposure and node read → {@code closeAs} (CANCELLED, or
   * PARTIAL_COMPLETE for a preempted EXECUTING task) with the reason recorded.
   */
  Future<Boolean> close(Task task, TaskStatus closeAs, String reason, Instant now);

  /** Records why the scheduler took a task from its node (idempotent). */
  Future<Void> recordCancellation(Task task, String reason, Instant now);

  /** Re-writes the task's index rows as given; {@code queuedUnder}: the queue row's deadline to drop. */
  Future<Void> healIndex(Task task, Instant queuedUnder);

  /** Drops a queue row that no longer stands for a PENDING unassigned task. */
  Future<Void> dropQueueRow(PendingQueue.Entry entry);
}
