package org.openastro.bench.scheduler;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.cql.task.Task;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.ScienceCase;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.astro.TimeWindow;
import org.openastro.scheduler.plan.AssignmentPlanner;
import org.openastro.scheduler.plan.Candidates;
import org.openastro.scheduler.plan.PendingWork;
import org.openastro.scheduler.plan.Proposal;
import org.openastro.scheduler.plan.SkyLimits;
import org.openastro.scheduler.plan.SkyView;

/**
 * One assignment round at fleet scale (issue 19), single thread, on the real sky: the planner as
 * it was before (every free node's window for every task, the best of all usable nodes: {@link
 * #exhaustive}, its loop copied here unchanged) against {@link AssignmentPlanner#plan} (the free
 * nodes indexed by site, the best of the first {@code candidates} usable nodes in reliability
 * order). Prints ms per round, windows computed per round, the ratio, and how many tasks got the
 * same node both ways. A benchmark, not a test: nothing fails.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.openastro.bench.scheduler.PlannerScaleBenchmark \
 *     [sizes=1000,10000,100000] [tasks=200] [missions=50] [candidates=32] [rounds=5] [oldRounds=1]
 *     [at=2026-03-20T20:00:00Z] [lookahead=30m] [seed=19]
 * </pre>
 *
 * <p>The fleet: sites uniform over the sphere between 60° S and 70° N, reliability uniform in
 * 0.3..1, every node free and capable. The work: {@code tasks} pending tasks of {@code missions}
 * night-only missions (targets anywhere between −80° and +80° declination, 30° minimum altitude,
 * the default nautical night); a mission's tasks all need the same 10 to 60 minutes, as the
 * splitter's equal slices do (so the indexed planner shares their windows within a round). The
 * indexed rounds are timed {@code rounds} times (the median is printed) after a warm-up, the
 * exhaustive ones {@code oldRounds} times (one round at 100,000 nodes takes minutes). Wall-clock
 * and this thread's CPU time are both printed: on a shared machine the CPU time is the steadier.
 * "build" is a round without tasks: the index alone.
 */
public final class PlannerScaleBenchmark {
  private PlannerScaleBenchmark() {}

  public static void main(String[] args) {
    Locale.setDefault(Locale.ROOT);
    Map<String, String> opt = options(args);
    List<Integer> sizes = new ArrayList<>();
    for (String s : opt.getOrDefault("sizes", "1000,10000,100000").split(",")) {
      sizes.add(Integer.parseInt(s.trim().replace("_", "")));
    }
    int tasks = Integer.parseInt(opt.getOrDefault("tasks", "200"));
    int missions = Integer.parseInt(opt.getOrDefault("missions", "50"));
    int candidates = Integer.parseInt(opt.getOrDefault("candidates", "32"));
    int rounds = Integer.parseInt(opt.getOrDefault("rounds", "5"));
    int oldRounds = Integer.parseInt(opt.getOrDefault("oldRounds", "1"));
    Instant at = Instant.parse(opt.getOrDefault("at", "2026-03-20T20:00:00Z"));
    Duration lookahead = Duration.parse("PT" + opt.getOrDefault("lookahead", "30m").toUpperCase(Locale.ROOT));
    long seed = Long.parseLong(opt.getOrDefault("seed", "19"));

    Random random = new Random(seed);
    List<PendingWork> work = work(tasks, missions, at, random);
    SkyView real = SkyView.real(-12);
    Counting indexedSky = new Counting(real, true);
    Counting exhaustiveSky = new Counting(real, false);
    AssignmentPlanner indexed = new AssignmentPlanner(indexedSky, lookahead, candidates);
    AssignmentPlanner before = new AssignmentPlanner(exhaustiveSky, lookahead, AssignmentPlanner.ALL_CANDIDATES);
    System.out.printf("Assignment round: %d tasks of %d night-only missions at %s, lookahead %s, candidates %d, "
        + "1 thread, %s %s%n", tasks, missions, at, lookahead, candidates, System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
    System.out.printf("%9s | %12s %12s %12s | %10s %10s %8s | %8s %8s | %8s | %9s %9s%n", "nodes", "before wall",
        "before cpu", "windows", "index wall", "index cpu", "windows", "ratio", "ratio", "build", "proposals",
        "same node");
    System.out.printf("%9s | %12s %12s %12s | %10s %10s %8s | %8s %8s | %8s | %9s %9s%n", "", "ms", "ms", "",
        "ms", "ms", "", "wall", "cpu", "cpu ms", "", "");

    // Warm-up: both paths on a small fleet, so that the first size does not pay the JIT.
    List<Node> warm = fleet(Math.min(1_000, sizes.get(0)), new Random(seed + 1));
    exhaustive(before, work, warm, at);
    for (int i = 0; i < 20; i++) {
      indexed.plan(work, warm, at);
    }

    for (int size : sizes) {
      List<Node> fleet = fleet(size, new Random(seed + size));
      Timed newer = time(() -> indexed.plan(work, fleet, at), indexedSky, rounds);
      Timed build = time(() -> indexed.plan(List.of(), fleet, at), indexedSky, rounds);
      Timed older = oldRounds > 0 ? time(() -> exhaustive(before, work, fleet, at), exhaustiveSky, oldRounds) : null;
      int same = older == null ? -1 : sameNode(newer.proposals, older.proposals);
      System.out.printf("%,9d | %12s %12s %12s | %,10.1f %,10.1f %,8d | %8s %8s | %8.1f | %9s %9s%n", size,
          older == null ? "-" : String.format("%,.0f", older.wallMs), older == null ? "-" : String.format("%,.0f", older.cpuMs),
          older == null ? "-" : String.format("%,d", older.windows), newer.wallMs, newer.cpuMs, newer.windows,
          older == null ? "-" : String.format("%,.0fx", older.wallMs / newer.wallMs),
          older == null ? "-" : String.format("%,.0fx", older.cpuMs / newer.cpuMs), build.cpuMs,
          newer.proposals.size() + (older == null ? "" : "/" + older.proposals.size()),
          older == null ? "-" : same + "/" + older.proposals.size());
    }
  }

  /** Medians of a round's wall-clock and CPU time (this thread's: the machine is shared). */
  private record Timed(double wallMs, double cpuMs, long windows, List<Proposal> proposals) {}

  /** The medians of {@code rounds} rounds, and the windows one round computed. */
  private static Timed time(Supplier<List<Proposal>> round, Counting sky, int rounds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] wall = new double[rounds];
    double[] cpu = new double[rounds];
    List<Proposal> proposals = null;
    long windows = 0;
    for (int i = 0; i < rounds; i++) {
      sky.calls.set(0);
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      proposals = round.get();
      wall[i] = (System.nanoTime() - t0) / 1e6;
      cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
      windows = sky.calls.get();
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new Timed(wall[rounds / 2], cpu[rounds / 2], windows, proposals);
  }

  /**
   * AssignmentPlanner.plan before issue 19, unchanged but for {@code planner.usableWindow} (the
   * same rule): every free node's window for every task, the best of all by the same ranking.
   */
  static List<Proposal> exhaustive(AssignmentPlanner planner, List<PendingWork> work, List<Node> nodes, Instant now) {
    List<PendingWork> ordered = new ArrayList<>(work);
    ordered.sort(PendingWork.ORDER);
    List<Node> free = nodes.stream().filter(Candidates::isFree).toList();
    Set<UUID> taken = new HashSet<>();
    List<Proposal> proposals = new ArrayList<>();
    for (PendingWork w : ordered) {
      if (taken.size() == free.size()) {
        break;
      }
      Proposal best = null;
      for (Node node : free) {
        if (taken.contains(node.nodeId()) || !Candidates.meetsNeeds(node, w.mission())) {
          continue;
        }
        TimeWindow window = planner.usableWindow(node, w, now);
        if (window == null) {
          continue;
        }
        Proposal p = new Proposal(w.task(), w.mission(), node, window);
        if (best == null || OLD_RANKING.compare(p, best) < 0) {
          best = p;
        }
      }
      if (best != null) {
        taken.add(best.node().nodeId());
        proposals.add(best);
      }
    }
    return proposals;
  }

  /** The planner's ranking: the whole need first, then reliability, then the longer window, then the id. */
  private static final Comparator<Proposal> OLD_RANKING = Comparator
      .comparing((Proposal p) -> p.window().duration().toMillis() >= new PendingWork(p.task(), p.mission()).neededS() * 1000)
      .reversed()
      .thenComparing(Comparator.comparingDouble((Proposal p) -> p.node().reliabilityScore()).reversed())
      .thenComparing(Comparator.comparing((Proposal p) -> p.window().duration()).reversed())
      .thenComparing(p -> p.node().nodeId());

  /** Tasks that went to the same node both ways (of those the exhaustive planner placed). */
  private static int sameNode(List<Proposal> indexed, List<Proposal> exhaustive) {
    Map<UUID, UUID> nodeOf = new HashMap<>();
    indexed.forEach(p -> nodeOf.put(p.task().taskId(), p.node().nodeId()));
    return (int) exhaustive.stream().filter(p -> p.node().nodeId().equals(nodeOf.get(p.task().taskId()))).count();
  }

  static List<Node> fleet(int size, Random random) {
    double sinLo = Math.sin(Math.toRadians(-60));
    double sinHi = Math.sin(Math.toRadians(70));
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    List<Node> fleet = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      double lat = Math.toDegrees(Math.asin(sinLo + (sinHi - sinLo) * random.nextDouble()));
      double lon = -180 + 360 * random.nextDouble();
      fleet.add(new Node(new UUID(random.nextLong(), random.nextLong()), NodeStatus.ONLINE, lat, lon, 500, 300, 1,
          Set.of("V", "R"), MountType.EQ, ControlProtocol.INDI, 0.3 + 0.7 * random.nextDouble(), null, null, t, t));
    }
    return fleet;
  }

  static List<PendingWork> work(int tasks, int missions, Instant at, Random random) {
    List<Mission> ms = new ArrayList<>();
    double[] need = new double[missions];
    for (int i = 0; i < missions; i++) {
      need[i] = 600 + random.nextInt(3000);
      double dec = Math.toDegrees(Math.asin(Math.sin(Math.toRadians(80)) * (2 * random.nextDouble() - 1)));
      ms.add(new Mission(new UUID(random.nextLong(), random.nextLong()), 360 * random.nextDouble(), dec,
          ScienceCase.DEEP_STACK, 36_000, 0, 1 + random.nextInt(100), null, null, MissionStatus.PENDING, null, 30, true,
          Set.of(), null, null, "bench", at));
    }
    List<PendingWork> work = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      Mission m = ms.get(i % missions);
      Task task = new Task(new UUID(random.nextLong(), random.nextLong()), m.missionId(), null, need[i % missions], 0, TaskStatus.PENDING, null, null, null, null, m.priority(), at, at);
      work.add(new PendingWork(task, m));
    }
    return work;
  }

  /** Counts the windows computed; {@code withLimits} false hides the sky's limits (no prefilter). */
  private static final class Counting implements SkyView {
    final SkyView sky;
    final boolean withLimits;
    final AtomicLong calls = new AtomicLong();

    Counting(SkyView sky, boolean withLimits) {
      this.sky = sky;
      this.withLimits = withLimits;
    }

    @Override
    public List<TimeWindow> windows(Node node, Mission mission, Instant from, Instant to) {
      calls.incrementAndGet();
      return sky.windows(node, mission, from, to);
    }

    @Override
    public SkyLimits limits(Mission mission) {
      return withLimits ? sky.limits(mission) : SkyLimits.NONE;
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("expected key=value, got " + a);
      }
      out.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return out;
  }
}
