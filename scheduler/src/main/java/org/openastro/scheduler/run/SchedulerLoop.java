package org.openastro.scheduler.run;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.openastro.scheduler.SchedulerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's timers and event handlers, on one event loop. Every tick: the fault sweep of
 * this instance's shards, and (on the leading instance) an assignment round. Every mission sweep
 * (leader): lifecycle and planning of active missions, undelivered completions; (every instance)
 * recoveries of lately faulted nodes run again. Every lease pass: the shard leases kept (see
 * {@link Shards}); shards gained are watched at once, shards lost forgotten. Every rescan: nodes
 * of the owned shards that came ONLINE unseen are watched, FAULTED ones' recoveries resumed.
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
  private final Shards shards;
  private final Duration leasePeriod;
  private final Duration rescanPeriod;
  private final SchedulerMetrics metrics;
  private final ShardHeartbeats heartbeats;
  /** An assignment round is running (from a tick or {@link #assignNow}). */
  private boolean roundBusy;
  private boolean faultSweepBusy;
  private boolean sweepBusy;
  private boolean leaseBusy;
  private boolean rescanBusy;
  /** {@link #start} takes the first shards itself: gains its lease pass reports meanwhile are not read twice. */
  private boolean starting;
  /** An assignment round was asked for while one ran: run another as soon as it ends. */
  private boolean assignAgain;
  private long tickTimer = -1;
  private long sweepTimer = -1;
  private long leaseTimer = -1;
  private long rescanTimer = -1;

  /** One instance alone, owning every shard (unit tests). */
  SchedulerLoop(Vertx vertx, Clock clock, Duration tickPeriod, Duration sweepPeriod, FaultWatch faults,
      Assigner assigner, MissionKeeper keeper, ProgressFollower progress, CompletionDelivery delivery) {
    this(vertx, clock, tickPeriod, sweepPeriod, faults, assigner, keeper, progress, delivery, Shards.all(),
        Duration.ofDays(1), Duration.ofDays(1), new SchedulerMetrics(new SimpleMeterRegistry()));
  }

  /** Built by {@link SchedulerAssembly#loop}, which gives each part only what it uses. */
  SchedulerLoop(Vertx vertx, Clock clock, Duration tickPeriod, Duration sweepPeriod, FaultWatch faults,
      Assigner assigner, MissionKeeper keeper, ProgressFollower progress, CompletionDelivery delivery, Shards shards,
      Duration leasePeriod, Duration rescanPeriod, SchedulerMetrics metrics) {
    this.vertx = vertx;
    this.clock = clock;
    this.tickPeriod = tickPeriod;
    this.sweepPeriod = sweepPeriod;
    this.faults = faults;
    this.assigner = assigner;
    this.keeper = keeper;
    this.progress = progress;
    this.delivery = delivery;
    this.shards = shards;
    this.leasePeriod = leasePeriod;
    this.rescanPeriod = rescanPeriod;
    this.metrics = metrics;
    this.heartbeats = new ShardHeartbeats(vertx, this::onHeartbeat);
  }

  /**
   * Takes this instance's first shards (a lone instance takes them all), watches their nodes and
   * resumes interrupted work, then starts the timers. A failed first pass is not fatal: the next
   * lease pass takes shards as soon as Cassandra answers.
   */
  public Future<Void> start() {
    Instant now = clock.instant();
    starting = true;
    return shards.pass()
        .recover(t -> {
          LOG.warn("First shard lease pass failed; retried every {}", leasePeriod, t);
          return Future.succeededFuture();
        })
        .compose(x -> {
          starting = false;
          Set<Integer> owned = shards.owned();
          return heartbeats.follow(owned).compose(y -> faults.gained(owned, now));
        })
        .compose(x -> shards.leads() ? delivery.deliverPending() : Future.succeededFuture())
        .onSuccess(x -> {
          tickTimer = vertx.setPeriodic(tickPeriod.toMillis(), id -> tick());
          sweepTimer = vertx.setPeriodic(sweepPeriod.toMillis(), id -> sweep());
          leaseTimer = vertx.setPeriodic(leasePeriod.toMillis(), id -> leasePass());
          rescanTimer = vertx.setPeriodic(rescanPeriod.toMillis(), id -> rescan());
          sweep();
        });
  }

  /** Stops the timers and gives the shards up, so the other instances take them at once. */
  public Future<Void> stop() {
    vertx.cancelTimer(tickTimer);
    vertx.cancelTimer(sweepTimer);
    vertx.cancelTimer(leaseTimer);
    vertx.cancelTimer(rescanTimer);
    heartbeats.unfollow(heartbeats.followed());
    delivery.stop();
    return shards.leave().recover(t -> {
      LOG.warn("Shards not given up on stop; the others take them when the leases expire", t);
      return Future.succeededFuture();
    });
  }

  /**
   * Shards this instance just took: listen to their heartbeats, then watch their nodes from the
   * stored heartbeats (now, not at the next rescan); in that order, so no heartbeat falls between.
   */
  void gained(Set<Integer> taken) {
    if (starting) {
      return;
    }
    Instant now = clock.instant();
    heartbeats.follow(taken)
        .compose(x -> faults.gained(taken, now))
        .onFailure(t -> LOG.warn("Shards {} not fully read on takeover; the rescan completes them", taken, t));
  }

  void lost(Set<Integer> given) {
    heartbeats.unfollow(given);
    faults.lost(given);
  }

  /** The shards whose heartbeat addresses this instance listens on. */
  Set<Integer> followed() {
    return heartbeats.followed();
  }

  /**
   * A heartbeat event: of an owned shard's address, or (from gateways before the per-shard
   * addresses) of the fleet's; entries of other instances' nodes are skipped.
   */
  public void onHeartbeat(JsonObject event) {
    try {
      faults.onHeartbeat(event, clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("Ignored a malformed heartbeat event {}", event, e);
    }
  }

  public void onProgress(JsonObject event) {
    try {
      if (!shards.owns(UUID.fromString(event.getString("node_id")))) {
        return; // the owner of the node's shard follows it up
      }
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
    if (!shards.leads()) {
      return; // the leading instance plans and assigns
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
    if (!shards.leads()) {
      return;
    }
    keeper.replanNow(missionId, clock.instant())
        .onFailure(t -> LOG.warn("Relocated mission {} not planned at once; the sweep catches up", missionId, t))
        .onSuccess(x -> assignNow());
  }

  /** An assignment round now, or right after the one running (it may have missed the new tasks). */
  private void assignNow() {
    if (roundBusy) {
      assignAgain = true;
      return;
    }
    round();
  }

  /** One timed assignment round; when it ends, the round asked for meanwhile runs. */
  private void round() {
    roundBusy = true;
    long started = System.nanoTime();
    assigner.round(clock.instant())
        .onFailure(t -> LOG.warn("Assignment round failed; retried next tick", t))
        .onComplete(x -> {
          metrics.assignmentRoundTook(System.nanoTime() - started);
          roundDone();
        });
  }

  private void roundDone() {
    roundBusy = false;
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
    if (roundBusy || !shards.leads()) {
      return;
    }
    round();
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
    long started = System.nanoTime();
    Future<Void> leading = shards.leads()
        ? keeper.sweep(now).compose(x -> delivery.deliverPending())
            .onComplete(x -> metrics.missionSweepTook(System.nanoTime() - started))
        : Future.succeededFuture();
    leading
        .recover(t -> {
          LOG.warn("Mission sweep failed; retried next sweep", t);
          return Future.succeededFuture();
        })
        .compose(x -> faults.retryRecoveries(now))
        .onFailure(t -> LOG.warn("Recoveries not run again; retried next sweep", t))
        .onComplete(x -> sweepBusy = false);
  }

  private void leasePass() {
    if (leaseBusy) {
      return;
    }
    leaseBusy = true;
    shards.pass()
        .onFailure(t -> LOG.warn("Shard lease pass failed; retried next pass", t))
        .onComplete(x -> leaseBusy = false);
  }

  /** Completes the watch of the owned shards (nodes come ONLINE without a heartbeat this instance saw). */
  private void rescan() {
    if (rescanBusy) {
      return;
    }
    rescanBusy = true;
    Instant now = clock.instant();
    faults.refresh(now)
        .compose(x -> faults.resumeRecoveries(now))
        .onFailure(t -> LOG.warn("Rescan of the owned shards failed; retried next rescan", t))
        .onComplete(x -> rescanBusy = false);
  }
}
