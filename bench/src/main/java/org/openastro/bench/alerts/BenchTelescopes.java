package org.openastro.bench.alerts;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Simulated telescopes over MQTT 5 (HiveMQ clients), all at the night site: each subscribes to
 * its tasks topic, heartbeats ONLINE and notes when an assignment arrives (by mission id, with
 * {@link System#nanoTime()}). What a node then does is its {@link Behaviour}: by default it
 * reports the task done at once so it is free for the next one; the busy phase swaps in one that
 * keeps the node observing ({@link BusyFleet}).
 */
final class BenchTelescopes implements AutoCloseable {
  record Node(String id, String secret) {}

  /** What the telescopes do with a downlink message, on the MQTT client's thread. */
  @FunctionalInterface
  interface Behaviour {
    void onDownlink(String nodeId, JsonObject message, long arrivedAt);
  }

  private final Map<String, Mqtt5AsyncClient> clients = new ConcurrentHashMap<>();
  private final Map<String, Long> firstTaskAt = new ConcurrentHashMap<>();
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
  private final Behaviour doneAtOnce = this::reportDoneAtOnce;
  private volatile Behaviour behaviour = doneAtOnce;

  void connect(List<Node> nodes, int mqttPort) {
    for (Node node : nodes) {
      Mqtt5AsyncClient client = Mqtt5Client.builder().identifier(node.id()).serverHost("127.0.0.1")
          .serverPort(mqttPort).buildAsync();
      client.connectWith().keepAlive(60).simpleAuth().username(node.id())
          .password(node.secret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send().join();
      clients.put(node.id(), client);
      client.subscribeWith().topicFilter("openastro/v1/nodes/" + node.id() + "/tasks").qos(MqttQos.AT_LEAST_ONCE)
          .callback(p -> onDownlink(node, p.getPayloadAsBytes())).send().join();
      heartbeats.scheduleAtFixedRate(() -> client.publishWith().topic("openastro/v1/nodes/" + node.id() + "/heartbeat")
          .qos(MqttQos.AT_LEAST_ONCE).payload("{\"status\": \"ONLINE\"}".getBytes(StandardCharsets.UTF_8)).send(),
          0, 5, TimeUnit.SECONDS);
    }
  }

  /** From now on the telescopes act by {@code b}; null: back to reporting every task done at once. */
  void behave(Behaviour b) {
    behaviour = b == null ? doneAtOnce : b;
  }

  private void onDownlink(Node node, byte[] payload) {
    long now = System.nanoTime();
    JsonObject message = new JsonObject(new String(payload, StandardCharsets.UTF_8));
    if ("assignment".equals(message.getString("type"))) {
      firstTaskAt.putIfAbsent(message.getJsonObject("task").getString("mission_id"), now);
    }
    behaviour.onDownlink(node.id(), message, now);
  }

  private void reportDoneAtOnce(String nodeId, JsonObject message, long arrivedAt) {
    if ("assignment".equals(message.getString("type"))) {
      JsonObject task = message.getJsonObject("task");
      progress(nodeId, task.getString("task_id"), task.getDouble("exposure_required_s"), "SUCCESS");
    }
  }

  /**
   * A progress report at QoS 1; completes when the gateway acknowledged it, which it does only
   * once the report is stored (a refusal, a PUBACK error code, fails it).
   */
  CompletableFuture<Void> progress(String nodeId, String taskId, double deliveredS, String status) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    clients.get(nodeId).publishWith().topic("openastro/v1/nodes/" + nodeId + "/progress").qos(MqttQos.AT_LEAST_ONCE)
        .payload(new JsonObject().put("task_id", taskId).put("exposure_delivered_s", deliveredS).put("status", status)
            .encode().getBytes(StandardCharsets.UTF_8))
        .send().whenComplete((result, failure) -> {
          Throwable error = failure != null ? failure : result.getError().orElse(null);
          if (error != null) {
            acked.completeExceptionally(error);
          } else {
            acked.complete(null);
          }
        });
    return acked;
  }

  /** When the first task of the mission reached a node, or null. */
  Long taskArrival(String missionId) {
    return firstTaskAt.get(missionId);
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
    for (Mqtt5AsyncClient c : clients.values()) {
      try {
        c.disconnect().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // closing anyway
      }
    }
  }
}
