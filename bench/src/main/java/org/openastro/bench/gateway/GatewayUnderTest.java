package org.openastro.bench.gateway;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openastro.api.ApiPlatform;
import org.openastro.api.auth.SecretHasher;
import org.openastro.api.http.HttpApiVerticle;
import org.openastro.app.VertxSetup;
import org.openastro.bench.gateway.MqttNodes.Credentials;
import org.openastro.config.Config;
import org.openastro.cql.CqlSessions;
import org.openastro.cql.Store;
import org.openastro.gateway.Gateway;
import org.openastro.gateway.http.GatewayRoutes;
import org.openastro.gateway.mqtt.MqttGatewayVerticle;

/**
 * The real gateway (HTTP + MQTT verticles, as GatewayFixture and OpenAstroSystem deploy them, on
 * the Vert.x the system builds, {@link VertxSetup}) in the benchmark JVM, on 127.0.0.1 and free
 * ports, over its own session to keyspace bench_gateway.
 */
final class GatewayUnderTest implements AutoCloseable {
  private static final String REGISTRATION = "{\"location\": {\"lat\": 28.76, \"lon\": -17.88, \"elevation_m\": 2396},"
      + " \"aperture_mm\": 356, \"fov_deg\": 0.8, \"filters\": [\"V\"], \"mount_type\": \"EQ\","
      + " \"control_protocol\": \"INDI\"}";
  /** The configured admin key: registration needs an OPERATOR or ADMIN key. Random per run (never a known default). */
  private static final String ADMIN_KEY = "oak_bench-" + java.util.UUID.randomUUID().toString().replace("-", "");

  final Map<String, String> settings;
  final CqlSession session;
  final MqttGatewayVerticle mqtt;
  final PrometheusMeterRegistry registry;
  private final Vertx vertx;
  private final Gateway gateway;
  private final SecretHasher hasher;
  private final HttpApiVerticle http;

  GatewayUnderTest(List<InetSocketAddress> contact, String dc, String bcryptCost, Map<String, String> overrides)
      throws Exception {
    settings = new HashMap<>(Map.of("HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1",
        "MQTT_PORT", "0", "MQTT_HOST", "127.0.0.1", "AUTH_BCRYPT_COST", bcryptCost, "ADMIN_API_KEY", ADMIN_KEY));
    settings.putAll(overrides);
    Config config = Config.from(settings);
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    vertx = VertxSetup.builder(config, VertxSetup.options(), registry).build();
    session = CqlSessions.open(config, contact, dc, "bench_gateway");
    Store store = new Store(session);
    hasher = ApiPlatform.hasher(config);
    gateway = new Gateway(config, store, hasher, registry);
    http = ApiPlatform.server(config, store, hasher, registry, GatewayRoutes.of(gateway));
    mqtt = new MqttGatewayVerticle(gateway);
    vertx.deployVerticle(http).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    vertx.deployVerticle(mqtt).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  int httpPort() {
    return http.actualPort();
  }

  int mqttPort() {
    return mqtt.actualPort();
  }

  /** Registers {@code count} nodes through POST /api/v1/nodes (32 at a time); their ids and secrets. */
  List<Credentials> register(int count) throws Exception {
    HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
    Semaphore permits = new Semaphore(32);
    List<CompletableFuture<Credentials>> all = new ArrayList<>(count);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + "/api/v1/nodes"))
        .header("content-type", "application/json").header("authorization", "Bearer " + ADMIN_KEY)
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

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    hasher.close();
    session.close();
  }
}
