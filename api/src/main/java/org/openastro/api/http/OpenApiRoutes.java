package org.openastro.api.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/** {@code GET /openapi.yaml}: the document every request is validated against, as written. */
final class OpenApiRoutes implements ApiRoutes {
  static final String PATH = "/openapi.yaml";
  private final Supplier<Buffer> document;

  /** @param document the document's bytes (loaded when the server starts) */
  OpenApiRoutes(Supplier<Buffer> document) {
    this.document = document;
  }

  @Override
  public void mount(Router router) {
    router.get(PATH).handler(ctx -> ctx.response().putHeader("content-type", "application/yaml")
        .end(document.get()));
  }
}
