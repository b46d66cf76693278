package org.openastro.gateway.mqtt;

import com.datastax.oss.driver.api.core.CqlSession;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openastro.api.ApiPlatform;
import org.openastro.api.auth.SecretHasher;
import org.openastro.api.http.HttpApiVerticle;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.cql.testing.Await;
import org.openastro.gateway.Gateway;
import org.openastro.gateway.http.GatewayRoutes;

/** A gateway (HTTP + MQTT) on free ports over a given session, and helpers to register and connect nodes. */
public final class GatewayFixture implements AutoCloseable {
  public static final String REGISTRATION = """
      {"location": {"lat": 28.76, "lon": -17.88, "elevation_m": 2396},
       "aperture_mm": 356, "fov_deg": 0.8, "filters": ["V"], "mount_type": "EQ", "control_protocol": "INDI"}""";
  /** The configured ADMIN_API_KEY of every fixture (registration needs an OPERATOR or ADMIN key). */
  public static final String ADMIN_KEY = "oak_gateway-fixture-admin-key-0123456789abcdef";

  public final Vertx vertx = Vertx.vertx();
  public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  public final Gateway gateway;
  private final SecretHasher hasher;
  public final HttpApiVerticle http;
  public final MqttGatewayVerticle mqtt;
  public final HttpClient httpClient = HttpClient.newHttpClient();

  public GatewayFixture(CqlSession session, Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(Map.of("HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1",
        "MQTT_PORT", "0", "MQTT_HOST", "127.0.0.1", "AUTH_BCRYPT_COST", "4", "ADMIN_API_KEY", ADMIN_KEY));
    all.putAll(settings);
    Config config = Config.from(all);
    Store store = new Store(session);
    hasher = ApiPlatform.hasher(config);
    gateway = new Gateway(config, store, hasher, registry);
    http = ApiPlatform.server(config, store, hasher, registry, GatewayRoutes.of(gateway));
    mqtt = new MqttGatewayVerticle(gateway);
    Await.result(vertx.deployVerticle(http));
    Await.result(vertx.deployVerticle(mqtt));
  }

  /** The HTTP server a gateway process runs (platform routes and the gateway's), without MQTT. */
  public static HttpApiVerticle server(Config config, CqlSession session, MeterRegistry registry) {
    Store store = new Store(session);
    Gateway gateway = new Gateway(config, store, ApiPlatform.hasher(config), registry);
    java.util.List<org.openastro.api.http.ApiRoutes> groups = new java.util.ArrayList<>(GatewayRoutes.of(gateway));
    groups.addAll(org.openastro.gateway.console.Console.routes(config, registry)); // as the app mounts them
    return ApiPlatform.server(config, store, gateway.authenticator().hasher(), registry, groups);
  }

  public record Registered(UUID nodeId, String secret) {}

  public Registered register() throws Exception {
    HttpResponse<String> response = send("POST", "/api/v1/nodes", REGISTRATION, ADMIN_KEY);
    if (response.statusCode() != 201) {
      throw new IllegalStateException(response.body());
    }
    JsonObject body = new JsonObject(response.body());
    return new Registered(UUID.fromString(body.getString("node_id")), body.getString("secret"));
  }

  public HttpResponse<String> send(String method, String path, String body, String bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.actualPort() + path))
        .header("content-type", "application/json");
    if (bearer != null) {
      request.header("authorization", "Bearer " + bearer);
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return httpClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public Mqtt5BlockingClient mqtt5(Registered node) {
    return Mqtt5Client.builder().identifier(node.nodeId().toString())
        .serverHost("127.0.0.1").serverPort(mqtt.actualPort()).buildBlocking();
  }

  public double counter(String name, String tag, String value) {
    var c = registry.find(name).tag(tag, value).counter();
    return c == null ? 0 : c.count();
  }

  /** The port of the plain MQTT listener. */
  public int mqttPort() {
    return mqtt.actualPort();
  }

  @Override
  public void close() {
    Await.result(vertx.close());
    hasher.close();
  }
}
