package org.openastro.bench.gateway;

import com.datastax.oss.driver.api.core.CqlSession;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.openastro.config.Config;
import org.openastro.cql.CqlSessions;
import org.openastro.gateway.ingest.ReceiveClock;

/**
 * The peer's bridge ({@code phases=peer}): what a team would write to put heartbeats from an MQTT
 * broker into Cassandra. HiveMQ MQTT 5 clients share one subscription
 * {@code $share/<group>/openastro/v1/nodes/+/heartbeat} at QoS 1, so the broker spreads the heartbeats
 * over them; each heartbeat becomes the naive rows ({@link BridgeIngest}, {@link NaiveRows}), prepared
 * and async, and is acknowledged to the broker only once Cassandra acknowledged both rows. At most
 * {@code inFlight} heartbeats are being written at once; the bridge holds what the broker sends beyond
 * that until a write completes. The broker's own {@code max_inflight_messages} keeps that small and
 * queues the rest. (Not the clients' MQTT 5 Receive Maximum: Mosquitto 2.0.11 sent a few more than it
 * allowed, and HiveMQ's client then drops the connection as a protocol error.)
 *
 * <p>Runs in a JVM of its own (started by {@link BridgeProcess}) so that its CPU is read from /proc
 * apart from the broker's and Cassandra's. Talks over stdin/stdout, one line per command or answer:
 *
 * <pre>
 *   args: broker=HOST:PORT user=MQTT_USER cql=HOST:PORT dc=DC keyspace=KS clients=N inFlight=N ttlSeconds=S
 *         maxPayloadBytes=B group=SHARE_GROUP
 *   out:  READY clients inFlight           (connected and subscribed)
 *   in:   count  → out: COUNT written failed rejected mostInFlight [first error]
 *   in:   close  → disconnects, then the same COUNT line and CLOSED; the JVM exits (also on end of stdin)
 * </pre>
 *
 * {@code written}: heartbeats whose two rows Cassandra acknowledged; {@code failed}: writes that failed
 * after the driver's own retries (acknowledged to the broker all the same, so they are lost, and the
 * check against node_heartbeats shows it); {@code rejected}: messages that were not a heartbeat the
 * gateway would accept (acknowledged and dropped).
 */
public final class PeerBridge {
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  /** Heartbeats received but not yet being written: what the broker sent beyond the in-flight bound. */
  private final Queue<Mqtt5Publish> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final int maxInFlight;
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private final BridgeIngest ingest;

  private PeerBridge(BridgeIngest ingest, int maxInFlight) {
    this.ingest = ingest;
    this.maxInFlight = maxInFlight;
  }

  public static void main(String[] args) throws Exception {
    IngestBenchmark.quietLogging();
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    int clients = Integer.parseInt(a.get("clients"));
    int inFlight = Integer.parseInt(a.get("inFlight"));
    try (CqlSession session = CqlSessions.open(Config.from(Map.of()), List.of(address(a.get("cql"))), a.get("dc"),
        a.get("keyspace"))) {
      NaiveRows rows = new NaiveRows(session, Duration.ofSeconds(Long.parseLong(a.get("ttlSeconds"))));
      PeerBridge bridge = new PeerBridge(new BridgeIngest(rows::write, new ReceiveClock(),
          Integer.parseInt(a.get("maxPayloadBytes"))), inFlight);
      InetSocketAddress broker = address(a.get("broker"));
      String filter = "$share/" + a.get("group") + "/" + BridgeIngest.HEARTBEAT_FILTER;
      List<Mqtt5AsyncClient> subscribers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        subscribers.add(bridge.subscribe(broker, a.get("user"), a.get("group") + "-" + i, filter));
      }
      answer("READY " + clients + " " + inFlight);
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String command;
      while ((command = in.readLine()) != null && !command.equals("close")) {
        if (command.equals("count")) {
          answer(bridge.count());
        }
      }
      for (Mqtt5AsyncClient c : subscribers) {
        c.disconnect().exceptionally(e -> null).get(30, TimeUnit.SECONDS); // one the broker dropped is gone already
      }
      answer(bridge.count());
      answer("CLOSED");
    }
    System.exit(0);
  }

  /**
   * Connects one client and subscribes it. A persistent session (clean start off, kept an hour):
   * if the bridge restarts, the broker keeps what it had not delivered, and redelivers what was
   * delivered but not acknowledged.
   */
  private Mqtt5AsyncClient subscribe(InetSocketAddress broker, String user, String clientId, String filter)
      throws Exception {
    Mqtt5AsyncClient client = Mqtt5Client.builder().identifier(clientId)
        .serverHost(broker.getHostString()).serverPort(broker.getPort()).buildAsync();
    client.connectWith().cleanStart(false).sessionExpiryInterval(TimeUnit.HOURS.toSeconds(1)).keepAlive(60)
        .simpleAuth().username(user).applySimpleAuth()
        .send().get(30, TimeUnit.SECONDS);
    client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE)
        .callback(this::onHeartbeat).manualAcknowledgement(true)
        .send().get(30, TimeUnit.SECONDS);
    return client;
  }

  /** On the client's Netty thread: queue the heartbeat, start writes while under the in-flight bound. */
  private void onHeartbeat(Mqtt5Publish publish) {
    waiting.add(publish);
    startWrites();
  }

  /** Starts queued writes while fewer than {@link #maxInFlight} are out; called on every queueing and completion. */
  private void startWrites() {
    while (true) {
      int n = inFlight.get();
      if (n >= maxInFlight) {
        return; // the write completing next starts the next one
      }
      if (!inFlight.compareAndSet(n, n + 1)) {
        continue;
      }
      Mqtt5Publish next = waiting.poll();
      if (next == null) {
        inFlight.decrementAndGet();
        if (waiting.isEmpty()) {
          return;
        }
        continue; // queued after our poll, by a thread that found no free slot: take it
      }
      mostInFlight.accumulateAndGet(n + 1, Math::max);
      write(next);
    }
  }

  /** Writes, then acknowledges to the broker: only a stored heartbeat leaves the broker's hands. */
  private void write(Mqtt5Publish publish) {
    ingest.accept(publish.getTopic().toString(), publish.getPayloadAsBytes()).whenComplete((v, error) -> {
      if (error == null) {
        written.incrementAndGet();
      } else if (error instanceof BridgeIngest.Undecodable) {
        rejected.incrementAndGet();
        firstError.compareAndSet(null, error.getMessage());
      } else {
        failed.incrementAndGet();
        firstError.compareAndSet(null, error.toString());
      }
      publish.acknowledge();
      inFlight.decrementAndGet();
      startWrites();
    });
  }

  private String count() {
    String error = firstError.get();
    return "COUNT " + written.get() + " " + failed.get() + " " + rejected.get() + " " + mostInFlight.get()
        + (error == null ? "" : " " + error.replace('\n', ' '));
  }

  private static void answer(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return new InetSocketAddress(hostPort.substring(0, colon),
        Integer.parseInt(hostPort.substring(colon + 1)));
  }
}
