package org.openastro.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openastro.alerts.kafka.GcnKafkaVerticle;
import org.openastro.api.ApiPlatform;
import org.openastro.api.auth.SecretHasher;
import org.openastro.api.http.ApiRoutes;
import org.openastro.api.http.HttpApiVerticle;
import org.openastro.archive.ArchiveProducts;
import org.openastro.archive.ArtifactRoutes;
import org.openastro.archive.store.ContentStore;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.gateway.Gateway;
import org.openastro.gateway.mqtt.MqttGatewayVerticle;
import org.openastro.scheduler.SchedulerVerticle;
import org.openastro.scheduler.intake.Intake;
import org.openastro.scheduler.run.SchedulerAssembly;
import org.openastro.stacker.StackerVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the run command starts over one Cassandra: by default gateway, scheduler and stacker in one
 * unclustered process; with PROCESS_ROLES some of them, and with CLUSTER_ENABLED sharing a
 * Hazelcast-clustered event bus with the other processes (downlink, heartbeat and connection
 * events then reach every gateway and scheduler wherever they run).
 */
public final class OpenAstroSystem implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAstroSystem.class);

  private final Storage storage;
  private final Vertx vertx;
  private final SecretHasher hasher;
  private final HttpApiVerticle http;
  private final MqttGatewayVerticle mqtt;
  private final Duration grace;

  private OpenAstroSystem(Storage storage, Vertx vertx, SecretHasher hasher, HttpApiVerticle http,
      MqttGatewayVerticle mqtt, Duration grace) {
    this.storage = storage;
    this.vertx = vertx;
    this.hasher = hasher;
    this.http = http;
    this.mqtt = mqtt;
    this.grace = grace;
  }

  /** Starts everything, blocking until it serves or failed (then nothing is left running). */
  public static OpenAstroSystem start(Config config) throws Exception {
    AllSettings.validate(config);
    Duration grace = config.get(ShutdownSettings.GRACE);
    Set<ProcessRole> roles = config.get(ClusterSettings.ROLES);
    boolean clustered = config.get(ClusterSettings.ENABLED);
    // Built before anything connects, so a bad cluster setting fails before a Cassandra launch.
    HazelcastClusterManager clusterManager = clustered
        ? new HazelcastClusterManager(HazelcastSetup.memberConfig(config)) : null;
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Storage storage = Storage.open(config, registry);
    Vertx vertx = null;
    SecretHasher hasher = null;
    try {
      vertx = vertx(config, registry, clusterManager);
      Store store = new Store(storage.session());
      hasher = ApiPlatform.hasher(config);
      // One mission intake per process: the alert and mission routes and the GCN consumer share it.
      Intake intake = Intake.of(store, vertx, config);
      HttpApiVerticle http;
      MqttGatewayVerticle mqtt = null;
      if (roles.contains(ProcessRole.SCHEDULER)) {
        await(vertx.deployVerticle(new SchedulerVerticle(SchedulerAssembly.build(store, config, registry))), grace);
        if (GcnKafkaVerticle.enabled(config)) {
          await(vertx.deployVerticle(GcnKafkaVerticle.of(config, store, intake, registry)), grace);
        }
      }
      boolean stacking = roles.contains(ProcessRole.STACKER) && StackerVerticle.enabled(config);
      // One content store per process: the artifact routes and the stacker read and write the same
      // bytes, and an S3 store holds a client pool and threads of its own.
      ContentStore contents = roles.contains(ProcessRole.GATEWAY) || stacking
          ? ArtifactRoutes.contentStore(vertx, config) : null;
      if (roles.contains(ProcessRole.STACKER)) {
        if (stacking) {
          await(vertx.deployVerticle(StackerVerticle.of(config, store, ArchiveProducts.create(vertx, contents, store),
              registry)),
              grace);
        } else {
          LOG.info("STACKING_ENABLED=false: the stacker role stacks nothing (the completion webhook is the pipeline)");
        }
      }
      if (roles.contains(ProcessRole.GATEWAY)) {
        Gateway gateway = new Gateway(config, store, hasher, registry);
        http = ApiPlatform.server(config, store, hasher, registry, RouteGroups.of(vertx, config, store, gateway, registry,
            intake, contents));
        mqtt = new MqttGatewayVerticle(gateway);
      } else {
        // A scheduler-only (or stacker-only) process still answers the probes and is scraped like the others.
        http = ApiPlatform.probesOnly(config, store, registry);
      }
      await(vertx.deployVerticle(http), grace);
      if (mqtt != null) {
        await(vertx.deployVerticle(mqtt), grace);
      }
      LOG.info("Running {}{}", roles, clustered ? " in cluster '" + HazelcastSetup.CLUSTER_NAME + "' as member "
          + clusterManager.getNodeId() + " of " + clusterManager.getNodes().size() : " (not clustered)");
      return new OpenAstroSystem(storage, vertx, hasher, http, mqtt, grace);
    } catch (Exception | Error e) {
      if (vertx != null) {
        vertx.close();
      }
      if (hasher != null) {
        hasher.close();
      }
      storage.close();
      throw e;
    }
  }

  private static Vertx vertx(Config config, PrometheusMeterRegistry registry, HazelcastClusterManager clusterManager)
      throws Exception {
    VertxOptions options = VertxSetup.options();
    VertxBuilder builder = VertxSetup.builder(config, options, registry);
    if (clusterManager == null) {
      return builder.build();
    }
    String host = config.get(ClusterSettings.HOST);
    if (host != null) {
      options.getEventBusOptions().setHost(host).setClusterPublicHost(host);
    }
    options.getEventBusOptions().setPort(config.get(ClusterSettings.EVENT_BUS_PORT));
    Duration joinTimeout = config.get(ClusterSettings.JOIN_TIMEOUT);
    LOG.info("Joining the cluster (TCP/IP members {}, Kubernetes service {})",
        config.get(ClusterSettings.MEMBERS), config.get(ClusterSettings.KUBERNETES_SERVICE_DNS));
    try {
      return await(builder.with(options).withClusterManager(clusterManager).buildClustered(), joinTimeout);
    } catch (TimeoutException e) {
      throw new IllegalStateException("could not join the cluster within CLUSTER_JOIN_TIMEOUT=" + joinTimeout, e);
    }
  }

  public int httpPort() {
    return http.actualPort();
  }

  /** The route groups the HTTP server mounts (what the contract coverage check compares). */
  List<ApiRoutes> httpRouteGroups() {
    return http.routeGroups();
  }

  /** The MQTT port actually bound (differs from MQTT_PORT when that was 0); -1 without the gateway role. */
  public int mqttPort() {
    return mqtt == null ? -1 : mqtt.actualPort();
  }

  /** Stops serving, leaves the cluster, closes the session, and stops the local Cassandra node if this process started it. */
  @Override
  public void close() {
    try {
      await(vertx.close(), grace);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly within {}", grace, e);
    } finally {
      hasher.close();
      storage.close();
    }
  }

  private static <T> T await(Future<T> future, Duration timeout) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
