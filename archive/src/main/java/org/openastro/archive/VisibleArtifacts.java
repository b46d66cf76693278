package org.openastro.archive;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.api.auth.Caller;
import org.openastro.api.http.ApiException;
import org.openastro.cql.artifact.Artifact;
import org.openastro.cql.artifact.ArtifactRepository;
import org.openastro.cql.artifact.ArtifactRepository.ArtifactSummary;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionRepository;

/**
 * Artifacts as a caller may see them ({@link Embargo}): one (404 when unknown and when embargoed
 * from the caller) or a page of a mission's. The one place the embargo is applied to reads, for
 * the artifact API and the portal's frames alike.
 */
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

  /**
   * An artifact as anyone may see it: 404 when unknown or embargoed, whoever asks. What is
   * published for all (a torrent, whose web seed is fetched anonymously) must be public itself.
   */
  Future<Artifact> findPublic(UUID id) {
    return find(id, Caller.ANONYMOUS);
  }

  /** A page of a mission's visible artifacts, newest first, and how many there are in all. */
  record Page(List<Artifact> artifacts, int total) {}

  /**
   * The artifacts of {@code mission} that {@code caller} may see, {@code limit} of them from
   * {@code offset}: filtered on the index's copy of the embargo first, then the full rows (read in
   * parallel, only those of the page) decide.
   */
  Future<Page> ofMission(Mission mission, Caller caller, int offset, int limit) {
    boolean seesAll = Embargo.seesAll(mission.owner(), caller);
    Instant now = clock.instant();
    return artifacts.listByMission(mission.missionId()).compose(lines -> {
      List<ArtifactSummary> visible = lines.stream().filter(s -> seesAll || Embargo.isPublic(s.publicAfter(), now))
          .toList();
      List<Future<Optional<Artifact>>> reads = visible.stream().skip(offset).limit(limit)
          .map(s -> artifacts.find(s.artifactId())).toList();
      return Future.all(reads).map(all -> {
        List<Artifact> page = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
          // The full row decides: the index's copy of the embargo is only the pre-filter.
          all.<Optional<Artifact>>resultAt(i).filter(a -> seesAll || Embargo.isPublic(a.publicAfter(), now))
              .ifPresent(page::add);
        }
        return new Page(page, visible.size());
      });
    });
  }

  static <T> Future<T> notFound(UUID id) {
    // The same answer as for an id never registered: an embargo does not reveal that it exists.
    return Future.failedFuture(ApiException.notFound("artifact " + id));
  }
}
