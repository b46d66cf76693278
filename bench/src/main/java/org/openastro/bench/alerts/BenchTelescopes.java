package org.openastro.bench.alerts;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Simulated telescopes over MQTT 5 (HiveMQ clients), all at the night site: each subscribes to
 * its tasks topic, heartbeats ONLINE, notes when an assignment arrives (by mission id, with
 * {@link System#nanoTime()}), and reports the task done at once so it is free for the next one.
 */
final class BenchTelescopes implements AutoCloseable {
  record Node(String id, String secret) {}

  private final List<Mqtt5AsyncClient> clients = new ArrayList<>();
  private final Map<String, Long> firstTaskAt = new ConcurrentHashMap<>();
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

  void connect(List<Node> nodes, int mqttPort) {
    for (Node node : nodes) {
      Mqtt5AsyncClient client = Mqtt5Client.builder().identifier(node.id()).serverHost("127.0.0.1")
          .serverPort(mqttPort).buildAsync();
      client.connectWith().keepAlive(60).simpleAuth().username(node.id())
          .password(node.secret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send().join();
      client.subscribeWith().topicFilter("openastro/v1/nodes/" + node.id() + "/tasks").qos(MqttQos.AT_LEAST_ONCE)
          .callback(p -> onDownlink(client, node, p.getPayloadAsBytes())).send().join();
      clients.add(client);
      heartbeats.scheduleAtFixedRate(() -> client.publishWith().topic("openastro/v1/nodes/" + node.id() + "/heartbeat")
          .qos(MqttQos.AT_LEAST_ONCE).payload("{\"status\": \"ONLINE\"}".getBytes(StandardCharsets.UTF_8)).send(),
          0, 5, TimeUnit.SECONDS);
    }
  }

  private void onDownlink(Mqtt5AsyncClient client, Node node, byte[] payload) {
    long now = System.nanoTime();
    JsonObject message = new JsonObject(new String(payload, StandardCharsets.UTF_8));
    if (!"assignment".equals(message.getString("type"))) {
      return;
    }
    JsonObject task = message.getJsonObject("task");
    firstTaskAt.putIfAbsent(task.getString("mission_id"), now);
    client.publishWith().topic("openastro/v1/nodes/" + node.id() + "/progress").qos(MqttQos.AT_LEAST_ONCE)
        .payload(new JsonObject().put("task_id", task.getString("task_id"))
            .put("exposure_delivered_s", task.getDouble("exposure_required_s")).put("status", "SUCCESS")
            .encode().getBytes(StandardCharsets.UTF_8))
        .send();
  }

  /** When the first task of the mission reached a node, or null. */
  Long taskArrival(String missionId) {
    return firstTaskAt.get(missionId);
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
    for (Mqtt5AsyncClient c : clients) {
      try {
        c.disconnect().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // closing anyway
      }
    }
  }
}
