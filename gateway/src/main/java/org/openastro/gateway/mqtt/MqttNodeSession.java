package org.openastro.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openastro.api.auth.AuthException;
import org.openastro.api.auth.Secrets;
import org.openastro.api.http.ApiException;
import org.openastro.cql.node.Node;
import org.openastro.gateway.auth.AuthThrottledException;
import org.openastro.gateway.ingest.HeartbeatReport;
import org.openastro.gateway.ingest.ImplausibleProgressException;
import org.openastro.gateway.ingest.IngestService;
import org.openastro.gateway.ingest.KnownNodeState;
import org.openastro.gateway.ingest.OfflineTaskReport;
import org.openastro.gateway.ingest.ProgressReport;
import org.openastro.gateway.ingest.ReportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's MQTT connection: CONNECT authentication, the topic ACL, heartbeats (publishes and
 * keep-alive pings), progress, and the downlink of its tasks. Runs on the event loop of the
 * listener that accepted it ({@link #onItsContext} from anywhere else). The rule throughout: PUBACK
 * only after the write is durable; when it cannot be written (storage down, gateway saturated) no
 * PUBACK and the connection is closed, because MQTT clients resend unacknowledged messages only
 * after reconnecting.
 */
final class MqttNodeSession {
  private static final Logger LOG = LoggerFactory.getLogger(MqttNodeSession.class);
  private static final int MQTT_5 = 5;
  private static final int MQTT_3_1_1 = 4;
  /**
   * A heartbeat payload up to this size is remembered with its parsed report: a node sends the same
   * small status payload again and again, and comparing bytes is much cheaper than parsing JSON.
   */
  private static final int REMEMBERED_PAYLOAD_MAX_BYTES = 64;

  private final MqttEndpoint endpoint;
  private final MqttGatewayVerticle server;
  private final Context context;
  private final String sessionId = UUID.randomUUID().toString();
  private UUID nodeId;
  private String heartbeatTopic;
  private Buffer lastPayload;
  private HeartbeatReport lastReport;
  private KnownNodeState state;
  private boolean subscribedToTasks;
  private long lastHeartbeatNanos;
  private boolean closed;

  MqttNodeSession(MqttEndpoint endpoint, MqttGatewayVerticle server, Context context) {
    this.endpoint = endpoint;
    this.server = server;
    this.context = context;
  }

  /** Runs {@code action} on this session's event loop: at once when already there. */
  void onItsContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  UUID nodeId() {
    return nodeId;
  }

  String sessionId() {
    return sessionId;
  }

  void connect() {
    endpoint.closeHandler(v -> onClose());
    int version = endpoint.protocolVersion();
    if (version != MQTT_3_1_1 && version != MQTT_5) {
      refuse("protocol_version", MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, null);
      return;
    }
    UUID clientId = uuidOrNull(endpoint.clientIdentifier());
    String user = endpoint.auth() == null ? null : endpoint.auth().getUsername();
    String secret = endpoint.auth() == null ? null : endpoint.auth().getPassword();
    if (clientId == null) {
      refuse("client_id", MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
          MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID);
      return;
    }
    // username = client id = node id, and the secret was issued for that node: checked before bcrypt.
    if (!clientId.toString().equals(user) || !Secrets.nodeIdOf(secret).map(clientId::equals).orElse(false)) {
      refuse("bad_credentials", MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
          MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5);
      return;
    }
    String address = endpoint.remoteAddress() == null ? null : endpoint.remoteAddress().hostAddress();
    server.gateway().authenticator().authenticate(clientId, secret, address).onComplete(result -> {
      if (result.succeeded()) {
        accept(result.result());
      } else if (result.cause() instanceof AuthThrottledException limited) {
        server.metrics().authLimited(limited.limit().tag());
        // MQTT 5 clients are told "server busy" (they retry later); 3.1.1 has no such code for a
        // limit: "not authorized" for a failure limit, "server unavailable" for a concurrency one.
        refuse("auth_limited", limited.busy() ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE
            : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY);
      } else if (result.cause() instanceof AuthException auth) {
        if (auth.reason() == AuthException.Reason.BUSY) {
          refuse("auth_busy", MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
              MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY);
        } else {
          refuse("bad_credentials", MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
              MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5);
        }
      } else {
        LOG.debug("CONNECT of {} refused: storage unavailable", clientId, result.cause());
        refuse("storage_unavailable", MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
            MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5);
      }
    });
  }

  private void accept(Node node) {
    if (closed) {
      return; // the client gave up while we checked
    }
    nodeId = node.nodeId();
    heartbeatTopic = NodeTopics.heartbeatTopic(nodeId);
    state = new KnownNodeState(node.status(), node.currentTaskId());
    endpoint.publishAutoAck(false);
    endpoint.autoKeepAlive(true);
    endpoint.publishHandler(this::onPublish);
    endpoint.subscribeHandler(this::onSubscribe);
    endpoint.unsubscribeHandler(m -> {
      if (m.topics().contains(NodeTopics.tasksTopic(nodeId))) {
        subscribedToTasks = false;
      }
      endpoint.unsubscribeAcknowledge(m.messageId());
    });
    endpoint.pingHandler(v -> onPing());
    endpoint.exceptionHandler(e -> {
      server.metrics().count("openastro.mqtt.protocol.errors", "kind", e.getClass().getSimpleName(),
          "connections closed for protocol errors");
      LOG.debug("closing MQTT connection of {}: {}", nodeId, e.toString());
      endpoint.close();
    });
    // Filed before the CONNACK leaves: an event for this node (a rotated secret, a downlink) that
    // arrives once the client holds its CONNACK must find the session. Anything sent from another
    // context runs on this one, after the accept below; a client gone meanwhile is unfiled on close.
    server.registered(this);
    try {
      endpoint.accept(false, connackProperties());
    } catch (IllegalStateException e) {
      clientGone("accepted"); // left after a successful check, before its CONNACK
      return;
    }
    // Connecting is a sign of life too: recorded like a QoS 0 heartbeat.
    heartbeat(IngestService.SOURCE_MQTT, HeartbeatReport.ALIVE, -1, System.nanoTime());
  }

  private MqttProperties connackProperties() {
    MqttProperties props = new MqttProperties();
    if (endpoint.protocolVersion() == MQTT_5) {
      props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(),
          server.receiveMaximum()));
      props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.MAXIMUM_QOS.value(), 1));
      props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.RETAIN_AVAILABLE.value(), 0));
      props.add(new MqttProperties.IntegerProperty(
          MqttProperties.MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE.value(), 0));
      props.add(new MqttProperties.IntegerProperty(
          MqttProperties.MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
      props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value(),
          server.maxPacketBytes()));
    }
    return props;
  }

  private void refuse(String reason, MqttConnectReturnCode v311, MqttConnectReturnCode v5) {
    server.metrics().count("openastro.mqtt.connects.refused", "reason", reason, "MQTT CONNECTs refused, by reason");
    if (closed) {
      clientGone(reason);
      return;
    }
    MqttConnectReturnCode code = endpoint.protocolVersion() == MQTT_5 && v5 != null ? v5 : v311;
    try {
      endpoint.reject(code);
    } catch (IllegalStateException e) {
      // "MQTT endpoint is closed": the client left between our check and the close handler.
      clientGone(reason);
    }
  }

  /** The client closed the connection before its CONNACK: nothing to answer, only to count. */
  private void clientGone(String reason) {
    server.metrics().count("openastro.mqtt.connects.abandoned", "reason", reason,
        "MQTT clients that left before their CONNACK refusal, by refusal reason");
    LOG.debug("CONNECT refused ({}) but the client already left", reason);
  }

  private void onPublish(MqttPublishMessage message) {
    long receivedNanos = System.nanoTime();
    int ackId = message.qosLevel() == MqttQoS.AT_LEAST_ONCE ? message.messageId() : -1;
    if (message.qosLevel() == MqttQoS.EXACTLY_ONCE) {
      // CONNACK says maximum QoS 1; QoS 2 anyway is a protocol violation.
      disconnect(MqttDisconnectReasonCode.QOS_NOT_SUPPORTED, "QoS 2 is not supported");
      return;
    }
    // The own heartbeat topic is by far the most frequent: one string comparison, no parsing.
    NodeTopics.PublishVerdict verdict = heartbeatTopic.equals(message.topicName())
        ? NodeTopics.PublishVerdict.HEARTBEAT : NodeTopics.publish(nodeId, message.topicName());
    switch (verdict) {
      case HEARTBEAT -> {
        HeartbeatReport report;
        try {
          report = heartbeatReport(message.payload());
        } catch (ReportException e) {
          server.gateway().ingest().metrics().heartbeatRejected(e.code().wire());
          refuseReport(ackId, ReasonCodes.forReport(e.code()), e.getMessage());
          return;
        }
        heartbeat(IngestService.SOURCE_MQTT, report, ackId, receivedNanos);
      }
      case PROGRESS -> progress(message, ackId, receivedNanos);
      case OFFLINE_TASK -> offlineTask(message, ackId, receivedNanos);
      case NOT_ALLOWED -> {
        server.gateway().ingest().metrics().aclDenied("mqtt");
        refuseReport(ackId, MqttPubAckReasonCode.NOT_AUTHORIZED,
            "node " + nodeId + " may publish only to " + NodeTopics.PREFIX + nodeId + "/" + NodeTopics.PUBLISHABLE);
      }
      case OUTSIDE_CONTRACT -> {
        server.metrics().count("openastro.mqtt.publishes.refused", "reason", "topic_outside_contract",
            "MQTT publishes refused, by reason");
        refuseReport(ackId, MqttPubAckReasonCode.TOPIC_NAME_INVALID,
            "topic must be " + NodeTopics.PREFIX + nodeId + "/" + NodeTopics.PUBLISHABLE);
      }
    }
  }

  private HeartbeatReport heartbeatReport(Buffer payload) {
    if (lastPayload != null && lastPayload.equals(payload)) {
      return lastReport;
    }
    HeartbeatReport report = HeartbeatReport.parse(payload, server.maxPayloadBytes());
    if (payload != null && payload.length() <= REMEMBERED_PAYLOAD_MAX_BYTES) {
      lastPayload = payload.copy();
      lastReport = report;
    }
    return report;
  }

  private void heartbeat(String source, HeartbeatReport report, int ackId, long receivedNanos) {
    lastHeartbeatNanos = System.nanoTime();
    boolean mayDrop = ackId < 0;
    server.gateway().ingest().heartbeat(nodeId, source, report, state, mayDrop).onComplete(result -> {
      if (result.succeeded()) {
        acknowledge(ackId, receivedNanos);
      } else if (!mayDrop) {
        cannotPersist(result.cause());
      }
    });
  }

  private void progress(MqttPublishMessage message, int ackId, long receivedNanos) {
    ProgressReport report;
    try {
      report = ProgressReport.parse(message.payload(), server.maxPayloadBytes());
    } catch (ReportException e) {
      server.gateway().ingest().metrics().progress("invalid");
      refuseReport(ackId, ReasonCodes.forReport(e.code()), e.getMessage());
      return;
    }
    server.gateway().ingest().progress(nodeId, report).onComplete(result -> {
      if (result.succeeded()) {
        acknowledge(ackId, receivedNanos);
      } else if (result.cause() instanceof ReportException e) {
        refuseReport(ackId, ReasonCodes.forReport(e.code()), e.getMessage());
      } else if (result.cause() instanceof ImplausibleProgressException e) {
        refuseReport(ackId, MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, e.getMessage());
      } else {
        cannotPersist(result.cause());
      }
    });
  }

  /** A task the node minted for work it did off-line: recorded as {@code PUT /api/v1/nodes/{id}/tasks/{task_id}} does. */
  private void offlineTask(MqttPublishMessage message, int ackId, long receivedNanos) {
    OfflineTaskReport report;
    try {
      report = OfflineTaskReport.parse(message.payload(), server.maxPayloadBytes());
    } catch (ReportException e) {
      countOfflineTask("invalid");
      refuseReport(ackId, ReasonCodes.forReport(e.code()), e.getMessage());
      return;
    }
    server.gateway().offlineTasks().record(nodeId, report.taskId(), report.claim()).onComplete(result -> {
      if (result.succeeded()) {
        countOfflineTask(result.result().created() ? "recorded" : "replayed");
        acknowledge(ackId, receivedNanos);
      } else if (result.cause() instanceof ApiException e) {
        countOfflineTask(e.error().code());
        refuseReport(ackId, ReasonCodes.forApiError(e.error().status()), e.getMessage());
      } else {
        cannotPersist(result.cause());
      }
    });
  }

  private void countOfflineTask(String outcome) {
    server.metrics().count("openastro.mqtt.offline.tasks", "outcome", outcome,
        "tasks nodes minted off-line and sent over MQTT, by outcome");
  }

  private void acknowledge(int ackId, long receivedNanos) {
    if (ackId >= 0 && endpoint.isConnected()) {
      endpoint.publishAcknowledge(ackId);
      server.gateway().ingest().metrics().ackLatency("mqtt", System.nanoTime() - receivedNanos);
    }
  }

  /**
   * A refused report. MQTT 5: PUBACK with the reason code and a reason string saying what is
   * wrong. MQTT 3.1.1 has no negative PUBACK: the report is dropped (logged at debug, counted) and
   * still acknowledged, since resending a report that can never be accepted would only block the
   * node's in-flight window.
   */
  private void refuseReport(int ackId, MqttPubAckReasonCode code, String why) {
    LOG.debug("report of node {} refused ({}): {}", nodeId, code, why);
    if (ackId < 0 || !endpoint.isConnected()) {
      return;
    }
    if (endpoint.protocolVersion() == MQTT_5) {
      MqttProperties props = new MqttProperties();
      props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), why));
      endpoint.publishAcknowledge(ackId, code, props);
    } else {
      endpoint.publishAcknowledge(ackId);
    }
  }

  /** No PUBACK; close so the node reconnects and resends, once the gateway can write again. */
  private void cannotPersist(Throwable cause) {
    LOG.debug("cannot persist a report of node {}: {}", nodeId, cause.toString());
    disconnect(MqttDisconnectReasonCode.SERVER_BUSY, "cannot persist now; reconnect and resend");
  }

  private void disconnect(MqttDisconnectReasonCode code, String why) {
    if (!endpoint.isConnected()) {
      return;
    }
    if (endpoint.protocolVersion() == MQTT_5) {
      MqttProperties props = new MqttProperties();
      props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), why));
      endpoint.disconnect(code, props); // writes DISCONNECT, then closes the endpoint itself
    } else {
      // closing again after disconnect(..) threw "MQTT endpoint is closed" out of the caller
      endpoint.close();
    }
  }

  private void onPing() {
    long now = System.nanoTime();
    if (now - lastHeartbeatNanos >= server.pingHeartbeatIntervalNanos()) {
      heartbeat(IngestService.SOURCE_MQTT_PING, HeartbeatReport.ALIVE, -1, now);
    }
  }

  private void onSubscribe(MqttSubscribeMessage message) {
    List<MqttSubAckReasonCode> codes = new ArrayList<>();
    boolean tasks = false;
    for (MqttTopicSubscription s : message.topicSubscriptions()) {
      if (NodeTopics.maySubscribe(nodeId, s.topicName())) {
        tasks = true;
        codes.add(s.qualityOfService() == MqttQoS.AT_MOST_ONCE ? MqttSubAckReasonCode.GRANTED_QOS0
            : MqttSubAckReasonCode.GRANTED_QOS1);
      } else {
        server.gateway().ingest().metrics().aclDenied("mqtt");
        codes.add(endpoint.protocolVersion() == MQTT_5 ? MqttSubAckReasonCode.NOT_AUTHORIZED
            : MqttSubAckReasonCode.UNSPECIFIED_ERROR);
      }
    }
    endpoint.subscribeAcknowledge(message.messageId(), codes, MqttProperties.NO_PROPERTIES);
    if (tasks) {
      subscribedToTasks = true;
      sendOpenAssignments();
    }
  }

  /** What was assigned while the node was away (or connected elsewhere), from Cassandra. */
  private void sendOpenAssignments() {
    server.gateway().assignments().messagesFor(nodeId).onComplete(result -> {
      if (result.succeeded()) {
        result.result().forEach(this::deliver);
      } else {
        LOG.warn("could not read the open tasks of node {}; they reach it on its next subscribe", nodeId,
            result.cause());
      }
    });
  }

  /** Publishes a downlink message on the node's tasks topic at QoS 1, if it listens. Call on its context. */
  Future<Integer> deliver(JsonObject message) {
    if (!subscribedToTasks || !endpoint.isConnected()) {
      return Future.failedFuture("node " + nodeId + " is not subscribed to its tasks here");
    }
    server.metrics().count("openastro.downlink.published", "type", String.valueOf(message.getValue("type")),
        "downlink messages published to nodes");
    return endpoint.publish(NodeTopics.tasksTopic(nodeId), message.toBuffer(), MqttQoS.AT_LEAST_ONCE, false, false);
  }

  /** Another session of the same node took over (here or on another gateway). */
  void replaced() {
    disconnect(MqttDisconnectReasonCode.SESSION_TAKEN_OVER, "another connection of this node took over");
  }

  /** The node's secret was rotated: this session was opened with the old one. */
  void secretRotated() {
    disconnect(MqttDisconnectReasonCode.NOT_AUTHORIZED, "the node's secret was rotated; connect with the new one");
  }

  private void onClose() {
    if (!closed) {
      closed = true;
      server.unregistered(this, Instant.now());
    }
  }

  private static UUID uuidOrNull(String text) {
    try {
      UUID id = UUID.fromString(text);
      return id.toString().equals(text) ? id : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
