package org.openastro.archive;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.api.auth.Caller;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.ListLimit;
import org.openastro.api.http.PathParams;
import org.openastro.api.http.Responses;
import org.openastro.cql.artifact.Artifact;
import org.openastro.cql.artifact.ArtifactRepository.ArtifactSummary;
import org.openastro.cql.artifact.ArtifactRepository;
import org.openastro.cql.mission.MissionRepository;

/**
 * {@code GET /api/v1/artifacts/{id}} and {@code GET /api/v1/missions/{id}/artifacts}, filtered by
 * embargo. The list filters on the index's copy of {@code public_after} first, then reads the
 * full rows of at most {@code limit} visible artifacts (in parallel), newest first.
 */
final class ArtifactReads {

  private final ArtifactRepository artifacts;
  private final MissionRepository missions;
  private final VisibleArtifacts visible;
  private final Clock clock;

  ArtifactReads(ArtifactRepository artifacts, MissionRepository missions, VisibleArtifacts visible, Clock clock) {
    this.artifacts = artifacts;
    this.missions = missions;
    this.visible = visible;
    this.clock = clock;
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
    Caller caller = Caller.of(ctx);
    Instant now = clock.instant();
    missions.find(missionId).compose(mission -> {
      if (mission.isEmpty()) {
        return Future.failedFuture(ApiException.notFound("mission " + missionId));
      }
      boolean seesAll = Embargo.seesAll(mission.get().owner(), caller);
      return artifacts.listByMission(missionId).compose(lines -> {
        List<ArtifactSummary> shown = lines.stream()
            .filter(s -> seesAll || Embargo.isPublic(s.publicAfter(), now))
            .limit(limit)
            .toList();
        List<Future<Optional<Artifact>>> reads = shown.stream().map(s -> artifacts.find(s.artifactId())).toList();
        return Future.all(reads).map(all -> {
          JsonArray out = new JsonArray();
          for (int i = 0; i < reads.size(); i++) {
            // The full row decides: the index's copy of the embargo is only the pre-filter.
            all.<Optional<Artifact>>resultAt(i)
                .filter(a -> seesAll || Embargo.isPublic(a.publicAfter(), now))
                .ifPresent(a -> out.add(ArtifactJson.of(a)));
          }
          return new JsonObject().put("artifacts", out);
        });
      });
    }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }
}
