package org.openastro.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.scheduler.plan.Fixtures.NOW;
import static org.openastro.scheduler.plan.Fixtures.mission;
import static org.openastro.scheduler.plan.Fixtures.node;
import static org.openastro.scheduler.plan.Fixtures.task;
import static org.openastro.scheduler.plan.Fixtures.uuid;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.scheduler.astro.TimeWindow;

/** The planner at fleet scale (issue 19): the prefilter and the bounded search over candidates. */
class BoundedAssignmentTest {
  static final Duration LOOKAHEAD = Duration.ofMinutes(30);

  /** Counts the windows asked of a sky, and passes its limits on (or hides them: no prefilter). */
  static final class CountingSky implements SkyView {
    final SkyView sky;
    final boolean withLimits;
    final AtomicInteger calls = new AtomicInteger();

    CountingSky(SkyView sky, boolean withLimits) {
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

  static final SkyView EVERYONE_SEES_EVERYTHING = (node, mission, from, to) -> List.of(new TimeWindow(from, to));

  static List<Node> fleet(int size) {
    List<Node> fleet = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      fleet.add(node("n" + i, (i * 7919 % 1000) / 1000.0));
    }
    return fleet;
  }

  /** Tasks of {@code missions} missions, each needing a different exposure (so none share windows). */
  static List<PendingWork> work(int tasks, int missions) {
    List<PendingWork> work = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      Mission m = mission("m" + i % missions, 50, null);
      work.add(new PendingWork(task("t" + i, m, 600 + i, null), m));
    }
    return work;
  }

  @Test
  void aRoundComputesAtMostCandidatesWindowsPerTaskWhateverTheFleet() {
    for (int size : new int[] {100, 1_000, 10_000}) {
      CountingSky sky = new CountingSky(EVERYONE_SEES_EVERYTHING, false);
      List<Proposal> proposals = new AssignmentPlanner(sky, LOOKAHEAD, 8).plan(work(20, 3), fleet(size), NOW);
      assertThat(proposals).hasSize(20);
      assertThat(sky.calls.get()).as("fleet of %d", size).isEqualTo(20 * 8);
    }
  }

  @Test
  void tasksOfOneMissionWithTheSameNeedShareTheirWindows() {
    Mission m = mission("m", 50, null);
    List<PendingWork> work = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      work.add(new PendingWork(task("s" + i, m, 3600, null), m));
    }
    CountingSky sky = new CountingSky(EVERYONE_SEES_EVERYTHING, false);
    List<Proposal> proposals = new AssignmentPlanner(sky, LOOKAHEAD, 8).plan(work, fleet(1_000), NOW);
    // The first task computes 8 windows; each next one finds its first 7 known and computes one.
    assertThat(proposals).extracting(p -> p.node().nodeId()).doesNotHaveDuplicates().hasSize(20);
    assertThat(sky.calls.get()).isEqualTo(8 + 19);
  }

  @Test
  void theBestOfTheFirstCandidatesInReliabilityOrderGetsTheTask() {
    Mission m = mission("m", 50, null);
    PendingWork hour = new PendingWork(task("t", m, 3600, null), m);
    Node a = node("a", 0.9);
    Node b = node("b", 0.8);
    Node c = node("c", 0.7);
    Map<UUID, TimeWindow> windows = Map.of(
        a.nodeId(), new TimeWindow(NOW, NOW.plus(Duration.ofMinutes(10))),
        b.nodeId(), new TimeWindow(NOW, NOW.plus(Duration.ofMinutes(20))),
        c.nodeId(), new TimeWindow(NOW, NOW.plus(Duration.ofHours(2))));
    SkyView sky = (node, mission, from, to) -> List.of(windows.get(node.nodeId()));
    // Only c's window holds the hour. Exhaustive: c; the first two usable: neither holds it, so
    // the more reliable of them.
    assertThat(new AssignmentPlanner(sky, LOOKAHEAD, AssignmentPlanner.ALL_CANDIDATES)
        .plan(List.of(hour), List.of(c, b, a), NOW)).singleElement()
        .extracting(p -> p.node().nodeId()).isEqualTo(c.nodeId());
    assertThat(new AssignmentPlanner(sky, LOOKAHEAD, 2).plan(List.of(hour), List.of(c, b, a), NOW)).singleElement()
        .extracting(p -> p.node().nodeId()).isEqualTo(a.nodeId());
    assertThat(new AssignmentPlanner(sky, LOOKAHEAD, 3).plan(List.of(hour), List.of(c, b, a), NOW)).singleElement()
        .extracting(p -> p.node().nodeId()).isEqualTo(c.nodeId());
  }

  @Test
  void nodesAlreadyGivenATaskOrLackingTheNeedsDoNotCountAsCandidates() {
    Mission m = Fixtures.withNeeds(mission("m", 50, null), Set.of("R"), null, null);
    List<Node> fleet = new ArrayList<>(fleet(50));
    fleet.add(node("lacking", org.openastro.domain.NodeStatus.ONLINE, 1.0, 300, 1, Set.of("V")));
    CountingSky sky = new CountingSky(EVERYONE_SEES_EVERYTHING, false);
    List<PendingWork> work = List.of(new PendingWork(task("a", m, 60, null), m),
        new PendingWork(task("b", m, 60, null), m));
    List<Proposal> proposals = new AssignmentPlanner(sky, LOOKAHEAD, 1).plan(work, fleet, NOW);
    // The most reliable capable node, then the next: each task asked exactly one window.
    Node[] byRank = fleet(50).stream().sorted(FreeNodeIndex.VISIT_ORDER).toArray(Node[]::new);
    assertThat(proposals).extracting(p -> p.node().nodeId()).containsExactly(byRank[0].nodeId(), byRank[1].nodeId());
    assertThat(sky.calls.get()).isEqualTo(2);
  }

  @Test
  void onTheRealSkyTheIndexChangesTheCostOfARoundNotItsOutcome() {
    Random random = new Random(23);
    RandomFleets randoms = new RandomFleets(random);
    SkyView real = new RealSky(-12);
    long withIndex = 0;
    long without = 0;
    int tasks = 0;
    for (int round = 0; round < 4; round++) {
      Instant now = randoms.instant();
      List<Node> fleet = randoms.fleet(1_500);
      List<PendingWork> work = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Mission m = randoms.mission(now);
        for (int k = 0; k < 3; k++) {
          work.add(new PendingWork(task("r" + round + "t" + i + "-" + k, m, 60 + random.nextInt(3600), null), m));
        }
      }
      CountingSky indexed = new CountingSky(real, true);
      CountingSky plain = new CountingSky(real, false);
      List<Proposal> a = new AssignmentPlanner(indexed, LOOKAHEAD, 16).plan(work, fleet, now);
      List<Proposal> b = new AssignmentPlanner(plain, LOOKAHEAD, 16).plan(work, fleet, now);
      assertThat(a).isEqualTo(b);
      tasks += work.size();
      withIndex += indexed.calls.get();
      without += plain.calls.get();
    }
    // Without the index a task whose target no node sees walks the whole fleet. With it, a task
    // costs its 16 usable nodes plus the kept ones the exact check refuses (edges of the kept
    // region; Moon, masks and hour-angle limits, which the bound leaves to the exact check).
    assertThat(withIndex).isLessThan(without / 10).isLessThan(tasks * 16 * 3);
  }

  @Test
  void withAllCandidatesItIsTheExhaustiveSearch() {
    Random random = new Random(29);
    RandomFleets randoms = new RandomFleets(random);
    SkyView real = new RealSky(-12);
    for (int round = 0; round < 4; round++) {
      Instant now = randoms.instant();
      List<Node> fleet = randoms.fleet(400);
      List<PendingWork> work = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        Mission m = randoms.mission(now);
        work.add(new PendingWork(task("x" + round + "-" + i, m, 60 + random.nextInt(3600), null), m));
        work.add(new PendingWork(task("y" + round + "-" + i, m, 60 + random.nextInt(3600), null), m));
      }
      AssignmentPlanner planner = new AssignmentPlanner(real, LOOKAHEAD, AssignmentPlanner.ALL_CANDIDATES);
      assertThat(planner.plan(work, fleet, now)).isEqualTo(exhaustive(planner, work, fleet, now));
    }
  }

  /** The planner as it was before issue 19: every free node's window for every task. */
  static List<Proposal> exhaustive(AssignmentPlanner planner, List<PendingWork> work, List<Node> nodes, Instant now) {
    List<PendingWork> ordered = new ArrayList<>(work);
    ordered.sort(PendingWork.ORDER);
    List<Node> free = nodes.stream().filter(Candidates::isFree).toList();
    Set<UUID> taken = new HashSet<>();
    List<Proposal> proposals = new ArrayList<>();
    for (PendingWork w : ordered) {
      Proposal best = null;
      for (Node node : free) {
        if (taken.contains(node.nodeId()) || !Candidates.meetsNeeds(node, w.mission())) {
          continue;
        }
        TimeWindow window = planner.usableWindow(node, w, now);
        if (window != null) {
          Proposal p = new Proposal(w.task(), w.mission(), node, window);
          if (best == null || OLD_RANKING.compare(p, best) < 0) {
            best = p;
          }
        }
      }
      if (best != null) {
        taken.add(best.node().nodeId());
        proposals.add(best);
      }
    }
    return proposals;
  }

  static final Comparator<Proposal> OLD_RANKING = Comparator
      .comparing((Proposal p) -> p.window().duration().toMillis() >= new PendingWork(p.task(), p.mission()).neededS() * 1000)
      .reversed()
      .thenComparing(Comparator.comparingDouble((Proposal p) -> p.node().reliabilityScore()).reversed())
      .thenComparing(Comparator.comparing((Proposal p) -> p.window().duration()).reversed())
      .thenComparing(p -> p.node().nodeId());

  @Test
  void theCandidatesMustBeAtLeastOne() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AssignmentPlanner(EVERYONE_SEES_EVERYTHING, LOOKAHEAD, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(uuid("x")).isNotNull();
  }
}
