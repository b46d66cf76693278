package org.openastro.gateway.http;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openastro.api.wire.DownlinkMessages;
import org.openastro.events.EventAddresses;

/**
 * HTTP long-polls waiting for downlink to their node. Woken by the NODE_DOWNLINK event (on this
 * gateway, or from another pod over the clustered bus); bounded in number. Used on one event loop.
 */
final class DownlinkWaiters {
  private final Map<UUID, List<Promise<JsonObject>>> waiting = new HashMap<>();
  private final int maxWaiters;
  private int count;
  private boolean listening;

  DownlinkWaiters(int maxWaiters) {
    this.maxWaiters = maxWaiters;
  }

  /** A promise completed with the next downlink event for the node; null when too many wait already. */
  Promise<JsonObject> await(Vertx vertx, UUID nodeId) {
    if (!listening) {
      listening = true;
      vertx.eventBus().<JsonObject>consumer(EventAddresses.NODE_DOWNLINK, m -> wake(m.body()));
    }
    if (count >= maxWaiters) {
      return null;
    }
    Promise<JsonObject> promise = Promise.promise();
    waiting.computeIfAbsent(nodeId, k -> new ArrayList<>()).add(promise);
    count++;
    promise.future().onComplete(done -> remove(nodeId, promise));
    return promise;
  }

  private void wake(JsonObject event) {
    UUID nodeId = DownlinkMessages.nodeOf(event);
    List<Promise<JsonObject>> promises = nodeId == null ? null : waiting.get(nodeId);
    if (promises != null) {
      new ArrayList<>(promises).forEach(p -> p.tryComplete(event));
    }
  }

  private void remove(UUID nodeId, Promise<JsonObject> promise) {
    List<Promise<JsonObject>> promises = waiting.get(nodeId);
    if (promises != null && promises.remove(promise)) {
      count--;
      if (promises.isEmpty()) {
        waiting.remove(nodeId);
      }
    }
  }
}
