package org.openastro.api.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Typed path parameters; a malformed one is a 400 naming the field. */
public final class PathParams {
  private PathParams() {}

  public static UUID uuid(RoutingContext ctx, String param, String field) {
    String text = ctx.pathParam(param);
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(field, field + " must be a UUID, not '" + text + "'");
    }
  }
}
