package org.openastro.bench.scheduler;

import static org.openastro.bench.scheduler.SchedulerScaleBenchmark.say;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openastro.bench.ProcStat;
import org.openastro.cql.Store;

/**
 * One measured window of a phase: the fleet heartbeating for {@code duration} while {@code silenced}
 * nodes (none silenced before) fall silent one by one, early enough for each to be FAULTED inside
 * the window. Per instance: CPU, heap, Cassandra requests, faults, assignments; for the silenced
 * nodes: newest stored heartbeat to FAULTED. A window ends early when an instance dies, so what the
 * others did is still reported.
 */
final class SteadyWindow {
  private final String name;
  private final Duration duration;
  private final int silencedCount;
  private final Duration interval;
  private final int missed;
  private final long seed;

  SteadyWindow(String name, Duration duration, int silencedCount, Duration interval, int missed, long seed) {
    this.name = name;
    this.duration = duration;
    this.silencedCount = silencedCount;
    this.interval = interval;
    this.missed = missed;
    this.seed = seed;
  }

  /** The fault goal of the issue: the fault window (missed intervals) plus one second. */
  private Duration faultGoal() {
    return interval.multipliedBy(missed).plusSeconds(1);
  }

  void run(PhaseResult result, Store store, SchedulerGroup group, HeartbeatLoad load, FaultLedger faults, Fleet fleet,
      Set<Integer> alreadySilenced, long cassandraPid) throws Exception {
    Duration faultWindow = interval.multipliedBy(missed);
    // Each silenced node needs the fault window, a tick and some slack inside the window.
    long spanMs = Math.max(0, duration.minus(faultWindow).minus(interval.multipliedBy(2)).toMillis());
    List<Integer> silenced = pick(fleet, alreadySilenced);
    alreadySilenced.addAll(silenced);
    Random random = new Random(seed + name.hashCode());
    ScheduledExecutorService silencer = Executors.newSingleThreadScheduledExecutor();
    group.meters().forEach(InstanceMeter::resetHeap);
    List<InstanceMeter.Snapshot> before = group.meters().stream().map(InstanceMeter::snapshot).toList();
    double cassandraBefore = ProcStat.cpuSeconds(cassandraPid);
    double selfBefore = ProcStat.cpuSeconds(ProcessHandle.current().pid());
    long writtenBefore = load.written();
    long failedBefore = load.failed();
    long eventsBefore = load.events();
    load.takeMaxLagMs();
    long t0 = System.nanoTime();
    say("window '%s': %d s, %d nodes silenced over its first %.0f s", name, duration.toSeconds(), silenced.size(),
        spanMs / 1000.0);
    for (int i : silenced) {
      silencer.schedule(() -> load.silence(i), spanMs == 0 ? 0 : random.nextLong(spanMs), TimeUnit.MILLISECONDS);
    }
    boolean someoneDied;
    try {
      // The window's length is the measurement; it only ends early when an instance dies.
      someoneDied = ScalePhase.awaitQuietly(duration, Duration.ofSeconds(1), () -> !group.dead().isEmpty());
    } finally {
      silencer.shutdownNow();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<InstanceMeter.Snapshot> after = group.meters().stream().map(InstanceMeter::snapshot).toList();
    double cassandraCores = (ProcStat.cpuSeconds(cassandraPid) - cassandraBefore) / seconds;
    double selfCores = (ProcStat.cpuSeconds(ProcessHandle.current().pid()) - selfBefore) / seconds;
    String loadAverage = ProcStat.loadAverage();
    List<InstanceMeter.Window> windows = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      windows.add(group.meters().get(i).between(before.get(i), after.get(i)));
    }
    result.windows.put(name, windows);
    if (!someoneDied) {
      ScalePhase.awaitQuietly(faultWindow.plus(interval), Duration.ofSeconds(1),
          () -> silenced.stream().filter(load::silenced).allMatch(faults::faulted));
    }
    List<Integer> reallySilenced = silenced.stream().filter(load::silenced).toList();
    List<Long> delays = new ArrayList<>();
    int storedUnacked = faultDelays(store, fleet, load, faults, reallySilenced, delays);
    result.faultDelaysMs.put(name, delays);

    String p = name + ": ";
    double offered = fleet.size() / (double) interval.toSeconds();
    result.line(p + "window", "%.0f s%s, load average at its end %s", seconds,
        someoneDied ? " (ended early: an instance died)" : "", loadAverage);
    result.line(p + "heartbeats stored/s (offered)", "%,.0f (%,.0f), %,d write failures, %,.1f batch events/s, "
        + "generator at most %,d ms behind its schedule", (load.written() - writtenBefore) / seconds, offered,
        load.failed() - failedBefore, (load.events() - eventsBefore) / seconds, load.takeMaxLagMs());
    result.line(p + "Cassandra node CPU / this JVM (generator) CPU", "%.2f / %.2f cores", cassandraCores, selfCores);
    for (InstanceMeter.Window w : windows) {
      String q = p + w.instance() + " ";
      result.line(q + "CPU", "%.2f cores (GC pauses %.1f%% of the window)", w.cpuCores(), 100 * w.gcPauseShare());
      result.line(q + "heap: max used / live after GC", "%.0f / %.0f MB (%d samples)", w.heapMaxMb(), w.liveDataMb(),
          w.heapSamples());
      result.line(q + "Cassandra requests", "%,.0f /s", w.requestsPerSecond());
      result.line(q + "nodes FAULTED by it / tasks it assigned", "%.0f / %.0f", w.faults(), w.assigned());
      result.line(q + "its own sweep / round timers", "%s", ScalePhase.timers(w));
    }
    double p99 = PhaseResult.percentile(delays, 99);
    long goalMs = faultGoal().toMillis();
    result.line(p + "silenced nodes FAULTED", "%d of %d (%d of them last heard through a write whose ack failed)",
        delays.size(), reallySilenced.size(), storedUnacked);
    result.line(p + "heartbeat-last -> FAULTED p50 / p99 / max", "%.1f / %.1f / %.1f s (goal p99 <= %.0f s: %s)",
        PhaseResult.percentile(delays, 50) / 1000, p99 / 1000, PhaseResult.percentile(delays, 100) / 1000,
        goalMs / 1000.0, delays.size() < reallySilenced.size() ? "NOT MET (some never FAULTED)"
            : p99 <= goalMs ? "MET" : "NOT MET");
  }

  private List<Integer> pick(Fleet fleet, Set<Integer> exclude) {
    Random random = new Random(seed + 31L * name.hashCode());
    Set<Integer> picked = new java.util.LinkedHashSet<>();
    int want = Math.min(silencedCount, fleet.size() - exclude.size());
    while (picked.size() < want) {
      int i = random.nextInt(fleet.size());
      if (!exclude.contains(i)) {
        picked.add(i);
      }
    }
    return new ArrayList<>(picked);
  }

  /**
   * Heartbeat-last to FAULTED of each silenced node seen FAULTED, into {@code delays}. "Last" is the
   * newest row stored in node_heartbeats, what the scheduler confirms a fault against: a write that
   * timed out may still have landed, and then counts. Returns how many of them were such writes.
   */
  private static int faultDelays(Store store, Fleet fleet, HeartbeatLoad load, FaultLedger faults,
      List<Integer> silenced, List<Long> delays) throws Exception {
    int storedUnacked = 0;
    for (int i : silenced) {
      Long faultedAt = faults.faultedAtMs(i);
      if (faultedAt == null) {
        continue;
      }
      long last = store.heartbeats().lastHeartbeat(fleet.id(i), Instant.ofEpochMilli(faultedAt))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
          .map(Instant::toEpochMilli).orElse(load.lastStoredMs(i));
      if (last > load.lastStoredMs(i)) {
        storedUnacked++;
      }
      delays.add(faultedAt - last);
    }
    return storedUnacked;
  }
}
