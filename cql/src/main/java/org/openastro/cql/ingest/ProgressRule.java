package org.openastro.cql.ingest;

import java.time.Instant;
import java.util.UUID;
import org.openastro.domain.TaskStatus;

/**
 * Decides what a cumulative progress report does to the stored task: exposure never goes down,
 * a closed task never reopens, and the same report twice changes nothing. Pure, so it is tested
 * without a database.
 */
final class ProgressRule {
  private ProgressRule() {}

  /** The stored task's fields the rule needs. */
  record Stored(UUID missionId, UUID assignedNodeId, TaskStatus status, double exposureDeliveredS) {}

  /**
   * WRITE moves the task to the reported status and exposure; CREDIT_LATE raises only the exposure
   * of a PARTIAL_COMPLETE task (its node faulted or was preempted while it kept collecting), whose
   * status stays; CREDIT raises a CANCELLED task's exposure up to what the clock allowed until its
   * cancellation.
   */
  enum Decision { WRITE, CREDIT_LATE, CREDIT, UNCHANGED, NOT_ASSIGNED, TASK_CLOSED }

  static Decision decide(Stored stored, TaskProgress report) {
    if (stored.assignedNodeId() == null || !stored.assignedNodeId().equals(report.nodeId())) {
      return Decision.NOT_ASSIGNED;
    }
    boolean notMore = report.exposureDeliveredS() <= stored.exposureDeliveredS();
    if (stored.status() == TaskStatus.PARTIAL_COMPLETE) {
      // Its node was faulted (or the task taken from it) while it kept collecting: every second it
      // reports once back is still counted, exactly once, and the task stays closed; its closing
      // report (SUCCESS, FAILED) with nothing more is the node catching up, not a conflict.
      return notMore ? Decision.UNCHANGED : Decision.CREDIT_LATE;
    }
    if (stored.status() == TaskStatus.CANCELLED && !notMore) {
      // The node's final report after a cancellation (mission cancelled): every second exposed
      // until it got the cancellation is kept (capped by creditLimit), the task stays closed.
      return Decision.CREDIT;
    }
    if (isClosed(stored.status())) {
      // A late EXECUTING report, or the closing report again, is a harmless redelivery.
      boolean sameOrOlder = report.status() == stored.status() || report.status() == TaskStatus.EXECUTING;
      return notMore && sameOrOlder ? Decision.UNCHANGED : Decision.TASK_CLOSED;
    }
    if (report.status() == TaskStatus.EXECUTING) {
      boolean alreadyExecuting = stored.status() == TaskStatus.EXECUTING;
      return notMore && alreadyExecuting ? Decision.UNCHANGED : Decision.WRITE;
    }
    return Decision.WRITE; // SUCCESS or FAILED closes the task
  }

  /**
   * A report that would raise the stored exposure beyond what wall-clock time since the window
   * start allows ({@link ExposureLimit}). Only growth is checked: a replay or an older report
   * changes nothing and stays harmless.
   */
  static boolean implausible(Stored stored, Instant windowStart, TaskProgress report, ExposureLimit limit) {
    return report.exposureDeliveredS() > stored.exposureDeliveredS()
        && report.exposureDeliveredS() > limit.maxAt(windowStart, report.receivedAt());
  }

  /** The status after a WRITE or CREDIT_LATE decision. */
  static TaskStatus statusAfter(Decision decision, Stored stored, TaskProgress report) {
    return decision == Decision.CREDIT_LATE ? stored.status() : report.status();
  }

  /** Exposure after the report: the larger of stored and reported (an older report never lowers it). */
  static double exposureAfter(Stored stored, TaskProgress report) {
    return Math.max(stored.exposureDeliveredS(), report.exposureDeliveredS());
  }

  /** Closed by the scheduler while its node may still have been exposing: PARTIAL_COMPLETE or CANCELLED. */
  static boolean takenByScheduler(TaskStatus status) {
    return status == TaskStatus.PARTIAL_COMPLETE || status == TaskStatus.CANCELLED;
  }

  /**
   * The exposure a final report may credit on a task closed at {@code closedAt}: what the wall
   * clock allowed from the window start until the close ({@link ExposureLimit}, with its slack for
   * the cancellation's way to the node), never less than what is stored.
   */
  static double credited(Stored stored, Instant windowStart, Instant closedAt, TaskProgress report, ExposureLimit limit) {
    return Math.max(stored.exposureDeliveredS(),
        Math.min(report.exposureDeliveredS(), limit.maxAt(windowStart, closedAt)));
  }

  static boolean isClosed(TaskStatus status) {
    return status == TaskStatus.SUCCESS || status == TaskStatus.FAILED || status == TaskStatus.PARTIAL_COMPLETE
        || status == TaskStatus.CANCELLED;
  }
}
