package org.openastro.bench.alerts;

import ch.qos.logback.classic.Level;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.openastro.alerts.AlertReader;
import org.openastro.app.OpenAstroSystem;
import org.openastro.config.Config;
import org.openastro.cql.CqlSessions;
import org.openastro.scheduler.astro.Target;
import org.slf4j.LoggerFactory;

/**
 * Alert to telescope: how long from {@code POST /api/v1/alerts} being answered until the first
 * task of the alert's mission arrives on the MQTT downlink of a node that sees the target now,
 * against a baseline measured in the same run: the same missions submitted over
 * {@code POST /api/v1/missions} (before the one mission intake these waited for the scheduler's
 * mission sweep, {@code SCHEDULER_MISSION_SWEEP}; now they are planned at once as alerts are).
 * Phase {@code busy} ({@link BusyPhase}) sends the alerts into a fleet that is all observing NORMAL
 * tasks, so each takes a node by preemption, one alert at a time; {@code refillMs} is how long a
 * preempted node may wait for queued work (the interrupted task's remainder) before a new NORMAL
 * mission is posted to keep every node busy.
 *
 * <p>The whole system runs in this JVM ({@link OpenAstroSystem#start}), with its default scheduler
 * timing; the simulated telescopes are HiveMQ MQTT 5 clients at a site where it is night now,
 * and report each task done at once so they are free for the next alert. Alerts are GCN JSON
 * notices (Swift/BAT-GUANO shape) for targets near that site's zenith, posted one at a time,
 * {@code spacingMs} apart; the first {@code warmup} of each phase are not counted.
 *
 * <p>{@code source} says how the alert phase's notices arrive: {@code http} (the default) posts
 * them, {@code kafka} produces the same GCN JSON notices to a real Kafka broker that the system's
 * GCN Kafka consumer reads ({@link KafkaAlerts}: the broker is a child JVM, started before the
 * system and stopped after it), measured from the broker's acknowledgement to the task on the
 * downlink; {@code source=http,kafka} runs both, one after the other, and prints them side by side.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.openastro.bench.alerts.AlertLatencyBenchmark [key=value ...]
 *   alerts=200 warmup=10 spacingMs=250 nodes=4 cassandra=127.0.0.1:9142 (unset: a local node is launched)
 *   dc=datacenter1 phases=alerts,baseline,busy source=http|kafka|http,kafka refillMs=5000
 *   sys.SETTING=value (any system setting)
 * </pre>
 * With {@code cassandra=} (or OPENASTRO_BENCH_CASSANDRA) it uses that node with a keyspace of its
 * own ({@code bench_alerts_<random>}), dropped at the end.
 */
public final class AlertLatencyBenchmark {
  static final String ADMIN_KEY = "oak_alert-latency-benchmark-admin-key-0000000000";
  private static final Set<String> SOURCES = Set.of("http", "kafka");
  /** The alerts module's reader, the consumer's own: a produced notice's mission id without asking the system. */
  private static final AlertReader NOTICES = new AlertReader();
  private final Map<String, String> opts;
  private OpenAstroSystem system;
  private BenchHttp api;

  private AlertLatencyBenchmark(Map<String, String> opts) {
    this.opts = opts;
  }

  public static void main(String[] args) throws Exception {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.toLevel(System.getProperty("bench.log", "WARN")));
    }
    Locale.setDefault(Locale.ROOT);
    Map<String, String> opts = new LinkedHashMap<>(Map.of("alerts", "200", "warmup", "10", "spacingMs", "250",
        "nodes", "4", "dc", "datacenter1", "phases", "alerts,baseline,busy", "refillMs", "5000", "source", "http"));
    String env = System.getenv("OPENASTRO_BENCH_CASSANDRA");
    if (env != null && !env.isBlank()) {
      opts.put("cassandra", env.trim());
    }
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("arguments are key=value, got " + arg);
      }
      opts.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    int status = 0;
    try {
      new AlertLatencyBenchmark(opts).run();
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    }
    // Out of run() its finally blocks have stopped the Kafka broker and the Cassandra node; exit
    // even if a client library left a non-daemon thread behind, and say whether the run failed.
    System.exit(status);
  }

  private int intOpt(String key) {
    return Integer.parseInt(opts.get(key));
  }

  static void say(String format, Object... args) {
    System.out.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    System.out.flush();
  }

  private void run() throws Exception {
    say("AlertLatencyBenchmark %s", opts);
    say("machine: %d cores, max heap %d MB, %s %s, load average %s", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.version"),
        Files.readString(Path.of("/proc/loadavg")).trim());
    Set<String> phases = Set.of(opts.get("phases").split(","));
    Set<String> sources = Set.of(opts.get("source").split(","));
    if (!SOURCES.containsAll(sources)) {
      throw new IllegalArgumentException("source is http, kafka or http,kafka; got " + opts.get("source"));
    }
    String keyspace = "bench_alerts_" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> settings = new HashMap<>(Map.of("HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0",
        "MQTT_HOST", "127.0.0.1", "MQTT_PORT", "0", "ADMIN_API_KEY", ADMIN_KEY, "AUTH_BCRYPT_COST", "4",
        "CASSANDRA_KEYSPACE", keyspace,
        // the telescopes report a task done the moment it arrives, to be free for the next alert:
        // faster than any sky allows, so the plausibility check is off here
        "PROGRESS_MAX_EXPOSURE_RATE", "0"));
    Path temp = null;
    KafkaAlerts kafka = null;
    List<String> lines;
    String cassandra = opts.get("cassandra");
    try {
      if (cassandra != null) {
        settings.put("CASSANDRA_CONTACT_POINTS", cassandra);
        settings.put("CASSANDRA_LOCAL_DC", opts.get("dc"));
      } else {
        temp = Files.createTempDirectory("openastro-alert-bench-");
        settings.put("CASSANDRA_LOCAL_DATA_DIR", temp.resolve("cassandra").toString());
        settings.put("CASSANDRA_PORT", String.valueOf(freePort()));
        settings.put("CASSANDRA_LOCAL_STORAGE_PORT", String.valueOf(freePort()));
      }
      if (phases.contains("alerts") && sources.contains("kafka")) {
        // Before the system: its consumer is configured, and started, with the system.
        long k0 = System.nanoTime();
        kafka = KafkaAlerts.start();
        say("%s (%.1f s with the topic and producer)", kafka.describe(), (System.nanoTime() - k0) / 1e9);
        settings.putAll(kafka.systemSettings());
      }
      opts.forEach((k, v) -> {
        if (k.startsWith("sys.")) {
          settings.put(k.substring(4), v);
        }
      });
      Config config = Config.from(settings);
      long t0 = System.nanoTime();
      system = OpenAstroSystem.start(config);
      say("system up after %.1f s (keyspace %s): HTTP %d, MQTT %d", (System.nanoTime() - t0) / 1e9, keyspace,
          system.httpPort(), system.mqttPort());
      api = new BenchHttp(system.httpPort(), ADMIN_KEY);
      try {
        lines = phases(phases, sources, kafka);
      } finally {
        system.close();
        if (cassandra != null) {
          drop(config, cassandra, keyspace);
        }
      }
    } finally {
      // after the system: its consumer commits on stop, and must find the broker still there
      if (kafka != null) {
        kafka.close();
        say("Kafka broker stopped");
      }
      if (temp != null) {
        deleteTree(temp);
      }
    }
    say("results:");
    lines.forEach(l -> System.out.println("  " + l));
  }

  /** Runs the phases asked for against the started system; returns the result lines. */
  private List<String> phases(Set<String> phases, Set<String> sources, KafkaAlerts kafka) throws Exception {
    List<String> lines = new ArrayList<>();
    try (BenchTelescopes telescopes = new BenchTelescopes()) {
      NightSite site = NightSite.now();
      List<BenchTelescopes.Node> nodes = new ArrayList<>();
      for (int i = 0; i < intOpt("nodes"); i++) {
        nodes.add(register(site));
      }
      telescopes.connect(nodes, system.mqttPort());
      awaitOnline(nodes);
      say("%d telescopes ONLINE at lat %.1f lon %.1f (night now), connected over MQTT 5", nodes.size(),
          site.site().latitudeDeg(), site.site().longitudeDeg());
      Latencies[] alert = null;
      if (phases.contains("alerts")) {
        Latencies[] viaKafka = null;
        if (sources.contains("http")) {
          alert = phase("alert", "POST /alerts", "answer", "request", site, telescopes, this::postAlert);
          lines.add(alert[0].line());
          lines.add(alert[1].line());
        }
        if (kafka != null) {
          // the group's first join takes seconds: not part of any alert's latency
          kafka.awaitConsumerAssigned(Duration.ofSeconds(60));
          viaKafka = phase("kafka alert", "GCN topic", "produced", "record", site, telescopes,
              (target, suffix) -> produceAlert(kafka, target, suffix));
          lines.add(viaKafka[0].line());
          lines.add(viaKafka[1].line());
          if (alert != null) {
            lines.add(String.format(Locale.ROOT, "ratio kafka / http alert (produced / answer -> task): p50 %.1fx, "
                + "p99 %.1fx", viaKafka[0].ms(50) / alert[0].ms(50), viaKafka[0].ms(99) / alert[0].ms(99)));
          }
        }
        if (alert != null && phases.contains("baseline")) {
          Latencies[] baseline = phase("baseline", "POST /missions", "answer", "request", site, telescopes,
              this::postMission);
          lines.add(baseline[0].line());
          lines.add(baseline[1].line());
          lines.add(String.format(Locale.ROOT, "ratio baseline / alert (answer -> task): p50 %.1fx, p99 %.1fx",
              baseline[0].ms(50) / alert[0].ms(50), baseline[0].ms(99) / alert[0].ms(99)));
        }
        // the goal is the alert phase's own: it no longer waits for a baseline to be printed
        if (alert != null) {
          lines.add(String.format(Locale.ROOT, "goal: alert p99 (answer -> task) under 1000 ms: %s (%.1f ms)",
              alert[0].ms(99) < 1000 ? "MET" : "NOT MET", alert[0].ms(99)));
        }
        if (viaKafka != null) {
          lines.add(String.format(Locale.ROOT, "goal: kafka alert p99 (produced -> task) under 1000 ms: %s (%.1f ms)",
              viaKafka[0].ms(99) < 1000 ? "MET" : "NOT MET", viaKafka[0].ms(99)));
        }
      }
      if (phases.contains("busy")) {
        // last: it leaves every node observing
        BusyPhase.Result busy = new BusyPhase(api, site, telescopes, nodes.stream().map(BenchTelescopes.Node::id)
            .toList(), t -> alert(t, "busy"), Duration.ofMillis(intOpt("refillMs"))).run(intOpt("alerts"),
            intOpt("warmup"));
        lines.addAll(busy.lines());
        if (alert != null) {
          lines.add(String.format(Locale.ROOT, "ratio busy / idle alert (answer -> task): p50 %.1fx, p99 %.1fx",
              busy.answered().ms(50) / alert[0].ms(50), busy.answered().ms(99) / alert[0].ms(99)));
        }
        lines.add(String.format(Locale.ROOT, "goal: busy alert p99 (answer -> RR task) under 1000 ms: %s (%.1f ms)",
            busy.answered().ms(99) < 1000 ? "MET" : "NOT MET", busy.answered().ms(99)));
      }
    }
    return lines;
  }

  /** One mission put in by a phase: when it was sent, when the system (or broker) accepted it, its id. */
  private record Submitted(long sentAt, long acceptedAt, String missionId) {}

  /** How a phase puts in one mission for {@code target} ({@code suffix} makes its event unique). */
  @FunctionalInterface
  private interface Submission {
    Submitted submit(Target target, String suffix) throws Exception;
  }

  private Submitted postAlert(Target target, String suffix) throws Exception {
    return post("/api/v1/alerts", alert(target, suffix));
  }

  private Submitted postMission(Target target, String suffix) throws Exception {
    return post("/api/v1/missions", mission(target));
  }

  private Submitted post(String path, String body) throws Exception {
    long sentAt = System.nanoTime();
    HttpResponse<String> r = api.post(path, body);
    long answeredAt = System.nanoTime();
    if (r.statusCode() != 201) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return new Submitted(sentAt, answeredAt, new JsonObject(r.body()).getString("mission_id"));
  }

  /**
   * The notice the HTTP phase would post, produced to the GCN topic instead. No answer names the
   * mission here, so its id is read from the notice the way the consumer reads it (the id is derived
   * from the event), before the clock starts.
   */
  private static Submitted produceAlert(KafkaAlerts kafka, Target target, String suffix) throws Exception {
    String notice = alert(target, suffix);
    String missionId = NOTICES.read("application/json", notice).missionId().toString();
    long sentAt = System.nanoTime();
    long ackedAt = kafka.produce(missionId, notice);
    return new Submitted(sentAt, ackedAt, missionId);
  }

  /**
   * One phase: {@code alerts + warmup} missions put in by {@code how}, {@code spacingMs} apart;
   * returns {accepted -> task, sent -> task} (accepted: the HTTP answer, or the broker's ack).
   */
  private Latencies[] phase(String name, String via, String accepted, String sentWhat, NightSite site,
      BenchTelescopes telescopes, Submission how) throws Exception {
    int n = intOpt("alerts");
    int warmup = intOpt("warmup");
    long spacing = intOpt("spacingMs") * 1_000_000L;
    Latencies answered = new Latencies(name + " (" + via + ") " + accepted + " -> task");
    Latencies sent = new Latencies(name + " " + sentWhat + " sent -> task");
    List<Submitted> measured = new ArrayList<>();
    say("%s: %d + %d warm-up via %s, %d ms apart", name, n, warmup, via, intOpt("spacingMs"));
    long next = System.nanoTime();
    for (int i = 0; i < n + warmup; i++) {
      while (System.nanoTime() < next) {
        Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
      }
      next += spacing;
      Target target = site.target(ThreadLocalRandom.current().nextDouble(-3, 3),
          ThreadLocalRandom.current().nextDouble(-3, 3));
      Submitted s = how.submit(target, name.replace(' ', '-') + i);
      if (i >= warmup) {
        measured.add(s);
      }
    }
    // Every task should arrive, and within a second or so; wait well beyond it before counting one missing.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline
        && measured.stream().anyMatch(m -> telescopes.taskArrival(m.missionId()) == null)) {
      Thread.sleep(50);
    }
    for (Submitted m : measured) {
      Long at = telescopes.taskArrival(m.missionId());
      if (at == null) {
        answered.missing();
        sent.missing();
      } else {
        answered.record(at - m.acceptedAt());
        sent.record(at - m.sentAt());
      }
    }
    say("%s", answered.line());
    return new Latencies[] {answered, sent};
  }

  /** A GCN notice in the Swift/BAT-GUANO JSON shape, with a unique trigger id. */
  private static String alert(Target t, String suffix) {
    return new JsonObject()
        .put("$schema", "https://gcn.nasa.gov/schema/main/gcn/notices/swift/bat/guano/alert.schema.json")
        .put("mission", "Swift").put("instrument", "BAT-GUANO").put("messenger", "EM")
        .put("alert_datetime", Instant.now().toString()).put("alert_tense", "current").put("alert_type", "initial")
        .put("trigger_time", Instant.now().minusSeconds(30).toString())
        .put("ra", t.raDeg()).put("dec", t.decDeg()).put("ra_dec_error", 0.05)
        .put("classification", new JsonObject().put("GRB", 1))
        .put("id", new io.vertx.core.json.JsonArray().add("bench-" + suffix + "-" + UUID.randomUUID()))
        .encode();
  }

  /** The mission an alert makes by default (GRB rule), submitted directly. */
  private static String mission(Target t) {
    Instant now = Instant.now();
    return new JsonObject().put("target_ra", t.raDeg()).put("target_dec", t.decDeg())
        .put("science_case", "GRB_FOLLOWUP").put("priority", 95).put("total_exposure_required_s", 1800)
        .put("time_constraint_start", now.toString()).put("time_constraint_end", now.plus(Duration.ofHours(6)).toString())
        .encode();
  }

  private BenchTelescopes.Node register(NightSite site) throws Exception {
    String body = new JsonObject()
        .put("location", new JsonObject().put("lat", site.site().latitudeDeg()).put("lon", site.site().longitudeDeg())
            .put("elevation_m", 100))
        .put("aperture_mm", 300).put("fov_deg", 1.0).put("mount_type", "EQ").put("control_protocol", "INDI").encode();
    JsonObject json = api.create("/api/v1/nodes", body);
    return new BenchTelescopes.Node(json.getString("node_id"), json.getString("secret"));
  }

  private void awaitOnline(List<BenchTelescopes.Node> nodes) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (BenchTelescopes.Node node : nodes) {
      while (true) {
        HttpResponse<String> r = api.get("/api/v1/nodes/" + node.id());
        if (r.statusCode() == 200 && "ONLINE".equals(new JsonObject(r.body()).getString("status"))) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("node " + node.id() + " not ONLINE: " + r.body());
        }
        Thread.sleep(100);
      }
    }
  }

  private static void drop(Config config, String contact, String keyspace) {
    int colon = contact.lastIndexOf(':');
    InetSocketAddress address = new InetSocketAddress(contact.substring(0, colon),
        Integer.parseInt(contact.substring(colon + 1)));
    try (CqlSession session = CqlSessions.open(config, List.of(address), config.get(org.openastro.cql.CassandraSettings.LOCAL_DC), null)) {
      session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace).setTimeout(Duration.ofSeconds(60)));
      say("keyspace %s dropped", keyspace);
    } catch (RuntimeException e) {
      say("could not drop keyspace %s: %s", keyspace, e);
    }
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
