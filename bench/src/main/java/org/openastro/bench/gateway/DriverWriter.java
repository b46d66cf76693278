package org.openastro.bench.gateway;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openastro.cql.ingest.HeartbeatHistory;
import org.openastro.cql.ingest.HeartbeatHistory.HeartbeatRow;

/**
 * The raw driver writing heartbeats as fast as a bounded number of outstanding heartbeats allows,
 * round-robin over the nodes, with receive times unique per node (as the gateway's ReceiveClock
 * makes them), prepared, async, LOCAL_QUORUM:
 * <ul>
 *   <li>{@link #naive}: the baseline. Per heartbeat one history row (the gateway's own INSERT ...
 *       USING TTL into node_heartbeats, every column bound) plus one node-state upsert
 *       {@code UPDATE nodes SET last_heartbeat = ?, status = ?} (the baseline keyspace gets the
 *       {@code last_heartbeat} column a naive design would have), sent together;</li>
 *   <li>{@link #gatewayDesign}: what the gateway writes, without MQTT: only the history row, through
 *       the gateway's own {@link HeartbeatHistory}, {@code rowsPerWrite} rows per unlogged batch, as many
 *       heartbeats in flight as the gateway allows itself (INGEST_MAX_IN_FLIGHT).</li>
 * </ul>
 */
final class DriverWriter {
  record Result(long heartbeats, double seconds, long errors, Histogram latencyMicros, int inFlight, double[] cpuSeconds) {
    double perSecond() {
      return heartbeats / seconds;
    }
  }

  /** One write of some heartbeats: (node, receive time) pairs. */
  private interface Writes {
    CompletionStage<?> write(List<UUID> nodes, List<Instant> at);
  }

  private final String phase;
  private final int heartbeatsPerWrite;
  private final Writes writes;

  private DriverWriter(String phase, int heartbeatsPerWrite, Writes writes) {
    this.phase = phase;
    this.heartbeatsPerWrite = heartbeatsPerWrite;
    this.writes = writes;
  }

  static DriverWriter naive(CqlSession session) {
    PreparedStatement history = session.prepare("INSERT INTO node_heartbeats (node_id, day, received_at, source,"
        + " status, current_task_id, telemetry) VALUES (?, ?, ?, ?, ?, ?, ?) USING TTL ?");
    PreparedStatement state = session.prepare("UPDATE nodes SET last_heartbeat = ?, status = ? WHERE node_id = ?");
    int ttl = 7 * 24 * 3600;
    return new DriverWriter("baseline", 1, (nodes, at) -> {
      UUID nodeId = nodes.get(0);
      Instant t = at.get(0);
      LocalDate day = LocalDate.ofInstant(t, ZoneOffset.UTC);
      CompletableFuture<?> a = session.executeAsync(history.bind(nodeId, day, t, "mqtt", "ONLINE", null, null, ttl)
          .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM).setIdempotent(true)).toCompletableFuture();
      CompletableFuture<?> b = session.executeAsync(state.bind(t, "ONLINE", nodeId)
          .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM).setIdempotent(true)).toCompletableFuture();
      return CompletableFuture.allOf(a, b);
    });
  }

  static DriverWriter gatewayDesign(CqlSession session, int rowsPerWrite) {
    HeartbeatHistory history = new HeartbeatHistory(session, Duration.ofDays(7));
    return new DriverWriter("design", rowsPerWrite, (nodes, at) -> {
      List<HeartbeatHistory.Insert> inserts = new ArrayList<>(nodes.size());
      for (int i = 0; i < nodes.size(); i++) {
        inserts.add(history.insertOf(new HeartbeatRow(nodes.get(i), at.get(i), "mqtt", "ONLINE", null, null)));
      }
      return history.write(inserts).toCompletionStage();
    });
  }

  /** Writes with at most {@code inFlight} heartbeats outstanding until the warm-up and the measured window are over. */
  Result run(List<UUID> nodes, int inFlight, BenchOptions opts, WarmUp warmUp, CpuMeter cpu)
      throws InterruptedException {
    int seconds = opts.integer("seconds");
    WindowProfiler profiler = null;
    Semaphore permits = new Semaphore(inFlight);
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    Recorder latency = new Recorder(3);
    long[] lastStamp = new long[nodes.size()];
    long end = Long.MAX_VALUE;
    long doneAtMeasureStart = -1;
    long measureStartedNanos = 0;
    int next = 0;
    while (true) {
      long now = System.nanoTime();
      if (doneAtMeasureStart < 0 && warmUp.over()) {
        doneAtMeasureStart = done.get();
        measureStartedNanos = now;
        end = now + TimeUnit.SECONDS.toNanos(seconds);
        latency.reset();
        cpu.mark();
        profiler = WindowProfiler.start(opts, phase, cpu.cassandraPid());
      }
      if (now >= end) {
        break;
      }
      if (!permits.tryAcquire(heartbeatsPerWrite, 10, TimeUnit.MILLISECONDS)) {
        continue;
      }
      List<UUID> ids = new ArrayList<>(heartbeatsPerWrite);
      List<Instant> times = new ArrayList<>(heartbeatsPerWrite);
      for (int k = 0; k < heartbeatsPerWrite; k++) {
        int i = next;
        next = (next + 1) % nodes.size();
        long ms = Math.max(System.currentTimeMillis(), lastStamp[i] + 1);
        lastStamp[i] = ms;
        ids.add(nodes.get(i));
        times.add(Instant.ofEpochMilli(ms));
      }
      long sent = System.nanoTime();
      writes.write(ids, times).whenComplete((v, error) -> {
        if (error == null) {
          latency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
          done.addAndGet(heartbeatsPerWrite);
        } else {
          errors.incrementAndGet();
        }
        permits.release(heartbeatsPerWrite);
      });
    }
    long measured = done.get() - doneAtMeasureStart;
    double secs = (System.nanoTime() - measureStartedNanos) / 1e9;
    double[] cpuSeconds = cpu.seconds();
    profiler.stop();
    Histogram h = latency.getIntervalHistogram();
    permits.acquire(inFlight); // drain
    permits.release(inFlight);
    return new Result(measured, secs, errors.get(), h, inFlight, cpuSeconds);
  }
}
