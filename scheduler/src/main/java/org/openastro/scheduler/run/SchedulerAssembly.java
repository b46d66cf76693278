package org.openastro.scheduler.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.openastro.config.Config;
import org.openastro.cql.Buckets;
import org.openastro.cql.Store;
import org.openastro.cql.scheduling.SchedulerShards;
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
import org.openastro.scheduler.shard.ShardLeases;

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
  private final ShardStore shardStore;

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
    this.shardStore = CqlAdapters.shards(store.shared(SchedulerShards.class, SchedulerShards::new));
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
    Duration failover = config.get(SchedulerSettings.FAILOVER);
    ShardKeeper shards = new ShardKeeper(shardStore, new ShardLeases(instanceId(), Buckets.COUNT, leaseTtl(failover),
        LEASE_MARGIN), Buckets.COUNT, leaseTtl(failover), clock, System::nanoTime);
    FaultWatch faults = new FaultWatch(roster, new PublishedStatusMoves(statusMoves, vertx.eventBus()), heartbeats, metrics,
        new FaultRule(config.get(SchedulerSettings.HEARTBEAT_INTERVAL), config.get(SchedulerSettings.MISSED_HEARTBEATS)),
        recovery, shards, config.get(SchedulerSettings.NODE_READS_IN_FLIGHT));
    SkyView sky = SkyView.real(config.get(SchedulerSettings.SUN_MAX_ALTITUDE));
    NodeRowCache rows = new NodeRowCache(roster, config.get(SchedulerSettings.NODE_READS_IN_FLIGHT));
    OnlineRoster online = new OnlineRoster(roster, claims, config.get(SchedulerSettings.ROSTER_REFRESH), clock, rows);
    Assigner assigner = new Assigner(offload, queue, tasks, moves, missions, missionMoves, online, nodeWork, online,
        metrics, new AssignmentPlanner(sky, config.get(SchedulerSettings.ASSIGN_LOOKAHEAD),
            config.get(SchedulerSettings.ASSIGN_CANDIDATES)), downlink,
        config.get(SchedulerSettings.ASSIGN_BATCH),
        new Preemption(offload, roster, tasks, moves, missions, missionMoves, preemptions, claims, downlink,
            new PreemptionPolicy(sky, config.get(SchedulerSettings.PREEMPT_MIN_PRIORITY_GAP)), rows,
            config.get(SchedulerSettings.PREEMPT_CANDIDATES))::preempt);
    CompletionDelivery delivery = new CompletionDelivery(vertx, outbox,
        config.get(SchedulerSettings.COMPLETION_WEBHOOK_URL), config.get(SchedulerSettings.WEBHOOK_TOKEN),
        new Backoff(config.get(SchedulerSettings.WEBHOOK_RETRY_INITIAL), config.get(SchedulerSettings.WEBHOOK_RETRY_MAX)));
    MissionPlanning planning = new MissionPlanning(offload, roster, tasks, lease, metrics, sky,
        new MissionSplitter(config.get(SchedulerSettings.MAX_TASK_EXPOSURE), SchedulerLoop.MIN_TASK,
            config.get(SchedulerSettings.MAX_OPEN_TASKS_PER_MISSION)),
        config.get(SchedulerSettings.PLANNING_HORIZON), config.get(SchedulerSettings.REPLAN_INTERVAL),
        config.get(SchedulerSettings.MISSION_SWEEP), config.get(SchedulerSettings.PLANNING_NODES), rows);
    MissionKeeper keeper = new MissionKeeper(missions, missionMoves, tasks, moves, claims, outbox, metrics, planning,
        delivery, downlink);
    ProgressFollower progress = new ProgressFollower(tasks, claims, reliability, keeper,
        new LateCredit(tasks, moves, missions, downlink));
    SchedulerLoop loop = new SchedulerLoop(vertx, clock, config.get(SchedulerSettings.TICK),
        config.get(SchedulerSettings.MISSION_SWEEP), faults, assigner, keeper, progress, delivery, shards,
        failover.dividedBy(5), config.get(SchedulerSettings.LIVENESS_RESCAN), metrics);
    shards.listen(new Shards.Listener() {
      @Override
      public void gained(Set<Integer> taken) {
        loop.gained(taken);
      }

      @Override
      public void lost(Set<Integer> given) {
        loop.lost(given);
      }
    });
    return loop;
  }

  /**
   * Shard leases live two thirds of the failover time and are renewed every fifth of it: a dead
   * instance's rows expire within two thirds, and another instance's next pass (within a fifth)
   * takes them, so its share has moved within the failover time.
   */
  static Duration leaseTtl(Duration failover) {
    return Duration.ofSeconds(Math.max(2, failover.multipliedBy(2).dividedBy(3).toSeconds()));
  }

  /** Taken off a lease's TTL before this instance stops acting on it: Cassandra's TTLs are whole seconds. */
  static final Duration LEASE_MARGIN = Duration.ofMillis(1500);

  private static String instanceId() {
    String host = System.getenv().getOrDefault("HOSTNAME", "scheduler");
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
