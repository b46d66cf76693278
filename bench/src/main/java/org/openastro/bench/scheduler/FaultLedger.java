package org.openastro.bench.scheduler;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.openastro.events.EventAddresses;

/**
 * The schedulers' status moves as an operator console hears them ({@link EventAddresses#NODE_STATUS},
 * meant to be published once across instances, by the one whose compare-and-set made the move). For
 * a node silenced on purpose, when the FAULTED event arrived here; any other node FAULTED is a false
 * fault (it was heartbeating), and is counted with how long it had been unheard.
 */
final class FaultLedger implements AutoCloseable {
  private final Fleet fleet;
  private final HeartbeatLoad load;
  private final MessageConsumer<JsonObject> consumer;
  private final Map<Integer, Long> faultedAtMs = new ConcurrentHashMap<>();
  private final List<String> falseFaults = new ArrayList<>();
  private final AtomicInteger recoveries = new AtomicInteger();
  /** FAULTED events for a node already FAULTED: a move published by more than one instance. */
  private final AtomicInteger repeats = new AtomicInteger();

  FaultLedger(Vertx vertx, Fleet fleet, HeartbeatLoad load) {
    this.fleet = fleet;
    this.load = load;
    this.consumer = vertx.eventBus().consumer(EventAddresses.NODE_STATUS, msg -> onStatus(msg.body()));
  }

  private void onStatus(JsonObject event) {
    long now = System.currentTimeMillis();
    int i = fleet.indexOf(UUID.fromString(event.getString("node_id")));
    if (i < 0) {
      return;
    }
    String status = event.getString("status");
    if ("FAULTED".equals(status)) {
      if (load.silenced(i)) {
        if (faultedAtMs.putIfAbsent(i, now) != null) {
          repeats.incrementAndGet();
        }
      } else {
        synchronized (falseFaults) {
          falseFaults.add(String.format("%s unheard %.1f s", fleet.id(i), (now - load.lastStoredMs(i)) / 1000.0));
        }
      }
    } else if ("ONLINE".equals(status) && "FAULTED".equals(event.getString("previous_status"))) {
      recoveries.incrementAndGet();
    }
  }

  /** When node {@code i}'s FAULTED event arrived, epoch ms; null when it has not. */
  Long faultedAtMs(int i) {
    return faultedAtMs.get(i);
  }

  boolean faulted(int i) {
    return faultedAtMs.containsKey(i);
  }

  List<String> falseFaults() {
    synchronized (falseFaults) {
      return List.copyOf(falseFaults);
    }
  }

  int repeats() {
    return repeats.get();
  }

  int recoveries() {
    return recoveries.get();
  }

  @Override
  public void close() {
    consumer.unregister();
  }
}
