package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.util.UUID;

/**
 * A node's claim ({@code current_task_id}), the lock of an assignment: taken only while the node
 * is ONLINE and holds nothing, released only by the task that holds it. Both are compare-and-set.
 */
interface Claims {
  /** True when this call took the node for {@code taskId}. */
  Future<Boolean> claim(UUID nodeId, UUID taskId);

  /** True when the node still held {@code taskId} and this call freed it. */
  Future<Boolean> release(UUID nodeId, UUID taskId);
}
