package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.cql.Store;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionConstraints;
import org.openastro.cql.node.HorizonPoint;
import org.openastro.cql.node.Node;
import org.openastro.cql.node.NodeRepository;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.ScienceCase;
import org.openastro.scheduler.SchedulerVerticle;
import org.openastro.scheduler.astro.HorizonMask;
import org.openastro.scheduler.astro.ObservingConstraints;
import org.openastro.scheduler.astro.Site;
import org.openastro.scheduler.astro.SkyFixtures;
import org.openastro.scheduler.astro.Target;
import org.openastro.scheduler.astro.VisibilityCalculator;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * Issue 13 end to end against the real Cassandra node and the real clock: the scheduler plans
 * and assigns with a mission's Moon separation and a node's horizon mask. In each case the node
 * that must not get the work is the more reliable one, so it would win were the constraint
 * ignored; the geometry is computed for the moment the test runs (the Moon from
 * {@link SkyFixtures}), and checked first with {@link VisibilityCalculator}.
 */
@ExtendWith(CassandraExtension.class)
class ObservingConstraintsIT {
  static final Duration LOOKAHEAD = Duration.ofMinutes(2);
  static TestKeyspace keyspace;
  static SimulatedNetwork network;
  static Store store;
  static NodeRepository nodes;

  @BeforeAll
  static void start(CassandraTestNode node) {
    keyspace = TestKeyspace.create(node, "constraintsit");
    network = new SimulatedNetwork(keyspace.session());
    store = new Store(keyspace.session());
    nodes = new NodeRepository(keyspace.session());
    SchedulerAssembly scheduler = SchedulerAssembly.build(store,
        SimulatedNetwork.config(Map.of("SCHEDULER_ASSIGN_LOOKAHEAD", LOOKAHEAD.toMinutes() + "m")),
        new SimpleMeterRegistry());
    Await.result(network.vertx.deployVerticle(new SchedulerVerticle(scheduler)));
  }

  @AfterAll
  static void stop() {
    network.close();
    keyspace.close();
  }

  @Test
  void aTargetTooCloseToTheMoonFromOneSiteGoesToTheSiteThatSeesItFarEnough() {
    Instant now = Instant.now();
    // A has the Moon at its zenith (parallax ~0); B, 60° of latitude away, sees it displaced by
    // ~0.8° of parallax. The target sits on the Moon as A sees it 10 minutes from now.
    Site a = SkyFixtures.underMoon(now.plus(Duration.ofMinutes(10)));
    Site b = new Site(a.latitudeDeg() >= 0 ? a.latitudeDeg() - 60 : a.latitudeDeg() + 60, a.longitudeDeg(), 0);
    Target target = SkyFixtures.atMoon(a, now.plus(Duration.ofMinutes(10)));
    Duration checked = Duration.ofMinutes(30);
    double nearestFromB = Double.MAX_VALUE;
    double farthestFromA = 0;
    for (Instant t = now; !t.isAfter(now.plus(checked)); t = t.plusSeconds(60)) {
      farthestFromA = Math.max(farthestFromA, SkyFixtures.moonSeparationDeg(a, target, t));
      nearestFromB = Math.min(nearestFromB, SkyFixtures.moonSeparationDeg(b, target, t));
    }
    assertThat(nearestFromB - farthestFromA).as("parallax between the sites").isGreaterThan(0.2);
    double minSeparation = (farthestFromA + nearestFromB) / 2;
    ObservingConstraints sky = ObservingConstraints.DEFAULTS.withMinAltitudeDeg(10).anyTimeOfDay()
        .withMinMoonSeparationDeg(minSeparation);
    assertThat(VisibilityCalculator.windows(a, target, now, now.plus(checked), sky)).isEmpty();
    assertThat(VisibilityCalculator.windows(b, target, now, now.plus(checked), sky))
        .singleElement().satisfies(w -> assertThat(w.start()).isBeforeOrEqualTo(now.plusSeconds(1)));

    String filter = "moon-" + UUID.randomUUID();
    UUID tooClose = onlineNode(a, 0.99, filter, List.of());
    UUID farEnough = onlineNode(b, 0.5, filter, List.of());
    Mission mission = mission(target, filter, 10, new MissionConstraints(null, minSeparation, null, null, null));
    Await.result(store.missions().create(mission));

    assertOnlyAssignedTo(mission, farEnough, tooClose);
  }

  @Test
  void aHorizonMaskKeepsANodeFromALowEasternTarget() {
    Instant now = Instant.now();
    // On the equator a target of declination 0 rises due east: at hour angle -55° it is 35° high
    // at azimuth 90°, and stays in the east until it culminates hours later.
    Site site = new Site(0, -40, 0);
    Target target = SkyFixtures.atHourAngle(site, now, -55, 0);
    List<HorizonPoint> wall = List.of(new HorizonPoint(0, 0), new HorizonPoint(40, 0), new HorizonPoint(50, 60),
        new HorizonPoint(130, 60), new HorizonPoint(140, 0));
    ObservingConstraints sky = ObservingConstraints.DEFAULTS.withMinAltitudeDeg(20).anyTimeOfDay();
    HorizonMask mask = HorizonMask.of(wall.stream().map(p -> new HorizonMask.Point(p.azDeg(), p.altDeg())).toList());
    Duration checked = Duration.ofMinutes(30);
    assertThat(VisibilityCalculator.windows(site, target, now, now.plus(checked), sky.withHorizon(mask))).isEmpty();
    assertThat(VisibilityCalculator.windows(site, target, now, now.plus(checked), sky))
        .singleElement().satisfies(w -> assertThat(w.start()).isBeforeOrEqualTo(now.plusSeconds(1)));

    String filter = "horizon-" + UUID.randomUUID();
    UUID walled = onlineNode(site, 0.99, filter, wall);
    UUID open = onlineNode(site, 0.5, filter, List.of());
    Mission mission = mission(target, filter, 20, MissionConstraints.NONE);
    Await.result(store.missions().create(mission));

    assertOnlyAssignedTo(mission, open, walled);
  }

  private void assertOnlyAssignedTo(Mission mission, UUID expected, UUID excluded) {
    UUID assignedTo = await().atMost(Duration.ofSeconds(20)).until(() -> Await.result(
        store.tasks().listByMission(mission.missionId())).stream()
        .map(t -> t.assignedNodeId()).filter(n -> n != null).findFirst().orElse(null), n -> n != null);
    assertThat(assignedTo).isEqualTo(expected);
    // a few more rounds (100 ms ticks): nothing ever goes to the excluded node
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
    assertThat(Await.result(store.tasks().listByMission(mission.missionId())))
        .noneMatch(t -> excluded.equals(t.assignedNodeId()));
    network.silence(expected);
    network.silence(excluded);
  }

  private UUID onlineNode(Site site, double reliability, String filter, List<HorizonPoint> horizon) {
    Node node = new Node(UUID.randomUUID(), NodeStatus.ONLINE, site.latitudeDeg(), site.longitudeDeg(), 0, 300, 1.0,
        Set.of(filter), MountType.EQ, ControlProtocol.INDI, reliability, null, null, Instant.now(), Instant.now(),
        horizon);
    Await.result(nodes.register(node));
    network.heartbeat(node.nodeId());
    network.keepBeating(node.nodeId());
    return node.nodeId();
  }

  private static Mission mission(Target target, String filter, double minAltitudeDeg, MissionConstraints c) {
    return new Mission(UUID.randomUUID(), target.raDeg(), target.decDeg(), ScienceCase.TRANSIENT_FOLLOWUP, 300, 0, 90,
        null, null, MissionStatus.PENDING, null, minAltitudeDeg, false, Set.of(filter), null, null, "it", Instant.now(), c);
  }
}
