package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openastro.config.Config;

/**
 * What the run command does with no cluster configured: launch its own Cassandra node, apply the
 * schema, serve; keep the data across a restart; leave no Cassandra process behind when closed.
 */
class RunCommandIT {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  /** Registering a node needs an OPERATOR or ADMIN key: the configured admin key. */
  static final String ADMIN_KEY = "oak_run-command-it-admin-key-00000000000000";
  static final String NODE = """
      {"location": {"lat": -30.17, "lon": -70.80, "elevation_m": 2200},
       "aperture_mm": 400, "fov_deg": 0.5, "mount_type": "ALTAZ", "control_protocol": "ASCOM_ALPACA"}""";

  @TempDir Path dataDir;

  /** Ports 0: each start picks free ones, so a restart cannot lose a port to another process. */
  Config config() {
    return Config.from(Map.of(
        "CASSANDRA_LOCAL_DATA_DIR", dataDir.toString(),
        "CASSANDRA_PORT", "0",
        "CASSANDRA_LOCAL_STORAGE_PORT", "0",
        "HTTP_PORT", "0",
        "MQTT_PORT", "0",
        "HTTP_HOST", "127.0.0.1",
        "ADMIN_API_KEY", ADMIN_KEY));
  }

  @Test
  void embeddedNodeKeepsRegisteredNodesAcrossRestartAndStopsWithTheSystem() throws Exception {
    Config config = config();
    String nodeId;
    long cassandraPid;
    try (OpenAstroSystem system = OpenAstroSystem.start(config)) {
      cassandraPid = cassandraChild(dataDir).orElseThrow().pid();
      HttpResponse<String> created = post(system.httpPort(), "/api/v1/nodes", NODE);
      assertThat(created.statusCode()).isEqualTo(201);
      nodeId = new JsonObject(created.body()).getString("node_id");
      assertThat(get(system.httpPort(), "/health/ready").statusCode()).isEqualTo(200);
    }
    assertThat(ProcessHandle.of(cassandraPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));

    try (OpenAstroSystem system = OpenAstroSystem.start(config)) {
      HttpResponse<String> fetched = get(system.httpPort(), "/api/v1/nodes/" + nodeId);
      assertThat(fetched.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(fetched.body()).getString("mount_type")).isEqualTo("ALTAZ");

      // Cassandra gone: the pod must stop taking traffic, but stay alive...
      ProcessHandle cassandra = cassandraChild(dataDir).orElseThrow();
      cassandra.destroyForcibly();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(get(system.httpPort(), "/health/ready").statusCode()).isEqualTo(503));
      assertThat(get(system.httpPort(), "/health/live").statusCode()).isEqualTo(200);
      // ...until the process that owns the node has relaunched it on the same data.
      await().atMost(Duration.ofMinutes(3)).untilAsserted(() ->
          assertThat(get(system.httpPort(), "/health/ready").statusCode()).isEqualTo(200));
      assertThat(cassandraChild(dataDir).orElseThrow().pid()).isNotEqualTo(cassandra.pid());
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(get(system.httpPort(), "/api/v1/nodes/" + nodeId).statusCode()).isEqualTo(200));
    }
    assertThat(cassandraChild(dataDir)).isEmpty();
  }

  /**
   * The node this test's system launched: the one whose command line names this test's data
   * directory (the test JVM may also run the shared test node of other test classes).
   */
  static Optional<ProcessHandle> cassandraChild(Path dataDir) {
    return ProcessHandle.current().descendants()
        .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains("-Dcassandra.storagedir=" + dataDir))
        .findFirst();
  }

  static HttpResponse<String> post(int port, String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json")
        .header("authorization", "Bearer " + ADMIN_KEY).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
