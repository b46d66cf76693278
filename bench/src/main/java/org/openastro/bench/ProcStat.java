package org.openastro.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the benchmarks read from Linux's /proc: the CPU a process (or one of its threads) has
 * used, and the machine's load average. CPU time per process is their cost figure: on a shared
 * machine it does not depend on what the other tenants take, as throughput does.
 */
public final class ProcStat {
  /** USER_HZ on Linux: the unit of utime and stime. */
  public static final double TICKS_PER_SECOND = 100.0;

  private ProcStat() {}

  /** utime + stime of a whole process, in clock ticks ({@link #TICKS_PER_SECOND}); 0 if gone. */
  public static long ticks(long pid) {
    return ticks(Path.of("/proc/" + pid + "/stat"));
  }

  /** utime + stime in clock ticks from a /proc stat file (a process's or a thread's); 0 if gone. */
  public static long ticks(Path statFile) {
    try {
      return parse(Files.readString(statFile));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** CPU seconds used so far by {@code pid}; NaN once it is gone (so a dead process shows, not a zero). */
  public static double cpuSeconds(long pid) {
    try {
      return parse(Files.readString(Path.of("/proc/" + pid + "/stat"))) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** The 1, 5 and 15 minute load averages, or "n/a". */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  private static long parse(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
  }
}
