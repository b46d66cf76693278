package org.openastro.gateway;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import org.openastro.config.Config;
import org.openastro.cql.ingest.HeartbeatHistory;
import org.openastro.cql.ingest.TaskProgressWriter;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.node.NodeRepository;
import org.openastro.cql.node.NodeSecrets;
import org.openastro.cql.node.NodeStateWriter;
import org.openastro.cql.node.NodeTasks;
import org.openastro.cql.task.TaskRepository;
import org.openastro.gateway.auth.CredentialCache;
import org.openastro.gateway.auth.NodeAuthenticator;
import org.openastro.gateway.auth.SecretHasher;
import org.openastro.gateway.downlink.OpenAssignments;
import org.openastro.gateway.ingest.IngestMetrics;
import org.openastro.gateway.ingest.IngestService;
import org.openastro.gateway.ingest.IngestSettings;
import org.openastro.gateway.ingest.ReceiveClock;
import org.openastro.gateway.ingest.WriteGate;

/**
 * The parts the gateway's HTTP and MQTT verticles share: one authenticator with one credential
 * cache, one write gate (so the in-flight bound holds for the process, not per verticle), one
 * receive clock. Prepares statements, so build it at start-up, off the event loop.
 */
public final class Gateway implements AutoCloseable {
  private final Config config;
  private final NodeRepository nodes;
  private final NodeSecrets secrets;
  private final NodeAuthenticator authenticator;
  private final IngestService ingest;
  private final OpenAssignments assignments;
  private final SecretHasher hasher;
  private final HeartbeatHistory history;

  public Gateway(Config config, CqlSession session, MeterRegistry registry) {
    this.config = config;
    this.nodes = new NodeRepository(session);
    this.secrets = new NodeSecrets(session);
    this.hasher = new SecretHasher(config.get(GatewaySettings.AUTH_WORKER_THREADS),
        config.get(GatewaySettings.AUTH_BCRYPT_COST), config.get(GatewaySettings.AUTH_MAX_PENDING));
    CredentialCache cache = new CredentialCache(config.get(GatewaySettings.AUTH_CACHE_MAX_ENTRIES),
        config.get(GatewaySettings.AUTH_CACHE_TTL));
    this.authenticator = new NodeAuthenticator(nodes, hasher, cache);
    WriteGate gate = new WriteGate(config.get(GatewaySettings.INGEST_MAX_IN_FLIGHT),
        config.get(GatewaySettings.INGEST_MAX_QUEUED));
    this.history = new HeartbeatHistory(session, config.get(GatewaySettings.HEARTBEAT_HISTORY_TTL));
    this.ingest = new IngestService(history,
        new NodeStateWriter(session), new TaskProgressWriter(session), gate, new ReceiveClock(),
        new IngestMetrics(registry, gate), config);
    this.assignments = new OpenAssignments(new NodeTasks(session), new TaskRepository(session),
        new MissionRepository(session));
  }

  public Config config() {
    return config;
  }

  public NodeRepository nodes() {
    return nodes;
  }

  public NodeSecrets secrets() {
    return secrets;
  }

  public NodeAuthenticator authenticator() {
    return authenticator;
  }

  public IngestService ingest() {
    return ingest;
  }

  public HeartbeatHistory history() {
    return history;
  }

  public OpenAssignments assignments() {
    return assignments;
  }

  @Override
  public void close() {
    hasher.close();
  }
}
