package org.openastro.cql.ingest;

import java.util.UUID;
import org.openastro.domain.TaskStatus;

/**
 * What applying a progress report did. {@code APPLIED} and {@code UNCHANGED} (a redelivery, or an
 * older report arriving late) are both successes the node may forget; the others are refusals.
 * The task fields are the task as stored afterwards (null for {@code UNKNOWN_TASK});
 * {@code plausibleMaxS} is the exposure an {@code IMPLAUSIBLE_EXPOSURE} report exceeded (NaN otherwise).
 */
public record ProgressOutcome(Kind kind, UUID missionId, double exposureDeliveredS, TaskStatus status,
    UUID assignedNodeId, double plausibleMaxS) {

  /** An outcome without a plausibility bound ({@code plausibleMaxS} = NaN). */
  public ProgressOutcome(Kind kind, UUID missionId, double exposureDeliveredS, TaskStatus status, UUID assignedNodeId) {
    this(kind, missionId, exposureDeliveredS, status, assignedNodeId, Double.NaN);
  }

  public enum Kind {
    /** The report moved the task forward. */
    APPLIED,
    /** The task already holds this much or more: a redelivered or out-of-order report. */
    UNCHANGED,
    /** No task has this id. */
    UNKNOWN_TASK,
    /** The task is assigned to another node (or to none). */
    NOT_ASSIGNED,
    /** The task is closed (SUCCESS, FAILED, PARTIAL_COMPLETE) and the report would change that. */
    TASK_CLOSED,
    /**
     * The report claims more exposure than the time since the task's window start allows
     * ({@link ExposureLimit}); nothing was written. {@code exposureLimitS} says how much was plausible.
     */
    IMPLAUSIBLE_EXPOSURE
  }

  public boolean accepted() {
    return kind == Kind.APPLIED || kind == Kind.UNCHANGED;
  }

  static ProgressOutcome unknown() {
    return new ProgressOutcome(Kind.UNKNOWN_TASK, null, 0, null, null);
  }
}
