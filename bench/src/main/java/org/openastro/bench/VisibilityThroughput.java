package org.openastro.bench;

import java.util.List;
import java.util.Locale;
import org.openastro.scheduler.astro.Site;
import org.openastro.scheduler.astro.Target;

/**
 * One-shot throughput figures for the daily visibility job, single thread: the naive 60 s
 * sampling baseline on a small sample, then the closed form on the full nodes × targets grid,
 * and the ratio. (JMH's {@link VisibilityBenchmark} gives the same per-pair figures with proper
 * statistics; this prints the full-grid run the scheduler would actually do.)
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.openastro.bench.VisibilityThroughput \
 *     [nodes=1000] [targets=10000] [baselineNodes=50] [baselineTargets=1000]
 * </pre>
 */
public final class VisibilityThroughput {
  private VisibilityThroughput() {}

  public static void main(String[] args) {
    int nodes = arg(args, 0, 1_000);
    int targets = arg(args, 1, 10_000);
    int baselineNodes = Math.min(nodes, arg(args, 2, 50));
    int baselineTargets = Math.min(targets, arg(args, 3, 1_000));
    Locale.setDefault(Locale.ROOT);
    System.out.printf("Visibility windows for one local day (%s): target >= %.0f deg, Sun <= %.0f"
        + " deg, %d nodes x %d targets, 1 thread, %s%n", VisibilityWorkload.DAY,
        VisibilityWorkload.MIN_ALTITUDE_DEG, VisibilityWorkload.SUN_MAX_ALTITUDE_DEG, nodes,
        targets, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

    List<Site> sites = VisibilityWorkload.sites(nodes, 1);
    List<Target> sky = VisibilityWorkload.targets(targets, 2);
    long t0 = System.nanoTime();
    VisibilityWorkload w = VisibilityWorkload.prepare(sites, sky);
    double prepareSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("precompute: %d SiteDays + %d ApparentTargets in %.3f s%n", nodes, targets,
        prepareSeconds);

    // Warm up both paths (JIT) on slices, then measure.
    w.sampling(Math.min(5, baselineNodes), Math.min(200, baselineTargets));
    w.closedForm(Math.min(50, nodes), targets);

    t0 = System.nanoTime();
    VisibilityWorkload.Tally base = w.sampling(baselineNodes, baselineTargets);
    double baseSeconds = (System.nanoTime() - t0) / 1e9;
    double baseRate = base.pairs() / baseSeconds;
    System.out.printf("baseline   NAIVE 60 s SAMPLING (%d x %d sample): %,d (node,target,day) in"
        + " %.2f s = %,.0f /s; %,d windows%n", baselineNodes, baselineTargets, base.pairs(),
        baseSeconds, baseRate, base.windows());

    // The same sample through the closed form, to show both find the same windows.
    VisibilityWorkload.Tally same = w.closedForm(baselineNodes, baselineTargets);
    System.out.printf("           closed form on that sample: %,d windows (sampling misses those"
        + " shorter than its step), visible time %+.2f%% vs sampling%n", same.windows(),
        100.0 * (same.windowSeconds() - base.windowSeconds()) / base.windowSeconds());

    t0 = System.nanoTime();
    VisibilityWorkload.Tally full = w.closedForm(nodes, targets);
    double fullSeconds = (System.nanoTime() - t0) / 1e9;
    double fullRate = full.pairs() / fullSeconds;
    System.out.printf("closed form (%d x %d, full): %,d (node,target,day) in %.2f s = %,.0f /s;"
        + " %,d windows%n", nodes, targets, full.pairs(), fullSeconds, fullRate, full.windows());
    System.out.printf("speed-up closed form / naive sampling: %.0fx; goal >= 1,000,000/s: %s%n",
        fullRate / baseRate, fullRate >= 1_000_000 ? "met" : "NOT met");
  }

  private static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i].replace("_", "")) : fallback;
  }
}
