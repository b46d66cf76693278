package org.openastro.simulator;

import com.hivemq.client.internal.mqtt.MqttClientConnectionConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openastro.simulator.Stats.Counter;
import org.openastro.simulator.Stats.Latency;

/**
 * A node over MQTT 5: one HiveMQ async client. All clients of the JVM share HiveMQ's Netty event
 * loops, so 10,000 nodes do not mean 10,000 threads. No automatic reconnect: the node decides when
 * to come back (a faulted node stays away on purpose). Given several gateways, a node that lost its
 * link or could not connect tries the next one, as behind a load balancer.
 */
final class MqttLink implements NodeLink {
  /** Connections per loopback source address; beyond it 127.0.0.2, ... (ephemeral ports run out). */
  static final int CONNECTIONS_PER_SOURCE_IP = 20_000;

  private enum State { IDLE, CONNECTING, CONNECTED, DROPPED, CLOSED }

  private final String nodeId;
  private final byte[] password;
  private final Context context;
  private final Listener listener;
  private final Stats stats;
  private final int heartbeatQos;
  private final int keepAliveS;
  private final int index;
  private final List<Gateway> gateways;
  private final Mqtt5AsyncClient[] clients;
  /** The gateway in use, and its client. */
  private int gateway;
  private Mqtt5AsyncClient client;
  /** The last attempt failed or the link was lost: the next connect tries the next gateway. */
  private boolean moveOn;
  private final String heartbeatTopic;
  private final String progressTopic;
  private final String tasksTopic;
  private State state = State.IDLE;

  MqttLink(String nodeId, String secret, int index, List<Gateway> gateways, int firstGateway, SimOptions o,
      Context context, Listener listener, Stats stats) {
    this.nodeId = nodeId;
    this.index = index;
    this.password = secret.getBytes(StandardCharsets.UTF_8);
    this.context = context;
    this.listener = listener;
    this.stats = stats;
    this.heartbeatQos = o.heartbeatQos();
    this.keepAliveS = (int) Math.max(1, Math.min(65_535, o.keepAlive().toSeconds()));
    this.heartbeatTopic = "openastro/v1/nodes/" + nodeId + "/heartbeat";
    this.progressTopic = "openastro/v1/nodes/" + nodeId + "/progress";
    this.tasksTopic = "openastro/v1/nodes/" + nodeId + "/tasks";
    this.gateways = gateways;
    this.clients = new Mqtt5AsyncClient[gateways.size()];
    this.gateway = firstGateway;
    this.client = clientOf(firstGateway);
  }

  /** One client per gateway, built when first needed; its disconnects count only while it is the current one. */
  private Mqtt5AsyncClient clientOf(int g) {
    if (clients[g] == null) {
      Gateway target = gateways.get(g);
      var transport = com.hivemq.client.mqtt.MqttClientTransportConfig.builder()
          .serverHost(target.host())
          .serverPort(target.mqttPort())
          .socketConnectTimeout(60, TimeUnit.SECONDS)
          .mqttConnectTimeout(60, TimeUnit.SECONDS);
      InetAddress source = sourceAddress(target.host(), index);
      if (source != null) {
        transport.localAddress(source);
      }
      clients[g] = Mqtt5Client.builder()
          .identifier(nodeId)
          .transportConfig(transport.build())
          .addDisconnectedListener(c -> {
            String reason = c.getCause() instanceof Mqtt5ConnAckException e
                ? "mqtt_connack_" + e.getMqttMessage().getReasonCode() : "mqtt_link_lost";
            context.runOnContext(v -> {
              if (g == gateway) {
                onDisconnected(reason);
              }
            });
          })
          .buildAsync();
    }
    return clients[g];
  }

  private void onPublish(com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish p) {
    JsonObject message;
    try {
      message = new JsonObject(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      stats.error("downlink_not_json");
      return;
    }
    context.runOnContext(v -> listener.downlink(message));
  }

  @Override
  public Future<Void> connect() {
    if (moveOn && gateways.size() > 1) {
      // What a load balancer does for a new connection when the old backend is gone.
      gateway = (gateway + 1) % gateways.size();
      client = clientOf(gateway);
    }
    moveOn = false;
    state = State.CONNECTING;
    long started = System.nanoTime();
    CompletableFuture<?> connected = client.connectWith()
        .cleanStart(true)
        .keepAlive(keepAliveS)
        .simpleAuth().username(nodeId).password(password).applySimpleAuth()
        .send()
        .thenCompose(ack -> {
          stats.latency(Latency.MQTT_CONNECT, System.nanoTime() - started);
          // A callback per SUBSCRIBE: with a clean session each connection has its own flow (a global
          // publishes() flow registered once lost downlinks after reconnects under load).
          return client.subscribeWith().topicFilter(tasksTopic).qos(MqttQos.AT_LEAST_ONCE)
              .callback(this::onPublish).send();
        })
        .thenApply(subAck -> {
          if (subAck.getReasonCodes().stream().anyMatch(c -> c.isError())) {
            throw new IllegalStateException("mqtt_suback_" + subAck.getReasonCodes().get(0));
          }
          return subAck;
        });
    return onContext(connected).transform(done -> {
      if (done.succeeded()) {
        state = State.CONNECTED;
        return Future.<Void>succeededFuture();
      }
      if (state == State.CONNECTING) {
        state = State.IDLE;
      }
      moveOn = true;
      Throwable t = unwrap(done.cause());
      String reason = t instanceof Mqtt5ConnAckException e ? "mqtt_connack_" + e.getMqttMessage().getReasonCode()
          : t instanceof IllegalStateException && String.valueOf(t.getMessage()).startsWith("mqtt_") ? t.getMessage()
          : "mqtt_connect_" + t.getClass().getSimpleName();
      return Future.failedFuture(new Refused(reason));
    });
  }

  @Override
  public Future<Void> heartbeat(JsonObject body) {
    byte[] payload = body == null ? new byte[0] : body.toBuffer().getBytes();
    return publish(heartbeatTopic, payload, heartbeatQos == 1 ? MqttQos.AT_LEAST_ONCE : MqttQos.AT_MOST_ONCE,
        Latency.MQTT_HEARTBEAT, Counter.HEARTBEATS_ACKED);
  }

  @Override
  public Future<Void> progress(JsonObject report) {
    return publish(progressTopic, report.toBuffer().getBytes(), MqttQos.AT_LEAST_ONCE, Latency.MQTT_PROGRESS,
        Counter.PROGRESS_ACKED);
  }

  private Future<Void> publish(String topic, byte[] payload, MqttQos qos, Latency latency, Counter acked) {
    if (state != State.CONNECTED) {
      return Future.failedFuture(new IllegalStateException("mqtt_not_connected"));
    }
    long started = System.nanoTime();
    CompletableFuture<Mqtt5PublishResult> sent = client.publishWith().topic(topic).qos(qos).payload(payload).send();
    return onContext(sent).transform(done -> {
      if (done.failed()) {
        return Future.failedFuture(new IllegalStateException("mqtt_publish_" + unwrap(done.cause()).getClass().getSimpleName()));
      }
      Mqtt5PublishResult result = done.result();
      if (result.getError().isPresent()) {
        return Future.failedFuture(new IllegalStateException("mqtt_publish_" + result.getError().get().getClass().getSimpleName()));
      }
      if (result instanceof Mqtt5PublishResult.Mqtt5Qos1Result q1) {
        if (q1.getPubAck().getReasonCode().isError()) {
          // 0x83 = closed/unknown/foreign task: final. Others (0x99 payload invalid...) are final too.
          return Future.failedFuture(new Refused("mqtt_puback_" + q1.getPubAck().getReasonCode()));
        }
        stats.latency(latency, System.nanoTime() - started);
      }
      stats.count(acked);
      return Future.<Void>succeededFuture();
    });
  }

  @Override
  public void wantTasks() {
    // The subscription delivers assignments as they are made.
  }

  /**
   * Closes the TCP connection under the client, as a pulled cable or a crash would: the server
   * sees no DISCONNECT. HiveMQ's public API has only the polite disconnect, hence its internal
   * connection config (the Netty channel) here.
   */
  @Override
  public void drop() {
    state = State.DROPPED;
    client.getConfig().getConnectionConfig().ifPresent(c -> ((MqttClientConnectionConfig) c).getChannel().close());
  }

  @Override
  public Future<Void> close() {
    State was = state;
    state = State.CLOSED;
    if (was != State.CONNECTED) {
      return Future.succeededFuture();
    }
    return onContext(client.disconnect()).<Void>mapEmpty().recover(t -> Future.succeededFuture());
  }

  private void onDisconnected(String reason) {
    if (state == State.CONNECTED) {
      state = State.IDLE;
      moveOn = true;
      listener.lost(reason);
    }
  }

  private <T> Future<T> onContext(CompletableFuture<T> future) {
    Promise<T> promise = Promise.promise();
    future.whenComplete((v, t) -> context.runOnContext(x -> {
      if (t != null) {
        promise.fail(t);
      } else {
        promise.complete(v);
      }
    }));
    return promise.future();
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  static InetAddress sourceAddress(String host, int index) {
    try {
      InetAddress server = InetAddress.getByName(host);
      if (!server.isLoopbackAddress() || !(server instanceof java.net.Inet4Address)) {
        return null; // let the OS choose
      }
      int n = 1 + index / CONNECTIONS_PER_SOURCE_IP;
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) n});
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host " + host, e);
    }
  }
}
