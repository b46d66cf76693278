package org.openastro.scheduler.run;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openastro.events.EventAddresses;

/**
 * The heartbeat addresses this instance listens on: one per shard it owns
 * ({@link EventAddresses#nodeHeartbeat(int)}), so that with several instances each one receives and
 * decodes only its share of the fleet's heartbeats. Confined to the scheduler's event loop.
 */
final class ShardHeartbeats {
  private final Vertx vertx;
  private final Handler<JsonObject> handler;
  private final Map<Integer, MessageConsumer<JsonObject>> consumers = new HashMap<>();

  ShardHeartbeats(Vertx vertx, Handler<JsonObject> handler) {
    this.vertx = vertx;
    this.handler = handler;
  }

  /**
   * Listens on the addresses of {@code shards} not listened on yet. Completes when the
   * registrations have reached the cluster, so that a read of the stored heartbeats made after
   * it misses nothing that was published before.
   */
  Future<Void> follow(Set<Integer> shards) {
    List<Future<Void>> registered = new ArrayList<>();
    for (int shard : shards) {
      if (!consumers.containsKey(shard)) {
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(EventAddresses.nodeHeartbeat(shard),
            message -> handler.handle(message.body()));
        consumers.put(shard, consumer);
        registered.add(consumer.completion());
      }
    }
    return Future.all(registered).mapEmpty();
  }

  /** Stops listening on the addresses of {@code shards}: they are another instance's now. */
  void unfollow(Set<Integer> shards) {
    for (int shard : shards) {
      MessageConsumer<JsonObject> consumer = consumers.remove(shard);
      if (consumer != null) {
        consumer.unregister();
      }
    }
  }

  Set<Integer> followed() {
    return Set.copyOf(consumers.keySet());
  }
}
