package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.openastro.config.Config;
import org.openastro.testsupport.CassandraTestNode;

/**
 * One test's whole system, started as the run command starts it (gateway, scheduler, alerts) on the
 * test run's Cassandra node in a keyspace of its own, on loopback ports, with 1 s heartbeats and a
 * 200 ms tick; its HTTP API as an admin calls it; and the heartbeat timer of its simulated
 * telescopes, stopped with it.
 */
final class SystemUnderTest implements AutoCloseable {
  static final String ADMIN_KEY = "oak_system-under-test-admin-key-000000000";
  /** A telescope at 60°N: a target at dec +89° stays near 60° altitude all day. */
  static final String NODE_AT_60N = """
      {"location": {"lat": 60.0, "lon": 10.0, "elevation_m": 100},
       "aperture_mm": 300, "fov_deg": 1.0, "mount_type": "EQ", "control_protocol": "INDI"}""";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final OpenAstroSystem system;
  private final ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(2);

  private SystemUnderTest(OpenAstroSystem system) {
    this.system = system;
  }

  /** Started with {@code settings} over the defaults above. */
  static SystemUnderTest start(CassandraTestNode cassandra, String keyspacePrefix, Map<String, String> settings)
      throws Exception {
    Map<String, String> env = environment(cassandra, keyspacePrefix);
    env.putAll(Map.of("SCHEDULER_HEARTBEAT_INTERVAL", "1s", "SCHEDULER_TICK", "200ms", "SCHEDULER_MISSION_SWEEP", "1s"));
    env.putAll(settings);
    return new SystemUnderTest(OpenAstroSystem.start(Config.from(env)));
  }

  /** Where a test's system runs: the test run's Cassandra node, a keyspace of its own, loopback ports, the admin key. */
  static Map<String, String> environment(CassandraTestNode cassandra, String keyspacePrefix) {
    return new HashMap<>(Map.of(
        "CASSANDRA_CONTACT_POINTS", cassandra.contactPoint().getHostString() + ":" + cassandra.contactPoint().getPort(),
        "CASSANDRA_LOCAL_DC", cassandra.datacenter(),
        "CASSANDRA_KEYSPACE", cassandra.newKeyspaceName(keyspacePrefix),
        "HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1", "MQTT_PORT", "0", "MQTT_HOST", "127.0.0.1",
        "ADMIN_API_KEY", ADMIN_KEY));
  }

  /** A simulated telescope for the node the admin registered ({@code registered}: the 201's body). */
  MqttTelescope telescope(JsonObject registered) {
    return new MqttTelescope(registered, system.mqttPort(), heartbeats);
  }

  int mqttPort() {
    return system.mqttPort();
  }

  /** A new telescope at 60°N, registered by the admin: the answer with its secret. */
  JsonObject register() throws Exception {
    return post("/api/v1/nodes", NODE_AT_60N);
  }

  /** POST as the admin; the answer must be 200 or 201. */
  JsonObject post(String path, String body) throws Exception {
    HttpResponse<String> response = postAsAdmin(path, body);
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    return new JsonObject(response.body());
  }

  /** POST as the admin; the answer must have {@code status}. */
  JsonObject post(String path, String body, int status) throws Exception {
    HttpResponse<String> response = postAsAdmin(path, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return new JsonObject(response.body());
  }

  private HttpResponse<String> postAsAdmin(String path, String body) throws Exception {
    return send(request(path).header("content-type", "application/json")
        .header("authorization", "Bearer " + ADMIN_KEY).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  JsonObject get(String path) throws Exception {
    return new JsonObject(HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  String statusOf(MqttTelescope node) throws Exception {
    return get("/api/v1/nodes/" + node.id).getString("status");
  }

  void awaitStatus(MqttTelescope node, String expected) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statusOf(node)).isEqualTo(expected));
  }

  /** A request to this system's HTTP API, for what the helpers above do not cover. */
  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.httpPort() + path));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
    system.close();
  }
}
