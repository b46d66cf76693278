package org.openastro.api.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Typed path (and query) parameters; a malformed one is a 400 naming the field. */
public final class PathParams {
  private PathParams() {}

  public static UUID uuid(RoutingContext ctx, String param, String field) {
    return uuid(ctx.pathParam(param), field);
  }

  /** {@code text} (a path or query parameter's value) as a UUID. */
  public static UUID uuid(String text, String field) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(field, field + " must be a UUID, not '" + text + "'");
    }
  }
}
