package org.openastro.scheduler.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.scheduler.astro.TimeWindow;

/**
 * Matches pending work to free nodes, most important work first.
 *
 * <p>Work goes out in {@link PendingWork#ORDER} (mission priority, then deadline). For each task
 * a candidate is a free node (ONLINE, no task) meeting the mission's needs that sees the target
 * now or within the lookahead, for at least {@link #MIN_USEFUL_WINDOW} (or the whole need, if
 * shorter). Among candidates the best is the one whose window holds the whole need, then the
 * most reliable, then the one with the longest remaining window; ties go to the lower node id so
 * that two schedulers looking at the same state propose the same thing. A node gets at most one
 * task per round. Pure and synchronous: run it off the event loop for large inputs.
 *
 * <p><b>At fleet scale (issue 19).</b> Computing every free node's window for every task costs
 * tasks × fleet window computations a round: 20 million at 200 tasks and 100,000 nodes. Instead:
 * <ol>
 *   <li>the free nodes go into a {@link FreeNodeIndex} once per round, and a task's walk only
 *       visits the cells where its target can possibly be usable ({@link SiteBound}, conservative:
 *       it never drops a node the exact check accepts);
 *   <li>the walk visits nodes in {@link FreeNodeIndex#VISIT_ORDER} (most reliable first, then the
 *       lower id), computes the exact window of each, and stops after {@code candidates} nodes
 *       with a usable window; the best of those by the ranking above gets the task.
 * </ol>
 * So a task gets the best of the first {@code candidates} usable nodes in reliability order,
 * not the best of all. The two differ only when a node further down would win on a key ranked
 * before reliability or after it: its window holds the whole need while none of the first ones'
 * does (each of those still sees the target for a useful while, and on a large fleet some of 32
 * reliable nodes nearly always hold the need), or it is exactly
 * as reliable as the last of them with a longer window (a tie-break only). Reliability, the key
 * that decides whether the exposure gets delivered, is kept: no node left unvisited is more
 * reliable than the one chosen. In exchange a round costs at most about tasks × candidates
 * window computations, whatever the fleet's size, plus the nodes the bound keeps that the exact
 * check then refuses: those at the very edge of the region it keeps (its margins; a target
 * setting just as night falls), and those the bound does not judge (Moon, horizon masks, hour-angle
 * limits). Tasks of one mission with the same need share their windows within a round, so the
 * refused ones cost once per mission, not once per task, and a mission's second task costs about
 * one window more than its first.
 * With {@link #ALL_CANDIDATES} the outcome is the exhaustive search's (the index never changes an
 * outcome); with a sky that also promises no {@link SkyLimits}, so is the cost.
 */
public final class AssignmentPlanner {
  /** A window shorter than this is not worth slewing for (unless the task needs less). */
  static final Duration MIN_USEFUL_WINDOW = Duration.ofMinutes(1);
  /** Windows are compared over at most this much beyond the need (longer makes no difference). */
  static final Duration RANKED_WINDOW_SPAN = Duration.ofHours(12);

  /** No bound on the candidates: every usable node is compared (the exhaustive search). */
  public static final int ALL_CANDIDATES = Integer.MAX_VALUE;
  /** The default of {@code SCHEDULER_ASSIGN_CANDIDATES}. */
  public static final int DEFAULT_CANDIDATES = 32;

  private final SkyView sky;
  private final Duration lookahead;
  private final int candidates;

  public AssignmentPlanner(SkyView sky, Duration lookahead) {
    this(sky, lookahead, DEFAULT_CANDIDATES);
  }

  /** @param candidates how many nodes with a usable window a task is chosen among (at least 1) */
  public AssignmentPlanner(SkyView sky, Duration lookahead, int candidates) {
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates must be at least 1, was " + candidates);
    }
    this.sky = sky;
    this.lookahead = lookahead;
    this.candidates = candidates;
  }

  public List<Proposal> plan(List<PendingWork> work, List<Node> nodes, Instant now) {
    List<PendingWork> ordered = new ArrayList<>(work);
    ordered.sort(PendingWork.ORDER);
    FreeNodeIndex free = FreeNodeIndex.of(nodes.stream().filter(Candidates::isFree).toList());
    Map<Mission, Reach> reachOf = new HashMap<>();
    Map<Ask, Map<UUID, Optional<TimeWindow>>> windowsOf = new HashMap<>();
    Set<UUID> taken = new HashSet<>();
    List<Proposal> proposals = new ArrayList<>();
    for (PendingWork w : ordered) {
      if (taken.size() == free.size()) {
        break;
      }
      Reach reach = reachOf.computeIfAbsent(w.mission(), m -> Reach.of(free, m, sky.limits(m), now, now.plus(lookahead)));
      Map<UUID, Optional<TimeWindow>> known = windowsOf.computeIfAbsent(new Ask(w.mission(), w.neededS()),
          k -> new HashMap<>());
      Ranked best = bestOfFirstUsable(w, free.walk(reach.bound(), reach.cells()), taken, known, now);
      if (best != null) {
        taken.add(best.node().nodeId());
        proposals.add(new Proposal(w.task(), w.mission(), best.node(), best.window()));
      }
    }
    return proposals;
  }

  /**
   * The best by {@link #RANKING} of the first {@link #candidates} usable nodes of the walk; {@code
   * known} holds the usable windows (empty: none) already computed this round for the same mission
   * and need.
   */
  private Ranked bestOfFirstUsable(PendingWork w, FreeNodeIndex.Walk walk, Set<UUID> taken,
      Map<UUID, Optional<TimeWindow>> known, Instant now) {
    Ranked best = null;
    int usable = 0;
    for (Node node = walk.next(); node != null && usable < candidates; node = walk.next()) {
      if (taken.contains(node.nodeId()) || !Candidates.meetsNeeds(node, w.mission())) {
        continue;
      }
      TimeWindow window = usableWindow(node, w, known, now);
      if (window == null) {
        continue;
      }
      usable++;
      Ranked ranked = new Ranked(node, window, w.neededS());
      if (best == null || RANKING.compare(ranked, best) < 0) {
        best = ranked;
      }
    }
    return best;
  }

  private TimeWindow usableWindow(Node node, PendingWork w, Map<UUID, Optional<TimeWindow>> known, Instant now) {
    return known.computeIfAbsent(node.nodeId(), id -> Optional.ofNullable(usableWindow(node, w, now))).orElse(null);
  }

  /** The node's window that is open now or opens within the lookahead, from now on; or null. */
  public TimeWindow usableWindow(Node node, PendingWork w, Instant now) {
    double neededS = w.neededS();
    Instant latestStart = now.plus(lookahead);
    // Far enough to see the whole need and compare windows that are longer than it.
    Instant to = latestStart.plus(RANKED_WINDOW_SPAN).plusSeconds((long) Math.ceil(neededS));
    long minUsefulS = Math.min(MIN_USEFUL_WINDOW.toSeconds(), (long) Math.ceil(neededS));
    for (TimeWindow window : sky.windows(node, w.mission(), now, to)) {
      if (window.start().isAfter(latestStart)) {
        return null;
      }
      Instant start = window.start().isAfter(now) ? window.start() : now;
      if (window.end().isAfter(start) && Duration.between(start, window.end()).toSeconds() >= minUsefulS) {
        return new TimeWindow(start, window.end());
      }
    }
    return null;
  }

  /**
   * What a usable window depends on besides the node: the mission and the need ({@link
   * #usableWindow}); tasks of one mission mostly share it (the splitter's equal slices).
   */
  private record Ask(Mission mission, double neededS) {}

  /** A mission's bound and the cells it keeps, made once per round and mission. */
  private record Reach(SiteBound bound, int[] cells) {
    static Reach of(FreeNodeIndex free, Mission m, SkyLimits limits, Instant now, Instant latestStart) {
      SiteBound bound = SiteBound.of(m, limits, now, latestStart);
      return new Reach(bound, free.cellsKept(bound));
    }
  }

  private record Ranked(Node node, TimeWindow window, double neededS) {
    boolean fits() {
      return window.duration().toMillis() >= neededS * 1000;
    }
  }

  private static final Comparator<Ranked> RANKING = Comparator
      .comparing(Ranked::fits).reversed()
      .thenComparing(Comparator.comparingDouble((Ranked r) -> r.node().reliabilityScore()).reversed())
      .thenComparing(Comparator.comparing((Ranked r) -> r.window().duration()).reversed())
      .thenComparing(r -> r.node().nodeId());
}
