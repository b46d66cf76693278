package org.openastro.scheduler.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.openastro.cql.IdConflictException;

/** JSON in and out of the scheduler's routes, with the API's error shape. */
final class Replies {
  private Replies() {}

  static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(body instanceof JsonObject o ? o.toBuffer() : Buffer.buffer(String.valueOf(body)));
  }

  /**
   * Answers our own failures here; anything else (storage down, bugs) goes to the HTTP server's
   * failure handler, which answers 503 or 500 in the same shape.
   */
  static void fail(RoutingContext ctx, Throwable t) {
    if (t instanceof ApiFailure f) {
      json(ctx, f.status(), f.toJson());
    } else if (t instanceof IdConflictException c) {
      json(ctx, 409, new ApiFailure(409, "conflict", c.getMessage(), c.field()).toJson());
    } else {
      ctx.fail(t);
    }
  }

  static JsonObject body(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw new ApiFailure(400, "invalid_json", "the body is not a JSON object: the body is empty", null);
    }
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(body);
      if (parsed instanceof JsonObject o) {
        return o;
      }
    } catch (DecodeException e) {
      throw new ApiFailure(400, "invalid_json", "the body is not a JSON object: malformed JSON", null);
    }
    throw new ApiFailure(400, "invalid_json", "the body is not a JSON object: expected an object {...}", null);
  }

  static UUID pathUuid(RoutingContext ctx, String param, String field) {
    String text = ctx.pathParam(param);
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiFailure.invalid(field, field + " must be a UUID, not '" + text + "'");
    }
  }
}
