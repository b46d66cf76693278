package org.openastro.cql.ingest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openastro.domain.TaskStatus;

/**
 * A node's progress report on one task: cumulative exposure delivered so far and the task's status
 * as the node sees it (EXECUTING, SUCCESS or FAILED), with every FITS path produced so far.
 */
public record TaskProgress(UUID nodeId, UUID taskId, double exposureDeliveredS, TaskStatus status,
    List<String> fitsObjectStoragePaths, Instant receivedAt) {
  public TaskProgress {
    fitsObjectStoragePaths = List.copyOf(fitsObjectStoragePaths);
  }
}
