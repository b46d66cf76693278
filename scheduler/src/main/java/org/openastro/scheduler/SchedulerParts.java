package org.openastro.scheduler;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.openastro.config.Config;
import org.openastro.cql.ingest.HeartbeatHistory;
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
    HeartbeatHistory heartbeats,
    TaskTransitions transitions,
    PendingQueue queue,
    MissionStates missionStates,
    OutcomeLedger outcomes,
    CompletionOutbox outbox,
    SchedulerMetrics metrics) {

  /** Meters go to a registry of their own (tests, tools): see the overload for the process's. */
  public static SchedulerParts build(CqlSession session, Config config) {
    return build(session, config, new SimpleMeterRegistry());
  }

  public static SchedulerParts build(CqlSession session, Config config, MeterRegistry registry) {
    return new SchedulerParts(config, new MissionRepository(session), new TaskRepository(session),
        new NodeClaims(session), new NodeStateWriter(session), new NodeTasks(session),
        // Only read here: the TTL is the gateway's business.
        new HeartbeatHistory(session, Duration.ofDays(7)),
        new TaskTransitions(session), new PendingQueue(session), new MissionStates(session),
        new OutcomeLedger(session), new CompletionOutbox(session), new SchedulerMetrics(registry));
  }
}
