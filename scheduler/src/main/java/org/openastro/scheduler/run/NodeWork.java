package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;

/**
 * The open tasks a node holds, by its index rows (tasks_by_node): recovery walks them, and an
 * assignment refuses a node that still holds one even if its claim was cleared.
 */
@FunctionalInterface
interface NodeWork {
  Future<List<UUID>> openTaskIds(UUID nodeId);
}
