package org.openastro.bench.gateway;

import java.util.concurrent.TimeUnit;
import org.openastro.bench.ProcStat;

/**
 * Decides when a phase's warm-up is over: not after a fixed time but once the JIT compilers of this
 * JVM and of the Cassandra node (and of the peer's bridge JVM, in that phase) have settled (their threads used less than {@code settledShare} of
 * one core over the last {@link #INTERVAL_NANOS}), after at least {@code minSeconds} and at most
 * {@code maxSeconds}. On a 2-core machine under full load the single C2 thread of each JVM takes a
 * minute or more to drain its queue; measured before that, a phase pays 20-50 us of compilation
 * per heartbeat, and a code path new to Cassandra (the gateway's batches) pays more of it than one
 * the baseline already warmed. Both phases warm up by the same rule.
 */
final class WarmUp {
  static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final long[] pids;
  private final long minEnd;
  private final long maxEnd;
  private final double settledShare;
  private long intervalStart;
  private long[] compileTicksAtStart;
  private boolean over;
  private long endedNanos;
  private final long started;

  /** {@code otherPids}: the other JVMs that must settle too, Cassandra's first (-1 where there is none). */
  WarmUp(long[] otherPids, int minSeconds, int maxSeconds, double settledShare) {
    this.pids = new long[otherPids.length + 1];
    pids[0] = ProcessHandle.current().pid();
    System.arraycopy(otherPids, 0, pids, 1, otherPids.length);
    this.started = System.nanoTime();
    this.minEnd = started + TimeUnit.SECONDS.toNanos(minSeconds);
    this.maxEnd = started + TimeUnit.SECONDS.toNanos(Math.max(minSeconds, maxSeconds));
    this.settledShare = settledShare;
    startInterval(started);
  }

  /** {@code otherPids}: Cassandra's, then any other JVM of the phase (the peer's bridge). */
  static WarmUp from(BenchOptions opts, long... otherPids) {
    return new WarmUp(otherPids, opts.integer("warmup"), opts.integer("warmupMax"),
        Double.parseDouble(opts.text("jitSettled")));
  }

  /** Cheap enough to call in a load loop: looks at /proc only once per interval. */
  boolean over() {
    if (over) {
      return true;
    }
    long now = System.nanoTime();
    if (now >= maxEnd) {
      return end(now);
    }
    if (now - intervalStart < INTERVAL_NANOS) {
      return false;
    }
    boolean settled = true;
    double seconds = (now - intervalStart) / 1e9;
    long[] ticks = compileTicks();
    for (int i = 0; i < pids.length; i++) {
      settled &= (ticks[i] - compileTicksAtStart[i]) / ProcStat.TICKS_PER_SECOND / seconds < settledShare;
    }
    if (settled && now >= minEnd) {
      return end(now);
    }
    startInterval(now);
    return false;
  }

  /** Blocks until {@link #over()}. */
  void await() throws InterruptedException {
    while (!over()) {
      Thread.sleep(200);
    }
  }

  double seconds() {
    return ((over ? endedNanos : System.nanoTime()) - started) / 1e9;
  }

  /** Whether the compilers settled, or the maximum warm-up ran out first. */
  boolean settled() {
    return over && endedNanos < maxEnd;
  }

  /** CPU seconds the JIT compiler threads of {this JVM, Cassandra, other JVMs...} used since the warm-up ended. */
  double[] compileSecondsSinceEnd() {
    long[] now = compileTicks();
    double[] seconds = new double[pids.length];
    for (int i = 0; i < pids.length; i++) {
      seconds[i] = (now[i] - compileTicksAtStart[i]) / ProcStat.TICKS_PER_SECOND;
    }
    return seconds;
  }

  private boolean end(long now) {
    over = true;
    endedNanos = now;
    startInterval(now);
    return true;
  }

  private void startInterval(long now) {
    intervalStart = now;
    compileTicksAtStart = compileTicks();
  }

  private long[] compileTicks() {
    long[] ticks = new long[pids.length];
    for (int i = 0; i < pids.length; i++) {
      ticks[i] = compilerThreadTicks(pids[i]);
    }
    return ticks;
  }

  /** utime + stime of the threads HotSpot names "C1 CompilerThreadN" / "C2 CompilerThreadN". */
  private static long compilerThreadTicks(long pid) {
    return CpuMeter.ticksByThread(pid).values().stream()
        .filter(t -> t.kind().contains("CompilerThre")).mapToLong(CpuMeter.ThreadTicks::ticks).sum();
  }
}
