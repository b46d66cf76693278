package org.openastro.bench.gateway;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulated telescope nodes as HiveMQ MQTT 5 async clients. All clients share HiveMQ's default
 * Netty event loop group (one per JVM for the same executor configuration) and its RxJava
 * computation scheduler, so 10,000 clients do not mean 10,000 threads.
 */
final class MqttNodes {
  /** Connections from one source address; beyond it the next loopback address (127.0.0.2, ...) is used. */
  static final int CONNECTIONS_PER_SOURCE_IP = 20_000;

  private MqttNodes() {}

  record Credentials(String nodeId, String secret) {}

  record ConnectResult(int connected, int failed, long millis, String firstError) {}

  static Mqtt5AsyncClient client(Credentials node, String host, int port, int index) {
    return Mqtt5Client.builder()
        .identifier(node.nodeId())
        .transportConfig()
        .serverHost(host)
        .serverPort(port)
        .localAddress(sourceAddress(index))
        .mqttConnectTimeout(60, TimeUnit.SECONDS)
        .socketConnectTimeout(60, TimeUnit.SECONDS)
        .applyTransportConfig()
        .buildAsync();
  }

  static InetAddress sourceAddress(int index) {
    int n = 1 + index / CONNECTIONS_PER_SOURCE_IP;
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) n});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static CompletableFuture<?> connect(Mqtt5AsyncClient client, Credentials node) {
    return client.connectWith()
        .cleanStart(true)
        .keepAlive(60)
        .simpleAuth().username(node.nodeId()).password(node.secret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .send();
  }

  /**
   * Connects every client with at most {@code concurrency} CONNECTs pending (the gateway refuses
   * with "server busy" beyond AUTH_MAX_PENDING secret checks waiting, 512 by default).
   */
  static ConnectResult connectAll(List<Mqtt5AsyncClient> clients, List<Credentials> nodes, int concurrency)
      throws InterruptedException {
    Semaphore permits = new Semaphore(concurrency);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    String[] firstError = new String[1];
    long t0 = System.nanoTime();
    List<CompletableFuture<?>> all = new ArrayList<>(clients.size());
    for (int i = 0; i < clients.size(); i++) {
      permits.acquire();
      all.add(connect(clients.get(i), nodes.get(i)).whenComplete((ack, error) -> {
        if (error == null) {
          ok.incrementAndGet();
        } else {
          synchronized (firstError) {
            if (firstError[0] == null) {
              firstError[0] = error.toString();
            }
          }
          failed.incrementAndGet();
        }
        permits.release();
      }));
    }
    permits.acquire(concurrency);
    permits.release(concurrency);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    return new ConnectResult(ok.get(), failed.get(), millis, firstError[0]);
  }

  static void disconnectAll(List<Mqtt5AsyncClient> clients) {
    List<CompletableFuture<?>> all = new ArrayList<>(clients.size());
    for (Mqtt5AsyncClient c : clients) {
      if (c.getState().isConnected()) {
        all.add(c.disconnect().exceptionally(e -> null));
      }
    }
    try {
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("disconnect: " + e);
    }
  }
}
