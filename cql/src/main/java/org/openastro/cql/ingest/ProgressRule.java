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

  enum Decision { WRITE, UNCHANGED, NOT_ASSIGNED, TASK_CLOSED }

  static Decision decide(Stored stored, TaskProgress report) {
    if (stored.assignedNodeId() == null || !stored.assignedNodeId().equals(report.nodeId())) {
      return Decision.NOT_ASSIGNED;
    }
    boolean notMore = report.exposureDeliveredS() <= stored.exposureDeliveredS();
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

  /** Exposure after the report: the larger of stored and reported (an older report never lowers it). */
  static double exposureAfter(Stored stored, TaskProgress report) {
    return Math.max(stored.exposureDeliveredS(), report.exposureDeliveredS());
  }

  static boolean isClosed(TaskStatus status) {
    return status == TaskStatus.SUCCESS || status == TaskStatus.FAILED || status == TaskStatus.PARTIAL_COMPLETE
        || status == TaskStatus.CANCELLED;
  }
}
