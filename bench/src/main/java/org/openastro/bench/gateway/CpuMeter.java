package org.openastro.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openastro.bench.ProcStat;

/**
 * CPU time (user + system) used by this JVM and by the Cassandra node's JVM, from
 * {@code /proc/<pid>/stat}. On a shared machine, throughput depends on what the other tenants
 * take; CPU time per heartbeat does much less. It is the cost figure to compare.
 * The load generators are counted in "this JVM": the baseline writer, or the MQTT clients
 * ({@link LoadClients#cpuNanos()} tells their share).
 */
final class CpuMeter {
  private final long cassandraPid;
  private long selfStart;
  private long cassandraStart;
  private Map<String, ThreadTicks> cassandraThreadsStart = Map.of();
  private Map<String, ThreadTicks> cassandraThreadsEnd = Map.of();

  /** One thread's name (digits replaced by '#') and CPU ticks. */
  record ThreadTicks(String kind, long ticks) {}

  CpuMeter(long cassandraPid) {
    this.cassandraPid = cassandraPid;
  }

  long cassandraPid() {
    return cassandraPid;
  }

  void mark() {
    selfStart = ProcStat.ticks(ProcessHandle.current().pid());
    cassandraStart = ProcStat.ticks(cassandraPid);
    cassandraThreadsStart = ticksByThread(cassandraPid);
  }

  /**
   * Where Cassandra's CPU went between {@link #mark()} and {@link #seconds()}, in us per heartbeat, by kind of thread (its
   * name without numbers: Native-Transport-Requests, MutationStage, CompactionExecutor, GC, C2
   * compiler, ...), largest first, kinds under 1 us left out.
   */
  String cassandraThreads(long heartbeats) {
    // Per thread first, then by the kind it has at the end: Cassandra renames its shared-pool
    // workers as they move between stages (MutationStage-N, Native-Transport-Requests-N).
    Map<String, Long> byKind = new HashMap<>();
    cassandraThreadsEnd.forEach((tid, end) -> {
      ThreadTicks start = cassandraThreadsStart.get(tid);
      byKind.merge(end.kind(), end.ticks() - (start == null ? 0 : start.ticks()), Long::sum);
    });
    return byKind.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() / ProcStat.TICKS_PER_SECOND * 1e6 / heartbeats))
        .filter(e -> e.getValue() >= 1)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** The CPU ticks and kind of each thread of a process, by thread id. */
  static Map<String, ThreadTicks> ticksByThread(long pid) {
    Map<String, ThreadTicks> byThread = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      tasks.forEach(task -> {
        try {
          String kind = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
          byThread.put(task.getFileName().toString(), new ThreadTicks(kind, ProcStat.ticks(task.resolve("stat"))));
        } catch (IOException e) {
          // the thread ended meanwhile
        }
      });
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return byThread;
  }

  /** CPU seconds since {@link #mark()}: {this JVM, Cassandra}; ends the window of {@link #cassandraThreads}. */
  double[] seconds() {
    cassandraThreadsEnd = ticksByThread(cassandraPid);
    return new double[] {(ProcStat.ticks(ProcessHandle.current().pid()) - selfStart) / ProcStat.TICKS_PER_SECOND,
        (ProcStat.ticks(cassandraPid) - cassandraStart) / ProcStat.TICKS_PER_SECOND};
  }
}
