package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.util.List;
import org.openastro.cql.scheduling.PendingQueue;

/** The head of the pending queue (priority, then deadline): what an assignment round looks at. */
@FunctionalInterface
interface PendingTasks {
  Future<List<PendingQueue.Entry>> head(int limit);
}
