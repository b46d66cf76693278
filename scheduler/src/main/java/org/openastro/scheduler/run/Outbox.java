package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openastro.cql.scheduling.CompletionOutbox;

/** Completion triggers waiting for delivery: written before a mission's COMPLETE move, removed once delivered. */
interface Outbox {
  Future<Void> add(UUID missionId, String payload, Instant now);

  Future<List<CompletionOutbox.Entry>> all();

  Future<Void> markPublished(UUID missionId);

  Future<Void> remove(UUID missionId);
}
