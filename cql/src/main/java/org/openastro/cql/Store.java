package org.openastro.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.openastro.cql.apikey.ApiKeyRepository;
import org.openastro.cql.artifact.ArtifactRepository;
import org.openastro.cql.artifact.ArtifactTorrents;
import org.openastro.cql.artifact.TaskFitsPaths;
import org.openastro.cql.enrolment.EnrolmentTokenRepository;
import org.openastro.cql.ingest.HeartbeatHistoryReader;
import org.openastro.cql.ingest.TaskProgressWriter;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.node.NodeRepository;
import org.openastro.cql.node.NodeSecrets;
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
 * The process's storage: one session and each repository built once, on first use, and shared by
 * every module that asks for it. A repository prepares its statements when built (blocking), so ask
 * for what a role needs at start-up, off the event loop; a gateway-only process never builds the
 * scheduler's. The heartbeat history writer is not here: its TTL is the gateway's setting, and only
 * the gateway builds it.
 */
public final class Store {
  private final CqlSession session;
  private final Map<Class<?>, Object> built = new ConcurrentHashMap<>();

  public Store(CqlSession session) {
    this.session = session;
  }

  public CqlSession session() {
    return session;
  }

  public MissionRepository missions() {
    return once(MissionRepository.class, MissionRepository::new);
  }

  public TaskRepository tasks() {
    return once(TaskRepository.class, TaskRepository::new);
  }

  public NodeRepository nodes() {
    return once(NodeRepository.class, NodeRepository::new);
  }

  public NodeSecrets nodeSecrets() {
    return once(NodeSecrets.class, NodeSecrets::new);
  }

  public NodeStateWriter nodeStates() {
    return once(NodeStateWriter.class, NodeStateWriter::new);
  }

  public NodeTasks nodeTasks() {
    return once(NodeTasks.class, NodeTasks::new);
  }

  public HeartbeatHistoryReader heartbeats() {
    return once(HeartbeatHistoryReader.class, HeartbeatHistoryReader::new);
  }

  public TaskProgressWriter taskProgress() {
    return once(TaskProgressWriter.class, TaskProgressWriter::new);
  }

  public NodeClaims nodeClaims() {
    return once(NodeClaims.class, NodeClaims::new);
  }

  public TaskTransitions transitions() {
    return once(TaskTransitions.class, TaskTransitions::new);
  }

  public PendingQueue pendingQueue() {
    return once(PendingQueue.class, PendingQueue::new);
  }

  public MissionStates missionStates() {
    return once(MissionStates.class, MissionStates::new);
  }

  public OutcomeLedger outcomes() {
    return once(OutcomeLedger.class, OutcomeLedger::new);
  }

  public CompletionOutbox completionOutbox() {
    return once(CompletionOutbox.class, CompletionOutbox::new);
  }

  public ApiKeyRepository apiKeys() {
    return once(ApiKeyRepository.class, ApiKeyRepository::new);
  }

  public EnrolmentTokenRepository enrolmentTokens() {
    return once(EnrolmentTokenRepository.class, EnrolmentTokenRepository::new);
  }

  public ArtifactRepository artifacts() {
    return once(ArtifactRepository.class, ArtifactRepository::new);
  }

  public ArtifactTorrents artifactTorrents() {
    return once(ArtifactTorrents.class, ArtifactTorrents::new);
  }

  public TaskFitsPaths taskFitsPaths() {
    return once(TaskFitsPaths.class, TaskFitsPaths::new);
  }

  /** Any storage class built over the session (constructor {@code (CqlSession)}), once per process. */
  public <T> T shared(Class<T> type, Function<CqlSession, T> build) {
    return once(type, build);
  }

  private <T> T once(Class<T> type, Function<CqlSession, T> build) {
    return type.cast(built.computeIfAbsent(type, t -> build.apply(session)));
  }
}
