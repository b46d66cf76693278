package org.openastro.cql.task;

import java.time.Instant;
import java.util.UUID;
import org.openastro.cql.Fingerprint;
import org.openastro.domain.TaskStatus;

/**
 * A unit of observing work for one node (the tasks table). {@code remainderOf} names the task
 * whose node faulted, when this task carries its remaining exposure.
 */
public record Task(
    UUID taskId,
    UUID missionId,
    UUID assignedNodeId,
    double exposureRequiredS,
    double exposureDeliveredS,
    TaskStatus status,
    Instant windowStart,
    Instant windowEnd,
    String fitsObjectStoragePath,
    UUID remainderOf,
    int priority,
    Instant createdAt,
    Instant updatedAt) {

  /** Sorts open-ended tasks after every dated one in the pending queue. */
  static final Instant NO_DEADLINE = Instant.parse("9999-12-31T00:00:00Z");

  public String creationFingerprint() {
    return Fingerprint.of(missionId, exposureRequiredS, windowStart, windowEnd, remainderOf, priority);
  }

  Instant deadline() {
    return windowEnd == null ? NO_DEADLINE : windowEnd;
  }
}
