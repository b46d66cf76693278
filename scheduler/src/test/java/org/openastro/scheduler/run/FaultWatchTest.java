package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openastro.scheduler.run.RunFixtures.T0;
import static org.openastro.scheduler.run.RunFixtures.done;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.SchedulerMetrics;
import org.openastro.scheduler.fault.FaultRule;

/**
 * Fault detection against a hand-moved clock (15 s heartbeats, 3 missed: faulted 45 s after the
 * last one): a fault is confirmed against the stored heartbeat, moved by compare-and-set (a lost
 * race means someone else moved the node), counted once, and followed by recovery of its work.
 */
class FaultWatchTest {
  static final String FAULTS = "openastro.scheduler.faults.detected";

  final TestClock clock = new TestClock(T0);
  final FakeFleet fleet = new FakeFleet();
  final FakeTasks tasks = new FakeTasks();
  final SchedulerMetrics metrics = RunFixtures.metrics();
  final FaultWatch watch = new FaultWatch(fleet, fleet, fleet, metrics, new FaultRule(Duration.ofSeconds(15), 3),
      new Recovery(tasks, tasks, tasks, metrics, new Reliability(new FakeOutcomes()), new FakeMissions()));
  final Mission mission = RunFixtures.mission(600, MissionStatus.IN_PROGRESS, null);

  UUID watchedNode(NodeStatus status) {
    UUID node = fleet.add(status);
    fleet.storeHeartbeat(node, clock.instant());
    done(watch.refresh(clock.instant()));
    return node;
  }

  @Test
  void aSilentNodeIsFaultedOnceAndItsWorkGoesBackToTheQueue() {
    UUID node = watchedNode(NodeStatus.ONLINE);
    Task held = tasks.put(RunFixtures.task(mission, node, TaskStatus.PENDING, 600, 0));

    clock.advance(Duration.ofSeconds(44));
    done(watch.sweep(clock.instant()));
    assertThat(fleet.status(node)).isEqualTo(NodeStatus.ONLINE);

    clock.advance(Duration.ofSeconds(1));
    done(watch.sweep(clock.instant()));
    assertThat(fleet.status(node)).isEqualTo(NodeStatus.FAULTED);
    assertThat(tasks.row(held.taskId()).assignedNodeId()).isNull();
    assertThat(tasks.queued(held.taskId())).isTrue();

    clock.advance(Duration.ofSeconds(60));
    done(watch.sweep(clock.instant()));
    assertThat(RunFixtures.count(metrics, FAULTS)).isEqualTo(1);
  }

  @Test
  void aHeartbeatStoredButMissedByThisInstanceKeepsTheNodeOnline() {
    UUID node = watchedNode(NodeStatus.ONLINE);
    fleet.storeHeartbeat(node, T0.plusSeconds(40)); // its event went to another instance only

    clock.advance(Duration.ofSeconds(50));
    done(watch.sweep(clock.instant()));
    assertThat(fleet.status(node)).isEqualTo(NodeStatus.ONLINE);

    // Watched again from the stored heartbeat: faulted 45 s after it, not never.
    clock.advance(Duration.ofSeconds(35));
    done(watch.sweep(clock.instant()));
    assertThat(fleet.status(node)).isEqualTo(NodeStatus.FAULTED);
  }

  @Test
  void aNodeThatReportedMeanwhileWinsTheRaceAndIsWatchedAfresh() {
    UUID node = watchedNode(NodeStatus.ONLINE);
    Task held = tasks.put(RunFixtures.task(mission, node, TaskStatus.PENDING, 600, 0));
    clock.advance(Duration.ofSeconds(46));
    // The node's BUSY report lands between the fault check's read and its LWT.
    fleet.races.before("moveStatus", () -> fleet.set(node, NodeStatus.BUSY, held.taskId(), clock.instant()));

    done(watch.sweep(clock.instant()));
    assertThat(fleet.status(node)).isEqualTo(NodeStatus.BUSY);
    assertThat(tasks.row(held.taskId()).assignedNodeId()).isEqualTo(node); // nothing recovered
    assertThat(RunFixtures.count(metrics, FAULTS)).isZero();

    clock.advance(Duration.ofSeconds(45));
    done(watch.sweep(clock.instant()));
    assertThat(fleet.status(node)).isEqualTo(NodeStatus.FAULTED);
    assertThat(RunFixtures.count(metrics, FAULTS)).isEqualTo(1);
  }

  @Test
  void aNodeFaultedByAnotherInstanceIsRecoveredHereButNotCountedTwice() {
    UUID node = watchedNode(NodeStatus.ONLINE);
    Task held = tasks.put(RunFixtures.task(mission, node, TaskStatus.PENDING, 600, 0));
    fleet.set(node, NodeStatus.FAULTED, null, T0.plusSeconds(45));

    clock.advance(Duration.ofSeconds(46));
    done(watch.sweep(clock.instant()));

    assertThat(RunFixtures.count(metrics, FAULTS)).isZero();
    assertThat(tasks.row(held.taskId()).assignedNodeId()).isNull();
  }

  @Test
  void aParkedNodeIsExpectedToBeSilent() {
    UUID node = watchedNode(NodeStatus.ONLINE);
    fleet.set(node, NodeStatus.PARKED, null, T0.plusSeconds(1));

    clock.advance(Duration.ofMinutes(5));
    done(watch.sweep(clock.instant()));

    assertThat(fleet.status(node)).isEqualTo(NodeStatus.PARKED);
  }

  @Test
  void aFailedCheckIsRetriedOnTheNextTick() {
    UUID node = watchedNode(NodeStatus.ONLINE);
    fleet.races.failNext("lastHeartbeat");

    clock.advance(Duration.ofSeconds(46));
    done(watch.sweep(clock.instant()));
    assertThat(fleet.status(node)).isEqualTo(NodeStatus.ONLINE);

    clock.advance(Duration.ofSeconds(1));
    done(watch.sweep(clock.instant()));
    assertThat(fleet.status(node)).isEqualTo(NodeStatus.FAULTED);
  }

  @Test
  void aFaultedNodeThatHeartbeatsAgainIsOnlineAndAFailedMoveIsRetriedOnItsNextHeartbeat() {
    UUID node = watchedNode(NodeStatus.ONLINE);
    clock.advance(Duration.ofSeconds(45));
    done(watch.sweep(clock.instant()));
    assertThat(fleet.status(node)).isEqualTo(NodeStatus.FAULTED);

    fleet.races.failNext("moveStatus");
    watch.onHeartbeat(heartbeats(node, clock.instant()), clock.instant());
    assertThat(fleet.status(node)).isEqualTo(NodeStatus.FAULTED);

    clock.advance(Duration.ofSeconds(15));
    watch.onHeartbeat(heartbeats(node, clock.instant()), clock.instant());
    assertThat(fleet.status(node)).isEqualTo(NodeStatus.ONLINE);

    // Watched again: silent another 45 s, faulted again.
    clock.advance(Duration.ofSeconds(45));
    done(watch.sweep(clock.instant()));
    assertThat(fleet.status(node)).isEqualTo(NodeStatus.FAULTED);
  }

  @Test
  void aMalformedEntryDoesNotLoseTheRestOfItsBatch() {
    UUID node = watchedNode(NodeStatus.ONLINE);
    clock.advance(Duration.ofSeconds(30));
    JsonObject batch = new JsonObject().put("heartbeats", new JsonArray()
        .add(new JsonObject().put("node_id", "not-a-uuid"))
        .add(new JsonObject().put("node_id", node.toString()).put("received_at", clock.instant().toString())));

    watch.onHeartbeat(batch, clock.instant());
    clock.advance(Duration.ofSeconds(30)); // 60 s after the first heartbeat, 30 s after the batch
    done(watch.sweep(clock.instant()));

    assertThat(fleet.status(node)).isEqualTo(NodeStatus.ONLINE);
  }

  @Test
  void aRestartWatchesEveryNodeFromItsStoredHeartbeatAndResumesRecoveries() {
    UUID silent = fleet.add(NodeStatus.BUSY);
    fleet.storeHeartbeat(silent, T0.minusSeconds(40));
    UUID faulted = fleet.add(NodeStatus.FAULTED);
    Task orphan = tasks.put(RunFixtures.task(mission, faulted, TaskStatus.PENDING, 600, 0));

    done(watch.refresh(clock.instant()));
    done(watch.resumeRecoveries(clock.instant()));
    assertThat(tasks.row(orphan.taskId()).assignedNodeId()).isNull();

    clock.advance(Duration.ofSeconds(5));
    done(watch.sweep(clock.instant()));
    assertThat(fleet.status(silent)).isEqualTo(NodeStatus.FAULTED);
  }

  static JsonObject heartbeats(UUID node, Instant at) {
    return new JsonObject().put("heartbeats", new JsonArray()
        .add(new JsonObject().put("node_id", node.toString()).put("received_at", at.toString())));
  }
}
