package org.openastro.bench.scheduler;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.openastro.cql.Buckets;
import org.openastro.cql.ingest.HeartbeatHistoryWriter;
import org.openastro.cql.ingest.HeartbeatRow;
import org.openastro.domain.NodeStatus;
import org.openastro.events.EventAddresses;
import org.openastro.gateway.ingest.IngestEvents;

/**
 * What a gateway does for the scheduler's sake, without MQTT: every admitted node heartbeats once
 * per interval (node i at phase i/N of it, so the load is even), each heartbeat is written through
 * the gateway's own {@link HeartbeatHistoryWriter} (the row the schedulers' fault check reads, up to
 * {@code rowsPerBatch} to an unlogged batch as the gateway batches them) and, once stored, published
 * to the schedulers in the gateway's batch shape ({@link IngestEvents#heartbeat} entries under
 * {@code "heartbeats"}), on each shard's address, every {@code eventIntervalMs}. A silenced node simply stops.
 *
 * <p>One pacing thread walks the schedule and blocks while {@code inFlight} batches are
 * outstanding; how far it fell behind the schedule is reported, so a run whose generator (or
 * Cassandra) could not keep up is visible as such and not blamed on the schedulers.
 */
final class HeartbeatLoad implements AutoCloseable {
  /** HeartbeatEvents.MAX_BATCH: the gateway publishes a batch this large at once. */
  private static final int MAX_EVENT_ENTRIES = 2_000;
  private static final int IDLE = 0;
  private static final int BEATING = 1;
  private static final int SILENT = 2;
  /** The pacing thread's step: heartbeats due within it go out together. */
  private static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final Fleet fleet;
  private final HeartbeatHistoryWriter writer;
  private final Vertx vertx;
  private final long intervalMs;
  private final int rowsPerBatch;
  private final Semaphore permits;
  private final int inFlight;
  private final AtomicIntegerArray state;
  private final AtomicLongArray lastStoredMs;
  private final ConcurrentLinkedQueue<Integer> admitted = new ConcurrentLinkedQueue<>();
  /** Stored heartbeats' event entries not published yet, per shard: the gateway publishes per shard. */
  private final List<ConcurrentLinkedQueue<JsonObject>> stored = IntStream.range(0, Buckets.COUNT)
      .mapToObj(shard -> new ConcurrentLinkedQueue<JsonObject>()).toList();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong maxLagMs = new AtomicLong();
  private final Thread pacer;
  private final long publishTimer;
  private volatile boolean running = true;

  HeartbeatLoad(Fleet fleet, HeartbeatHistoryWriter writer, Vertx vertx, long intervalMs, int rowsPerBatch,
      int inFlight, long eventIntervalMs) {
    this.fleet = fleet;
    this.writer = writer;
    this.vertx = vertx;
    this.intervalMs = intervalMs;
    this.rowsPerBatch = rowsPerBatch;
    this.inFlight = inFlight;
    this.permits = new Semaphore(inFlight);
    this.state = new AtomicIntegerArray(fleet.size());
    this.lastStoredMs = new AtomicLongArray(fleet.size());
    this.pacer = new Thread(this::pace, "heartbeat-pacer");
    this.pacer.setDaemon(true);
    this.pacer.start();
    this.publishTimer = vertx.setPeriodic(eventIntervalMs, id -> publishStored());
  }

  /** Node {@code i} is registered: it heartbeats at once, then on its phase of every interval. */
  void admit(int i) {
    if (state.compareAndSet(i, IDLE, BEATING)) {
      admitted.add(i);
    }
  }

  /** Node {@code i} falls silent now (what was in flight still lands); false if it was not heartbeating. */
  boolean silence(int i) {
    return state.compareAndSet(i, BEATING, SILENT);
  }

  boolean silenced(int i) {
    return state.get(i) == SILENT;
  }

  /** Epoch ms of node {@code i}'s newest stored heartbeat; 0 when none. */
  long lastStoredMs(int i) {
    return lastStoredMs.get(i);
  }

  long written() {
    return written.get();
  }

  long failed() {
    return failed.get();
  }

  long events() {
    return events.get();
  }

  /** The furthest a heartbeat was sent behind its schedule, since the last call. */
  long takeMaxLagMs() {
    return maxLagMs.getAndSet(0);
  }

  private void pace() {
    int n = fleet.size();
    long cycleStart = System.currentTimeMillis();
    int next = 0;
    List<Integer> batch = new ArrayList<>(rowsPerBatch);
    long nextStep = System.nanoTime();
    try {
      while (running) {
        long now = System.currentTimeMillis();
        Integer first;
        while ((first = admitted.poll()) != null) {
          add(batch, first, now, now);
        }
        while (cycleStart + next * intervalMs / n <= now) {
          long due = cycleStart + next * intervalMs / n;
          if (state.get(next) == BEATING) {
            add(batch, next, due, System.currentTimeMillis());
          }
          if (++next == n) {
            next = 0;
            cycleStart += intervalMs;
          }
        }
        // No heartbeat waits for others beyond this step, as the gateway's batches leave at the end of a turn.
        flush(batch);
        nextStep += STEP_NANOS;
        LockSupport.parkNanos(nextStep - System.nanoTime());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void add(List<Integer> batch, int i, long dueMs, long nowMs) throws InterruptedException {
    maxLagMs.accumulateAndGet(nowMs - dueMs, Math::max);
    batch.add(i);
    if (batch.size() == rowsPerBatch) {
      flush(batch);
    }
  }

  private void flush(List<Integer> batch) throws InterruptedException {
    if (batch.isEmpty()) {
      return;
    }
    permits.acquire();
    long at = System.currentTimeMillis();
    List<Integer> nodes = List.copyOf(batch);
    batch.clear();
    List<HeartbeatHistoryWriter.Insert> inserts = new ArrayList<>(nodes.size());
    for (int i : nodes) {
      inserts.add(writer.insertOf(new HeartbeatRow(fleet.id(i), Instant.ofEpochMilli(at), "mqtt",
          NodeStatus.ONLINE.name(), null, null)));
    }
    writer.write(inserts).onComplete(r -> {
      if (r.succeeded()) {
        for (int i : nodes) {
          lastStoredMs.accumulateAndGet(i, at, Math::max);
          UUID id = fleet.id(i);
          stored.get(Buckets.of(id)).add(IngestEvents.heartbeat(id, Instant.ofEpochMilli(at), "mqtt", NodeStatus.ONLINE,
              null));
        }
        written.addAndGet(nodes.size());
      } else {
        failed.addAndGet(nodes.size());
      }
      permits.release();
    });
  }

  private void publishStored() {
    for (int shard = 0; shard < Buckets.COUNT; shard++) {
      JsonArray entries = new JsonArray();
      JsonObject entry;
      while ((entry = stored.get(shard).poll()) != null) {
        entries.add(entry);
        if (entries.size() == MAX_EVENT_ENTRIES) {
          publish(shard, entries);
          entries = new JsonArray();
        }
      }
      if (!entries.isEmpty()) {
        publish(shard, entries);
      }
    }
  }

  private void publish(int shard, JsonArray entries) {
    vertx.eventBus().publish(EventAddresses.nodeHeartbeat(shard), new JsonObject().put("heartbeats", entries));
    events.incrementAndGet();
  }

  /** Stops the schedule, lets the writes in flight land, publishes what they stored. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    pacer.join(10_000);
    permits.tryAcquire(inFlight, 30, TimeUnit.SECONDS);
    vertx.cancelTimer(publishTimer);
    publishStored();
  }
}
