package org.openastro.bench.scheduler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) a process has used, from {@code /proc/<pid>/stat}: the per-instance
 * cost figure, independent of what the machine's other tenants take (as the ingest benchmark's
 * CpuMeter reads it).
 */
final class ProcCpu {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private ProcCpu() {}

  /** CPU seconds used so far by {@code pid}; NaN once it is gone. */
  static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND; // utime, stime
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "n/a";
    }
  }
}
