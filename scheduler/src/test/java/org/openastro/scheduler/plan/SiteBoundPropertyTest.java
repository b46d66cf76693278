package org.openastro.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;

/**
 * The prefilter is conservative: on random fleets (sites all over the Earth, poles and the date
 * line included), random targets, times, lookaheads and mission constraints, no node the exact
 * check ({@link AssignmentPlanner#usableWindow} on the real sky) accepts is dropped, neither by
 * its grid cell nor by the bound at its own site (the tightest the bound gets, so the sharpest
 * test of its margins). And it does prune: otherwise it would be no index at all.
 */
class SiteBoundPropertyTest {
  final RealSky sky = new RealSky(-12);
  final Random random = new Random(19);
  final RandomFleets randoms = new RandomFleets(random);

  @Test
  void neverDropsANodeTheExactCheckAccepts() {
    int accepted = 0;
    int checked = 0;
    long keptNight = 0;
    long allNight = 0;
    for (int scenario = 0; scenario < 250; scenario++) {
      Instant now = randoms.instant();
      Duration lookahead = randoms.lookahead();
      Mission mission = randoms.mission(now);
      PendingWork w = new PendingWork(Fixtures.task("t" + scenario, mission, 60 + random.nextInt(3600), null), mission);
      AssignmentPlanner planner = new AssignmentPlanner(sky, lookahead);
      SiteBound bound = SiteBound.of(mission, sky.limits(mission), now, now.plus(lookahead));
      List<Node> fleet = randoms.fleet(200);
      FreeNodeIndex index = FreeNodeIndex.of(fleet);
      Set<UUID> kept = new HashSet<>();
      FreeNodeIndex.Walk walk = index.walk(bound, index.cellsKept(bound));
      for (Node n = walk.next(); n != null; n = walk.next()) {
        kept.add(n.nodeId());
      }
      for (Node node : fleet) {
        checked++;
        if (planner.usableWindow(node, w, now) == null) {
          continue;
        }
        accepted++;
        String why = node + " for " + mission + " at " + now + " + " + lookahead;
        assertThat(kept).as(why).contains(node.nodeId());
        assertThat(bound.keepsSite(node.lat(), node.lon())).as(why).isTrue();
      }
      if (mission.nightOnly() && mission.constraints().sunMaxAltitudeDeg() == null && mission.minAltitudeDeg() >= 20
          && lookahead.compareTo(Duration.ofHours(1)) <= 0 && mission.timeConstraintStart() == null) {
        keptNight += kept.size();
        allNight += fleet.size();
      }
    }
    assertThat(accepted).as("accepted of " + checked).isGreaterThan(checked / 50);
    // Night-only, 20° or higher, a short lookahead: about a fifth of the Earth qualifies.
    assertThat((double) keptNight / allNight).isLessThan(0.4);
  }
}
