package org.openastro.simulator;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openastro.simulator.Stats.Counter;
import org.openastro.simulator.Stats.Latency;
import org.openastro.simulator.Stats.Snapshot;

/** The live progress line and the final summary, as text. Pure: values in, lines out. */
final class Report {
  private Report() {}

  /** What the run ended with. {@code missions} maps a mission status to how many are in it. */
  record Summary(Snapshot stats, double elapsedS, int nodes, int httpNodes, int faultsPlanned,
      FaultLedger.View faults, int missionsCreated, Map<String, Integer> missions, int nodesDownAtEnd) {
    int missionsComplete() {
      return missions.getOrDefault("COMPLETE", 0);
    }

    long messagesAcked() {
      return stats.get(Counter.HEARTBEATS_ACKED) + stats.get(Counter.PROGRESS_ACKED);
    }

    double messagesPerSecond() {
      return elapsedS <= 0 ? 0 : messagesAcked() / elapsedS;
    }
  }

  /** One line every few seconds: where the run is and how fast it goes in the last interval. */
  static String liveLine(double elapsedS, double intervalS, Snapshot s, Snapshot previous, int down,
      int missionsComplete, int missionsCreated) {
    long acked = s.get(Counter.HEARTBEATS_ACKED) + s.get(Counter.PROGRESS_ACKED);
    long before = previous == null ? 0 : previous.get(Counter.HEARTBEATS_ACKED) + previous.get(Counter.PROGRESS_ACKED);
    double rate = intervalS <= 0 ? 0 : (acked - before) / intervalS;
    return String.format(Locale.ROOT,
        "[%6.0fs] conn %d down %d | acked %d (%.0f/s) hb p99 %s prog p99 %s | tasks rx %d done %d"
            + " | faults %d seen %d back %d | rem %d | missions %d/%d | errors %d",
        elapsedS, s.get(Counter.CONNECTED), down, acked, rate,
        ms(s.interval().get(Latency.MQTT_HEARTBEAT), 99), ms(s.interval().get(Latency.MQTT_PROGRESS), 99),
        s.get(Counter.TASKS_RECEIVED), s.get(Counter.TASKS_COMPLETED), s.get(Counter.FAULTS_INJECTED),
        s.get(Counter.FAULTS_SEEN_BY_SERVER), s.get(Counter.FAULTS_RECOVERED), s.get(Counter.REMAINDERS_RECEIVED),
        missionsComplete, missionsCreated, s.errorCount());
  }

  static String summary(Summary r) {
    Snapshot s = r.stats();
    StringBuilder out = new StringBuilder();
    out.append("== OpenAstro node simulator: summary ==\n");
    out.append(String.format(Locale.ROOT, "nodes: %d (%d MQTT, %d HTTP), registered %d, run %.1f s after registration%n",
        r.nodes(), r.nodes() - r.httpNodes(), r.httpNodes(), s.get(Counter.REGISTERED), r.elapsedS()));
    out.append(String.format(Locale.ROOT,
        "messages: heartbeats sent %d acked %d, progress sent %d acked %d, %.1f acked msg/s; downlink %d%n",
        s.get(Counter.HEARTBEATS_SENT), s.get(Counter.HEARTBEATS_ACKED), s.get(Counter.PROGRESS_SENT),
        s.get(Counter.PROGRESS_ACKED), r.messagesPerSecond(), s.get(Counter.DOWNLINK_MESSAGES)));
    out.append(String.format(Locale.ROOT, "%-38s %9s %9s %9s %9s %9s%n", "latency (ms)", "count", "p50", "p90", "p99", "max"));
    for (Latency l : Latency.values()) {
      Histogram h = s.total().get(l);
      if (h == null || h.getTotalCount() == 0) {
        continue;
      }
      out.append(String.format(Locale.ROOT, "  %-36s %9d %9s %9s %9s %9s%n", l.label, h.getTotalCount(),
          ms(h, 50), ms(h, 90), ms(h, 99), ms(h.getMaxValue())));
    }
    out.append(String.format(Locale.ROOT, "connections: %d connects, %d reconnects%n",
        s.get(Counter.CONNECTED), s.get(Counter.RECONNECTS)));
    out.append(String.format(Locale.ROOT, "tasks: received %d, completed %d, cancelled %d%n",
        s.get(Counter.TASKS_RECEIVED), s.get(Counter.TASKS_COMPLETED), s.get(Counter.CANCELLATIONS)));
    out.append(String.format(Locale.ROOT,
        "faults: planned %d, injected %d, seen FAULTED by the server %d, recovered %d, still down %d%n",
        r.faultsPlanned(), s.get(Counter.FAULTS_INJECTED), s.get(Counter.FAULTS_SEEN_BY_SERVER),
        s.get(Counter.FAULTS_RECOVERED), r.nodesDownAtEnd()));
    out.append(String.format(Locale.ROOT,
        "remainder tasks: received %d, completed %d; interrupted tasks whose remainder was reassigned: %d of %d%n",
        r.faults().remainders(), r.faults().remaindersCompleted(), r.faults().interruptedWithRemainder(),
        r.faults().interrupted()));
    out.append(String.format(Locale.ROOT, "missions: created %d, completed %d %s%n", r.missionsCreated(),
        r.missionsComplete(), r.missions()));
    if (s.errors().isEmpty()) {
      out.append("errors: none\n");
    } else {
      out.append("errors by reason:\n");
      s.errors().forEach((reason, n) -> out.append(String.format(Locale.ROOT, "  %-40s %d%n", reason, n)));
    }
    return out.toString();
  }

  static String ms(Histogram h, double percentile) {
    if (h == null || h.getTotalCount() == 0) {
      return "-";
    }
    return ms(h.getValueAtPercentile(percentile));
  }

  private static String ms(long nanos) {
    double ms = nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
    return String.format(Locale.ROOT, ms < 10 ? "%.2f" : "%.1f", ms);
  }
}
