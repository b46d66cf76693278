package org.openastro.gateway.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.ApiRoutes;

/** {@code GET /} (the console's page) and {@code GET /console/{asset}} (its scripts, styles, map data, licences). */
final class ConsoleRoutes implements ApiRoutes {
  private final ConsoleAssets assets;

  ConsoleRoutes(ConsoleAssets assets) {
    this.assets = assets;
  }

  @Override
  public void mount(Router router) {
    router.get("/").handler(ctx -> serve(ctx, "index.html"));
    router.get("/console/:asset").handler(ctx -> serve(ctx, ctx.pathParam("asset")));
  }

  private void serve(RoutingContext ctx, String name) {
    ConsoleAssets.Asset asset = assets.get(name);
    if (asset == null) {
      ctx.fail(new ApiException(ApiError.notFound("console file '" + name + "'")));
      return;
    }
    // no-cache: revalidated on every load, so a new gateway's console is never mixed with an old one's
    ctx.response().putHeader("content-type", asset.contentType()).putHeader("cache-control", "no-cache")
        .putHeader("x-content-type-options", "nosniff").end(asset.bytes());
  }
}
