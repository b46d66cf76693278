package org.openastro.bench.gateway;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import java.util.ArrayList;
import java.util.List;
import org.openastro.bench.gateway.MqttNodes.ConnectResult;
import org.openastro.bench.gateway.MqttNodes.Credentials;

/**
 * The nodes as HiveMQ MQTT 5 async clients ({@code client=hivemq}): the independent client the
 * tests use. All share HiveMQ's Netty event loops and RxJava scheduler. It is a full-featured
 * reactive client and costs 30-40 us of CPU per publish round trip on this machine, about as much
 * as the gateway's own MQTT handling, so it is not the default load generator.
 */
final class HiveMqClients implements LoadClients {
  private final List<Credentials> nodes;
  private final List<Mqtt5AsyncClient> clients = new ArrayList<>();

  HiveMqClients(List<Credentials> nodes, String host, int port) {
    this.nodes = nodes;
    for (int i = 0; i < nodes.size(); i++) {
      clients.add(MqttNodes.client(nodes.get(i), host, port, i));
    }
  }

  @Override
  public String description() {
    return "HiveMQ MQTT 5 async clients (hivemq-mqtt-client, shared Netty loops + RxJava)";
  }

  @Override
  public ConnectResult connectAll(int concurrency) throws InterruptedException {
    return MqttNodes.connectAll(clients, nodes, concurrency);
  }

  @Override
  public void start(HeartbeatLoad load, int window) {
    for (int i = 0; i < clients.size(); i++) {
      for (int w = 0; w < window; w++) {
        publishNext(load, i);
      }
    }
  }

  private void publishNext(HeartbeatLoad load, int i) {
    if (!load.sending(() -> publishNext(load, i))) { // HiveMQ's client publishes from any thread
      return;
    }
    long sent = System.nanoTime();
    clients.get(i).publishWith().topic(load.topics[i]).qos(MqttQos.AT_LEAST_ONCE).payload(HeartbeatLoad.HEARTBEAT)
        .send()
        .whenComplete((r, e) -> {
          boolean ok = e == null && r.getError().isEmpty()
              && !(r instanceof Mqtt5PublishResult.Mqtt5Qos1Result q && q.getPubAck().getReasonCode().isError());
          if (ok) {
            load.acked(i, sent);
            publishNext(load, i);
          } else {
            load.failed(e != null ? e.toString() : r.getError().map(Throwable::toString).orElse(String.valueOf(r)));
          }
        });
  }

  @Override
  public long cpuNanos() {
    return ThreadCpu.ofNames(name -> name.startsWith("com.hivemq.client") || name.startsWith("RxComputationThreadPool"));
  }

  @Override
  public void disconnectAll() {
    MqttNodes.disconnectAll(clients);
  }

  @Override
  public void close() {}
}
