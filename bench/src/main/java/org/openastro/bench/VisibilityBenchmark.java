package org.openastro.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: (node, target, day) visibility computations per second, single thread. One "op" is one
 * (node, target) pair's windows for the day (see {@link VisibilityWorkload}).
 *
 * <ul>
 *   <li>{@code closedForm}: the scheduler's path, over 100 nodes × 10,000 targets per call (as
 *       many targets as the full job, so the per-target data is as far from the CPU as there).
 *   <li>{@code naiveSampling}: THE NAIVE BASELINE ({@link SamplingBaseline}, altitude every
 *       60 s), over 20 × 50 pairs per call — it is ~1,000 times slower.
 * </ul>
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar VisibilityBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class VisibilityBenchmark {
  static final int NODES = 100;
  static final int TARGETS = 10_000;
  static final int BASELINE_NODES = 20;
  static final int BASELINE_TARGETS = 50;

  private VisibilityWorkload workload;

  @Setup
  public void setUp() {
    workload = VisibilityWorkload.prepare(VisibilityWorkload.sites(NODES, 1),
        VisibilityWorkload.targets(TARGETS, 2));
  }

  @Benchmark
  @OperationsPerInvocation(NODES * TARGETS)
  public long closedForm() {
    return workload.closedForm(NODES, TARGETS).windows();
  }

  @Benchmark
  @OperationsPerInvocation(BASELINE_NODES * BASELINE_TARGETS)
  public long naiveSampling() {
    return workload.sampling(BASELINE_NODES, BASELINE_TARGETS).windows();
  }
}
