package org.openastro.bench.gateway;

import io.vertx.core.transport.Transport;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openastro.app.VertxSetup;
import org.openastro.bench.KeyValueArgs;
import org.openastro.config.Config;

/** The benchmark's {@code key=value} arguments over their defaults; {@code gw.NAME=value} sets a gateway setting. */
final class BenchOptions {
  private final Map<String, String> values = new LinkedHashMap<>();

  BenchOptions(String... args) {
    values.put("nodes", "2000");
    // Cassandra's commit log: group (what the embedded node runs: a write is acknowledged once on
    // disk) or periodic (Cassandra's default: acknowledged before the disk write, lost if killed)
    values.put("commitlog", "group");
    values.put("window", "1");
    values.put("client", "vertx"); // the throughput phase's MQTT clients: vertx or hivemq (LoadClients)
    // Netty transport of the Vert.x clients and the floor phase's server, as NETWORK_TRANSPORT: the
    // gateway's own is gw.NETWORK_TRANSPORT (both auto by default: epoll, else nio).
    values.put("transport", "auto");
    // Warm-up: at least `warmup` s, then until the JIT compilers of both JVMs use under `jitSettled`
    // of a core (see WarmUp), at most `warmupMax` s.
    values.put("warmup", "30");
    values.put("warmupMax", "300");
    values.put("jitSettled", "0.03");
    values.put("seconds", "30");
    values.put("baselineInFlight", "256");
    values.put("connections", "10000");
    // Under the gateway's AUTH_ADDRESS_MAX_PENDING (64): every client connects from 127.0.0.1, and
    // CONNECTs beyond that budget are refused "server unavailable" (the limit doing its job).
    values.put("connectConcurrency", "32");
    values.put("bcryptCost", "4");
    values.put("cassandraHeapMb", "2048");
    values.put("cassandraStartSeconds", "300"); // a loaded shared machine took over 120 s
    values.put("clientHeapMb", "2048");
    values.put("phases", "baseline,design,floor,gateway,connections"); // and peer (needs mosquitto installed)
    // The peer phase (PeerPhase): Debian's broker, its bridge's MQTT clients sharing one subscription,
    // the heartbeats the bridge writes at once (the baseline's 256), the broker's max_queued_messages
    // (its default 1,000 drops heartbeats a burst puts ahead of the bridge), how far the nodes may run
    // ahead of the bridge before they wait (BacklogPacer; 0: never), how long the bridge may take to
    // write what is queued when the load stops, and the bridge JVM's heap.
    values.put("mosquitto", Mosquitto.DEFAULT_BINARY);
    values.put("peerClients", "2");
    values.put("peerInFlight", "256");
    values.put("peerQueued", "1000000");
    values.put("peerBacklog", "2000");
    values.put("peerDrainSeconds", "120");
    values.put("bridgeHeapMb", "1024");
    values.put("profile", ""); // a file prefix: profile each throughput phase's measured window (WindowProfiler)
    KeyValueArgs.parseInto(values, "gw.", args);
  }

  int integer(String key) {
    return Integer.parseInt(values.get(key));
  }

  String text(String key) {
    return values.get(key);
  }

  boolean phase(String name) {
    return Arrays.asList(values.get("phases").split(",")).contains(name);
  }

  /** The {@code transport=} option, resolved as the gateway resolves NETWORK_TRANSPORT. */
  Transport transport() {
    return VertxSetup.transport(Config.from(Map.of("NETWORK_TRANSPORT", values.get("transport"))));
  }

  /** The gateway settings given as {@code gw.NAME=value}. */
  Map<String, String> gatewaySettings() {
    return KeyValueArgs.passed(values, "gw.");
  }

  Map<String, String> asMap() {
    return values;
  }
}
