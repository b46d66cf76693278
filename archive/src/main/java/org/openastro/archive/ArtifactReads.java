package org.openastro.archive;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.openastro.api.auth.Caller;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.ListLimit;
import org.openastro.api.http.PathParams;
import org.openastro.api.http.Responses;
import org.openastro.cql.mission.MissionRepository;

/**
 * {@code GET /api/v1/artifacts/{id}} and {@code GET /api/v1/missions/{id}/artifacts}, filtered by
 * embargo ({@link VisibleArtifacts}): at most {@code limit} visible artifacts, newest first.
 */
final class ArtifactReads {
  private final MissionRepository missions;
  private final VisibleArtifacts visible;

  ArtifactReads(MissionRepository missions, VisibleArtifacts visible) {
    this.missions = missions;
    this.visible = visible;
  }

  void one(RoutingContext ctx) {
    // a bad id throws ApiException: the router hands it to the one failure handler (400, counted)
    UUID id = PathParams.uuid(ctx, "artifactId", "artifact_id");
    visible.find(id, Caller.of(ctx))
        .onSuccess(a -> Responses.json(ctx, 200, ArtifactJson.of(a)))
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    UUID missionId = PathParams.uuid(ctx, "missionId", "mission_id");
    int limit = ListLimit.of(ctx.queryParams().get("limit"));
    missions.find(missionId).compose(mission -> mission.isEmpty()
            ? Future.<VisibleArtifacts.Page>failedFuture(ApiException.notFound("mission " + missionId))
            : visible.ofMission(mission.get(), Caller.of(ctx), 0, limit))
        .map(page -> {
          JsonArray out = new JsonArray();
          page.artifacts().forEach(a -> out.add(ArtifactJson.of(a)));
          return new JsonObject().put("artifacts", out);
        })
        .onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }
}
