package org.openastro.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a run counts and times, written from any thread (HiveMQ's and Vert.x's) without locks:
 * counters are {@link LongAdder}s, latencies go to HdrHistogram {@link Recorder}s (wait-free for
 * writers) whose intervals are folded into cumulative histograms on each {@link #snapshot()}.
 */
final class Stats {
  /** Latencies up to this are recorded exactly enough (3 significant digits); longer are clamped. */
  static final long MAX_TRACKED_NANOS = TimeUnit.MINUTES.toNanos(5);

  enum Counter {
    REGISTERED, CONNECTED, RECONNECTS, HEARTBEATS_SENT, HEARTBEATS_ACKED, PROGRESS_SENT, PROGRESS_ACKED,
    DOWNLINK_MESSAGES, TASKS_RECEIVED, TASKS_COMPLETED, CANCELLATIONS, REMAINDERS_RECEIVED,
    FAULTS_INJECTED, FAULTS_SEEN_BY_SERVER, FAULTS_RECOVERED, MISSIONS_CREATED
  }

  enum Latency {
    MQTT_CONNECT("MQTT CONNECT→CONNACK"),
    MQTT_HEARTBEAT("MQTT heartbeat QoS 1 → PUBACK"),
    MQTT_PROGRESS("MQTT progress QoS 1 → PUBACK"),
    HTTP_REGISTER("HTTP POST /nodes"),
    HTTP_HEARTBEAT("HTTP POST heartbeat"),
    HTTP_PROGRESS("HTTP POST progress"),
    HTTP_API("HTTP missions/visibility/node reads");

    final String label;

    Latency(String label) {
      this.label = label;
    }
  }

  private final Map<Counter, LongAdder> counters = new EnumMap<>(Counter.class);
  private final Map<Latency, Recorder> recorders = new EnumMap<>(Latency.class);
  private final Map<Latency, Histogram> cumulative = new EnumMap<>(Latency.class);
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

  Stats() {
    for (Counter c : Counter.values()) {
      counters.put(c, new LongAdder());
    }
    for (Latency l : Latency.values()) {
      recorders.put(l, new Recorder(MAX_TRACKED_NANOS, 3));
      cumulative.put(l, new Histogram(MAX_TRACKED_NANOS, 3));
    }
  }

  void count(Counter c) {
    counters.get(c).increment();
  }

  long get(Counter c) {
    return counters.get(c).sum();
  }

  void latency(Latency kind, long nanos) {
    recorders.get(kind).recordValue(Math.max(0, Math.min(nanos, MAX_TRACKED_NANOS)));
  }

  /** Counts an error under a short stable reason, e.g. {@code mqtt_puback_0x83} or {@code http_409_task_closed}. */
  void error(String reason) {
    errors.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  /** Counters, latencies since the last snapshot and since the start, errors: one consistent-enough view. */
  synchronized Snapshot snapshot() {
    Map<Counter, Long> c = new EnumMap<>(Counter.class);
    counters.forEach((k, v) -> c.put(k, v.sum()));
    Map<Latency, Histogram> interval = new EnumMap<>(Latency.class);
    Map<Latency, Histogram> total = new EnumMap<>(Latency.class);
    for (Latency l : Latency.values()) {
      Histogram h = recorders.get(l).getIntervalHistogram();
      cumulative.get(l).add(h);
      interval.put(l, h);
      total.put(l, cumulative.get(l).copy());
    }
    Map<String, Long> e = new TreeMap<>();
    errors.forEach((k, v) -> e.put(k, v.sum()));
    return new Snapshot(c, interval, total, e);
  }

  record Snapshot(Map<Counter, Long> counters, Map<Latency, Histogram> interval, Map<Latency, Histogram> total,
      Map<String, Long> errors) {
    long get(Counter c) {
      return counters.getOrDefault(c, 0L);
    }

    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
