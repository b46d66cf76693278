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
 *     [nodes=1000] [targets=10000] [baselineNodes=50] [baselineTargets=1000] [moon [moonNodes=100]]
 * </pre>
 *
 * <p>With {@code moon}, it also times the Moon constraints (min separation 30° from the
 * topocentric Moon, illumination ≤ 0.5 unless the Moon is down) on the first {@code moonNodes}
 * nodes × all targets. Every rate is also given as a ratio to astroplan's 0.21 s per
 * (node, target, day) case.
 */
public final class VisibilityThroughput {
  private VisibilityThroughput() {}

  /** astroplan's time per (node, target, day) case, seconds (docs/BENCHMARKS.md). */
  static final double ASTROPLAN_SECONDS_PER_CASE = 0.21;

  public static void main(String[] args) {
    int moonAt = java.util.Arrays.asList(args).indexOf("moon");
    boolean moon = moonAt >= 0;
    int moonNodes = moon && args.length > moonAt + 1
        ? Integer.parseInt(args[moonAt + 1].replace("_", "")) : 100;
    if (moon) {
      args = java.util.Arrays.copyOf(args, moonAt);
    }
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
    System.out.printf("speed-up closed form / naive sampling: %.0fx; goal >= 1,000,000/s: %s;"
        + " vs astroplan (%.2f s/case): %,.0fx%n", fullRate / baseRate,
        fullRate >= 1_000_000 ? "met" : "NOT met", ASTROPLAN_SECONDS_PER_CASE,
        fullRate * ASTROPLAN_SECONDS_PER_CASE);

    if (moon) {
      int mn = Math.min(nodes, moonNodes);
      t0 = System.nanoTime();
      var track = VisibilityWorkload.moonTrack();
      double trackSeconds = (System.nanoTime() - t0) / 1e9;
      w.withMoon(Math.min(10, mn), targets, track); // warm-up
      t0 = System.nanoTime();
      VisibilityWorkload.Tally m = w.withMoon(mn, targets, track);
      double moonSeconds = (System.nanoTime() - t0) / 1e9;
      double moonRate = m.pairs() / moonSeconds;
      VisibilityWorkload.Tally plain = w.closedForm(mn, targets);
      System.out.printf("with Moon constraints (sep >= 30 deg topocentric, illumination <= 0.5"
          + " or Moon down; %d x %d): %,d (node,target,day) in %.2f s = %,.0f /s; %,d windows"
          + " (%,d without the Moon), visible time %+.2f%%; MoonTrack for 2 days %.3f s%n", mn,
          targets, m.pairs(), moonSeconds, moonRate, m.windows(), plain.windows(),
          100.0 * (m.windowSeconds() - plain.windowSeconds()) / plain.windowSeconds(),
          trackSeconds);
      System.out.printf("Moon constraints: goal >= 100,000/s: %s; vs astroplan (%.2f s/case):"
          + " %,.0fx%n", moonRate >= 100_000 ? "met" : "NOT met", ASTROPLAN_SECONDS_PER_CASE,
          moonRate * ASTROPLAN_SECONDS_PER_CASE);
    }
  }

  private static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i].replace("_", "")) : fallback;
  }
}
