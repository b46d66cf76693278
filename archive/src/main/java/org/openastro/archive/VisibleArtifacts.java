package org.openastro.archive;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.UUID;
import org.openastro.api.auth.Caller;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.cql.artifact.Artifact;
import org.openastro.cql.artifact.ArtifactRepository;
import org.openastro.cql.mission.MissionRepository;

/** Reads one artifact as a caller may see it: 404 when unknown and when embargoed from the caller. */
final class VisibleArtifacts {
  private final ArtifactRepository artifacts;
  private final MissionRepository missions;
  private final Clock clock;

  VisibleArtifacts(ArtifactRepository artifacts, MissionRepository missions, Clock clock) {
    this.artifacts = artifacts;
    this.missions = missions;
    this.clock = clock;
  }

  Future<Artifact> find(UUID id, Caller caller) {
    return artifacts.find(id).compose(found -> {
      if (found.isEmpty()) {
        return notFound(id);
      }
      Artifact a = found.get();
      return switch (Embargo.access(a.publicAfter(), clock.instant(), caller)) {
        case VISIBLE -> Future.succeededFuture(a);
        case HIDDEN -> notFound(id);
        case ASK_OWNER -> missions.find(a.missionId()).compose(m ->
            m.isPresent() && Embargo.seesAll(m.get().owner(), caller) ? Future.succeededFuture(a) : notFound(id));
      };
    });
  }

  static <T> Future<T> notFound(UUID id) {
    // The same answer as for an id never registered: an embargo does not reveal that it exists.
    return Future.failedFuture(ApiException.notFound("artifact " + id));
  }
}
