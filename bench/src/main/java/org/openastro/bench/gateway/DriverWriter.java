package org.openastro.bench.gateway;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The baseline: the raw driver writing the same information as the gateway, naively. Per heartbeat
 * one history row (the gateway's own INSERT ... USING TTL into node_heartbeats) plus one node-state
 * upsert {@code UPDATE nodes SET last_heartbeat = ?, status = ?} (the baseline keyspace gets the
 * {@code last_heartbeat} column a naive design would have). Both statements prepared, async,
 * LOCAL_QUORUM like the gateway, sent together; a heartbeat counts when both succeeded. At most
 * {@code inFlight} heartbeats (so up to 2 x inFlight statements) are outstanding.
 */
final class NaiveWriter {
  record Result(long heartbeats, double seconds, long errors, Histogram latencyMicros, int inFlight, double[] cpuSeconds) {
    double perSecond() {
      return heartbeats / seconds;
    }
  }

  private NaiveWriter() {}

  static Result run(CqlSession session, List<UUID> nodes, BenchOptions opts, WarmUp warmUp, CpuMeter cpu)
      throws InterruptedException {
    int inFlight = opts.integer("baselineInFlight");
    int seconds = opts.integer("seconds");
    WindowProfiler profiler = null;
    PreparedStatement history = session.prepare("INSERT INTO node_heartbeats (node_id, day, received_at, source,"
        + " status, current_task_id, telemetry) VALUES (?, ?, ?, ?, ?, ?, ?) USING TTL ?");
    PreparedStatement state = session.prepare("UPDATE nodes SET last_heartbeat = ?, status = ? WHERE node_id = ?");
    int ttl = 7 * 24 * 3600;
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
        profiler = WindowProfiler.start(opts, "baseline", cpu.cassandraPid());
      }
      if (now >= end) {
        break;
      }
      if (!permits.tryAcquire(10, TimeUnit.MILLISECONDS)) {
        continue;
      }
      int i = next;
      next = (next + 1) % nodes.size();
      UUID nodeId = nodes.get(i);
      // Receive times unique per node, as the gateway's ReceiveClock makes them.
      long ms = Math.max(System.currentTimeMillis(), lastStamp[i] + 1);
      lastStamp[i] = ms;
      Instant at = Instant.ofEpochMilli(ms);
      LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
      long sent = System.nanoTime();
      CompletableFuture<?> a = session.executeAsync(history.bind(nodeId, day, at, "mqtt", "ONLINE", null, null, ttl)
          .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM).setIdempotent(true)).toCompletableFuture();
      CompletableFuture<?> b = session.executeAsync(state.bind(at, "ONLINE", nodeId)
          .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM).setIdempotent(true)).toCompletableFuture();
      CompletableFuture.allOf(a, b).whenComplete((v, error) -> {
        if (error == null) {
          latency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
          done.incrementAndGet();
        } else {
          errors.incrementAndGet();
        }
        permits.release();
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
