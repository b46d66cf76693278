package org.openastro.scheduler.tom;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.requestgroup.RequestGroup;
import org.openastro.cql.requestgroup.RequestGroupByRequest;
import org.openastro.cql.requestgroup.RequestGroupRepository;

/** Reads a request group with its missions, by the group's id or by one of its requests' ids. */
final class RequestGroupViews {
  private final RequestGroupRepository groups;
  private final RequestGroupByRequest byRequest;
  private final MissionRepository missions;

  RequestGroupViews(RequestGroupRepository groups, RequestGroupByRequest byRequest, MissionRepository missions) {
    this.groups = groups;
    this.byRequest = byRequest;
    this.missions = missions;
  }

  /** A group and the missions of its requests, in the order of its requests. */
  record View(RequestGroup group, List<Mission> missions) {
    int indexOf(UUID requestId) {
      return group.requestIds().indexOf(requestId);
    }
  }

  Future<Optional<View>> byId(UUID groupId) {
    return groups.find(groupId).compose(found -> found.isEmpty() ? Future.succeededFuture(Optional.empty())
        : withMissions(found.get()).map(Optional::of));
  }

  Future<Optional<View>> byRequest(UUID requestId) {
    return byRequest.groupOf(requestId).compose(group -> group.isEmpty() ? Future.succeededFuture(Optional.empty())
        // an index row whose group row is missing (a create that crashed half-way) shows nothing
        : byId(group.get()));
  }

  private Future<View> withMissions(RequestGroup g) {
    List<Future<Optional<Mission>>> reads = g.requestIds().stream().map(missions::find).toList();
    return Future.all(reads).map(all -> new View(g, reads.stream().map(f -> f.result().orElseThrow(() ->
        // the group row is written only after all its missions: a missing one is lost data
        new IllegalStateException("request group " + g.requestGroupId() + " lists a mission that does not exist")))
        .toList()));
  }
}
