package org.openastro.scheduler;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.cql.ingest.HeartbeatHistoryReader;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.node.NodeStateWriter;
import org.openastro.cql.node.NodeTasks;
import org.openastro.cql.scheduling.CompletionOutbox;
import org.openastro.cql.scheduling.MissionStates;
import org.openastro.cql.scheduling.NodeClaims;
import org.openastro.cql.scheduling.OutcomeLedger;
import org.openastro.cql.scheduling.PendingQueue;
import org.openastro.cql.scheduling.TaskTransitions;
import org.openastro.cql.task.TaskRepository;

/**
 * Everything the scheduler reads and writes, with its settings. Building it prepares every
 * statement, which blocks: do it at start-up, off the event loop.
 */
public record SchedulerParts(
    Config config,
    MissionRepository missions,
    TaskRepository tasks,
    NodeClaims nodes,
    NodeStateWriter nodeStates,
    NodeTasks nodeTasks,
    HeartbeatHistoryReader heartbeats,
    TaskTransitions transitions,
    PendingQueue queue,
    MissionStates missionStates,
    OutcomeLedger outcomes,
    CompletionOutbox outbox,
    SchedulerMetrics metrics) {

  /** Meters go to a registry of their own (tests, tools): see the overload for the process's. */
  public static SchedulerParts build(Store store, Config config) {
    return build(store, config, new SimpleMeterRegistry());
  }

  public static SchedulerParts build(Store store, Config config, MeterRegistry registry) {
    return new SchedulerParts(config, store.missions(), store.tasks(), store.nodeClaims(), store.nodeStates(),
        store.nodeTasks(), store.heartbeats(), store.transitions(), store.pendingQueue(), store.missionStates(),
        store.outcomes(), store.completionOutbox(), new SchedulerMetrics(registry));
  }
}
