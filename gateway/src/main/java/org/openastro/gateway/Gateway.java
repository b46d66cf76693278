package org.openastro.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.openastro.api.ApiSettings;
import org.openastro.api.auth.CredentialCache;
import org.openastro.api.auth.SecretHasher;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.cql.node.NodePages;
import org.openastro.cql.ingest.HeartbeatHistoryReader;
import org.openastro.cql.ingest.HeartbeatHistoryWriter;
import org.openastro.cql.node.NodeRepository;
import org.openastro.cql.node.NodeSecrets;
import org.openastro.gateway.auth.NodeAuthenticator;
import org.openastro.gateway.auth.NodeEnrolment;
import org.openastro.gateway.downlink.OpenAssignments;
import org.openastro.gateway.ingest.IngestMetrics;
import org.openastro.gateway.ingest.IngestService;
import org.openastro.gateway.ingest.OfflineTasks;
import org.openastro.gateway.ingest.ReceiveClock;
import org.openastro.gateway.ingest.WriteGate;

/**
 * The parts the gateway's HTTP and MQTT verticles share: one authenticator with one credential
 * cache, one write gate (so the in-flight bound holds for the process, not per verticle), one
 * receive clock. Prepares statements, so build it at start-up, off the event loop.
 */
public final class Gateway {
  private final Config config;
  private final NodeRepository nodes;
  private final NodeSecrets secrets;
  private final NodeAuthenticator authenticator;
  private final IngestService ingest;
  private final OpenAssignments assignments;
  private final HeartbeatHistoryReader history;
  private final OfflineTasks offlineTasks;
  private final NodeEnrolment enrolment;
  private final NodePages nodePages;

  /** {@code hasher}: the process's one bcrypt pool (its owner closes it). */
  public Gateway(Config config, Store store, SecretHasher hasher, MeterRegistry registry) {
    this.config = config;
    this.nodes = store.nodes();
    this.secrets = store.nodeSecrets();
    CredentialCache cache = new CredentialCache(config.get(ApiSettings.AUTH_CACHE_MAX_ENTRIES),
        config.get(ApiSettings.AUTH_CACHE_TTL));
    this.authenticator = new NodeAuthenticator(nodes, hasher, cache, config);
    WriteGate gate = new WriteGate(config.get(GatewaySettings.INGEST_MAX_IN_FLIGHT),
        config.get(GatewaySettings.INGEST_MAX_QUEUED));
    this.history = store.heartbeats();
    this.ingest = new IngestService(
        new HeartbeatHistoryWriter(store.session(), config.get(GatewaySettings.HEARTBEAT_HISTORY_TTL)),
        store.nodeStates(), store.taskProgress(), gate, new ReceiveClock(), new IngestMetrics(registry, gate), config);
    this.assignments = new OpenAssignments(store.nodeTasks(), store.tasks(), store.missions());
    this.offlineTasks = new OfflineTasks(store.missions(), store.tasks(), Clock.systemUTC());
    this.enrolment = new NodeEnrolment(store.enrolmentTokens(), nodes, config, registry, Clock.systemUTC());
    this.nodePages = store.shared(NodePages.class, NodePages::new);
  }

  /** The fleet in pages ({@code GET /api/v1/nodes}). */
  public NodePages nodePages() {
    return nodePages;
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

  /** Heartbeat history reads ({@code last_heartbeat} of a node). */
  public HeartbeatHistoryReader history() {
    return history;
  }

  public OfflineTasks offlineTasks() {
    return offlineTasks;
  }

  /** Who may register a node: OPERATOR/ADMIN keys and enrolment tokens. */
  public NodeEnrolment enrolment() {
    return enrolment;
  }

  public OpenAssignments assignments() {
    return assignments;
  }
}
