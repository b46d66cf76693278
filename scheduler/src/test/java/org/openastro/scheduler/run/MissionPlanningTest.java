package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.scheduler.run.RunFixtures.T0;
import static org.openastro.scheduler.run.RunFixtures.done;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.Mission;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.ScienceCase;
import org.openastro.scheduler.astro.TimeWindow;
import org.openastro.scheduler.mission.Frames;
import org.openastro.scheduler.mission.MissionProgress;
import org.openastro.scheduler.plan.MissionSplitter;
import org.openastro.scheduler.plan.SkyView;

/** Planning over the fleet: one read of the fleet serves every mission, each planned over the nodes it can use. */
class MissionPlanningTest {
  static final SkyView ALWAYS_VISIBLE = (node, mission, from, to) -> List.of(new TimeWindow(from, to));
  static final PlanningLease ALWAYS_MINE = new PlanningLease() {
    @Override
    public Future<Boolean> take(UUID missionId, UUID holder, Duration ttl, Instant now) {
      return Future.succeededFuture(true);
    }

    @Override
    public Future<Void> release(UUID missionId, UUID holder) {
      return Future.succeededFuture();
    }
  };

  final FakeFleet fleet = new FakeFleet();
  final OnlineRosterTest.CountingRoster counted = new OnlineRosterTest.CountingRoster(fleet);
  final FakeTasks tasks = new FakeTasks();
  final MissionPlanning planning = new MissionPlanning(RunFixtures.INLINE, counted, tasks, ALWAYS_MINE,
      RunFixtures.metrics(), ALWAYS_VISIBLE, new MissionSplitter(Duration.ofHours(1), Duration.ofMinutes(1), 10),
      Duration.ofHours(24), Duration.ofMinutes(5), Duration.ofSeconds(5), 512, new NodeRowCache(counted, 8));

  static Mission needing(Set<String> filters) {
    return new Mission(UUID.randomUUID(), 83.6, 22.0, ScienceCase.DEEP_STACK, 600, 0, 50, null, null,
        MissionStatus.PENDING, null, 30, false, filters, null, null, "test", T0);
  }

  void plan(Mission m) {
    done(planning.maybePlan(m, MissionProgress.of(List.of(), Frames.of(m)), T0));
  }

  @Test
  void missionsShareOneReadOfTheFleetAndEachIsPlannedOverTheNodesThatMeetItsNeeds() {
    fleet.add(NodeStatus.ONLINE); // the fixture's node has the V filter only
    fleet.add(NodeStatus.PARKED);
    Mission plain = needing(Set.of());
    Mission alsoPlain = needing(Set.of());
    Mission visual = needing(Set.of("V"));
    Mission red = needing(Set.of("R"));

    plan(plain);
    plan(red);
    plan(alsoPlain);
    plan(visual);

    assertThat(counted.finds).as("two rows, read once for all four missions").isEqualTo(2);
    assertThat(tasks.created).extracting(t -> t.missionId())
        .as("no node has R: the red mission waits, not planned over the others' nodes")
        .containsOnly(plain.missionId(), alsoPlain.missionId(), visual.missionId())
        .contains(plain.missionId(), alsoPlain.missionId(), visual.missionId());
  }
}
