package org.openastro.scheduler.tom;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import org.openastro.api.auth.ApiRole;
import org.openastro.api.auth.Caller;
import org.openastro.api.http.Responses;

/**
 * {@code GET /api/profile/} (the key's principal: a profile needs a key, as at the portal),
 * {@code GET /api/instruments/} and {@code GET /api/telescope_states/} (the fleet; open reads).
 */
final class PortalInfo {
  private final Fleet fleet;

  PortalInfo(Fleet fleet) {
    this.fleet = fleet;
  }

  void profile(RoutingContext ctx) {
    Responses.json(ctx, 200, PortalJson.profile(Caller.of(ctx).require(ApiRole.values())));
  }

  void instruments(RoutingContext ctx) {
    fleet.all().map(nodes -> PortalJson.instruments(InstrumentClasses.of(nodes).values()))
        .onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  /** The current state of each telescope (the portal's {@code start}/{@code end} history window is not kept). */
  void telescopeStates(RoutingContext ctx) {
    fleet.all().map(nodes -> PortalJson.telescopeStates(nodes, Instant.now()))
        .onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }
}
