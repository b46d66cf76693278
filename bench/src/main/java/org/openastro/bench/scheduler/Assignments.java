package org.openastro.bench.scheduler;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openastro.events.EventAddresses;

/**
 * Tasks the schedulers announced to nodes ({@link EventAddresses#NODE_DOWNLINK}, type
 * {@code assignment}), as the gateways hear them: distinct task ids (a task announced again counts once).
 */
final class Assignments implements AutoCloseable {
  private final MessageConsumer<JsonObject> consumer;
  private final Set<String> tasks = ConcurrentHashMap.newKeySet();

  Assignments(Vertx vertx) {
    this.consumer = vertx.eventBus().consumer(EventAddresses.NODE_DOWNLINK, msg -> {
      JsonObject body = msg.body();
      JsonObject task = body.getJsonObject("task");
      if ("assignment".equals(body.getString("type")) && task != null) {
        tasks.add(task.getString("task_id"));
      }
    });
  }

  int count() {
    return tasks.size();
  }

  @Override
  public void close() {
    consumer.unregister();
  }
}
