package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.scheduler.run.RunFixtures.T0;
import static org.openastro.scheduler.run.RunFixtures.done;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.mission.MissionProgress;

/**
 * A mission's status kept true to its tasks and the clock: completion (trigger in the outbox
 * before the move, so a crash in between still delivers it), expiry (outstanding work cancelled
 * and the nodes told before the move), and planning of what no task covers.
 */
class MissionKeeperTest {
  final TestClock clock = new TestClock(T0);
  final FakeFleet fleet = new FakeFleet();
  final FakeTasks tasks = new FakeTasks();
  final FakeMissions missions = new FakeMissions();
  final RecordingDownlink downlink = new RecordingDownlink();
  final List<UUID> planned = new ArrayList<>();
  final List<UUID> forgotten = new ArrayList<>();
  int deliveries;
  final Planning planning = new Planning() {
    @Override
    public Future<Void> maybePlan(Mission m, MissionProgress progress, Instant now) {
      planned.add(m.missionId());
      return Future.succeededFuture();
    }

    @Override
    public void forget(UUID missionId) {
      forgotten.add(missionId);
    }
  };
  final MissionKeeper keeper = new MissionKeeper(missions, missions, tasks, tasks, fleet, missions,
      RunFixtures.metrics(), planning, () -> {
        deliveries++;
        return Future.succeededFuture();
      }, downlink);
  final UUID node = fleet.add(NodeStatus.ONLINE);

  Mission mission(double requiredS, Instant end) {
    return missions.put(RunFixtures.mission(requiredS, MissionStatus.IN_PROGRESS, end));
  }

  /** A task held by {@code node}, with the node's claim on it. */
  Task held(Mission m, TaskStatus status, double requiredS, double deliveredS) {
    Task t = tasks.put(RunFixtures.task(m, node, status, requiredS, deliveredS));
    fleet.set(node, NodeStatus.BUSY, t.taskId(), T0);
    return t;
  }

  @Test
  void enoughDeliveredExposureCompletesTheMissionCancelsItsOpenWorkAndQueuesTheTrigger() {
    Mission m = mission(1000, null);
    tasks.put(RunFixtures.task(m, UUID.randomUUID(), TaskStatus.SUCCESS, 1000, 1000));
    Task open = held(m, TaskStatus.EXECUTING, 500, 20);

    done(keeper.evaluate(m.missionId(), clock.instant()));

    assertThat(missions.row(m.missionId()).status()).isEqualTo(MissionStatus.COMPLETE);
    assertThat(missions.row(m.missionId()).totalExposureCompletedS()).isEqualTo(1020);
    assertThat(tasks.row(open.taskId()).status()).isEqualTo(TaskStatus.FAILED);
    assertThat(tasks.cancelReasons).containsEntry(open.taskId(), "MISSION_COMPLETE");
    assertThat(downlink.cancellations).extracting(Task::taskId).containsExactly(open.taskId());
    assertThat(fleet.claimOf(node)).isNull();
    JsonObject trigger = new JsonObject(missions.outbox.get(m.missionId()).payload());
    assertThat(trigger.getString("mission_id")).isEqualTo(m.missionId().toString());
    assertThat(trigger.getDouble("total_exposure_completed_s")).isEqualTo(1020);
    assertThat(deliveries).isEqualTo(1);
    assertThat(planned).isEmpty();
  }

  @Test
  void aCrashBetweenTheTriggerAndTheMoveStillDeliversAndTheNextRunFinishesTheMove() {
    Mission m = mission(600, null);
    tasks.put(RunFixtures.task(m, node, TaskStatus.SUCCESS, 600, 600));
    missions.races.failNext("moveMission");

    assertThat(keeper.evaluate(m.missionId(), clock.instant()).failed()).isTrue();
    assertThat(missions.outbox).containsKey(m.missionId()); // the delivery sweep sends it anyway
    assertThat(missions.row(m.missionId()).status()).isEqualTo(MissionStatus.IN_PROGRESS);

    clock.advance(Duration.ofSeconds(5));
    done(keeper.evaluate(m.missionId(), clock.instant()));
    assertThat(missions.row(m.missionId()).status()).isEqualTo(MissionStatus.COMPLETE);
    assertThat(missions.outbox).hasSize(1);
  }

  @Test
  void aMissionPastItsDeadlineExpiresAfterItsOpenWorkIsCancelledAndTheNodeTold() {
    Mission m = mission(1000, T0.plusSeconds(3600));
    tasks.put(RunFixtures.task(m, UUID.randomUUID(), TaskStatus.PARTIAL_COMPLETE, 1000, 400));
    Task open = held(m, TaskStatus.PENDING, 600, 0);

    done(keeper.evaluate(m.missionId(), clock.instant()));
    assertThat(missions.row(m.missionId()).status()).isEqualTo(MissionStatus.IN_PROGRESS);
    assertThat(planned).containsExactly(m.missionId());

    clock.advance(Duration.ofHours(1));
    done(keeper.evaluate(m.missionId(), clock.instant()));

    assertThat(missions.row(m.missionId()).status()).isEqualTo(MissionStatus.EXPIRED);
    assertThat(missions.row(m.missionId()).totalExposureCompletedS()).isEqualTo(400);
    assertThat(tasks.cancelReasons).containsEntry(open.taskId(), "MISSION_EXPIRED");
    assertThat(downlink.cancellations).extracting(Task::taskId).containsExactly(open.taskId());
    assertThat(fleet.claimOf(node)).isNull();
    assertThat(missions.outbox).isEmpty();
  }

  @Test
  void aTaskThatFinishedJustBeforeItsCancellationIsNeitherCancelledNorToldAbout() {
    Mission m = mission(1000, T0.plusSeconds(60));
    Task open = held(m, TaskStatus.EXECUTING, 1000, 100);
    // The node's SUCCESS report lands between the keeper's read and its cancel LWT.
    tasks.races.before("cancel", () -> tasks.overwrite(
        FakeTasks.with(open, node, TaskStatus.SUCCESS, 1000, open.windowStart(), open.windowEnd(), T0)));
    clock.advance(Duration.ofSeconds(61));

    done(keeper.evaluate(m.missionId(), clock.instant()));

    assertThat(tasks.row(open.taskId()).status()).isEqualTo(TaskStatus.SUCCESS);
    assertThat(downlink.cancellations).isEmpty();
    assertThat(fleet.claimOf(node)).isEqualTo(open.taskId()); // released by the progress follower, not here
    // Expired on what it read; the next evaluation sees a final mission and leaves it alone.
    assertThat(missions.row(m.missionId()).status()).isEqualTo(MissionStatus.EXPIRED);
  }

  @Test
  void anotherInstanceClosingTheMissionFirstLeavesItAsThatOneMovedIt() {
    Mission m = mission(600, null);
    tasks.put(RunFixtures.task(m, node, TaskStatus.SUCCESS, 600, 600));
    missions.races.before("moveMission", () -> missions.set(m.missionId(), MissionStatus.COMPLETE));

    done(keeper.evaluate(m.missionId(), clock.instant()));
    done(keeper.evaluate(m.missionId(), clock.instant()));

    assertThat(missions.row(m.missionId()).status()).isEqualTo(MissionStatus.COMPLETE);
    assertThat(forgotten).containsExactly(m.missionId());
  }

  @Test
  void aPendingMissionWhoseTaskStartedIsInProgressAndItsUncoveredExposureIsPlanned() {
    Mission m = missions.put(RunFixtures.mission(1000, MissionStatus.PENDING, null));
    held(m, TaskStatus.EXECUTING, 400, 50);

    done(keeper.evaluate(m.missionId(), clock.instant()));

    assertThat(missions.row(m.missionId()).status()).isEqualTo(MissionStatus.IN_PROGRESS);
    assertThat(missions.row(m.missionId()).totalExposureCompletedS()).isEqualTo(50);
    assertThat(planned).containsExactly(m.missionId());
  }

  @Test
  void theSweepEvaluatesEveryActiveMissionAndOneFailureDoesNotStopTheOthers() {
    Mission first = missions.put(RunFixtures.mission(600, MissionStatus.PENDING, null));
    Mission second = mission(600, null);
    tasks.put(RunFixtures.task(second, node, TaskStatus.SUCCESS, 600, 600));
    missions.put(RunFixtures.mission(600, MissionStatus.COMPLETE, null));
    tasks.races.failNext("listByMission");

    done(keeper.sweep(clock.instant()));

    assertThat(planned).doesNotContain(first.missionId()); // its evaluation failed at the task read
    assertThat(missions.row(second.missionId()).status()).isEqualTo(MissionStatus.COMPLETE);
  }
}
