package org.openastro.bench.gateway;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.openastro.bench.gateway.MqttNodes.Credentials;

/** Per client: {@code window} QoS 1 heartbeat publishes outstanding; each PUBACK sends the next. */
final class HeartbeatLoad {
  static final byte[] HEARTBEAT = "{\"status\": \"ONLINE\"}".getBytes(StandardCharsets.UTF_8);

  final Recorder latency = new Recorder(3);
  final AtomicLong acks = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final AtomicInteger outstanding = new AtomicInteger();
  final AtomicIntegerArray acksPerNode;
  volatile boolean running = true;
  volatile String firstFailure;
  private final List<Mqtt5AsyncClient> clients;
  private final String[] topics;

  HeartbeatLoad(List<Mqtt5AsyncClient> clients, List<Credentials> nodes) {
    this.clients = clients;
    this.topics = nodes.stream().map(c -> "openastro/v1/nodes/" + c.nodeId() + "/heartbeat").toArray(String[]::new);
    this.acksPerNode = new AtomicIntegerArray(nodes.size());
  }

  void publishNext(int i) {
    if (!running) {
      return;
    }
    outstanding.incrementAndGet();
    long sent = System.nanoTime();
    clients.get(i).publishWith().topic(topics[i]).qos(MqttQos.AT_LEAST_ONCE).payload(HEARTBEAT).send()
        .whenComplete((r, e) -> {
          boolean ok = e == null && r.getError().isEmpty()
              && !(r instanceof Mqtt5PublishResult.Mqtt5Qos1Result q && q.getPubAck().getReasonCode().isError());
          if (ok) {
            latency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
            acks.incrementAndGet();
            acksPerNode.incrementAndGet(i);
          } else {
            failures.incrementAndGet();
            if (firstFailure == null) {
              firstFailure = e != null ? e.toString() : r.getError().map(Throwable::toString).orElse(String.valueOf(r));
            }
          }
          outstanding.decrementAndGet();
          if (ok) {
            publishNext(i);
          }
        });
  }
}
