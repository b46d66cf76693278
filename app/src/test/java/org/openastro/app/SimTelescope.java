package org.openastro.app;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated telescope over real MQTT 5 (HiveMQ client): QoS 1 heartbeats numbered in their
 * telemetry ({@code {"status": "ONLINE", "telemetry": {"seq": n}}}), so every one the gateway acknowledged can be looked up in
 * node_heartbeats; its downlink; progress reports. It can move to another gateway, as a node
 * behind a load balancer does when its gateway dies.
 */
final class SimTelescope {
  final String id;
  final String secret;
  final BlockingQueue<JsonObject> downlink = new LinkedBlockingQueue<>();
  /** Sequence numbers of heartbeats a gateway acknowledged (PUBACK success). */
  final Set<Integer> acked = ConcurrentHashMap.newKeySet();
  private final AtomicInteger seq = new AtomicInteger();
  private final ScheduledExecutorService timer;
  private volatile Mqtt5AsyncClient client;
  private volatile int port = -1;
  private ScheduledFuture<?> beating;

  SimTelescope(JsonObject registered, ScheduledExecutorService timer) {
    this.id = registered.getString("node_id");
    this.secret = registered.getString("secret");
    this.timer = timer;
  }

  /** Connects to the gateway at {@code mqttPort} and subscribes to its tasks; blocks until both are done. */
  SimTelescope connect(int mqttPort) {
    Mqtt5AsyncClient next = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(mqttPort)
        .simpleAuth().username(id).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .buildAsync();
    next.connectWith().keepAlive(60).send().join();
    next.subscribeWith().topicFilter("openastro/v1/nodes/" + id + "/tasks").qos(MqttQos.AT_LEAST_ONCE)
        .callback(p -> downlink.add(new JsonObject(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))))
        .send().join();
    client = next;
    port = mqttPort;
    return this;
  }

  /** Whether the current connection is up (a gateway that died or closed it: false). */
  boolean connected() {
    Mqtt5AsyncClient c = client;
    return c != null && c.getState().isConnected();
  }

  int port() {
    return port;
  }

  Mqtt5AsyncClient client() {
    return client;
  }

  /** QoS 1 heartbeats every {@code periodMs}, each numbered; acknowledged ones are remembered. */
  SimTelescope heartbeatEvery(long periodMs) {
    beating = timer.scheduleAtFixedRate(this::heartbeat, 0, periodMs, TimeUnit.MILLISECONDS);
    return this;
  }

  private void heartbeat() {
    Mqtt5AsyncClient c = client;
    if (c == null || !c.getState().isConnected()) {
      return;
    }
    int n = seq.incrementAndGet();
    c.publishWith().topic("openastro/v1/nodes/" + id + "/heartbeat").qos(MqttQos.AT_LEAST_ONCE)
        .payload(new JsonObject().put("status", "ONLINE").put("telemetry", new JsonObject().put("seq", n)).encode()
            .getBytes(StandardCharsets.UTF_8))
        .send()
        .whenComplete((result, error) -> {
          if (error == null && result.getError().isEmpty()) {
            acked.add(n);
          }
        });
  }

  void publish(String leaf, String payload) {
    client.publishWith().topic("openastro/v1/nodes/" + id + "/" + leaf).qos(MqttQos.AT_LEAST_ONCE)
        .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
  }

  void progress(String taskId, double deliveredS, String status) {
    publish("progress", new JsonObject().put("task_id", taskId).put("exposure_delivered_s", deliveredS)
        .put("status", status).encode());
  }

  /** Stops heartbeating and closes the link (a keep-alive ping would count as a heartbeat). */
  void goSilent() {
    stopBeating();
    disconnect();
  }

  void stopBeating() {
    if (beating != null) {
      beating.cancel(false);
    }
  }

  void disconnect() {
    Mqtt5AsyncClient c = client;
    if (c != null) {
      try {
        c.disconnect().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // already gone
      }
    }
  }
}
