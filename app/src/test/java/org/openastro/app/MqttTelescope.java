package org.openastro.app;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A simulated telescope: its own MQTT connection, heartbeats every 300 ms, and its downlink. */
final class MqttTelescope {
  final String id;
  final String secret;
  final BlockingQueue<JsonObject> downlink = new LinkedBlockingQueue<>();
  Mqtt5BlockingClient client;
  ScheduledFuture<?> beating;

  private final int mqttPort;
  private final ScheduledExecutorService heartbeats;

  MqttTelescope(JsonObject registered, int mqttPort, ScheduledExecutorService heartbeats) {
    this.mqttPort = mqttPort;
    this.heartbeats = heartbeats;
    this.id = registered.getString("node_id");
    this.secret = registered.getString("secret");
  }

  void connectAndHeartbeat() {
    connect();
    heartbeatEvery("{\"status\": \"ONLINE\"}");
  }

  /** Connects (the CONNECT itself counts as a heartbeat) and listens to the downlink. */
  void connect() {
    client = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(mqttPort)
        .simpleAuth().username(id).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .buildBlocking();
    client.connectWith().keepAlive(60).send();
    client.toAsync().subscribeWith().topicFilter("openastro/v1/nodes/" + id + "/tasks")
        .qos(MqttQos.AT_LEAST_ONCE)
        .callback(p -> downlink.add(new JsonObject(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))))
        .send().join();
  }

  /** Heartbeats every 300 ms with {@code payload} ("" = alive, nothing changed), instead of any earlier one. */
  void heartbeatEvery(String payload) {
    if (beating != null) {
      beating.cancel(false);
    }
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    beating = heartbeats.scheduleAtFixedRate(() -> client.publishWith()
        .topic("openastro/v1/nodes/" + id + "/heartbeat").qos(MqttQos.AT_LEAST_ONCE)
        .payload(bytes).send(), 0, 300, TimeUnit.MILLISECONDS);
  }

  void progress(String taskId, double deliveredS, String status) {
    client.publishWith().topic("openastro/v1/nodes/" + id + "/progress").qos(MqttQos.AT_LEAST_ONCE)
        .payload(new JsonObject().put("task_id", taskId).put("exposure_delivered_s", deliveredS)
            .put("status", status).encode().getBytes(StandardCharsets.UTF_8))
        .send();
  }

  /** Stops heartbeating and closes the link (a keep-alive ping would count as a heartbeat). */
  void goSilent() {
    beating.cancel(false);
    client.disconnect();
  }
}
