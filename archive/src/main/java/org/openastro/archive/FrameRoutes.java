package org.openastro.archive;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.UUID;
import org.openastro.api.auth.Caller;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.ApiRoutes;
import org.openastro.api.http.ListLimit;
import org.openastro.api.http.PathParams;
import org.openastro.api.http.Responses;
import org.openastro.cql.Store;
import org.openastro.cql.artifact.ArtifactRepository;
import org.openastro.cql.mission.MissionRepository;

/**
 * The LCO science archive's frame list, the part the TOM Toolkit reads for an observation's data
 * products: {@code GET /frames/?REQNUM=<request id>} (a request's id is its mission's id) pages the
 * mission's artifacts, and {@code GET /frames/{id}/} reads one, both with the embargo of the
 * artifact API ({@link VisibleArtifacts}): anonymous callers see public artifacts only, the
 * mission's owner and admins see all. A frame's {@code url} is the artifact's content endpoint.
 */
public final class FrameRoutes implements ApiRoutes {
  private final MissionRepository missions;
  private final VisibleArtifacts visible;

  public FrameRoutes(ArtifactRepository artifacts, MissionRepository missions, Clock clock) {
    this.missions = missions;
    this.visible = new VisibleArtifacts(artifacts, missions, clock);
  }

  /** Over the process's repositories (they prepare statements: call at start-up). */
  public static FrameRoutes create(Store store) {
    return new FrameRoutes(store.artifacts(), store.missions(), Clock.systemUTC());
  }

  @Override
  public void mount(Router router) {
    router.get("/frames/").handler(this::list);
    router.get("/frames/:frameId/").handler(this::one);
  }

  /** The archive's paging: {@code limit} and {@code offset}, {@code next}/{@code previous} as URLs. */
  private void list(RoutingContext ctx) {
    String reqnum = ctx.queryParams().get("REQNUM");
    if (reqnum == null || reqnum.isBlank()) {
      throw new ApiException(new ApiError(400, "missing_field", "REQNUM is required: frames are listed by request"
          + " (GET /frames/?REQNUM=<request id>)", "REQNUM"));
    }
    UUID missionId = PathParams.uuid(reqnum.trim(), "REQNUM");
    int limit = ListLimit.of(ctx.queryParams().get("limit"));
    int offset = offset(ctx.queryParams().get("offset"));
    String base = base(ctx);
    Caller caller = Caller.of(ctx);
    missions.find(missionId).compose(mission -> mission.isEmpty()
            // the archive filters: an unknown request has no frames, it is not an error
            ? Future.succeededFuture(new VisibleArtifacts.Page(java.util.List.of(), 0))
            : visible.ofMission(mission.get(), caller, offset, limit))
        .map(page -> {
          JsonArray results = new JsonArray();
          page.artifacts().forEach(a -> results.add(FrameJson.of(a, base)));
          String query = base + "/frames/?REQNUM=" + missionId + "&limit=" + limit + "&offset=";
          return new JsonObject().put("count", page.total())
              .put("next", offset + limit < page.total() ? query + (offset + limit) : null)
              .put("previous", offset > 0 ? query + Math.max(0, offset - limit) : null)
              .put("results", results);
        })
        .onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  private void one(RoutingContext ctx) {
    UUID id = PathParams.uuid(ctx, "frameId", "id");
    String base = base(ctx);
    visible.find(id, Caller.of(ctx)).onSuccess(a -> Responses.json(ctx, 200, FrameJson.of(a, base)))
        .onFailure(ctx::fail);
  }

  /** This server as the client reached it (its Host), for absolute URLs a TOM can fetch. */
  static String base(RoutingContext ctx) {
    HostAndPort a = ctx.request().authority();
    String host = a == null ? "localhost" : a.host() + (a.port() > 0 ? ":" + a.port() : "");
    return ctx.request().scheme() + "://" + host;
  }


  private static int offset(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      int v = Integer.parseInt(text.trim());
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // refused below
    }
    throw ApiException.invalid("offset", "offset must be a whole number of 0 or more");
  }
}
