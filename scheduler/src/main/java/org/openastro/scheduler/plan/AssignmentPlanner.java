package org.openastro.scheduler.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
 */
public final class AssignmentPlanner {
  /** A window shorter than this is not worth slewing for (unless the task needs less). */
  static final Duration MIN_USEFUL_WINDOW = Duration.ofMinutes(1);
  /** Windows are compared over at most this much beyond the need (longer makes no difference). */
  static final Duration RANKED_WINDOW_SPAN = Duration.ofHours(12);

  private final SkyView sky;
  private final Duration lookahead;

  public AssignmentPlanner(SkyView sky, Duration lookahead) {
    this.sky = sky;
    this.lookahead = lookahead;
  }

  public List<Proposal> plan(List<PendingWork> work, List<Node> nodes, Instant now) {
    List<PendingWork> ordered = new ArrayList<>(work);
    ordered.sort(PendingWork.ORDER);
    List<Node> free = nodes.stream().filter(Candidates::isFree).toList();
    Set<UUID> taken = new HashSet<>();
    List<Proposal> proposals = new ArrayList<>();
    for (PendingWork w : ordered) {
      if (taken.size() == free.size()) {
        break;
      }
      Ranked best = null;
      for (Node node : free) {
        if (taken.contains(node.nodeId()) || !Candidates.meetsNeeds(node, w.mission())) {
          continue;
        }
        TimeWindow window = usableWindow(node, w, now);
        if (window == null) {
          continue;
        }
        Ranked ranked = new Ranked(node, window, w.neededS());
        if (best == null || RANKING.compare(ranked, best) < 0) {
          best = ranked;
        }
      }
      if (best != null) {
        taken.add(best.node().nodeId());
        proposals.add(new Proposal(w.task(), w.mission(), best.node(), best.window()));
      }
    }
    return proposals;
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
