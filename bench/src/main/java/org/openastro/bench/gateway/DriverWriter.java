package org.openastro.bench.gateway;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openastro.config.Config;
import org.openastro.cql.ingest.HeartbeatHistoryWriter;
import org.openastro.cql.ingest.HeartbeatRow;
import org.openastro.gateway.GatewaySettings;
import org.openastro.gateway.ingest.IngestSettings;

/**
 * The raw driver writing heartbeats as fast as a bounded number of outstanding heartbeats allows,
 * round-robin over the nodes, with receive times unique per node (as the gateway's ReceiveClock
 * makes them), prepared, async, LOCAL_QUORUM. The history row is always the gateway's own
 * ({@link HeartbeatHistoryWriter#insertOf}: same statement, TTL from {@code HEARTBEAT_HISTORY_TTL}, absent
 * values unset), so the two writers differ in design only:
 * <ul>
 *   <li>{@link #naive}: the baseline, {@link NaiveRows}. Per heartbeat the history row alone plus one
 *       node-state upsert {@code UPDATE nodes SET last_heartbeat = ?, status = ?} (the liveness column
 *       a naive design would have, added to its keyspace here), sent together;</li>
 *   <li>{@link #gatewayDesign}: what the gateway writes, without MQTT: only the history row,
 *       {@code HEARTBEAT_BATCH_MAX_ROWS} rows per unlogged batch, as many heartbeats in flight as the
 *       gateway allows itself (INGEST_MAX_IN_FLIGHT).</li>
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

  /** {@code gateway}: the gateway's settings (history TTL). Adds the liveness column to the session's keyspace. */
  static DriverWriter naive(CqlSession session, Config gateway) {
    NaiveRows.addLivenessColumn(session);
    NaiveRows rows = new NaiveRows(session, gateway.get(GatewaySettings.HEARTBEAT_HISTORY_TTL));
    return new DriverWriter("baseline", 1, (nodes, at) -> rows.write(online(nodes.get(0), at.get(0))));
  }

  /** {@code gateway}: the gateway's settings (history TTL, rows per batch). */
  static DriverWriter gatewayDesign(CqlSession session, Config gateway) {
    HeartbeatHistoryWriter history = historyOf(session, gateway);
    return new DriverWriter("design", gateway.get(IngestSettings.HEARTBEAT_BATCH_MAX_ROWS), (nodes, at) -> {
      List<HeartbeatHistoryWriter.Insert> inserts = new ArrayList<>(nodes.size());
      for (int i = 0; i < nodes.size(); i++) {
        inserts.add(history.insertOf(online(nodes.get(i), at.get(i))));
      }
      return history.write(inserts).toCompletionStage();
    });
  }

  private static HeartbeatHistoryWriter historyOf(CqlSession session, Config gateway) {
    return new HeartbeatHistoryWriter(session, gateway.get(GatewaySettings.HEARTBEAT_HISTORY_TTL));
  }

  /** The row of the benchmark's MQTT heartbeat {"status": "ONLINE"}, as the gateway stores it. */
  private static HeartbeatRow online(UUID nodeId, Instant receivedAt) {
    return new HeartbeatRow(nodeId, receivedAt, "mqtt", "ONLINE", null, null);
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
