package org.openastro.scheduler.run;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's timers and event handlers, on one event loop. Every tick: the fault sweep,
 * then an assignment round. Every mission sweep: lifecycle and planning of active missions,
 * resumed recoveries of FAULTED nodes, newly ONLINE nodes watched, undelivered completions.
 * A pass that is still running when its timer fires again is skipped, not stacked.
 */
public final class SchedulerLoop {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerLoop.class);
  /** Tasks shorter than this are not planned unless they finish a mission. */
  static final Duration MIN_TASK = Duration.ofMinutes(1);

  private final Vertx vertx;
  private final Clock clock;
  private final Duration tickPeriod;
  private final Duration sweepPeriod;
  private final FaultWatch faults;
  private final Assigner assigner;
  private final MissionKeeper keeper;
  private final ProgressFollower progress;
  private final CompletionDelivery delivery;
  /** An assignment round is running (from a tick or {@link #assignNow}). */
  private boolean tickBusy;
  private boolean faultSweepBusy;
  private boolean sweepBusy;
  /** An assignment round was asked for while one ran: run another as soon as it ends. */
  private boolean assignAgain;
  private long tickTimer = -1;
  private long sweepTimer = -1;

  /** Built by {@link SchedulerAssembly#loop}, which gives each part only what it uses. */
  SchedulerLoop(Vertx vertx, Clock clock, Duration tickPeriod, Duration sweepPeriod, FaultWatch faults,
      Assigner assigner, MissionKeeper keeper, ProgressFollower progress, CompletionDelivery delivery) {
    this.vertx = vertx;
    this.clock = clock;
    this.tickPeriod = tickPeriod;
    this.sweepPeriod = sweepPeriod;
    this.faults = faults;
    this.assigner = assigner;
    this.keeper = keeper;
    this.progress = progress;
    this.delivery = delivery;
  }

  /** Rebuilds fault state from Cassandra, resumes interrupted work, then starts the timers. */
  public Future<Void> start() {
    Instant now = clock.instant();
    return faults.refresh(now)
        .compose(x -> faults.resumeRecoveries(now))
        .compose(x -> delivery.deliverPending())
        .onSuccess(x -> {
          tickTimer = vertx.setPeriodic(tickPeriod.toMillis(), id -> tick());
          sweepTimer = vertx.setPeriodic(sweepPeriod.toMillis(), id -> sweep());
          sweep();
        });
  }

  public void stop() {
    vertx.cancelTimer(tickTimer);
    vertx.cancelTimer(sweepTimer);
    delivery.stop();
  }

  public void onHeartbeat(JsonObject event) {
    try {
      faults.onHeartbeat(event, clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("Ignored a malformed heartbeat event {}", event, e);
    }
  }

  public void onProgress(JsonObject event) {
    try {
      progress.onProgress(event, clock.instant())
          .onFailure(t -> LOG.warn("Progress event {} not followed up; the sweep catches up", event, t));
    } catch (RuntimeException e) {
      LOG.warn("Ignored a malformed progress event {}", event, e);
    }
  }

  /**
   * A mission was just created (an alert): evaluate and plan it now, then run an assignment round
   * at once instead of waiting for the next mission sweep, so its first task reaches a node that
   * sees the target within a round trip or two to Cassandra. A failure only costs latency.
   */
  public void onMissionCreated(JsonObject event) {
    UUID missionId;
    try {
      missionId = UUID.fromString(event.getString("mission_id"));
    } catch (RuntimeException e) {
      LOG.warn("Ignored a malformed mission-created event {}", event, e);
      return;
    }
    keeper.evaluate(missionId, clock.instant())
        .onFailure(t -> LOG.warn("Mission {} not planned at once; the sweep catches up", missionId, t))
        .onSuccess(x -> assignNow());
  }

  /**
   * An alert mission's target moved and tasks its nodes cannot see were closed: plan its uncovered
   * exposure now, over windows of the new position (not after the re-plan interval), and assign.
   */
  public void onMissionRelocated(JsonObject event) {
    UUID missionId;
    try {
      missionId = UUID.fromString(event.getString("mission_id"));
    } catch (RuntimeException e) {
      LOG.warn("Ignored a malformed mission-relocated event {}", event, e);
      return;
    }
    keeper.replanNow(missionId, clock.instant())
        .onFailure(t -> LOG.warn("Relocated mission {} not planned at once; the sweep catches up", missionId, t))
        .onSuccess(x -> assignNow());
  }

  /** An assignment round now, or right after the one running (it may have missed the new tasks). */
  private void assignNow() {
    if (tickBusy) {
      assignAgain = true;
      return;
    }
    tickBusy = true;
    assigner.round(clock.instant())
        .onFailure(t -> LOG.warn("Assignment round failed; retried next tick", t))
        .onComplete(x -> roundDone());
  }

  private void roundDone() {
    tickBusy = false;
    if (assignAgain) {
      assignAgain = false;
      assignNow();
    }
  }

  /**
   * Fault detection and an assignment round, each unless its previous run is still going. They do
   * not wait for each other: the chaos run showed a round slowed by timeouts (each proposal's write
   * waiting on a dead replica) holding the fault sweep back until nodes away for twice the fault
   * window had come back unnoticed. A node faulted while a round assigns to it is handled as with
   * two schedulers (the claim and the by-node index guard it; recovery takes the task back).
   */
  void tick() {
    sweepFaults();
    if (tickBusy) {
      return;
    }
    tickBusy = true;
    assigner.round(clock.instant())
        .onFailure(t -> LOG.warn("Assignment round failed; retried next tick", t))
        .onComplete(x -> roundDone());
  }

  private void sweepFaults() {
    if (faultSweepBusy) {
      return;
    }
    faultSweepBusy = true;
    faults.sweep(clock.instant())
        .onFailure(t -> LOG.warn("Fault sweep failed; retried next tick", t))
        .onComplete(x -> faultSweepBusy = false);
  }

  private void sweep() {
    if (sweepBusy) {
      return;
    }
    sweepBusy = true;
    Instant now = clock.instant();
    keeper.sweep(now)
        .compose(x -> faults.refresh(now))
        .compose(x -> faults.resumeRecoveries(now))
        .compose(x -> delivery.deliverPending())
        .onFailure(t -> LOG.warn("Mission sweep failed; retried next sweep", t))
        .onComplete(x -> sweepBusy = false);
  }
}
