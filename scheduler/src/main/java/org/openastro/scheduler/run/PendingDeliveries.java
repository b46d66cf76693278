package org.openastro.scheduler.run;

import io.vertx.core.Future;

/** Starts delivering every completion trigger in the outbox not already on its way. */
@FunctionalInterface
interface PendingDeliveries {
  Future<Void> deliverPending();
}
