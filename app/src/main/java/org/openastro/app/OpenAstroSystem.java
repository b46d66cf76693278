package org.openastro.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openastro.config.Config;
import org.openastro.gateway.Gateway;
import org.openastro.gateway.http.GatewayHttp;
import org.openastro.gateway.mqtt.MqttGatewayVerticle;
import org.openastro.gateway.http.HttpApiVerticle;
import org.openastro.scheduler.SchedulerParts;
import org.openastro.scheduler.SchedulerSettings;
import org.openastro.scheduler.SchedulerVerticle;
import org.openastro.scheduler.http.MissionRoutes;
import org.openastro.scheduler.http.VisibilityRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gateway and scheduler in one process over one Cassandra: what the run command starts. */
public final class OpenAstroSystem implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAstroSystem.class);

  private final Storage storage;
  private final Vertx vertx;
  private final HttpApiVerticle http;
  private final MqttGatewayVerticle mqtt;
  private final Duration grace;

  private OpenAstroSystem(Storage storage, Vertx vertx, HttpApiVerticle http, MqttGatewayVerticle mqtt,
      Duration grace) {
    this.storage = storage;
    this.vertx = vertx;
    this.http = http;
    this.mqtt = mqtt;
    this.grace = grace;
  }

  /** Starts everything, blocking until it serves or failed (then nothing is left running). */
  public static OpenAstroSystem start(Config config) throws Exception {
    AllSettings.validate(config);
    Duration grace = config.get(ShutdownSettings.GRACE);
    Storage storage = Storage.open(config);
    Vertx vertx = null;
    try {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      vertx = Vertx.builder()
          .with(new io.vertx.core.VertxOptions().setMetricsOptions(
              new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
          .withMetrics(new MicrometerMetricsFactory(registry))
          .build();
      Gateway gateway = new Gateway(config, storage.session(), registry);
      SchedulerParts scheduler = SchedulerParts.build(storage.session(), config);
      HttpApiVerticle http = GatewayHttp.verticle(gateway, storage.session(), registry, List.of(
          new MissionRoutes(scheduler.missions(), scheduler.tasks()),
          new VisibilityRoutes(config.get(SchedulerSettings.SUN_MAX_ALTITUDE))));
      MqttGatewayVerticle mqtt = new MqttGatewayVerticle(gateway);
      await(vertx.deployVerticle(new SchedulerVerticle(scheduler)), grace);
      await(vertx.deployVerticle(http), grace);
      await(vertx.deployVerticle(mqtt), grace);
      return new OpenAstroSystem(storage, vertx, http, mqtt, grace);
    } catch (Exception | Error e) {
      if (vertx != null) {
        vertx.close();
      }
      storage.close();
      throw e;
    }
  }

  public int httpPort() {
    return http.actualPort();
  }

  /** The MQTT port actually bound (differs from MQTT_PORT when that was 0). */
  public int mqttPort() {
    return mqtt.actualPort();
  }

  /** Stops serving, closes the session, and stops the local Cassandra node if this process started it. */
  @Override
  public void close() {
    try {
      await(vertx.close(), grace);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly within {}", grace, e);
    } finally {
      storage.close();
    }
  }

  private static <T> T await(io.vertx.core.Future<T> future, Duration timeout) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
