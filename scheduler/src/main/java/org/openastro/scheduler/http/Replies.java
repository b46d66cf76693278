package org.openastro.scheduler.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.openastro.gateway.http.PathParams;
import org.openastro.gateway.http.Responses;

/** JSON in and out of the scheduler's routes, through the gateway's HTTP helpers. */
final class Replies {
  private Replies() {}

  static void json(RoutingContext ctx, int status, JsonObject body) {
    Responses.json(ctx, status, body);
  }

  /** Every failure goes to the HTTP server's failure handler: one error shape, one set of metrics. */
  static void fail(RoutingContext ctx, Throwable t) {
    ctx.fail(t);
  }

  static JsonObject body(RoutingContext ctx) {
    return Responses.bodyObject(ctx);
  }

  static UUID pathUuid(RoutingContext ctx, String param, String field) {
    return PathParams.uuid(ctx, param, field);
  }
}
