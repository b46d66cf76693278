package org.openastro.bench.gateway;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.transport.Transport;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openastro.bench.gateway.MqttNodes.ConnectResult;
import org.openastro.bench.gateway.MqttNodes.Credentials;

/**
 * The nodes as Vert.x MQTT clients ({@code client=vertx}, the default): MQTT 3.1.1 over plain
 * Netty, on a Vert.x instance of its own with one event loop per core (not the gateway's), on the
 * {@code transport=} option's Netty transport (as NETWORK_TRANSPORT: epoll by default). A lean client, as a real fleet's thousands of
 * machines would each run: the benchmark is about the gateway, and every microsecond the load
 * generator spends is charged to the gateway's side of the ratio. MQTT 3.1.1 has no negative PUBACK,
 * so refusals are not seen here; the check against node_heartbeats counts what was really stored.
 *
 * <p>Each client lives on one context: its publishes, PUBACKs and send times never cross threads.
 */
final class VertxMqttClients implements LoadClients {
  private final Vertx vertx;
  private final Set<Long> threadIds;
  private final List<Node> clients = new ArrayList<>();
  private final String host;
  private final int port;
  private volatile HeartbeatLoad load;

  private final class Node {
    final int index;
    final MqttClient client;
    final Context context;
    /** Send time by packet id of the publishes not yet acknowledged; touched on {@link #context} only. */
    final Map<Integer, Long> sentNanos = new HashMap<>();
    /** Publishes again on the client's context once a closed {@link PublishGate} opens. */
    final Runnable resume;

    Node(int index, MqttClient client, Context context) {
      this.index = index;
      this.client = client;
      this.context = context;
      this.resume = () -> context.runOnContext(v -> publishNext(this));
    }
  }

  VertxMqttClients(List<Credentials> nodes, String host, int port, Transport transport) {
    this.host = host;
    this.port = port;
    int eventLoops = Runtime.getRuntime().availableProcessors();
    this.vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(eventLoops)).withTransport(transport)
        .build();
    this.threadIds = eventLoopThreadIds(vertx);
    for (int i = 0; i < nodes.size(); i++) {
      Credentials c = nodes.get(i);
      MqttClientOptions options = new MqttClientOptions()
          .setClientId(c.nodeId()).setUsername(c.nodeId()).setPassword(c.secret())
          .setCleanSession(true)
          .setKeepAliveInterval(60);
      options.setConnectTimeout(60_000);
      options.setLocalAddress(MqttNodes.sourceAddress(i).getHostAddress());
      // A context of its own, on the next event loop (round robin): the client binds to it when connecting there.
      clients.add(new Node(i, MqttClient.create(vertx, options), ((VertxInternal) vertx).createEventLoopContext()));
    }
  }

  private static Set<Long> eventLoopThreadIds(Vertx vertx) {
    Set<Long> ids = new HashSet<>();
    for (EventExecutor loop : ((VertxInternal) vertx).nettyEventLoopGroup()) {
      ids.add(loop.submit(() -> Thread.currentThread().getId()).syncUninterruptibly().getNow());
    }
    return ids;
  }

  @Override
  public String description() {
    return "Vert.x MQTT 3.1.1 clients (vertx-mqtt MqttClient, " + threadIds.size() + " event loops of their own, "
        + ((VertxInternal) vertx).transport().getClass().getSimpleName() + ")";
  }

  @Override
  public ConnectResult connectAll(int concurrency) throws InterruptedException {
    Semaphore permits = new Semaphore(concurrency);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    String[] firstError = new String[1];
    long t0 = System.nanoTime();
    for (Node node : clients) {
      permits.acquire();
      node.context.runOnContext(v -> {
        node.client.publishCompletionHandler(packetId -> acked(node, packetId));
        node.client.closeHandler(closed -> lost(node));
        node.client.connect(port, host).onComplete(result -> {
          if (result.succeeded() && result.result().code().byteValue() == 0) {
            ok.incrementAndGet();
          } else {
            synchronized (firstError) {
              if (firstError[0] == null) {
                firstError[0] = result.succeeded() ? "CONNACK " + result.result().code() : result.cause().toString();
              }
            }
            failed.incrementAndGet();
          }
          permits.release();
        });
      });
    }
    permits.acquire(concurrency);
    permits.release(concurrency);
    return new ConnectResult(ok.get(), failed.get(), (System.nanoTime() - t0) / 1_000_000, firstError[0]);
  }

  @Override
  public void start(HeartbeatLoad load, int window) {
    this.load = load;
    for (Node node : clients) {
      node.context.runOnContext(v -> {
        for (int w = 0; w < window; w++) {
          publishNext(node);
        }
      });
    }
  }

  private void publishNext(Node node) {
    if (!load.sending(node.resume)) {
      return;
    }
    long sent = System.nanoTime();
    node.client.publish(load.topics[node.index], Buffer.buffer(HeartbeatLoad.HEARTBEAT), MqttQoS.AT_LEAST_ONCE,
        false, false).onComplete(written -> {
          if (written.succeeded()) {
            node.sentNanos.put(written.result(), sent);
          } else {
            load.failed(written.cause().toString());
          }
        });
  }

  private void acked(Node node, int packetId) {
    Long sent = node.sentNanos.remove(packetId);
    if (sent == null) {
      return; // not one of ours (cannot happen with clean sessions), nothing outstanding to settle
    }
    load.acked(node.index, sent);
    publishNext(node);
  }

  /** The connection closed: its unacknowledged publishes will never be acknowledged. */
  private void lost(Node node) {
    HeartbeatLoad current = load;
    if (current != null) {
      node.sentNanos.forEach((id, sent) -> current.failed("connection of node " + node.index + " closed"));
    }
    node.sentNanos.clear();
  }

  @Override
  public long cpuNanos() {
    return ThreadCpu.ofIds(threadIds);
  }

  @Override
  public void disconnectAll() {
    CountDownLatch done = new CountDownLatch(clients.size());
    for (Node node : clients) {
      node.context.runOnContext(v -> {
        if (node.client.isConnected()) {
          node.client.closeHandler(null);
          node.client.disconnect().onComplete(r -> done.countDown());
        } else {
          done.countDown();
        }
      });
    }
    try {
      if (!done.await(120, TimeUnit.SECONDS)) {
        System.err.println("disconnect: " + done.getCount() + " clients did not disconnect in 120 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("closing the client Vert.x: " + e);
    }
  }
}
