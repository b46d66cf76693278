package org.openastro.api.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.openastro.api.json.JsonErrors;
import org.openastro.api.json.JsonStrings;

/** JSON in and out of a route, with the API's error shape. */
public final class Responses {
  static final String JSON = "application/json";

  private Responses() {}

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", JSON).end(body.toBuffer());
  }

  static void error(RoutingContext ctx, ApiError error) {
    if (!ctx.response().ended()) {
      json(ctx, error.status(), error.toJson());
    }
  }

  /** The request body as a JSON object, or an {@link ApiException} saying why it is not one. */
  public static JsonObject bodyObject(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw new ApiException(ApiError.invalidJson("the body is empty"));
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(body); // JsonObject / JsonArray, unlike Buffer.toJson()
    } catch (DecodeException e) {
      throw new ApiException(ApiError.invalidJson(firstLine(e.getMessage())));
    }
    if (!(parsed instanceof JsonObject object)) {
      throw new ApiException(ApiError.invalidJson("expected an object {...}"));
    }
    JsonStrings.requireValidUnicode(object, JsonErrors.HTTP);
    return object;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
