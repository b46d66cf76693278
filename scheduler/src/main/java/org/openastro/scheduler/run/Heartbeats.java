package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The newest stored heartbeat of a node: the truth a fault is confirmed against, since a
 * heartbeat event this instance missed must not fault a live node.
 */
@FunctionalInterface
interface Heartbeats {
  Future<Optional<Instant>> lastHeartbeat(UUID nodeId, Instant now);
}
