package org.openastro.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) used by this JVM and by the Cassandra node's JVM, from
 * {@code /proc/<pid>/stat}. On a shared machine, throughput depends on what the other tenants
 * take; CPU time per heartbeat does much less. It is the cost figure to compare.
 * The load generators are counted in "this JVM": the baseline writer, or the MQTT clients.
 */
final class CpuMeter {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private final long cassandraPid;
  private long selfStart;
  private long cassandraStart;
  private long clientsStart;

  CpuMeter(long cassandraPid) {
    this.cassandraPid = cassandraPid;
  }

  long cassandraPid() {
    return cassandraPid;
  }

  void mark() {
    selfStart = ticks(ProcessHandle.current().pid());
    cassandraStart = ticks(cassandraPid);
    clientsStart = mqttClientThreadsNanos();
  }

  /** CPU seconds of this JVM's MQTT client threads (HiveMQ Netty and RxJava) since {@link #mark()}. */
  double clientSeconds() {
    return (mqttClientThreadsNanos() - clientsStart) / 1e9;
  }

  private static long mqttClientThreadsNanos() {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && (info.getThreadName().startsWith("com.hivemq.client")
          || info.getThreadName().startsWith("RxComputationThreadPool"))) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  /** CPU seconds since {@link #mark()}: {this JVM, Cassandra}. */
  double[] seconds() {
    return new double[] {(ticks(ProcessHandle.current().pid()) - selfStart) / TICKS_PER_SECOND,
        (ticks(cassandraPid) - cassandraStart) / TICKS_PER_SECOND};
  }

  private static long ticks(long pid) {
    return ticks(Path.of("/proc/" + pid + "/stat"));
  }

  /** utime + stime in clock ticks from a /proc stat file (a process's or a thread's); 0 if gone. */
  static long ticks(Path statFile) {
    try {
      String stat = Files.readString(statFile);
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
