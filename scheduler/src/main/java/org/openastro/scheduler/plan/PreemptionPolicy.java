package org.openastro.scheduler.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.cql.task.Task;
import org.openastro.scheduler.astro.TimeWindow;
import org.openastro.domain.ObservationType;
import org.openastro.domain.TaskStatus;

/**
 * Which busy node a RAPID_RESPONSE task takes when no free node can start it now. A candidate is
 * a node that meets the mission's needs, sees its target now (for at least a minute, or the whole
 * need if shorter) and holds an open task (assigned or EXECUTING) of a lower observation class whose
 * mission priority is at least {@code minPriorityGap} below the RAPID_RESPONSE mission's. A
 * RAPID_RESPONSE task is never preempted. Among candidates: the least exposure interrupted (the
 * running task's delivered seconds: kept, but its run is cut), then the lowest priority, then the
 * most reliable node, then the lower node id (two schedulers choose alike). Pure and synchronous.
 */
public final class PreemptionPolicy {
  static final Duration MIN_USEFUL_WINDOW = Duration.ofMinutes(1);

  /** A node with the task it holds (its claim) and that task's mission. */
  public record Busy(Node node, Task running, Mission runningMission) {}

  /** The node to preempt and its window on the RAPID_RESPONSE target, from now. */
  public record Choice(Busy victim, TimeWindow window) {}

  private final SkyView sky;
  private final int minPriorityGap;

  public PreemptionPolicy(SkyView sky, int minPriorityGap) {
    this.sky = sky;
    this.minPriorityGap = minPriorityGap;
  }

  /**
   * The nodes of {@code fleet} whose work is worth reading for {@code rr}: those that meet its needs
   * and whose site may see its target now ({@link SiteBound}, conservative), the {@code max} most
   * reliable of them. At fleet scale a preemption cannot read every busy node's task and mission
   * (three reads per node, 300,000 at 100,000 busy nodes): the victim is the best of these.
   */
  public List<Node> candidates(PendingWork rr, List<Node> fleet, Instant now, int max) {
    SiteBound bound = SiteBound.of(rr.mission(), sky.limits(rr.mission()), now, now);
    return fleet.stream()
        .filter(n -> Candidates.meetsNeeds(n, rr.mission()) && bound.keepsSite(n.lat(), n.lon()))
        .sorted(Comparator.comparingDouble(Node::reliabilityScore).reversed().thenComparing(Node::nodeId))
        .limit(max)
        .toList();
  }

  public Optional<Choice> choose(PendingWork rr, List<Busy> busy, Instant now) {
    if (rr.mission().observationType() != ObservationType.RAPID_RESPONSE) {
      return Optional.empty();
    }
    List<Choice> candidates = new ArrayList<>();
    for (Busy b : busy) {
      if (!eligible(rr.mission(), b, minPriorityGap) || !Candidates.meetsNeeds(b.node(), rr.mission())) {
        continue;
      }
      TimeWindow window = windowNow(b.node(), rr, now);
      if (window != null) {
        candidates.add(new Choice(b, window));
      }
    }
    return candidates.stream().min(ORDER);
  }

  /** The class, status and priority rule, without the sky. */
  static boolean eligible(Mission rr, Busy b, int minPriorityGap) {
    TaskStatus s = b.running().status();
    boolean open = s == TaskStatus.EXECUTING || s == TaskStatus.PENDING;
    return open && b.node().nodeId().equals(b.running().assignedNodeId())
        && b.runningMission().observationType().compareTo(rr.observationType()) < 0
        && rr.priority() - b.runningMission().priority() >= minPriorityGap;
  }

  /** The node's window open now on the target, from now; null when it does not see it now. */
  TimeWindow windowNow(Node node, PendingWork rr, Instant now) {
    double neededS = rr.neededS();
    long minUsefulS = Math.min(MIN_USEFUL_WINDOW.toSeconds(), (long) Math.ceil(neededS));
    Instant to = now.plusSeconds((long) Math.ceil(neededS) + 3600);
    // The sky gives window edges to the millisecond, rounded: asked from 'now' itself, a window open
    // now could start up to half a millisecond after it and not count as open, for every round of a
    // periodic tick that keeps the same sub-millisecond phase (seen: a GRB waiting 26 s).
    Instant from = now.truncatedTo(ChronoUnit.MILLIS);
    for (TimeWindow w : sky.windows(node, rr.mission(), from, to)) {
      if (w.start().isAfter(now)) {
        return null;
      }
      if (w.end().isAfter(now) && Duration.between(now, w.end()).toSeconds() >= minUsefulS) {
        return new TimeWindow(now, w.end());
      }
    }
    return null;
  }

  static final Comparator<Choice> ORDER = Comparator
      .comparingDouble((Choice c) -> c.victim().running().exposureDeliveredS())
      .thenComparingInt(c -> c.victim().runningMission().priority())
      .thenComparing(Comparator.comparingDouble((Choice c) -> c.victim().node().reliabilityScore()).reversed())
      .thenComparing(c -> c.victim().node().nodeId());
}
