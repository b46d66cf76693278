package org.openastro.bench.gateway;

import ch.qos.logback.classic.Level;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openastro.bench.gateway.MqttNodes.ConnectResult;
import org.openastro.bench.gateway.MqttNodes.Credentials;
import org.openastro.cassandra.local.LocalCassandraNode;
import org.openastro.cassandra.local.LocalNodeOptions;
import org.openastro.config.Config;
import org.openastro.cql.CqlSessions;
import org.openastro.cql.Replication;
import org.openastro.cql.schema.SchemaApplier;
import org.openastro.gateway.Gateway;
import org.openastro.gateway.http.GatewayHttp;
import org.openastro.gateway.http.HttpApiVerticle;
import org.openastro.gateway.mqtt.MqttGatewayVerticle;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The gateway ingest benchmark, in one run on one machine (see docs/BENCHMARKS.md):
 * <ol>
 *   <li>starts its own local Cassandra node and applies the schema to two keyspaces;</li>
 *   <li>baseline: {@link NaiveWriter}, the raw driver writing history row + node-state upsert per heartbeat;</li>
 *   <li>gateway: the real gateway in this JVM, N registered nodes over MQTT 5 (HiveMQ clients in
 *       this JVM too), QoS 1 heartbeats as fast as the PUBACKs allow, then a check that every
 *       acknowledged heartbeat is in node_heartbeats;</li>
 *   <li>connections: 10,000 authenticated MQTT connections held by a child JVM; gateway heap per
 *       connected node from this JVM's used heap after forced GCs, before and after.</li>
 * </ol>
 *
 * <pre>
 * java -Xmx4g -cp bench/target/benchmarks.jar org.openastro.bench.gateway.IngestBenchmark [key=value ...]
 *   nodes=2000 window=1 warmup=10 seconds=30 baselineInFlight=256 connections=10000
 *   connectConcurrency=256 bcryptCost=4 cassandraHeapMb=2048 clientHeapMb=2048
 *   phases=baseline,gateway,connections   gw.SETTING=value (any gateway setting, e.g. gw.INGEST_MAX_IN_FLIGHT=512)
 * </pre>
 */
public final class IngestBenchmark {
  private static final String REGISTRATION = "{\"location\": {\"lat\": 28.76, \"lon\": -17.88, \"elevation_m\": 2396},"
      + " \"aperture_mm\": 356, \"fov_deg\": 0.8, \"filters\": [\"V\"], \"mount_type\": \"EQ\","
      + " \"control_protocol\": \"INDI\"}";
  private static final byte[] HEARTBEAT = "{\"status\": \"ONLINE\"}".getBytes(StandardCharsets.UTF_8);

  private final Map<String, String> opts;
  private final Map<String, String> results = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  private IngestBenchmark(Map<String, String> opts) {
    this.opts = opts;
  }

  public static void main(String[] args) throws Exception {
    quietLogging();
    Locale.setDefault(Locale.ROOT);
    Map<String, String> opts = new LinkedHashMap<>();
    opts.put("nodes", "2000");
    opts.put("window", "1");
    opts.put("warmup", "10");
    opts.put("seconds", "30");
    opts.put("baselineInFlight", "256");
    opts.put("connections", "10000");
    opts.put("connectConcurrency", "256");
    opts.put("bcryptCost", "4");
    opts.put("cassandraHeapMb", "2048");
    opts.put("clientHeapMb", "2048");
    opts.put("phases", "baseline,gateway,connections");
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("arguments are key=value, got " + arg);
      }
      opts.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    new IngestBenchmark(opts).run();
    System.exit(0);
  }

  /** WARN unless -Dbench.log=INFO (the driver and Cassandra launcher are chatty at DEBUG, logback's default). */
  static void quietLogging() {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.toLevel(System.getProperty("bench.log", "WARN")));
    }
  }

  private int intOpt(String key) {
    return Integer.parseInt(opts.get(key));
  }

  private boolean phase(String name) {
    return Arrays.asList(opts.get("phases").split(",")).contains(name);
  }

  private static void say(String format, Object... args) {
    System.out.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    System.out.flush();
  }

  private void result(String key, String format, Object... args) {
    results.put(key, String.format(format, args));
  }

  private void run() throws Exception {
    Runtime rt = Runtime.getRuntime();
    say("IngestBenchmark %s", opts);
    say("machine: %d cores, max heap %d MB, %s %s, load average at start %s", rt.availableProcessors(),
        rt.maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.version"), loadAverage());
    result("started", "%s", Instant.now());
    result("load average at start (1/5/15 min)", "%s", loadAverage());
    Path temp = Files.createTempDirectory("openastro-bench-");
    long t0 = System.nanoTime();
    LocalCassandraNode node = LocalCassandraNode.start(LocalNodeOptions.defaults(temp.resolve("cassandra"))
        .withFreePorts().withHeapMb(intOpt("cassandraHeapMb")));
    try {
      say("Cassandra node (pid %d) answers CQL on %s after %.1f s", node.pid(), node.cqlAddress(),
          (System.nanoTime() - t0) / 1e9);
      List<InetSocketAddress> contact = List.of(node.cqlAddress());
      Config config = Config.from(Map.of());
      try (CqlSession admin = CqlSessions.open(config, contact, node.datacenter(), null)) {
        for (String ks : List.of("bench_baseline", "bench_gateway")) {
          new SchemaApplier(admin, ks, Replication.parse("SimpleStrategy:1"), Duration.ofSeconds(120)).apply();
        }
        // The naive design keeps liveness in the node row.
        admin.execute("ALTER TABLE bench_baseline.nodes ADD last_heartbeat timestamp");
      }
      say("schema applied to keyspaces bench_baseline and bench_gateway (RF 1)");
      if (phase("baseline")) {
        baseline(config, contact, node.datacenter(), new CpuMeter(node.pid()));
      }
      if (phase("gateway") || phase("connections")) {
        gateway(contact, node.datacenter(), new CpuMeter(node.pid()));
      }
    } finally {
      node.close();
      deleteTree(temp);
    }
    printSummary();
  }

  // ---------------------------------------------------------------- baseline

  private void baseline(Config config, List<InetSocketAddress> contact, String dc, CpuMeter cpu) throws Exception {
    int n = intOpt("nodes");
    List<UUID> nodes = Stream.generate(UUID::randomUUID).limit(n).toList();
    try (CqlSession session = CqlSessions.open(config, contact, dc, "bench_baseline")) {
      say("baseline: naive writer, %d nodes, %d heartbeats in flight (2 statements each), %d s warm-up + %d s",
          n, intOpt("baselineInFlight"), intOpt("warmup"), intOpt("seconds"));
      String loadBefore = loadAverage();
      NaiveWriter.Result r = NaiveWriter.run(session, nodes, intOpt("baselineInFlight"), intOpt("warmup"),
          intOpt("seconds"), cpu);
      say("baseline: %,d heartbeats in %.1f s = %,.0f heartbeats/s (%,.0f statements/s), errors %d,"
              + " latency p50 %.2f ms p99 %.2f ms p99.9 %.2f ms, load %s -> %s",
          r.heartbeats(), r.seconds(), r.perSecond(), 2 * r.perSecond(), r.errors(),
          ms(r.latencyMicros(), 50), ms(r.latencyMicros(), 99), ms(r.latencyMicros(), 99.9), loadBefore, loadAverage());
      result("baseline heartbeats/s", "%,.0f", r.perSecond());
      result("baseline statements/s", "%,.0f", 2 * r.perSecond());
      result("baseline in flight (heartbeats)", "%d", r.inFlight());
      result("baseline latency p50/p99/p99.9 ms", "%.2f / %.2f / %.2f", ms(r.latencyMicros(), 50),
          ms(r.latencyMicros(), 99), ms(r.latencyMicros(), 99.9));
      result("baseline errors", "%d", r.errors());
      baselineRate = r.perSecond();
      baselineCpu = cpuPerHeartbeat("baseline", r.cpuSeconds(), r.heartbeats(), "writer JVM");
    }
  }

  private double baselineRate = Double.NaN;
  private double baselineCpu = Double.NaN;

  /** Prints and records CPU microseconds per heartbeat; returns the total. */
  private double cpuPerHeartbeat(String phase, double[] cpuSeconds, long heartbeats, String selfName) {
    double self = cpuSeconds[0] * 1e6 / heartbeats;
    double cassandra = cpuSeconds[1] * 1e6 / heartbeats;
    say("%s: CPU per heartbeat %.0f us = %s %.0f us + Cassandra %.0f us (%.1f + %.1f CPU s in the window)",
        phase, self + cassandra, selfName, self, cassandra, cpuSeconds[0], cpuSeconds[1]);
    result(phase + " CPU us per heartbeat (total = " + selfName + " + Cassandra)", "%.0f = %.0f + %.0f",
        self + cassandra, self, cassandra);
    return self + cassandra;
  }

  // ---------------------------------------------------------------- gateway

  private void gateway(List<InetSocketAddress> contact, String dc, CpuMeter cpu) throws Exception {
    Map<String, String> settings = new HashMap<>(Map.of("HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1",
        "MQTT_PORT", "0", "MQTT_HOST", "127.0.0.1", "AUTH_BCRYPT_COST", opts.get("bcryptCost")));
    opts.forEach((k, v) -> {
      if (k.startsWith("gw.")) {
        settings.put(k.substring(3), v);
      }
    });
    Config config = Config.from(settings);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.vertx();
    CqlSession session = CqlSessions.open(config, contact, dc, "bench_gateway");
    Gateway gateway = new Gateway(config, session, registry);
    HttpApiVerticle http = GatewayHttp.verticle(gateway, session, registry, List.of());
    MqttGatewayVerticle mqtt = new MqttGatewayVerticle(gateway);
    vertx.deployVerticle(http).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    vertx.deployVerticle(mqtt).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    say("gateway in this JVM: HTTP 127.0.0.1:%d, MQTT 127.0.0.1:%d, settings %s", http.actualPort(),
        mqtt.actualPort(), settings);
    try {
      if (phase("gateway")) {
        throughput(session, http.actualPort(), mqtt.actualPort(), mqtt, cpu);
      }
      if (phase("connections")) {
        connections(http.actualPort(), mqtt.actualPort(), mqtt);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      gateway.close();
      session.close();
    }
  }

  private List<Credentials> register(int httpPort, int count) throws Exception {
    HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
    Semaphore permits = new Semaphore(32);
    List<CompletableFuture<Credentials>> all = new ArrayList<>(count);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/nodes"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(REGISTRATION)).build();
    for (int i = 0; i < count; i++) {
      permits.acquire();
      all.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
        if (response.statusCode() != 201) {
          throw new IllegalStateException("registration answered " + response.statusCode() + ": " + response.body());
        }
        JsonObject body = new JsonObject(response.body());
        return new Credentials(body.getString("node_id"), body.getString("secret"));
      }).whenComplete((c, e) -> permits.release()));
    }
    List<Credentials> nodes = new ArrayList<>(count);
    for (CompletableFuture<Credentials> f : all) {
      nodes.add(f.get(120, TimeUnit.SECONDS));
    }
    return nodes;
  }

  private void throughput(CqlSession session, int httpPort, int mqttPort, MqttGatewayVerticle mqtt, CpuMeter cpu)
      throws Exception {
    int n = intOpt("nodes");
    int window = intOpt("window");
    long t0 = System.nanoTime();
    List<Credentials> nodes = register(httpPort, n);
    say("gateway: registered %,d nodes over HTTP in %.1f s", n, (System.nanoTime() - t0) / 1e9);
    List<Mqtt5AsyncClient> clients = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      clients.add(MqttNodes.client(nodes.get(i), "127.0.0.1", mqttPort, i));
    }
    ConnectResult connected = MqttNodes.connectAll(clients, nodes, intOpt("connectConcurrency"));
    say("gateway: %,d of %,d MQTT clients connected in %.1f s (%d failed%s)", connected.connected(), n,
        connected.millis() / 1e3, connected.failed(), connected.firstError() == null ? "" : ", " + connected.firstError());
    if (connected.failed() > 0) {
      throw new IllegalStateException("not every throughput client connected");
    }
    LocalDate firstDay = LocalDate.now(ZoneOffset.UTC);

    Load load = new Load(clients, nodes);
    say("gateway: %,d nodes publishing QoS 1 heartbeats %s, window %d per client (%,d outstanding at most),"
        + " %d s warm-up + %d s", n, new String(HEARTBEAT, StandardCharsets.UTF_8), window, n * window,
        intOpt("warmup"), intOpt("seconds"));
    for (int i = 0; i < n; i++) {
      for (int w = 0; w < window; w++) {
        load.publishNext(i);
      }
    }
    Thread.sleep(TimeUnit.SECONDS.toMillis(intOpt("warmup")));
    String loadBefore = loadAverage();
    long acksBefore = load.acks.get();
    load.latency.reset();
    long measureStart = System.nanoTime();
    cpu.mark();
    Thread.sleep(TimeUnit.SECONDS.toMillis(intOpt("seconds")));
    long acksAfter = load.acks.get();
    double[] cpuSeconds = cpu.seconds();
    double secs = (System.nanoTime() - measureStart) / 1e9;
    Histogram latency = load.latency.getIntervalHistogram();
    String loadAfter = loadAverage();
    load.running = false;
    long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (load.outstanding.get() > 0 && System.nanoTime() < drainDeadline) {
      Thread.sleep(20);
    }
    double rate = (acksAfter - acksBefore) / secs;
    say("gateway: %,d heartbeats acknowledged in %.1f s = %,.0f heartbeats/s; ack latency p50 %.2f ms"
            + " p99 %.2f ms p99.9 %.2f ms max %.2f ms; failed publishes %d; still outstanding %d; load %s -> %s",
        acksAfter - acksBefore, secs, rate, ms(latency, 50), ms(latency, 99), ms(latency, 99.9),
        latency.getMaxValue() / 1e3, load.failures.get(), load.outstanding.get(), loadBefore, loadAfter);
    result("gateway heartbeats persisted/s (acked)", "%,.0f", rate);
    result("gateway ack latency p50/p99/p99.9 ms", "%.2f / %.2f / %.2f", ms(latency, 50), ms(latency, 99),
        ms(latency, 99.9));
    result("gateway nodes x window", "%,d x %d", n, window);
    result("gateway connect time, cold credential cache (ms)", "%,d for %,d nodes", connected.millis(), n);
    result("gateway failed publishes", "%d (first: %s)", load.failures.get(), load.firstFailure);
    double clientSeconds = cpu.clientSeconds();
    double gatewayCpu = cpuPerHeartbeat("gateway", cpuSeconds, acksAfter - acksBefore, "gateway+clients JVM");
    say("gateway: of which MQTT client threads (HiveMQ Netty + RxJava): %.0f us per heartbeat (%.1f CPU s)",
        clientSeconds * 1e6 / (acksAfter - acksBefore), clientSeconds);
    result("gateway CPU us per heartbeat in MQTT client threads (part of the JVM figure)", "%.0f",
        clientSeconds * 1e6 / (acksAfter - acksBefore));
    if (!Double.isNaN(baselineRate)) {
      result("ratio gateway/baseline (heartbeats/s)", "%.2f", rate / baselineRate);
      result("ratio baseline/gateway (CPU per heartbeat)", "%.2f", baselineCpu / gatewayCpu);
      say("gateway/baseline = %.2f (throughput), baseline/gateway CPU per heartbeat = %.2f", rate / baselineRate,
          baselineCpu / gatewayCpu);
    }
    result("load average during gateway run", "%s -> %s", loadBefore, loadAfter);

    MqttNodes.disconnectAll(clients);
    verify(session, nodes, load, firstDay, LocalDate.now(ZoneOffset.UTC));
  }

  /** Every acknowledged heartbeat must be a history row: count rows reported ONLINE per node. */
  private void verify(CqlSession session, List<Credentials> nodes, Load load, LocalDate from, LocalDate to)
      throws Exception {
    long t0 = System.nanoTime();
    PreparedStatement rows = session.prepare("SELECT status FROM node_heartbeats WHERE node_id = ? AND day = ?");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<long[]>> counts = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      UUID id = UUID.fromString(nodes.get(i).nodeId());
      counts.add(pool.submit(() -> {
        long online = 0;
        long other = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
          ResultSet rs = session.execute(rows.bind(id, d).setPageSize(5000));
          for (Row row : rs) {
            if ("ONLINE".equals(row.getString(0))) {
              online++;
            } else {
              other++;
            }
          }
        }
        return new long[] {online, other};
      }));
    }
    long acked = 0;
    long onlineRows = 0;
    long otherRows = 0;
    int missing = 0;
    int extra = 0;
    String firstMissing = null;
    for (int i = 0; i < nodes.size(); i++) {
      long[] c = counts.get(i).get();
      int a = load.acksPerNode.get(i);
      acked += a;
      onlineRows += c[0];
      otherRows += c[1];
      if (c[0] < a) {
        missing++;
        if (firstMissing == null) {
          firstMissing = nodes.get(i).nodeId() + " acked " + a + " rows " + c[0];
        }
      } else if (c[0] > a) {
        extra++;
      }
    }
    pool.shutdown();
    boolean ok = missing == 0;
    say("verify: %s — %,d heartbeats acknowledged (whole run, warm-up included), %,d history rows with status"
            + " ONLINE; nodes with fewer rows than acks: %d%s; nodes with more rows than acks (written, ack lost): %d;"
            + " other rows (CONNECT/ping heartbeats, status null): %,d; checked in %.1f s",
        ok ? "OK" : "FAILED", acked, onlineRows, missing, firstMissing == null ? "" : " (e.g. " + firstMissing + ")",
        extra, otherRows, (System.nanoTime() - t0) / 1e9);
    result("verify acked heartbeats in node_heartbeats", "%s: %,d acked, %,d rows, %d nodes short, %d nodes with extra",
        ok ? "OK" : "FAILED", acked, onlineRows, missing, extra);
  }

  /** Per client: {@code window} QoS 1 publishes outstanding; each PUBACK sends the next. */
  private static final class Load {
    final List<Mqtt5AsyncClient> clients;
    final String[] topics;
    final Recorder latency = new Recorder(3);
    final AtomicLong acks = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicInteger outstanding = new AtomicInteger();
    final AtomicIntegerArray acksPerNode;
    volatile boolean running = true;
    volatile String firstFailure;

    Load(List<Mqtt5AsyncClient> clients, List<Credentials> nodes) {
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

  // ---------------------------------------------------------------- connections

  private void connections(int httpPort, int mqttPort, MqttGatewayVerticle mqtt) throws Exception {
    int n = intOpt("connections");
    long t0 = System.nanoTime();
    List<Credentials> nodes = register(httpPort, n);
    say("connections: registered %,d more nodes over HTTP in %.1f s", n, (System.nanoTime() - t0) / 1e9);
    Path file = Files.createTempFile("openastro-bench-nodes-", ".txt");
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
      nodes.forEach(c -> out.println(c.nodeId() + " " + c.secret()));
    }
    nodes = null; // the secrets list is not the gateway's: drop it before measuring
    long before = usedHeapAfterGc();
    say("connections: gateway JVM used heap after GC, before: %,d KB (%d connected)", before >> 10, mqtt.connectedNodes());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx" + opts.get("clientHeapMb") + "m", "-XX:+UseParallelGC",
        "-cp", System.getProperty("java.class.path"), ConnectionHolder.class.getName(),
        "127.0.0.1", String.valueOf(mqttPort), file.toString(), opts.get("connectConcurrency"))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    PrintWriter toChild = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
    try {
      String[] connected = expect(fromChild, "CONNECTED");
      int ok = Integer.parseInt(connected[1]);
      say("connections: child JVM (pid %d) connected %,d of %,d in %.1f s (%s failed%s)", child.pid(), ok, n,
          Long.parseLong(connected[3]) / 1e3, connected[2], connected.length > 4 ? ", " + connected[4] : "");
      Thread.sleep(3000); // let the CONNECT heartbeats be written
      int held = mqtt.connectedNodes();
      long after = usedHeapAfterGc();
      double perNode = (after - before) / (double) held;
      say("connections: gateway holds %,d sessions; used heap after GC %,d KB; %+,d KB = %.1f KB per connected node;"
          + " load %s", held, after >> 10, (after - before) >> 10, perNode / 1024, loadAverage());
      result("connections held by gateway", "%,d (child JVM connected %,d, %s failed)", held, ok, connected[2]);
      result("connect time, cold credential cache (bcrypt cost " + opts.get("bcryptCost") + ")", "%.1f s for %,d"
          + " = %,.0f connects/s", Long.parseLong(connected[3]) / 1e3, ok, ok / (Long.parseLong(connected[3]) / 1e3));
      result("gateway heap per connected node", "%.1f KB (%,d KB before, %,d KB after, %,d sessions)",
          perNode / 1024, before >> 10, after >> 10, held);

      toChild.println("reconnect");
      String[] again = expect(fromChild, "RECONNECTED");
      Thread.sleep(3000);
      int heldAgain = mqtt.connectedNodes();
      long afterAgain = usedHeapAfterGc();
      say("connections: reconnect storm (warm credential cache): %s of %,d in %.1f s (%s failed); gateway holds %,d;"
              + " heap per node now %.1f KB", again[1], n, Long.parseLong(again[3]) / 1e3, again[2], heldAgain,
          (afterAgain - before) / (double) heldAgain / 1024);
      result("reconnect time, warm credential cache", "%.1f s for %s = %,.0f connects/s",
          Long.parseLong(again[3]) / 1e3, again[1], Integer.parseInt(again[1]) / (Long.parseLong(again[3]) / 1e3));
      result("gateway heap per connected node after reconnect storm", "%.1f KB",
          (afterAgain - before) / (double) heldAgain / 1024);
    } finally {
      toChild.println("close");
      if (!child.waitFor(120, TimeUnit.SECONDS)) {
        child.destroy();
      }
      Files.deleteIfExists(file);
    }
    // What cold connects would cost at the production bcrypt cost (10), measured here.
    String hash10 = BCrypt.hashpw("x".repeat(64), BCrypt.gensalt(10));
    long[] samples = new long[5];
    for (int i = 0; i < samples.length; i++) {
      long s = System.nanoTime();
      BCrypt.checkpw("x".repeat(64), hash10);
      samples[i] = System.nanoTime() - s;
    }
    Arrays.sort(samples);
    double bcrypt10 = samples[2] / 1e6;
    result("bcrypt cost 10 verify, one thread (ms)", "%.0f => a cold 10,000-node connect storm needs >= %.0f s"
        + " on 2 AUTH_WORKER_THREADS", bcrypt10, n * bcrypt10 / 2 / 1e3);
  }

  private static String[] expect(BufferedReader in, String word) throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith(word + " ")) {
        return line.split(" ", 5);
      }
      System.out.println("child: " + line);
    }
    throw new IllegalStateException("the client JVM ended before answering " + word);
  }

  /** Used heap after forced full GCs: the lowest of a few readings. */
  static long usedHeapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long lowest = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(500);
      lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
    }
    return lowest;
  }

  // ---------------------------------------------------------------- helpers

  private static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e3;
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  private void printSummary() {
    result("load average at end (1/5/15 min)", "%s", loadAverage());
    System.out.println();
    System.out.println("=== OpenAstro gateway ingest benchmark — summary ===");
    System.out.printf("options: %s%n", opts);
    int width = results.keySet().stream().mapToInt(String::length).max().orElse(10);
    results.forEach((k, v) -> System.out.printf("  %-" + width + "s  %s%n", k, v));
    notes.forEach(n -> System.out.println("  note: " + n));
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + root + ": " + e);
    }
  }
}
