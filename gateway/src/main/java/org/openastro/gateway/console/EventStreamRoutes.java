package org.openastro.gateway.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.openastro.api.http.ApiRoutes;
import org.openastro.api.http.OverloadedException;

/** {@code GET /api/v1/events}: the fleet's events as server-sent events (open to read, as the API's reads are). */
final class EventStreamRoutes implements ApiRoutes {
  static final String PATH = "/api/v1/events";
  private final EventStream stream;

  EventStreamRoutes(EventStream stream) {
    this.stream = stream;
  }

  @Override
  public void mount(Router router) {
    router.get(PATH).handler(this::open);
  }

  private void open(RoutingContext ctx) {
    if (!stream.open(ctx.vertx(), ctx.response(), ctx.request().getHeader("last-event-id"))) {
      ctx.fail(new OverloadedException("EVENTS_MAX_CLIENTS event-stream clients are held already"));
    }
  }
}
