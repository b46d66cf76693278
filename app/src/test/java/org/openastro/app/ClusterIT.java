package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.config.Setting;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * Clustered mode end to end, each part in its own JVM as in Kubernetes: gateways A and B and one
 * scheduler joined over loopback TCP/IP, simulated telescopes spread over both gateways.
 * <ol>
 *   <li>a task the scheduler assigns reaches its node on gateway B (the downlink crossed processes);
 *   <li>a node that opens a new connection on B while its connection on A is still up takes over:
 *       A closes the stale session, and that late close marks nothing;
 *   <li>gateway A is killed: its nodes reconnect to B, no node is FAULTED (they were silent for
 *       less than the missed-heartbeat window), and every heartbeat a gateway acknowledged is in
 *       node_heartbeats.
 * </ol>
 */
@ExtendWith(CassandraExtension.class)
class ClusterIT {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String ADMIN_KEY = "oak_cluster-it-admin-key-0000000000000000";
  static final List<Process> CHILDREN = new CopyOnWriteArrayList<>();
  static final Thread REAPER = new Thread(ClusterIT::killChildren, "cluster-it-reaper");
  /** Heartbeat interval 2 s, 3 missed: a node silent for 6 s is FAULTED. */
  static final Duration INTERVAL = Duration.ofSeconds(2);

  final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);

  static {
    // Should the test JVM be stopped, the children go with it.
    Runtime.getRuntime().addShutdownHook(REAPER);
  }

  @AfterAll
  static void stopChildren() {
    killChildren();
  }

  static void killChildren() {
    for (Process p : CHILDREN) {
      p.destroyForcibly();
    }
    for (Process p : CHILDREN) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    CHILDREN.clear();
  }

  @Test
  void downlinkCrossesProcessesAndNodesSurviveTheLossOfTheirGateway(CassandraTestNode cassandra) throws Exception {
    String keyspace = cassandra.newKeyspaceName("cluster");
    int[] hz = {HealthAndMetricsIT.freePort(), HealthAndMetricsIT.freePort(), HealthAndMetricsIT.freePort()};
    String members = "127.0.0.1:" + hz[0] + ",127.0.0.1:" + hz[1] + ",127.0.0.1:" + hz[2];
    Map<String, String> common = new HashMap<>(Map.of(
        "CASSANDRA_CONTACT_POINTS", cassandra.contactPoint().getHostString() + ":" + cassandra.contactPoint().getPort(),
        "CASSANDRA_LOCAL_DC", cassandra.datacenter(),
        "CASSANDRA_KEYSPACE", keyspace,
        "CLUSTER_ENABLED", "true",
        "CLUSTER_HOST", "127.0.0.1",
        "CLUSTER_MEMBERS", members,
        "HTTP_HOST", "127.0.0.1",
        "MQTT_HOST", "127.0.0.1",
        "ADMIN_API_KEY", ADMIN_KEY));
    common.putAll(Map.of(
        "SCHEDULER_HEARTBEAT_INTERVAL", INTERVAL.toSeconds() + "s",
        "SCHEDULER_MISSED_HEARTBEATS", "3",
        "SCHEDULER_TICK", "200ms",
        "SCHEDULER_MISSION_SWEEP", "1s",
        "CLUSTER_FAILURE_TIMEOUT", "5s"));
    Child a = Child.start("gateway-a", common, hz[0], "gateway");
    Child b = Child.start("gateway-b", common, hz[1], "gateway");
    Child scheduler = Child.start("scheduler", common, hz[2], "scheduler");
    for (Child c : List.of(a, b, scheduler)) {
      await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
          .untilAsserted(() -> {
        assertThat(c.process.isAlive()).as(c.name + " exited; see " + c.log).isTrue();
        HttpResponse<String> ready = c.get("/health/ready");
        assertThat(ready.statusCode()).as(c.name + " " + ready.body()).isEqualTo(200);
        assertThat(new JsonObject(ready.body()).getJsonObject("checks").getJsonObject("cluster")
            .getInteger("members")).isEqualTo(3);
      });
    }

    // The operator console's stream on gateway A: it must carry the whole fleet's events, those
    // that other processes publish (gateway B's heartbeats, the scheduler's assignments) included.
    List<String> streamedOnA = new CopyOnWriteArrayList<>();
    HttpResponse<java.util.stream.Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + a.httpPort + "/api/v1/events")).build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    Thread reader = new Thread(() -> {
      try {
        stream.body().forEach(streamedOnA::add);
      } catch (RuntimeException closed) {
        // the stream ends with the test
      }
    }, "cluster-it-events");
    reader.setDaemon(true);
    reader.start();

    // Two telescopes on each gateway; only "big" can take the mission, and it is on B.
    SimTelescope a1 = telescope(a, 100).connect(a.mqttPort).heartbeatEvery(1000);
    SimTelescope a2 = telescope(a, 100).connect(a.mqttPort).heartbeatEvery(1000);
    SimTelescope b1 = telescope(a, 100).connect(b.mqttPort).heartbeatEvery(1000);
    SimTelescope big = telescope(a, 500).connect(b.mqttPort).heartbeatEvery(1000);
    List<SimTelescope> all = List.of(a1, a2, b1, big);

    try (CqlSession cql = cassandra.newSession()) {
      PreparedStatement statusOf = cql.prepare("SELECT status FROM " + keyspace + ".nodes WHERE node_id = ?");
      for (SimTelescope t : all) {
        await().atMost(Duration.ofSeconds(30)).until(() -> "ONLINE".equals(status(cql, statusOf, t)));
      }

      // 1. Submitted on A, assigned by the scheduler process, delivered live by B.
      JsonObject mission = a.post("/api/v1/missions", """
          {"target_ra": 37.95, "target_dec": 89.0, "science_case": "DEEP_STACK", "min_aperture_mm": 400,
           "total_exposure_required_s": 600, "priority": 80, "night_only": false, "min_altitude_deg": 30,
           "time_constraint_start": "%s", "time_constraint_end": "%s"}"""
          .formatted(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1))));
      JsonObject assignment = await().atMost(Duration.ofSeconds(60)).until(big.downlink::poll, m -> m != null);
      assertThat(assignment.getString("type")).isEqualTo("assignment");
      assertThat(assignment.getJsonObject("task").getString("mission_id")).isEqualTo(mission.getString("mission_id"));
      // ... and gateway A streamed both the scheduler's assignment and B's heartbeats of that node
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(streamedOnA).anyMatch(l -> l.startsWith("data:") && l.contains("\"type\":\"assignment\"")
            && l.contains(big.id));
        assertThat(streamedOnA).anyMatch(l -> l.startsWith("data:") && l.contains("\"heartbeats\"") && l.contains(big.id));
      });
      stream.body().close();
      big.progress(assignment.getJsonObject("task").getString("task_id"), 60, "EXECUTING");
      assertThat(List.of(a1, a2, b1)).allSatisfy(t -> assertThat(t.downlink).isEmpty());

      // 2. a2 opens a second connection on B while its link to A is up: A closes the stale one.
      var stale = a2.client();
      a2.connect(b.mqttPort);
      await().atMost(Duration.ofSeconds(20)).until(() -> !stale.getState().isConnected());
      int ackedBeforeKill = a2.acked.size();
      await().atMost(Duration.ofSeconds(10)).until(() -> a2.acked.size() > ackedBeforeKill + 1);

      // 3. Gateway A dies. Its nodes notice the dropped link and reconnect to B, as behind a load balancer.
      a.process.destroyForcibly();
      a.process.waitFor(20, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> !a1.connected());
      a1.connect(b.mqttPort);
      // Longer than the silence limit (6 s) plus a tick: a wrongly faulted node would show by now.
      Duration watch = INTERVAL.multipliedBy(3).plusSeconds(3);
      // (A node faulted and back within the watch would still be caught: the scheduler's fault counter, below.)
      await().during(watch).atMost(watch.plusSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        for (SimTelescope t : all) {
          assertThat(status(cql, statusOf, t)).as("node " + t.id).isIn("ONLINE", "BUSY");
        }
      });
      HttpResponse<String> bReady = b.get("/health/ready");
      assertThat(bReady.statusCode()).as(bReady.body()).isEqualTo(200);

      // Nothing acknowledged is lost: every acked heartbeat's number is in node_heartbeats.
      all.forEach(SimTelescope::stopBeating);
      PreparedStatement history = cql.prepare("SELECT telemetry FROM " + keyspace
          + ".node_heartbeats WHERE node_id = ? AND day = ?");
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      for (SimTelescope t : all) {
        Set<Integer> stored = new HashSet<>();
        for (LocalDate day : List.of(today.minusDays(1), today)) {
          for (Row row : cql.execute(history.bind(UUID.fromString(t.id), day))) {
            String telemetry = row.getString(0);
            if (telemetry != null && new JsonObject(telemetry).containsKey("seq")) {
              stored.add(new JsonObject(telemetry).getInteger("seq"));
            }
          }
        }
        assertThat(t.acked).as("acked heartbeats of " + t.id).isNotEmpty();
        assertThat(stored).as("stored heartbeats of " + t.id).containsAll(t.acked);
      }
      // The scheduler's own process counted the assignment it made.
      assertThat(HealthAndMetricsIT.value(scheduler.get("/metrics").body(),
          "openastro_scheduler_assignment_latency_seconds_count")).isEqualTo(1.0);
      assertThat(HealthAndMetricsIT.value(scheduler.get("/metrics").body(),
          "openastro_scheduler_faults_detected_total")).isEqualTo(0.0);
    } finally {
      timer.shutdownNow();
      for (SimTelescope t : all) {
        t.disconnect();
      }
    }
  }

  private SimTelescope telescope(Child registrar, int apertureMm) throws Exception {
    return new SimTelescope(registrar.post("/api/v1/nodes", """
        {"location": {"lat": 60.0, "lon": 10.0, "elevation_m": 100},
         "aperture_mm": %d, "fov_deg": 1.0, "mount_type": "EQ", "control_protocol": "INDI"}""".formatted(apertureMm)),
        timer);
  }

  private static String status(CqlSession cql, PreparedStatement statusOf, SimTelescope t) {
    Row row = cql.execute(statusOf.bind(UUID.fromString(t.id))).one();
    return row == null ? null : row.getString(0);
  }

  /** One OpenAstro process started with the run command's main class and its own ports. */
  record Child(String name, Process process, int httpPort, int mqttPort, Path log) {
    static Child start(String name, Map<String, String> common, int clusterPort, String roles) throws Exception {
      int http = HealthAndMetricsIT.freePort();
      int mqtt = roles.contains("gateway") ? HealthAndMetricsIT.freePort() : 0;
      Path log = Path.of("target", "cluster-it", name + ".log");
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          // what Hazelcast asks for on Java 17 (its start-up warning lists these)
          "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens", "java.management/sun.management=ALL-UNNAMED",
          "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
          "-cp", System.getProperty("java.class.path"), Main.class.getName());
      // Only what the test sets: no setting leaks in from the environment running the build.
      for (Setting<?> s : AllSettings.ALL) {
        builder.environment().remove(s.name());
      }
      builder.environment().remove("OPENASTRO_CONFIG_FILE");
      builder.environment().putAll(common);
      builder.environment().put("PROCESS_ROLES", roles);
      builder.environment().put("CLUSTER_PORT", Integer.toString(clusterPort));
      builder.environment().put("HTTP_PORT", Integer.toString(http));
      builder.environment().put("MQTT_PORT", Integer.toString(mqtt));
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
      Process process = builder.start();
      CHILDREN.add(process);
      return new Child(name, process, http, mqtt, log);
    }

    HttpResponse<String> get(String path) throws Exception {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonObject post(String path, String body) throws Exception {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + httpPort + path))
          .header("content-type", "application/json").header("authorization", "Bearer " + ADMIN_KEY)
          .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(name + " " + path + " " + response.body()).isBetween(200, 201);
      return new JsonObject(response.body());
    }
  }
}
