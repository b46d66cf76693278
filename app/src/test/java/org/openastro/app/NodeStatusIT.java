package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.config.Config;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * The node status rule of the README ("Node status"), end to end with the gateway and the
 * scheduler as the run command starts them: the status is what the node last said, except that
 * the scheduler marks a silent node FAULTED. So a new node, which has said nothing, stays PARKED
 * while it sends empty heartbeats; a FAULTED node heard again returns to ONLINE (the only statuses
 * it can have said before a fault are ONLINE and BUSY, and its work was taken back); a PARKED node
 * is never faulted for its silence.
 */
@ExtendWith(CassandraExtension.class)
class NodeStatusIT {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String ADMIN_KEY = "oak_node-status-it-admin-key-00000000000";
  static final String EMPTY = "";

  final ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(1);
  OpenAstroSystem system;

  @AfterEach
  void stop() {
    heartbeats.shutdownNow();
    if (system != null) {
      system.close();
    }
  }

  @Test
  void statusIsWhatTheNodeLastSaidUnlessItFellSilent(CassandraTestNode cassandra) throws Exception {
    system = OpenAstroSystem.start(Config.from(Map.of(
        "CASSANDRA_CONTACT_POINTS", cassandra.contactPoint().getHostString() + ":" + cassandra.contactPoint().getPort(),
        "CASSANDRA_LOCAL_DC", cassandra.datacenter(),
        "CASSANDRA_KEYSPACE", cassandra.newKeyspaceName("nodestatus"),
        "HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1", "MQTT_PORT", "0", "MQTT_HOST", "127.0.0.1",
        "SCHEDULER_HEARTBEAT_INTERVAL", "1s", "SCHEDULER_TICK", "200ms")).with(Map.of("ADMIN_API_KEY", ADMIN_KEY)));
    MqttTelescope node = new MqttTelescope(register(), system.mqttPort(), heartbeats);
    assertThat(status(node)).isEqualTo("PARKED");

    // Alive but silent about its status: a new node stays PARKED, several fault times long.
    Instant connected = Instant.now();
    node.connect();
    node.heartbeatEvery(EMPTY);
    await().atMost(Duration.ofSeconds(30)).until(() -> lastHeartbeat(node) != null
        && lastHeartbeat(node).isAfter(connected.plusSeconds(5)));
    assertThat(status(node)).as("empty heartbeats never make a new node ONLINE").isEqualTo("PARKED");

    node.heartbeatEvery("{\"status\": \"ONLINE\"}");
    awaitStatus(node, "ONLINE");

    node.goSilent();
    awaitStatus(node, "FAULTED");
    // Heard again, with nothing to say: back to ONLINE, what it said before it fell silent.
    node.connect();
    node.heartbeatEvery(EMPTY);
    awaitStatus(node, "ONLINE");

    node.goSilent();
    awaitStatus(node, "FAULTED");
    node.connect();
    node.heartbeatEvery("{\"status\": \"PARKED\"}");
    awaitStatus(node, "PARKED");
    // A parked node's silence is expected: it stays PARKED.
    Instant parkedBeat = lastHeartbeat(node);
    node.goSilent();
    await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(1))
        .during(Duration.ofSeconds(5)).until(() -> "PARKED".equals(status(node)));
    assertThat(lastHeartbeat(node)).isAfterOrEqualTo(parkedBeat);
  }

  private void awaitStatus(MqttTelescope node, String expected) {
    await().atMost(Duration.ofSeconds(30)).until(() -> expected.equals(status(node)));
  }

  private String status(MqttTelescope node) throws Exception {
    return get("/api/v1/nodes/" + node.id).getString("status");
  }

  private Instant lastHeartbeat(MqttTelescope node) throws Exception {
    String at = get("/api/v1/nodes/" + node.id).getString("last_heartbeat");
    return at == null ? null : Instant.parse(at);
  }

  private JsonObject register() throws Exception {
    HttpResponse<String> response = HTTP.send(request("/api/v1/nodes").header("content-type", "application/json")
        .header("authorization", "Bearer " + ADMIN_KEY).POST(HttpRequest.BodyPublishers.ofString("""
            {"location": {"lat": 60.0, "lon": 10.0, "elevation_m": 100},
             "aperture_mm": 300, "fov_deg": 1.0, "mount_type": "EQ", "control_protocol": "INDI"}""")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return new JsonObject(response.body());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.httpPort() + path));
  }

  private JsonObject get(String path) throws Exception {
    return new JsonObject(HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString()).body());
  }
}
