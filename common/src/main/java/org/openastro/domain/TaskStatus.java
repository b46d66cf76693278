package org.openastro.domain;

/** A task's lifecycle state; PARTIAL_COMPLETE keeps delivered exposure when its node faulted. */
public enum TaskStatus {
  PENDING, EXECUTING, PARTIAL_COMPLETE, SUCCESS, FAILED,
  /** Closed by the scheduler (mission cancelled, ...): the reason is in task_cancellations; delivered exposure stays. */
  CANCELLED
}
