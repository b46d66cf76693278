package org.openastro.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.cql.task.Task;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.ObservationType;
import org.openastro.domain.ScienceCase;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.astro.TimeWindow;

/** Which busy node a RAPID_RESPONSE task takes: class, priority gap, sky, then the policy's order. */
class PreemptionPolicyTest {
  static final Instant NOW = Instant.parse("2026-03-20T22:00:00Z");
  /** Every node sees every target, except those whose latitude is negative (they see it in an hour). */
  static final SkyView SKY = (node, mission, from, to) -> node.lat() < 0
      ? List.of(new TimeWindow(from.plusSeconds(3600), to)) : List.of(new TimeWindow(from.minusSeconds(60), to));

  final PreemptionPolicy policy = new PreemptionPolicy(SKY, 0);
  final PendingWork grb = rr(95);

  static Mission mission(ObservationType type, int priority) {
    return new Mission(UUID.randomUUID(), 10, 20, ScienceCase.DEEP_STACK, 3600, 0, priority, null, null,
        MissionStatus.IN_PROGRESS, null, 30, false, Set.of(), null, null, "o", NOW, type);
  }

  static PendingWork rr(int priority) {
    Mission m = mission(ObservationType.RAPID_RESPONSE, priority);
    return new PendingWork(new Task(UUID.randomUUID(), m.missionId(), null, 600, 0, TaskStatus.PENDING, NOW,
        NOW.plusSeconds(7200), null, null, priority, NOW, NOW), m);
  }

  static PreemptionPolicy.Busy busy(ObservationType type, int priority, double delivered, double reliability,
      double lat, TaskStatus status) {
    UUID nodeId = UUID.randomUUID();
    Mission m = mission(type, priority);
    Task running = new Task(UUID.randomUUID(), m.missionId(), nodeId, 3600, delivered, status, NOW, NOW.plusSeconds(7200),
        null, null, priority, NOW, NOW);
    Node n = new Node(nodeId, NodeStatus.BUSY, lat, 0, 0, 300, 1, Set.of(), MountType.EQ, ControlProtocol.INDI,
        reliability, running.taskId(), null, NOW, NOW);
    return new PreemptionPolicy.Busy(n, running, m);
  }

  static PreemptionPolicy.Busy normal(int priority, double delivered, double reliability) {
    return busy(ObservationType.NORMAL, priority, delivered, reliability, 28, TaskStatus.EXECUTING);
  }

  UUID chosen(List<PreemptionPolicy.Busy> candidates) {
    return policy.choose(grb, candidates, NOW).map(c -> c.victim().node().nodeId()).orElse(null);
  }

  static Node at(double lat, double lon, double reliability) {
    return new Node(UUID.randomUUID(), NodeStatus.BUSY, lat, lon, 0, 300, 1, Set.of(), MountType.EQ,
        ControlProtocol.INDI, reliability, UUID.randomUUID(), null, NOW, NOW);
  }

  @Test
  void candidatesAreTheMostReliableOfTheSitesThatMaySeeTheTargetNow() {
    // RA 10, Dec +20 at 22:00 UTC on 20 March: near the meridian over the Pacific (about 140 W),
    // below the horizon at Greenwich.
    PreemptionPolicy real = new PreemptionPolicy(SkyView.real(-12), 0);
    Node pacific = at(20, -140, 0.5);
    Node pacificReliable = at(25, -150, 0.9);
    Node greenwich = at(20, 0, 0.99);

    assertThat(real.candidates(grb, List.of(pacific, greenwich, pacificReliable), NOW, 5))
        .containsExactly(pacificReliable, pacific);
    assertThat(real.candidates(grb, List.of(pacific, greenwich, pacificReliable), NOW, 1))
        .containsExactly(pacificReliable);
  }

  @Test
  void leastDeliveredExposureFirstThenLowestPriorityThenMostReliable() {
    var little = normal(50, 60, 0.5);
    var much = normal(10, 1800, 0.9);
    assertThat(chosen(List.of(much, little))).isEqualTo(little.node().nodeId());
    var low = normal(10, 60, 0.5);
    assertThat(chosen(List.of(little, low))).isEqualTo(low.node().nodeId());
    var reliable = normal(10, 60, 0.9);
    assertThat(chosen(List.of(low, reliable))).isEqualTo(reliable.node().nodeId());
  }

  @Test
  void onlyALowerClassIsTakenAndARapidResponseTaskNever() {
    var otherRr = busy(ObservationType.RAPID_RESPONSE, 10, 0, 0.5, 28, TaskStatus.EXECUTING);
    assertThat(chosen(List.of(otherRr))).isNull();
    var timeCritical = busy(ObservationType.TIME_CRITICAL, 60, 0, 0.5, 28, TaskStatus.EXECUTING);
    assertThat(chosen(List.of(otherRr, timeCritical))).isEqualTo(timeCritical.node().nodeId());
    // a NORMAL or TIME_CRITICAL task never preempts
    PendingWork tc = new PendingWork(grb.task(), grb.mission().withObservationType(ObservationType.TIME_CRITICAL));
    assertThat(policy.choose(tc, List.of(normal(1, 0, 0.5)), NOW)).isEmpty();
  }

  @Test
  void theNodeMustSeeTheTargetNowAndHoldAnOpenTask() {
    var south = busy(ObservationType.NORMAL, 10, 0, 0.5, -30, TaskStatus.EXECUTING);
    assertThat(chosen(List.of(south))).isNull();
    var assignedNotStarted = busy(ObservationType.NORMAL, 10, 0, 0.5, 28, TaskStatus.PENDING);
    assertThat(chosen(List.of(south, assignedNotStarted))).isEqualTo(assignedNotStarted.node().nodeId());
    var finished = busy(ObservationType.NORMAL, 10, 0, 0.5, 28, TaskStatus.SUCCESS);
    assertThat(chosen(List.of(finished))).isNull();
    var window = policy.choose(grb, List.of(assignedNotStarted), NOW).orElseThrow().window();
    assertThat(window.start()).isEqualTo(NOW);
  }

  @Test
  void theMinimumPriorityGapIsKept() {
    var high = normal(90, 0, 0.5);
    assertThat(chosen(List.of(high))).as("95 - 90 >= 0").isEqualTo(high.node().nodeId());
    assertThat(new PreemptionPolicy(SKY, 10).choose(grb, List.of(high), NOW)).isEmpty();
    var higher = normal(99, 0, 0.5);
    assertThat(chosen(List.of(higher))).isNull();
    assertThat(new PreemptionPolicy(SKY, -99).choose(grb, List.of(higher), NOW)).isPresent();
  }

  @Test
  void aTargetUpNowIsSeenNowWhateverTheClocksSubMillisecond() {
    // The real sky gives window edges to the millisecond, rounded: 'now' with .6 ms past a
    // millisecond got a window opening 0.4 ms later, so no node "saw the target now" and, with a
    // periodic tick keeping that phase, a GRB waited up to 26 s for its preemption.
    PreemptionPolicy real = new PreemptionPolicy(new RealSky(-12), 0);
    // near the zenith of the node at 28°N, 0° at NOW
    Mission m = new Mission(UUID.randomUUID(), 178, 28, ScienceCase.GRB_FOLLOWUP, 600, 0, 95, null, null,
        MissionStatus.PENDING, null, 30, false, Set.of(), null, null, "o", NOW, ObservationType.RAPID_RESPONSE);
    PendingWork work = new PendingWork(new Task(UUID.randomUUID(), m.missionId(), null, 600, 0, TaskStatus.PENDING,
        NOW, NOW.plusSeconds(7200), null, null, 95, NOW, NOW), m);
    PreemptionPolicy.Busy b = normal(50, 100, 0.9);
    for (long nanos : new long[] {0, 400_000, 600_000, 999_999}) {
      Instant now = NOW.plusNanos(nanos);
      assertThat(real.windowNow(b.node(), work, now)).as("now + %d ns", nanos).isNotNull()
          .satisfies(w -> assertThat(w.start()).isEqualTo(now));
    }
  }
}
