package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.cql.task.Task;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.TaskStatus;
import org.openastro.scheduler.SchedulerMetrics;
import org.openastro.scheduler.astro.TimeWindow;
import org.openastro.scheduler.mission.Frames;
import org.openastro.scheduler.mission.MissionProgress;
import org.openastro.scheduler.plan.Candidates;
import org.openastro.scheduler.plan.MissionSplitter;
import org.openastro.scheduler.plan.PlanningSample;
import org.openastro.scheduler.plan.SkyView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a mission's uncovered exposure into tasks over the visibility windows of the nodes that
 * can take it (any non-faulted node meeting its needs). One planner per mission at a time across
 * scheduler instances (an LWT lease with a TTL, re-reading the tasks after taking it), so two
 * instances never cover the same exposure twice; a planner that dies holds the lease only its TTL.
 */
final class MissionPlanning implements Planning {
  private static final Logger LOG = LoggerFactory.getLogger(MissionPlanning.class);
  static final Duration LEASE_TTL = Duration.ofSeconds(30);

  private final Offload offload;
  private final NodeRoster nodes;
  private final TaskStore tasks;
  private final PlanningLease lease;
  private final SchedulerMetrics metrics;
  private final SkyView sky;
  private final MissionSplitter splitter;
  private final Duration horizon;
  private final Duration replanInterval;
  private final UUID instanceId = UUID.randomUUID();
  private final Map<UUID, Instant> lastPlanned = new HashMap<>();
  private final Duration fleetMaxAge;
  private final int planningNodes;
  private final NodeRowCache capabilities;
  /** The planning fleet as last read (ONLINE, BUSY and PARKED ids, rows from the cache), shared by every mission planned meanwhile. */
  private Future<List<Node>> fleet;
  /** The fleet read {@link #samples} were made from, and the samples per set of needs. */
  private Future<List<Node>> sampledFleet;
  private final Map<Needs, Future<List<Node>>> samples = new HashMap<>();
  private Instant fleetReadAt = Instant.MIN;

  /**
   * {@code fleetMaxAge}: how long one read of the fleet serves planning (the mission sweep period:
   * a sweep planning 20 missions over 10,000 nodes reads them once, not 20 times).
   */
  MissionPlanning(Offload offload, NodeRoster nodes, TaskStore tasks, PlanningLease lease, SchedulerMetrics metrics,
      SkyView sky, MissionSplitter splitter, Duration horizon, Duration replanInterval, Duration fleetMaxAge) {
    this(offload, nodes, tasks, lease, metrics, sky, splitter, horizon, replanInterval, fleetMaxAge, Integer.MAX_VALUE,
        new NodeRowCache(nodes, Integer.MAX_VALUE));
  }

  /**
   * {@code planningNodes}: a mission is planned over the windows of at most this many capable nodes
   * ({@link PlanningSample}); {@code rows}: the cache of node rows shared with the assignment roster.
   */
  MissionPlanning(Offload offload, NodeRoster nodes, TaskStore tasks, PlanningLease lease, SchedulerMetrics metrics,
      SkyView sky, MissionSplitter splitter, Duration horizon, Duration replanInterval, Duration fleetMaxAge,
      int planningNodes, NodeRowCache rows) {
    this.planningNodes = planningNodes;
    this.capabilities = rows;
    this.fleetMaxAge = fleetMaxAge;
    this.offload = offload;
    this.nodes = nodes;
    this.tasks = tasks;
    this.lease = lease;
    this.metrics = metrics;
    this.sky = sky;
    this.splitter = splitter;
    this.horizon = horizon;
    this.replanInterval = replanInterval;
  }

  /** Plans the mission if exposure is uncovered and it was not planned here lately. */
  @Override
  public Future<Void> maybePlan(Mission m, MissionProgress progress, Instant now) {
    if (progress.uncoveredS(m.totalExposureRequiredS()) == 0) {
      return Future.succeededFuture();
    }
    Instant last = lastPlanned.get(m.missionId());
    if (last != null && now.isBefore(last.plus(replanInterval))) {
      return Future.succeededFuture();
    }
    lastPlanned.put(m.missionId(), now);
    return lease.take(m.missionId(), instanceId, LEASE_TTL, now).compose(mine -> !mine
        ? Future.succeededFuture()
        : plan(m, now).eventually(() -> lease.release(m.missionId(), instanceId)));
  }

  @Override
  public void forget(UUID missionId) {
    lastPlanned.remove(missionId);
  }

  private Future<Void> plan(Mission m, Instant now) {
    return tasks.listByMission(m.missionId()).compose(listed -> {
      Frames frames = Frames.of(m);
      MissionProgress progress = MissionProgress.of(listed, frames);
      double uncovered = progress.uncoveredS(m.totalExposureRequiredS());
      if (uncovered == 0) {
        return Future.succeededFuture();
      }
      return sampleFor(m, now).compose(sample -> offload.run(() -> {
        List<TimeWindow> windows = new ArrayList<>();
        for (Node n : sample) {
          windows.addAll(sky.windows(n, m, now, now.plus(horizon)));
        }
        return splitter.split(uncovered, windows, frames, progress.openTasks(), MissionSplitter.maxOpenTasksOf(m));
      })).compose(plans -> {
        List<Future<?>> creates = new ArrayList<>();
        for (MissionSplitter.TaskPlan plan : plans) {
          creates.add(tasks.create(new Task(UUID.randomUUID(), m.missionId(), null, plan.exposureS(), 0,
              TaskStatus.PENDING, plan.window().start(), plan.window().end(), null, null,
              m.observationType().queuePriority(m.priority()), now, now)));
        }
        if (!plans.isEmpty()) {
          LOG.info("Mission {}: {} new task(s) for {} s", m.missionId(), plans.size(), uncovered);
        }
        return Future.all(creates).mapEmpty();
      });
    });
  }

  /**
   * The nodes {@code m} is planned over: its capable nodes, spread ({@link PlanningSample}). Made
   * once per read of the fleet and set of needs, on a worker: missions with the same needs (most
   * state none) share it. Made per mission on the event loop, 1,000 missions over 100,000 nodes
   * blocked the loop, and with it fault detection, for over a minute.
   */
  private Future<List<Node>> sampleFor(Mission m, Instant now) {
    Future<List<Node>> all = fleet(now);
    if (all != sampledFleet) {
      samples.clear();
      sampledFleet = all;
    }
    Needs needs = new Needs(m.requiredFilters(), m.minApertureMm(), m.minFovDeg());
    Future<List<Node>> sample = samples.get(needs);
    if (sample == null || (sample.isComplete() && sample.failed())) {
      sample = all.compose(nodes -> offload.run(() -> PlanningSample.spread(
          nodes.stream().filter(n -> Candidates.meetsNeeds(n, m)).toList(), planningNodes)));
      samples.put(needs, sample);
    }
    return sample;
  }

  /** What {@link Candidates#meetsNeeds} asks of a node, as a key. */
  private record Needs(Set<String> filters, Double minApertureMm, Double minFovDeg) {}

  private Future<List<Node>> fleet(Instant now) {
    boolean fresh = fleet != null && !(fleet.isComplete() && fleet.failed())
        && now.isBefore(fleetReadAt.plus(fleetMaxAge));
    if (fresh) {
      return fleet;
    }
    fleetReadAt = now;
    List<NodeStatus> statuses = List.of(NodeStatus.ONLINE, NodeStatus.BUSY, NodeStatus.PARKED);
    List<Future<List<UUID>>> byStatus = statuses.stream().map(nodes::idsIn).toList();
    fleet = Future.all(byStatus).compose(all -> {
      List<UUID> ids = new ArrayList<>();
      for (int i = 0; i < statuses.size(); i++) {
        if (statuses.get(i) == NodeStatus.PARKED) {
          // ONLINE and BUSY are counted per shard by the fault watch of each instance
          metrics.nodesIn(NodeStatus.PARKED, all.<List<UUID>>resultAt(i).size());
        }
        ids.addAll(all.<List<UUID>>resultAt(i));
      }
      return capabilities.rowsOf(ids, now);
    });
    return fleet;
  }
}
