package org.openastro.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The simulator's acknowledgement ledger ({@code --ack-ledger}), read back: every heartbeat a
 * gateway acknowledged (by node and sequence number), the highest acknowledged cumulative exposure
 * of each task, and the simulated faults.
 */
record AckLedgerFile(Map<UUID, Set<Long>> heartbeats, List<Long> heartbeatAckTimes,
    Map<UUID, List<Long>> heartbeatAckTimesByNode, Map<UUID, Double> progressByTask, Map<UUID, long[]> faults) {

  static AckLedgerFile read(Path file) throws IOException {
    Map<UUID, Set<Long>> heartbeats = new HashMap<>();
    List<Long> times = new ArrayList<>();
    Map<UUID, List<Long>> timesByNode = new HashMap<>();
    Map<UUID, Double> progress = new HashMap<>();
    Map<UUID, long[]> faults = new HashMap<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      try {
        switch (f[0]) {
          case "H" -> {
            UUID node = UUID.fromString(f[1]);
            heartbeats.computeIfAbsent(node, k -> new HashSet<>()).add(Long.parseLong(f[2]));
            long at = Long.parseLong(f[3]);
            times.add(at);
            timesByNode.computeIfAbsent(node, k -> new ArrayList<>()).add(at);
          }
          case "P" -> progress.merge(UUID.fromString(f[2]), Double.parseDouble(f[3]), Math::max);
          case "F" -> faults.put(UUID.fromString(f[1]), new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])});
          default -> throw new IllegalArgumentException("unknown record " + f[0]);
        }
      } catch (RuntimeException e) {
        throw new IOException(file + ":" + lineNo + ": not a ledger line: " + line, e);
      }
    }
    times.sort(null);
    timesByNode.values().forEach(l -> l.sort(null));
    return new AckLedgerFile(heartbeats, times, timesByNode, progress, faults);
  }

  long heartbeatCount() {
    return heartbeatAckTimes.size();
  }
}
