package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.api.http.ContractCoverage;
import org.openastro.config.Config;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * The probes and the Prometheus scrape of a running system, over real sockets: every domain
 * measure the issue names is on /metrics with the value the scenario produced; ready needs
 * Cassandra and, clustered, an active cluster member; live needs only the process.
 */
@ExtendWith(CassandraExtension.class)
class HealthAndMetricsIT {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String ADMIN_KEY = SystemUnderTest.ADMIN_KEY;
  static final String NODE = """
      {"location": {"lat": 60.0, "lon": 10.0, "elevation_m": 100},
       "aperture_mm": 300, "fov_deg": 1.0, "mount_type": "EQ", "control_protocol": "INDI"}""";

  final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
  OpenAstroSystem system;

  @AfterEach
  void stop() {
    timer.shutdownNow();
    if (system != null) {
      system.close();
    }
  }

  Map<String, String> base(CassandraTestNode cassandra, String keyspacePrefix) {
    return SystemUnderTest.environment(cassandra, keyspacePrefix);
  }

  @Test
  void everyDomainMeasureIsScrapedWithWhatHappened(CassandraTestNode cassandra) throws Exception {
    Map<String, String> env = base(cassandra, "metrics");
    env.putAll(Map.of("SCHEDULER_HEARTBEAT_INTERVAL", "1s", "SCHEDULER_TICK", "200ms",
        "SCHEDULER_MISSION_SWEEP", "1s", "SCHEDULER_LIVENESS_RESCAN", "1s"));
    system = OpenAstroSystem.start(Config.from(env));
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    // Not clustered: no cluster check at all.
    assertThat(new JsonObject(ready.body()).getJsonObject("checks").fieldNames()).containsExactly("cassandra");

    // The fully wired system serves exactly the documented API: nothing undocumented, nothing missing.
    io.vertx.core.Vertx scratch = io.vertx.core.Vertx.vertx();
    try {
      assertThat(ContractCoverage.undocumented(scratch, system.httpRouteGroups())).isEmpty();
      assertThat(ContractCoverage.unmounted(scratch, system.httpRouteGroups())).isEmpty();
    } finally {
      scratch.close();
    }

    SimTelescope scope = new SimTelescope(post("/api/v1/nodes", NODE), timer).connect(system.mqttPort())
        .heartbeatEvery(300);
    scope.publish("heartbeat", "{\"status\": \"SLEEPING\"}"); // refused: not a status
    await().atMost(Duration.ofSeconds(60)).until(() -> scope.acked.size() >= 2);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      String metrics = scrape();
      assertThat(value(metrics, "openastro_scheduler_nodes{status=\"ONLINE\"}")).isEqualTo(1.0);
      assertThat(value(metrics, "openastro_mqtt_connected_nodes")).isEqualTo(1.0);
    });

    JsonObject mission = post("/api/v1/missions", """
        {"target_ra": 37.95, "target_dec": 89.0, "science_case": "DEEP_STACK",
         "total_exposure_required_s": 600, "priority": 80, "night_only": false, "min_altitude_deg": 30,
         "time_constraint_start": "%s", "time_constraint_end": "%s"}"""
        .formatted(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1))));
    JsonObject assignment = await().atMost(Duration.ofSeconds(60)).until(scope.downlink::poll, m -> m != null);
    String taskId = assignment.getJsonObject("task").getString("task_id");
    scope.progress(taskId, 200, "EXECUTING");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
        value(scrape(), "openastro_progress_reports_total{outcome=\"applied\"}")).isEqualTo(1.0));
    scope.goSilent();

    // Silent for 3 intervals: FAULTED, its task frozen at 200 s and a 400 s remainder created.
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      String metrics = scrape();
      assertThat(value(metrics, "openastro_scheduler_faults_detected_total")).isEqualTo(1.0);
      assertThat(value(metrics, "openastro_scheduler_remainder_tasks_total")).isEqualTo(1.0);
      assertThat(value(metrics, "openastro_scheduler_nodes{status=\"FAULTED\"}")).isEqualTo(1.0);
      assertThat(value(metrics, "openastro_scheduler_nodes{status=\"ONLINE\"}")).isEqualTo(0.0);
      assertThat(value(metrics, "openastro_scheduler_tasks{status=\"PARTIAL_COMPLETE\"}")).isEqualTo(1.0);
      assertThat(value(metrics, "openastro_scheduler_tasks{status=\"PENDING\"}")).isEqualTo(1.0);
    });
    String metrics = scrape();
    assertThat(value(metrics, "openastro_scheduler_assignment_latency_seconds_count")).isEqualTo(1.0);
    assertThat(value(metrics, "openastro_scheduler_assignment_latency_seconds_sum")).isPositive();
    assertThat(value(metrics, "openastro_heartbeats_accepted_total{source=\"mqtt\"}"))
        .isGreaterThanOrEqualTo(scope.acked.size());
    assertThat(value(metrics, "openastro_heartbeats_rejected_total{reason=\"invalid_field\"}")).isEqualTo(1.0);
    assertThat(value(metrics, "openastro_mqtt_connected_nodes")).isEqualTo(0.0);
    assertThat(value(metrics, "openastro_ingest_write_latency_seconds_count{kind=\"heartbeat\"}")).isPositive();
    assertThat(value(metrics, "cassandra_session_cql_requests_seconds_count{session=\"openastro\"}")).isPositive();
    assertThat(metrics).contains("vertx_http_server_requests_total").contains("jvm_memory_used_bytes");
    assertThat(mission.getString("mission_id")).isNotBlank();
  }

  @Test
  void clusteredReadinessNeedsAnActiveMemberAndLivenessDoesNot(CassandraTestNode cassandra) throws Exception {
    int clusterPort = freePort();
    Map<String, String> env = base(cassandra, "health");
    env.putAll(Map.of("CLUSTER_ENABLED", "true", "CLUSTER_HOST", "127.0.0.1",
        "CLUSTER_PORT", Integer.toString(clusterPort), "CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort,
        "PROCESS_ROLES", "scheduler"));
    system = OpenAstroSystem.start(Config.from(env));
    assertThat(system.mqttPort()).isEqualTo(-1);

    HttpResponse<String> ready = get("/health/ready");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    JsonObject checks = new JsonObject(ready.body()).getJsonObject("checks");
    assertThat(checks.getJsonObject("cassandra").getString("status")).isEqualTo("UP");
    assertThat(checks.getJsonObject("cluster").getString("status")).isEqualTo("UP");
    assertThat(checks.getJsonObject("cluster").getInteger("members")).isEqualTo(1);
    // A scheduler process serves the probes and the scrape, not the API.
    assertThat(scrape()).contains("openastro_scheduler_faults_detected_total");
    assertThat(get("/api/v1/nodes/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);

    // The member stops (as when Hazelcast gives up on a split): out of the load balancer, not restarted.
    HazelcastInstance member = Hazelcast.getAllHazelcastInstances().iterator().next();
    member.getLifecycleService().terminate();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      HttpResponse<String> notReady = get("/health/ready");
      assertThat(notReady.statusCode()).as(notReady.body()).isEqualTo(503);
      assertThat(new JsonObject(notReady.body()).getJsonObject("checks").getJsonObject("cluster")
          .getString("status")).isEqualTo("DOWN");
    });
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
  }

  /**
   * A port free now and below the kernel's ephemeral range, so that the outgoing connections of
   * busy processes (Hazelcast, drivers) cannot take it between now and the child binding it.
   */
  static int freePort() {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = random.nextInt(20_000, 32_000);
      try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (java.io.IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port in 20000-32000");
  }

  /** The sample of {@code series} (name and labels as Prometheus writes them); fails when absent. */
  static double value(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    if (!m.find()) {
      // Series with more labels than given: match the name and the given labels as a prefix.
      String open = series.endsWith("}") ? series.substring(0, series.length() - 1) : series + "{";
      Matcher partial = Pattern.compile("(?m)^" + Pattern.quote(open) + "[,}][^ ]* (\\S+)$").matcher(metrics);
      if (!partial.find()) {
        throw new AssertionError(series + " is not on /metrics");
      }
      return Double.parseDouble(partial.group(1));
    }
    return Double.parseDouble(m.group(1));
  }

  String scrape() throws Exception {
    HttpResponse<String> response = get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonObject post(String path, String body) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + system.httpPort() + path))
        .header("content-type", "application/json").header("authorization", "Bearer " + ADMIN_KEY).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    return new JsonObject(response.body());
  }
}
