package org.openastro.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/**
 * Kubernetes probes. Live: the event loop answers. Ready: the storage answers too, so a pod whose
 * Cassandra is unreachable is taken out of the load balancer instead of failing requests.
 */
final class HealthRoutes implements ApiRoutes {
  private final Supplier<Future<Void>> storageCheck;

  HealthRoutes(Supplier<Future<Void>> storageCheck) {
    this.storageCheck = storageCheck;
  }

  @Override
  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(ctx -> storageCheck.get().onComplete(result -> {
      JsonObject cassandra = new JsonObject().put("status", result.succeeded() ? "UP" : "DOWN");
      if (result.failed()) {
        cassandra.put("error", String.valueOf(result.cause().getMessage()));
      }
      JsonObject body = new JsonObject()
          .put("status", result.succeeded() ? "UP" : "DOWN")
          .put("checks", new JsonObject().put("cassandra", cassandra));
      Responses.json(ctx, result.succeeded() ? 200 : 503, body);
    }));
  }
}
