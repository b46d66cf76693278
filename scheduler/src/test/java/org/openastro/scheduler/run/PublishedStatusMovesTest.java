package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openastro.domain.NodeStatus;
import org.openastro.events.EventAddresses;

/** A move this call made is published once; a lost compare-and-set is not (another writer moved it). */
class PublishedStatusMovesTest {
  final Vertx vertx = Vertx.vertx();
  final List<JsonObject> seen = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void publishesOnlyTheMovesItMade() throws Exception {
    vertx.eventBus().<JsonObject>consumer(EventAddresses.NODE_STATUS, m -> seen.add(m.body()))
        .completion().await(10, TimeUnit.SECONDS);
    UUID won = UUID.randomUUID();
    UUID lost = UUID.randomUUID();
    // the store: the "lost" node was moved to PARKED by someone else meanwhile
    NodeStatusMoves store = (id, expected, next, at) -> Future.succeededFuture(id.equals(lost) ? NodeStatus.PARKED : next);
    PublishedStatusMoves moves = new PublishedStatusMoves(store, vertx.eventBus());
    Instant at = Instant.parse("2026-12-03T00:00:00Z");

    moves.move(lost, NodeStatus.ONLINE, NodeStatus.FAULTED, at).await(10, TimeUnit.SECONDS);
    moves.move(won, NodeStatus.BUSY, NodeStatus.FAULTED, at).await(10, TimeUnit.SECONDS);

    org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> !seen.isEmpty());
    assertThat(seen).containsExactly(new JsonObject().put("node_id", won.toString()).put("status", "FAULTED")
        .put("previous_status", "BUSY").put("at", "2026-12-03T00:00:00Z"));
  }
}
