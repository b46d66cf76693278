package org.openastro.bench.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.openastro.bench.ProcStat;

/** What a benchmark run prints as it goes, and the summary of figures it prints at the end. */
final class BenchReport {
  private final Map<String, String> results = new LinkedHashMap<>();

  static void say(String format, Object... args) {
    System.out.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    System.out.flush();
  }

  void result(String key, String format, Object... args) {
    results.put(key, String.format(format, args));
  }

  /** Prints and records CPU microseconds per heartbeat; returns the total. */
  double cpuPerHeartbeat(String phase, double[] cpuSeconds, long heartbeats, String selfName) {
    double self = cpuSeconds[0] * 1e6 / heartbeats;
    double cassandra = cpuSeconds[1] * 1e6 / heartbeats;
    say("%s: CPU per heartbeat %.0f us = %s %.0f us + Cassandra %.0f us (%.1f + %.1f CPU s in the window)",
        phase, self + cassandra, selfName, self, cassandra, cpuSeconds[0], cpuSeconds[1]);
    result(phase + " CPU us per heartbeat (total = " + selfName + " + Cassandra)", "%.0f = %.0f + %.0f",
        self + cassandra, self, cassandra);
    return self + cassandra;
  }

  /** How long the phase warmed up, and what JIT compilation still cost inside its measured window. */
  void warmUp(String phase, WarmUp warmUp, double[] jitSeconds, long heartbeats) {
    String how = warmUp.settled() ? "JIT settled" : "warmupMax reached, JIT still busy";
    // a third JVM (the peer's bridge) is shown when there is one
    boolean bridge = jitSeconds.length > 2;
    say("%s: warm-up %.0f s (%s); JIT compiler threads in the window: this JVM %.2f s, Cassandra %.2f s%s",
        phase, warmUp.seconds(), how, jitSeconds[0], jitSeconds[1],
        bridge ? String.format(", bridge %.2f s", jitSeconds[2]) : "");
    result(phase + " warm-up", "%.0f s (%s)", warmUp.seconds(), how);
    result(phase + " JIT CPU us per heartbeat in the window (JVM + Cassandra" + (bridge ? " + bridge)" : ")"),
        bridge ? "%.1f + %.1f + %.1f" : "%.1f + %.1f", jitSeconds[0] * 1e6 / heartbeats,
        jitSeconds[1] * 1e6 / heartbeats, bridge ? jitSeconds[2] * 1e6 / heartbeats : 0);
  }

  void printSummary(Map<String, String> options) {
    result("load average at end (1/5/15 min)", "%s", loadAverage());
    System.out.println();
    System.out.println("=== OpenAstro gateway ingest benchmark — summary ===");
    System.out.printf("options: %s%n", options);
    int width = results.keySet().stream().mapToInt(String::length).max().orElse(10);
    results.forEach((k, v) -> System.out.printf("  %-" + width + "s  %s%n", k, v));
  }

  static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e3;
  }

  static String loadAverage() {
    return ProcStat.loadAverage();
  }
}
