package org.openastro.scheduler.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.cql.scheduling.Preemptions;
import org.openastro.cql.stacking.StackingOutbox;
import org.openastro.scheduler.SchedulerMetrics;
import org.openastro.scheduler.SchedulerSettings;
import org.openastro.scheduler.fault.FaultRule;
import org.openastro.scheduler.mission.Backoff;
import org.openastro.scheduler.plan.AssignmentPlanner;
import org.openastro.scheduler.plan.MissionSplitter;
import org.openastro.scheduler.plan.PreemptionPolicy;
import org.openastro.scheduler.plan.SkyView;

/**
 * The scheduler's one composition root: the storage it needs, taken from the process's
 * {@link Store} and seen through the scheduler's narrow interfaces, and the run classes built
 * over them, each given only what it uses. Building asks the store for every repository the
 * scheduler uses, which prepares their statements (blocking): do it at start-up, off the event loop.
 */
public final class SchedulerAssembly {
  private final Config config;
  private final SchedulerMetrics metrics;
  private final NodeRoster roster;
  private final Claims claims;
  private final NodeStatusMoves statusMoves;
  private final NodeWork nodeWork;
  private final Heartbeats heartbeats;
  private final TaskStore tasks;
  private final TaskMoves moves;
  private final PendingTasks queue;
  private final MissionStore missions;
  private final MissionMoves missionMoves;
  private final PlanningLease lease;
  private final OutcomeHistory outcomes;
  private final Outbox outbox;
  private final PreemptionClaims preemptions;

  private SchedulerAssembly(Store store, Config config, MeterRegistry registry) {
    this.config = config;
    this.metrics = new SchedulerMetrics(registry);
    this.roster = CqlAdapters.roster(store.nodeClaims());
    this.claims = CqlAdapters.claims(store.nodeClaims());
    var nodeStates = store.nodeStates();
    // The scheduler's moves always clear the claim: a faulted node's work is reassigned.
    this.statusMoves = (nodeId, expected, next, at) -> nodeStates.changeStatus(nodeId, expected, next, null, at);
    this.nodeWork = store.nodeTasks()::openTaskIds;
    this.heartbeats = store.heartbeats()::lastHeartbeat;
    this.tasks = CqlAdapters.tasks(store.tasks());
    this.moves = CqlAdapters.moves(store.transitions());
    this.queue = store.pendingQueue()::head;
    this.missions = CqlAdapters.missions(store.missions());
    this.missionMoves = CqlAdapters.missionMoves(store.missionStates());
    this.lease = CqlAdapters.lease(store.missionStates());
    this.outcomes = CqlAdapters.outcomes(store.outcomes());
    this.outbox = CqlAdapters.outbox(store.completionOutbox(),
        config.get(StackingOutbox.ENABLED) ? store.shared(StackingOutbox.class, StackingOutbox::new) : null);
    this.preemptions = CqlAdapters.preemptions(store.shared(Preemptions.class, Preemptions::new));
  }

  /** Meters go to {@code registry} (the process's, or a test's own). */
  public static SchedulerAssembly build(Store store, Config config, MeterRegistry registry) {
    return new SchedulerAssembly(store, config, registry);
  }

  /** The run loop on {@code vertx}: its timers and handlers are confined to the caller's event loop. */
  public SchedulerLoop loop(Vertx vertx, Clock clock) {
    Downlink downlink = new BusDownlink(vertx.eventBus());
    Offload offload = new Offload() {
      @Override
      public <T> Future<T> run(Callable<T> work) {
        return vertx.executeBlocking(work, false);
      }
    };
    Reliability reliability = new Reliability(outcomes);
    Recovery recovery = new Recovery(nodeWork, tasks, moves, metrics, reliability, missions);
    FaultWatch faults = new FaultWatch(roster, new PublishedStatusMoves(statusMoves, vertx.eventBus()), heartbeats, metrics,
        new FaultRule(config.get(SchedulerSettings.HEARTBEAT_INTERVAL), config.get(SchedulerSettings.MISSED_HEARTBEATS)),
        recovery);
    SkyView sky = SkyView.real(config.get(SchedulerSettings.SUN_MAX_ALTITUDE));
    Assigner assigner = new Assigner(offload, queue, tasks, moves, missions, missionMoves, roster, nodeWork, claims,
        metrics, new AssignmentPlanner(sky, config.get(SchedulerSettings.ASSIGN_LOOKAHEAD)), downlink,
        config.get(SchedulerSettings.ASSIGN_BATCH),
        new Preemption(offload, roster, tasks, moves, missions, missionMoves, preemptions, claims, downlink,
            new PreemptionPolicy(sky, config.get(SchedulerSettings.PREEMPT_MIN_PRIORITY_GAP)))::preempt);
    CompletionDelivery delivery = new CompletionDelivery(vertx, outbox,
        config.get(SchedulerSettings.COMPLETION_WEBHOOK_URL), config.get(SchedulerSettings.WEBHOOK_TOKEN),
        new Backoff(config.get(SchedulerSettings.WEBHOOK_RETRY_INITIAL), config.get(SchedulerSettings.WEBHOOK_RETRY_MAX)));
    MissionPlanning planning = new MissionPlanning(offload, roster, tasks, lease, metrics, sky,
        new MissionSplitter(config.get(SchedulerSettings.MAX_TASK_EXPOSURE), SchedulerLoop.MIN_TASK,
            config.get(SchedulerSettings.MAX_OPEN_TASKS_PER_MISSION)),
        config.get(SchedulerSettings.PLANNING_HORIZON), config.get(SchedulerSettings.REPLAN_INTERVAL),
        config.get(SchedulerSettings.MISSION_SWEEP));
    MissionKeeper keeper = new MissionKeeper(missions, missionMoves, tasks, moves, claims, outbox, metrics, planning,
        delivery, downlink);
    ProgressFollower progress = new ProgressFollower(tasks, claims, reliability, keeper,
        new LateCredit(tasks, moves, missions, downlink));
    return new SchedulerLoop(vertx, clock, config.get(SchedulerSettings.TICK),
        config.get(SchedulerSettings.MISSION_SWEEP), faults, assigner, keeper, progress, delivery);
  }
}
