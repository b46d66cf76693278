package org.openastro.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.scheduler.plan.Fixtures.NOW;
import static org.openastro.scheduler.plan.Fixtures.mission;
import static org.openastro.scheduler.plan.Fixtures.node;
import static org.openastro.scheduler.plan.Fixtures.task;
import static org.openastro.scheduler.plan.Fixtures.uuid;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.domain.NodeStatus;
import org.openastro.scheduler.astro.TimeWindow;

class AssignmentPlannerTest {
  /** Every node sees every target for the next 10 h unless told otherwise. */
  final Map<UUID, List<TimeWindow>> windows = new HashMap<>();
  final SkyView sky = (node, mission, from, to) -> windows.getOrDefault(node.nodeId(),
      List.of(new TimeWindow(from, to.isBefore(from.plus(Duration.ofHours(10))) ? to : from.plus(Duration.ofHours(10)))));
  final AssignmentPlanner planner = new AssignmentPlanner(sky, Duration.ofMinutes(30));

  @Test
  void higherPriorityGoesFirstThenEarlierDeadline() {
    Mission low = mission("low", 10, null);
    Mission high = mission("high", 90, null);
    Mission midLate = mission("midLate", 50, NOW.plusSeconds(7200));
    Mission midSoon = mission("midSoon", 50, NOW.plusSeconds(3600));
    List<PendingWork> work = List.of(
        new PendingWork(task("t-low", low, 600, null), low),
        new PendingWork(task("t-midLate", midLate, 600, null), midLate),
        new PendingWork(task("t-high", high, 600, null), high),
        new PendingWork(task("t-midSoon", midSoon, 600, null), midSoon));

    // One node only: the single proposal goes to the highest priority.
    assertThat(planner.plan(work, List.of(node("n1", 0.5)), NOW))
        .extracting(p -> p.task().taskId()).containsExactly(uuid("t-high"));
    // Three nodes: high, then the earlier deadline of the two 50s.
    assertThat(planner.plan(work, List.of(node("n1", 0.5), node("n2", 0.5), node("n3", 0.5)), NOW))
        .extracting(p -> p.task().taskId()).containsExactly(uuid("t-high"), uuid("t-midSoon"), uuid("t-midLate"));
  }

  @Test
  void onlyFreeCapableNodesAreCandidates() {
    Mission m = Fixtures.withNeeds(mission("m", 50, null), Set.of("Ha"), 200.0, 0.5);
    PendingWork w = new PendingWork(task("t", m, 600, null), m);
    Node busy = node("busy", NodeStatus.BUSY, 0.9, 300, 1, Set.of("Ha"));
    Node parked = node("parked", NodeStatus.PARKED, 0.9, 300, 1, Set.of("Ha"));
    Node faulted = node("faulted", NodeStatus.FAULTED, 0.9, 300, 1, Set.of("Ha"));
    Node noFilter = node("noFilter", NodeStatus.ONLINE, 0.9, 300, 1, Set.of("V"));
    Node small = node("small", NodeStatus.ONLINE, 0.9, 100, 1, Set.of("Ha"));
    Node narrow = node("narrow", NodeStatus.ONLINE, 0.9, 300, 0.2, Set.of("Ha"));
    Node good = node("good", NodeStatus.ONLINE, 0.1, 300, 1, Set.of("Ha", "V"));
    assertThat(planner.plan(List.of(w), List.of(busy, parked, faulted, noFilter, small, narrow), NOW)).isEmpty();
    assertThat(planner.plan(List.of(w), List.of(busy, parked, faulted, noFilter, small, narrow, good), NOW))
        .singleElement().extracting(p -> p.node().nodeId()).isEqualTo(uuid("good"));
  }

  @Test
  void aNodeHoldingATaskIsNoCandidateEvenIfOnline() {
    Mission m = mission("m", 50, null);
    Node n = node("n1", 0.5);
    Node holding = new Node(n.nodeId(), NodeStatus.ONLINE, n.lat(), n.lon(), n.elevationM(), n.apertureMm(),
        n.fovDeg(), n.filters(), n.mountType(), n.controlProtocol(), 0.5, UUID.randomUUID(), null, NOW, NOW);
    assertThat(planner.plan(List.of(new PendingWork(task("t", m, 60, null), m)), List.of(holding), NOW)).isEmpty();
  }

  @Test
  void mustSeeTheTargetNowOrWithinTheLookahead() {
    Mission m = mission("m", 50, null);
    PendingWork w = new PendingWork(task("t", m, 600, null), m);
    Node later = node("later", 0.9);
    Node soon = node("soon", 0.1);
    windows.put(later.nodeId(), List.of(new TimeWindow(NOW.plus(Duration.ofHours(2)), NOW.plus(Duration.ofHours(5)))));
    windows.put(soon.nodeId(), List.of(new TimeWindow(NOW.plus(Duration.ofMinutes(20)), NOW.plus(Duration.ofHours(1)))));
    List<Proposal> proposals = planner.plan(List.of(w), List.of(later, soon), NOW);
    assertThat(proposals).singleElement().satisfies(p -> {
      assertThat(p.node().nodeId()).isEqualTo(soon.nodeId());
      assertThat(p.window()).isEqualTo(new TimeWindow(NOW.plus(Duration.ofMinutes(20)), NOW.plus(Duration.ofHours(1))));
    });
    assertThat(planner.plan(List.of(w), List.of(later), NOW)).isEmpty();
  }

  @Test
  void prefersHigherReliabilityThenLongerRemainingWindow() {
    Mission m = mission("m", 50, null);
    PendingWork w = new PendingWork(task("t", m, 600, null), m);
    Node shaky = node("shaky", 0.3);
    Node solidShort = node("solidShort", 0.9);
    Node solidLong = node("solidLong", 0.9);
    windows.put(solidShort.nodeId(), List.of(new TimeWindow(NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)))));
    windows.put(solidLong.nodeId(), List.of(new TimeWindow(NOW.minusSeconds(60), NOW.plus(Duration.ofHours(3)))));
    assertThat(planner.plan(List.of(w), List.of(shaky, solidShort, solidLong), NOW))
        .singleElement().satisfies(p -> {
          assertThat(p.node().nodeId()).isEqualTo(solidLong.nodeId());
          assertThat(p.window().start()).isEqualTo(NOW);
        });
    assertThat(planner.plan(List.of(w), List.of(shaky, solidShort), NOW))
        .singleElement().extracting(p -> p.node().nodeId()).isEqualTo(solidShort.nodeId());
  }

  @Test
  void aWindowHoldingTheWholeNeedBeatsReliabilityOnATooShortOne() {
    Mission m = mission("m", 50, null);
    PendingWork w = new PendingWork(task("t", m, 3600, null), m);
    Node reliableShort = node("reliableShort", 0.95);
    Node okayFull = node("okayFull", 0.7);
    windows.put(reliableShort.nodeId(), List.of(new TimeWindow(NOW, NOW.plus(Duration.ofMinutes(10)))));
    windows.put(okayFull.nodeId(), List.of(new TimeWindow(NOW, NOW.plus(Duration.ofHours(2)))));
    assertThat(planner.plan(List.of(w), List.of(reliableShort, okayFull), NOW))
        .singleElement().extracting(p -> p.node().nodeId()).isEqualTo(okayFull.nodeId());
  }

  @Test
  void eachNodeGetsAtMostOneTaskPerRound() {
    Mission m = mission("m", 50, null);
    List<PendingWork> work = List.of(new PendingWork(task("a", m, 60, null), m),
        new PendingWork(task("b", m, 60, null), m), new PendingWork(task("c", m, 60, null), m));
    List<Proposal> proposals = planner.plan(work, List.of(node("n1", 0.5), node("n2", 0.6)), NOW);
    assertThat(proposals).hasSize(2);
    assertThat(proposals).extracting(p -> p.node().nodeId()).doesNotHaveDuplicates();
  }

  @Test
  void realSkyAtLaPalma() {
    // The Crab (RA 83.6°, Dec +22°) from La Palma at 20:00 UTC on the equinox: 1.1 h past transit,
    // nautical night begins at about 20:14 (within the 30 min lookahead); the hour angle at 30°
    // altitude is 4.45 h, so it sinks below 30° at about 23:21.
    Mission m = mission("m", 50, null);
    AssignmentPlanner real = new AssignmentPlanner(SkyView.real(-12), Duration.ofMinutes(30));
    List<Proposal> proposals = real.plan(List.of(new PendingWork(task("t", m, 600, null), m)),
        List.of(node("n1", 0.5)), NOW);
    assertThat(proposals).singleElement().satisfies(p -> {
      assertThat(p.window().start()).isBetween(Instant.parse("2026-03-20T20:10:00Z"), Instant.parse("2026-03-20T20:18:00Z"));
      assertThat(p.window().end()).isBetween(Instant.parse("2026-03-20T23:15:00Z"), Instant.parse("2026-03-20T23:27:00Z"));
    });
    // At noon the Sun is up: nobody is a candidate for a night-only mission.
    assertThat(real.plan(List.of(new PendingWork(task("t", m, 600, null), m)), List.of(node("n1", 0.5)),
        Instant.parse("2026-03-20T12:00:00Z"))).isEmpty();
  }
}
