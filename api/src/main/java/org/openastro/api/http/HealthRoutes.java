package org.openastro.api.http;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.openastro.cql.VertxFutures;

/**
 * Kubernetes probes. Live: the event loop answers. Ready: the storage answers too, and in
 * clustered mode this process is an active member of the cluster, so a pod whose Cassandra is
 * unreachable or that dropped out of the cluster (and so would miss downlink and connection
 * events) is taken out of the load balancer instead of failing requests.
 */
public final class HealthRoutes implements ApiRoutes {
  private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(2);

  private final Supplier<Future<Void>> storageCheck;

  HealthRoutes(Supplier<Future<Void>> storageCheck) {
    this.storageCheck = storageCheck;
  }

  /** Probes answering from {@code session}. Prepares a statement, so call it at start-up, off the event loop. */
  public static HealthRoutes forSession(CqlSession session) {
    PreparedStatement probe = session.prepare("SELECT release_version FROM system.local");
    return new HealthRoutes(() -> VertxFutures.onCallerContext(
        session.executeAsync(probe.bind().setTimeout(READINESS_TIMEOUT))).mapEmpty());
  }

  @Override
  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(ctx -> storageCheck.get().onComplete(result -> {
      JsonObject cassandra = new JsonObject().put("status", result.succeeded() ? "UP" : "DOWN");
      if (result.failed()) {
        cassandra.put("error", String.valueOf(result.cause().getMessage()));
      }
      JsonObject checks = new JsonObject().put("cassandra", cassandra);
      boolean up = result.succeeded();
      JsonObject cluster = clusterCheck(ctx.vertx());
      if (cluster != null) {
        checks.put("cluster", cluster);
        up &= "UP".equals(cluster.getString("status"));
      }
      Responses.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks));
    }));
  }

  /**
   * Null when not clustered. Otherwise UP when the cluster manager is active and this member is in
   * its own member list (a Hazelcast instance that shut down answers neither). Local reads only:
   * the member list is kept by the cluster manager, nothing goes over the network.
   */
  static JsonObject clusterCheck(Vertx vertx) {
    if (!vertx.isClustered()) {
      return null;
    }
    // The cluster manager is reachable only through the internal interface; reading its state is all we do.
    ClusterManager manager = ((VertxInternal) vertx).clusterManager();
    JsonObject check = new JsonObject();
    try {
      List<String> members = manager.isActive() ? manager.getNodes() : List.of();
      boolean up = members.contains(manager.getNodeId());
      check.put("status", up ? "UP" : "DOWN").put("members", members.size());
    } catch (RuntimeException e) {
      check.put("status", "DOWN").put("error", String.valueOf(e.getMessage()));
    }
    return check;
  }
}
