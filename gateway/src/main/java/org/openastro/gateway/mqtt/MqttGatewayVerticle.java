package org.openastro.gateway.mqtt;

import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openastro.config.Config;
import org.openastro.events.EventAddresses;
import org.openastro.gateway.Gateway;
import org.openastro.gateway.GatewaySettings;
import org.openastro.gateway.downlink.DownlinkMessages;
import org.openastro.gateway.ingest.IngestEvents;
import org.openastro.gateway.ingest.IngestMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT server of the gateway (MQTT 3.1.1 and 5; plain, and TLS when a certificate is
 * configured). Holds the node sessions connected here, hands each downlink event to the node's
 * session, and closes a local session when the node connected again elsewhere. Deploy one
 * instance: the sessions map and the connection gauge belong to its event loop.
 */
public final class MqttGatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MqttGatewayVerticle.class);
  /** QoS 1 publishes a node may have unacknowledged at once (MQTT 5 Receive Maximum). */
  static final int RECEIVE_MAXIMUM = 32;
  /** Room for the topic and headers around the largest accepted payload. */
  private static final int PACKET_OVERHEAD_BYTES = 512;

  private final Gateway gateway;
  private final String gatewayId = UUID.randomUUID().toString();
  private final Map<UUID, MqttNodeSession> sessions = new HashMap<>();
  private final List<MqttServer> servers = new ArrayList<>();
  private final int maxPayloadBytes;
  private final long pingHeartbeatIntervalNanos;

  public MqttGatewayVerticle(Gateway gateway) {
    this.gateway = gateway;
    Config config = gateway.config();
    this.maxPayloadBytes = config.get(GatewaySettings.NODE_MAX_PAYLOAD_BYTES);
    this.pingHeartbeatIntervalNanos = config.get(GatewaySettings.MQTT_PING_HEARTBEAT_INTERVAL).toNanos();
  }

  @Override
  public Future<?> start() {
    Config config = gateway.config();
    Gauge.builder("openastro.mqtt.connected.nodes", sessions, Map::size)
        .description("nodes connected over MQTT to this gateway").register(metrics().registry());
    vertx.eventBus().<JsonObject>consumer(EventAddresses.NODE_DOWNLINK, m -> onDownlink(m.body()));
    vertx.eventBus().<JsonObject>consumer(EventAddresses.NODE_CONNECTION, m -> onConnection(m.body()));
    List<Future<MqttServer>> listening = new ArrayList<>();
    listening.add(listen(options(config).setPort(config.get(GatewaySettings.MQTT_PORT))));
    if (config.get(GatewaySettings.MQTT_TLS_CERT_PATH) != null) {
      if (config.get(GatewaySettings.MQTT_TLS_KEY_PATH) == null) {
        return Future.failedFuture(new IllegalStateException("MQTT_TLS_CERT_PATH is set but MQTT_TLS_KEY_PATH is not"));
      }
      listening.add(listen(options(config).setPort(config.get(GatewaySettings.MQTT_TLS_PORT)).setSsl(true)
          .setKeyCertOptions(new PemKeyCertOptions()
              .setCertPath(config.get(GatewaySettings.MQTT_TLS_CERT_PATH).toString())
              .setKeyPath(config.get(GatewaySettings.MQTT_TLS_KEY_PATH).toString()))));
    }
    return Future.all(listening);
  }

  private MqttServerOptions options(Config config) {
    return new MqttServerOptions()
        .setHost(config.get(GatewaySettings.MQTT_HOST))
        .setMaxMessageSize(maxPacketBytes())
        .setMaxClientIdLength(36)
        .setAutoClientId(false)
        .setTimeoutOnConnect((int) Math.max(1, config.get(GatewaySettings.MQTT_CONNECT_TIMEOUT).toSeconds()));
  }

  private Future<MqttServer> listen(MqttServerOptions options) {
    MqttServer server = MqttServer.create(vertx, options);
    server.endpointHandler(endpoint -> new MqttNodeSession(endpoint, this).connect());
    server.exceptionHandler(e -> LOG.debug("MQTT connection error: {}", e.toString()));
    return server.listen().onSuccess(s -> {
      servers.add(s);
      LOG.info("MQTT listening on {}:{}{}", options.getHost(), s.actualPort(), options.isSsl() ? " (TLS)" : "");
    });
  }

  /** The port the plain listener actually bound (differs from the setting when that was 0). */
  public int actualPort() {
    return servers.get(0).actualPort();
  }

  /** The id this gateway instance gives itself in connection events. */
  public String gatewayId() {
    return gatewayId;
  }

  /** Nodes connected here now. Call on this verticle's context (or accept a racy read, as tests do). */
  public int connectedNodes() {
    return sessions.size();
  }

  void registered(MqttNodeSession session) {
    MqttNodeSession previous = sessions.put(session.nodeId(), session);
    if (previous != null) {
      previous.replaced();
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
      session.deliver(event);
    }
  }

  /** A node that connected on another gateway is no longer ours: close the stale local session. */
  private void onConnection(JsonObject event) {
    if (!Boolean.TRUE.equals(event.getBoolean("connected")) || gatewayId.equals(event.getString("gateway_id"))) {
      return;
    }
    UUID nodeId = DownlinkMessages.nodeOf(event);
    MqttNodeSession session = nodeId == null ? null : sessions.get(nodeId);
    if (session != null) {
      sessions.remove(nodeId, session);
      session.replaced();
    }
  }

  Gateway gateway() {
    return gateway;
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

  @Override
  public Future<?> stop() {
    return Future.all(servers.stream().map(MqttServer::close).toList());
  }
}
