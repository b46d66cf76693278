package org.openastro.scheduler.intake;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.time.Instant;
import org.openastro.api.wire.DownlinkMessages;
import org.openastro.cql.Store;
import org.openastro.cql.scheduling.NodeClaims;
import org.openastro.cql.scheduling.TaskTransitions;
import org.openastro.cql.task.Task;
import org.openastro.domain.TaskStatus;
import org.openastro.events.EventAddresses;

/**
 * One open task closed as CANCELLED with a reason (LWT on the status, exposure and node read, so the
 * delivered seconds stay exactly as stored), its node told over the downlink and its claim
 * released: the same for a mission's cancel and for a task an alert's relocation takes from a node.
 */
final class TaskCancellation {
  private final TaskTransitions transitions;
  private final NodeClaims claims;
  private final EventBus bus;

  TaskCancellation(Store store, EventBus bus) {
    this.transitions = store.transitions();
    this.claims = store.nodeClaims();
    this.bus = bus;
  }

  /** False when the task changed since {@code t} was read: the caller reads it again and decides anew. */
  Future<Boolean> cancel(Task t, String reason, Instant now) {
    return transitions.close(t, TaskStatus.CANCELLED, reason, now).compose(closed -> {
      if (!closed || t.assignedNodeId() == null) {
        return Future.succeededFuture(closed);
      }
      bus.publish(EventAddresses.NODE_DOWNLINK, DownlinkMessages.cancellation(t.assignedNodeId(),
          TaskTransitions.withStatus(t, TaskStatus.CANCELLED), reason, null));
      return claims.release(t.assignedNodeId(), t.taskId()).map(true);
    });
  }
}
