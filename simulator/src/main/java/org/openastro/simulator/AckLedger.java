package org.openastro.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Everything the gateways acknowledged to this run, kept so that someone else can check it row by
 * row against Cassandra afterwards (the chaos run does): each acknowledged heartbeat by its
 * sequence number (sent in its telemetry), the highest acknowledged cumulative exposure of each
 * task, and when each simulated fault took a node away and brought it back.
 *
 * <p>Written as tab-separated lines, one record each:
 * <pre>
 * H  node_id  seq  acked_at_ms        a heartbeat the gateway acknowledged (PUBACK / 204)
 * P  node_id  task_id  delivered_s  acked_at_ms   a progress report acknowledged
 * F  node_id  down_at_ms  up_at_ms    a simulated fault (up_at_ms -1: still away at the end)
 * </pre>
 * Thread-safe: nodes run on several event loops.
 */
final class AckLedger {
  record Heartbeat(String nodeId, long seq, long ackedAtMs) {}

  record Progress(String nodeId, String taskId, double deliveredS, long ackedAtMs) {}

  private final Queue<Heartbeat> heartbeats = new ConcurrentLinkedQueue<>();
  private final Queue<Progress> progress = new ConcurrentLinkedQueue<>();
  private final Map<String, long[]> faults = new ConcurrentHashMap<>();

  void heartbeatAcked(String nodeId, long seq) {
    heartbeats.add(new Heartbeat(nodeId, seq, System.currentTimeMillis()));
  }

  void progressAcked(String nodeId, String taskId, double deliveredS) {
    progress.add(new Progress(nodeId, taskId, deliveredS, System.currentTimeMillis()));
  }

  void wentDown(String nodeId) {
    faults.put(nodeId, new long[] {System.currentTimeMillis(), -1});
  }

  void cameBack(String nodeId) {
    long[] fault = faults.get(nodeId);
    if (fault != null && fault[1] < 0) {
      fault[1] = System.currentTimeMillis();
    }
  }

  int heartbeats() {
    return heartbeats.size();
  }

  void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Heartbeat h : heartbeats) {
        out.write("H\t" + h.nodeId() + "\t" + h.seq() + "\t" + h.ackedAtMs() + "\n");
      }
      for (Progress p : progress) {
        out.write(String.format(Locale.ROOT, "P\t%s\t%s\t%.3f\t%d%n", p.nodeId(), p.taskId(), p.deliveredS(),
            p.ackedAtMs()));
      }
      for (Map.Entry<String, long[]> f : faults.entrySet()) {
        out.write("F\t" + f.getKey() + "\t" + f.getValue()[0] + "\t" + f.getValue()[1] + "\n");
      }
    }
  }
}
