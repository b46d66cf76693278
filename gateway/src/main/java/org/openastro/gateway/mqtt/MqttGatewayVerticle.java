package org.openastro.gateway.mqtt;

import io.micrometer.core.instrument.Gauge;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.openastro.api.tls.PemKeyPair;
import org.openastro.api.wire.DownlinkMessages;
import org.openastro.config.Config;
import org.openastro.events.EventAddresses;
import org.openastro.gateway.Gateway;
import org.openastro.gateway.GatewaySettings;
import org.openastro.gateway.ingest.IngestEvents;
import org.openastro.gateway.ingest.IngestMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT server of the gateway (MQTT 3.1.1 and 5; plain, and TLS when a certificate is
 * configured). Deploy one instance per process: it deploys {@code MQTT_INSTANCES} listener
 * verticles (one per core by default) that share the MQTT ports, so MQTT work runs on several
 * event loops, and it holds what they share: the node sessions connected here (a concurrent map;
 * each session runs on its own listener's context and anything done to it from elsewhere hops
 * there), the connection gauge, the downlink routing, and the closing of a local session when the
 * node connected again elsewhere.
 */
public final class MqttGatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MqttGatewayVerticle.class);
  /** QoS 1 publishes a node may have unacknowledged at once (MQTT 5 Receive Maximum). */
  static final int RECEIVE_MAXIMUM = 32;
  /** Room for the topic and headers around the largest accepted payload. */
  private static final int PACKET_OVERHEAD_BYTES = 512;

  private final Gateway gateway;
  private final String gatewayId = UUID.randomUUID().toString();
  private final Map<UUID, MqttNodeSession> sessions = new ConcurrentHashMap<>();
  private final int maxPayloadBytes;
  private final long pingHeartbeatIntervalNanos;
  private final int instances;
  private volatile int plainPort = -1;
  private volatile int tlsPort = -1;
  private final ConnectionRejections rejections;
  /** The TLS listener's certificate and key, checked at start; null for no TLS listener. */
  private volatile PemKeyPair tls;

  public MqttGatewayVerticle(Gateway gateway) {
    this.gateway = gateway;
    Config config = gateway.config();
    this.maxPayloadBytes = config.get(GatewaySettings.NODE_MAX_PAYLOAD_BYTES);
    this.pingHeartbeatIntervalNanos = config.get(GatewaySettings.MQTT_PING_HEARTBEAT_INTERVAL).toNanos();
    this.instances = MqttSettings.instances(config.get(MqttSettings.MQTT_INSTANCES));
    this.rejections = new ConnectionRejections(gateway.ingest().metrics());
  }

  @Override
  public Future<?> start() {
    Config config = gateway.config();
    try {
      tls = PemKeyPair.from(config, GatewaySettings.MQTT_TLS_CERT_PATH, GatewaySettings.MQTT_TLS_KEY_PATH);
      if (tls != null) {
        tls.check(vertx); // otherwise the listener starts and every handshake fails
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Gauge.builder("openastro.mqtt.connected.nodes", sessions, Map::size)
        .description("nodes connected over MQTT to this gateway").register(metrics().registry());
    vertx.eventBus().<JsonObject>consumer(EventAddresses.NODE_DOWNLINK, m -> onDownlink(m.body()));
    vertx.eventBus().<JsonObject>consumer(EventAddresses.NODE_CONNECTION, m -> onConnection(m.body()));
    vertx.eventBus().<JsonObject>consumer(EventAddresses.NODE_SECRET_ROTATED, m -> onSecretRotated(m.body()));
    // Deployed from this verticle's start, the listeners are its children: undeployed with it.
    return vertx.deployVerticle(() -> new MqttListenerVerticle(this), new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> LOG.info("MQTT listening on {}:{} with {} event loop(s)",
            config.get(GatewaySettings.MQTT_HOST), plainPort, instances));
  }

  /** The port the plain listener actually bound (differs from the setting when that was 0). */
  public int actualPort() {
    return plainPort;
  }

  /** The port the TLS listener actually bound; -1 without one. */
  public int actualTlsPort() {
    return tlsPort;
  }

  /** Listener instances (event loops) serving MQTT. */
  public int instances() {
    return instances;
  }

  /** The id this gateway instance gives itself in connection events. */
  public String gatewayId() {
    return gatewayId;
  }

  /** Nodes connected here now. */
  public int connectedNodes() {
    return sessions.size();
  }

  void plainPortBound(int port) {
    plainPort = port;
  }

  private final java.util.Set<String> loggedListeners = ConcurrentHashMap.newKeySet();

  /** A listener instance bound; each listener (host, port, TLS) is logged once, not per instance. */
  void listening(String host, int port, boolean tls) {
    if (tls) {
      tlsPort = port;
    }
    if (loggedListeners.add(host + ":" + port)) {
      LOG.info("MQTT listener on {}:{}, TLS {}", host, port, tls ? "on" : "off");
    }
  }

  /** Called on the session's context. The previous session of the node, if any, is closed on its own. */
  void registered(MqttNodeSession session) {
    MqttNodeSession previous = sessions.put(session.nodeId(), session);
    if (previous != null) {
      previous.onItsContext(previous::replaced);
    }
    vertx.eventBus().publish(EventAddresses.NODE_CONNECTION,
        IngestEvents.connection(session.nodeId(), true, gatewayId, session.sessionId(), Instant.now()));
  }

  void unregistered(MqttNodeSession session, Instant at) {
    if (session.nodeId() == null) {
      return;
    }
    sessions.remove(session.nodeId(), session);
    vertx.eventBus().publish(EventAddresses.NODE_CONNECTION,
        IngestEvents.connection(session.nodeId(), false, gatewayId, session.sessionId(), at));
  }

  private void onDownlink(JsonObject event) {
    UUID nodeId = DownlinkMessages.nodeOf(event);
    MqttNodeSession session = nodeId == null ? null : sessions.get(nodeId);
    if (session != null) {
      session.onItsContext(() -> session.deliver(event));
    }
  }

  /** A node that connected on another gateway is no longer ours: close the stale local session. */
  private void onConnection(JsonObject event) {
    if (!Boolean.TRUE.equals(event.getBoolean("connected")) || gatewayId.equals(event.getString("gateway_id"))) {
      return;
    }
    UUID nodeId = DownlinkMessages.nodeOf(event);
    MqttNodeSession session = nodeId == null ? null : sessions.get(nodeId);
    if (session != null && sessions.remove(nodeId, session)) {
      session.onItsContext(session::replaced);
    }
  }

  /**
   * The node's secret changed (here or on another gateway): the session opened with the old one
   * ends, and this process's credential cache (shared with its HTTP side) forgets the node.
   */
  private void onSecretRotated(JsonObject event) {
    UUID nodeId = DownlinkMessages.nodeOf(event);
    if (nodeId == null) {
      return;
    }
    gateway.authenticator().cache().forget(nodeId);
    MqttNodeSession session = sessions.get(nodeId);
    if (session != null && sessions.remove(nodeId, session)) {
      metrics().count("openastro.mqtt.sessions.closed", "reason", "secret_rotated",
          "MQTT sessions the gateway closed, by reason");
      session.onItsContext(session::secretRotated);
    }
  }

  /** The TLS listener's certificate and key (checked), or null when there is no TLS listener. */
  PemKeyPair tls() {
    return tls;
  }

  Gateway gateway() {
    return gateway;
  }

  ConnectionRejections rejections() {
    return rejections;
  }

  IngestMetrics metrics() {
    return gateway.ingest().metrics();
  }

  int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  int maxPacketBytes() {
    return maxPayloadBytes + PACKET_OVERHEAD_BYTES;
  }

  int receiveMaximum() {
    return RECEIVE_MAXIMUM;
  }

  long pingHeartbeatIntervalNanos() {
    return pingHeartbeatIntervalNanos;
  }
}
