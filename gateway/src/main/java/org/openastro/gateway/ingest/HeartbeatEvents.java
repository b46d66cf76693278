package org.openastro.gateway.ingest;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openastro.cql.Buckets;
import org.openastro.domain.NodeStatus;
import org.openastro.events.EventAddresses;

/**
 * Publishes persisted heartbeats to the scheduler in batches: per interval, one event per shard
 * ({@link EventAddresses#nodeHeartbeat(int)}) holding every heartbeat of that shard's nodes,
 * instead of one event-bus message (and, with a local consumer, one copy and one task on the
 * scheduler's loop) per heartbeat. Per shard, because each scheduler instance watches only its
 * shards: a fleet-wide event would reach, and be decoded by, every instance. Nothing is coalesced:
 * every heartbeat is an entry with its exact receive time; the interval (100 ms by default) only
 * delays the news, far below a fault's three missed heartbeats. Thread-safe: the HTTP verticle and
 * every MQTT listener add to one batch.
 */
final class HeartbeatEvents {
  /** A batch this large is published at once, so one event stays a few hundred kB at most. */
  static final int MAX_BATCH = 2_000;

  record Entry(UUID nodeId, Instant receivedAt, String source, NodeStatus status, UUID currentTaskId) {}

  private final long intervalMillis;
  private List<Entry> pending = new ArrayList<>();
  private boolean flushScheduled;

  HeartbeatEvents(Duration interval) {
    this.intervalMillis = interval.toMillis();
  }

  /** Adds a persisted heartbeat; call on a Vert.x context (outside one there is no bus to tell). */
  void add(Vertx vertx, Entry entry) {
    List<Entry> full = null;
    boolean schedule = false;
    synchronized (this) {
      pending.add(entry);
      if (intervalMillis == 0 || pending.size() >= MAX_BATCH) {
        full = take();
      } else if (!flushScheduled) {
        flushScheduled = true;
        schedule = true;
      }
    }
    if (full != null) {
      publish(vertx, full);
    } else if (schedule) {
      vertx.setTimer(intervalMillis, id -> flush(vertx));
    }
  }

  private void flush(Vertx vertx) {
    List<Entry> batch;
    synchronized (this) {
      flushScheduled = false;
      batch = take();
    }
    if (!batch.isEmpty()) {
      publish(vertx, batch);
    }
  }

  private List<Entry> take() {
    List<Entry> batch = pending;
    pending = new ArrayList<>(Math.min(MAX_BATCH, Math.max(16, batch.size())));
    return batch;
  }

  private static void publish(Vertx vertx, List<Entry> batch) {
    List<List<Entry>> byShard = new ArrayList<>(Buckets.COUNT);
    for (int shard = 0; shard < Buckets.COUNT; shard++) {
      byShard.add(new ArrayList<>());
    }
    for (Entry entry : batch) {
      byShard.get(Buckets.of(entry.nodeId())).add(entry);
    }
    for (int shard = 0; shard < Buckets.COUNT; shard++) {
      if (!byShard.get(shard).isEmpty()) {
        vertx.eventBus().publish(EventAddresses.nodeHeartbeat(shard), IngestEvents.heartbeats(byShard.get(shard)));
      }
    }
  }
}
