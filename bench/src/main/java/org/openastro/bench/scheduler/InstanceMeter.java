package org.openastro.bench.scheduler;

import org.openastro.bench.ProcStat;

/**
 * What one scheduler instance used over a window: CPU from /proc, and from its own {@code /metrics}
 * the Cassandra driver's request count ({@code cassandra.session.cql-requests}: every CQL request
 * the session executed, as the driver times them), the faults it made, the tasks it assigned, and
 * its heap, sampled through the window (a scrape costs the instance a little CPU, as a Prometheus
 * scrape in production does).
 */
final class InstanceMeter {
  static final String REQUESTS = "cassandra_session_cql_requests_seconds_count";
  static final String FAULTS = "openastro_scheduler_faults_detected_total";
  static final String ASSIGNED = "openastro_scheduler_assignment_latency_seconds_count";
  static final String ASSIGNMENT_LATENCY = "openastro_scheduler_assignment_latency_seconds";
  static final String HEAP_USED = "jvm_memory_used_bytes";
  static final String LIVE_DATA = "jvm_gc_live_data_size_bytes";
  static final String GC_PAUSE = "jvm_gc_pause_seconds_sum";
  static final String NODES = "openastro_scheduler_nodes";
  /**
   * Timers the scheduler does not have yet (proposed with this benchmark): one mission sweep, one
   * assignment round. Read when present, so the figures appear once the scheduler times them itself.
   * Their {@code _max} is Micrometer's decaying maximum (about the last two minutes).
   */
  static final String SWEEP = "openastro_scheduler_mission_sweep_seconds";
  static final String ROUND = "openastro_scheduler_assignment_round_seconds";

  /** Counters at one moment; NaN where the instance did not answer or has no such metric. */
  record Snapshot(long atNanos, double cpuSeconds, double requests, double faults, double assigned,
      double gcPauseSeconds, double sweeps, double sweepSeconds, double rounds, double roundSeconds,
      double sweepMaxSeconds, double roundMaxSeconds) {}

  /** One window of one instance. */
  record Window(String instance, double seconds, double cpuCores, double requestsPerSecond, double faults,
      double assigned, double gcPauseShare, double heapMaxMb, double liveDataMb, int heapSamples,
      double sweeps, double sweepMeanSeconds, double rounds, double roundMeanSeconds, double sweepMaxSeconds,
      double roundMaxSeconds) {}

  final SchedulerChild child;
  private double heapMaxBytes = Double.NaN;
  private double liveDataBytes = Double.NaN;
  private int heapSamples;

  InstanceMeter(SchedulerChild child) {
    this.child = child;
  }

  Snapshot snapshot() {
    double cpu = ProcStat.cpuSeconds(child.pid());
    PromText m = scrape();
    if (m == null) {
      return new Snapshot(System.nanoTime(), cpu, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    noteHeap(m);
    return new Snapshot(System.nanoTime(), cpu, m.sum(REQUESTS), m.sum(FAULTS), m.sum(ASSIGNED), m.sum(GC_PAUSE),
        m.sum(SWEEP + "_count"), m.sum(SWEEP + "_sum"), m.sum(ROUND + "_count"), m.sum(ROUND + "_sum"),
        m.sum(SWEEP + "_max"), m.sum(ROUND + "_max"));
  }

  /** A heap sample between snapshots. */
  synchronized void sampleHeap() {
    PromText m = scrape();
    if (m != null) {
      noteHeap(m);
    }
  }

  /** Starts a new window of heap samples. */
  synchronized void resetHeap() {
    heapMaxBytes = Double.NaN;
    liveDataBytes = Double.NaN;
    heapSamples = 0;
  }

  /** Nodes by status as the instance last read them ({@code openastro_scheduler_nodes}); NaN if unknown. */
  double nodesIn(String status) {
    PromText m = scrape();
    return m == null ? Double.NaN : m.sum(NODES, "status=\"" + status + "\"");
  }

  /** The instance's creation-to-assignment quantile (its Micrometer summary: the last two minutes). */
  double assignmentLatencySeconds(String quantile) {
    PromText m = scrape();
    return m == null ? Double.NaN : m.sum(ASSIGNMENT_LATENCY, "quantile=\"" + quantile + "\"");
  }

  synchronized Window between(Snapshot a, Snapshot b) {
    double seconds = (b.atNanos() - a.atNanos()) / 1e9;
    return new Window(child.name, seconds, (b.cpuSeconds() - a.cpuSeconds()) / seconds,
        (b.requests() - a.requests()) / seconds, b.faults() - a.faults(), b.assigned() - a.assigned(),
        (b.gcPauseSeconds() - a.gcPauseSeconds()) / seconds, heapMaxBytes / (1 << 20), liveDataBytes / (1 << 20),
        heapSamples, b.sweeps() - a.sweeps(), (b.sweepSeconds() - a.sweepSeconds()) / (b.sweeps() - a.sweeps()),
        b.rounds() - a.rounds(), (b.roundSeconds() - a.roundSeconds()) / (b.rounds() - a.rounds()),
        b.sweepMaxSeconds(), b.roundMaxSeconds());
  }

  private synchronized void noteHeap(PromText m) {
    double used = m.sum(HEAP_USED, "area=\"heap\"");
    if (!Double.isNaN(used)) {
      heapMaxBytes = Double.isNaN(heapMaxBytes) ? used : Math.max(heapMaxBytes, used);
      heapSamples++;
    }
    double live = m.sum(LIVE_DATA);
    if (!Double.isNaN(live)) {
      liveDataBytes = live;
    }
  }

  private PromText scrape() {
    if (!child.alive()) {
      return null;
    }
    try {
      return PromText.parse(child.metrics());
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
