package org.openastro.scheduler.tom;

import io.vertx.ext.web.Router;
import org.openastro.api.http.ApiRoutes;
import org.openastro.api.intake.MissionIntake;
import org.openastro.cql.Store;
import org.openastro.cql.node.NodePages;
import org.openastro.cql.requestgroup.RequestGroupByRequest;
import org.openastro.cql.requestgroup.RequestGroupRepository;
import org.openastro.scheduler.intake.MissionCancel;

/**
 * The LCO observation-portal subset the TOM Toolkit's OCS facility calls (README "Use from a TOM"):
 * request groups in, missions out, the portal's reads answered from missions, tasks and the fleet.
 * Paths are the portal's, with their trailing slash; the two the TOM Toolkit calls without one
 * ({@code GET /api/requestgroups?request_id=}, {@code GET /api/requests/{id}}) are served as well.
 */
public final class PortalRoutes implements ApiRoutes {
  private final RequestGroupWrites writes;
  private final RequestGroupReads reads;
  private final PortalInfo info;

  /** Creation goes through {@code intake}, cancellation through {@code cancel}. Prepares statements: build at start-up. */
  public PortalRoutes(MissionIntake intake, MissionCancel cancel, Store store) {
    RequestGroupRepository groups = store.shared(RequestGroupRepository.class, RequestGroupRepository::new);
    RequestGroupViews views = new RequestGroupViews(groups,
        store.shared(RequestGroupByRequest.class, RequestGroupByRequest::new), store.missions());
    this.writes = new RequestGroupWrites(intake, cancel, groups, views);
    this.reads = new RequestGroupReads(views, store.tasks(), store.nodes());
    this.info = new PortalInfo(new Fleet(store.shared(NodePages.class, NodePages::new)));
  }

  @Override
  public void mount(Router router) {
    router.post("/api/requestgroups/").handler(writes::create);
    router.post("/api/requestgroups/validate/").handler(writes::validate);
    router.post("/api/requestgroups/:requestGroupId/cancel/").handler(writes::cancel);
    router.get("/api/requestgroups/").handler(reads::list);
    router.get("/api/requestgroups").handler(reads::list);
    router.get("/api/requestgroups/:requestGroupId/").handler(reads::group);
    router.get("/api/requests/:requestId/").handler(reads::request);
    router.get("/api/requests/:requestId").handler(reads::request);
    router.get("/api/requests/:requestId/observations/").handler(reads::observations);
    router.get("/api/profile/").handler(info::profile);
    router.get("/api/instruments/").handler(info::instruments);
    router.get("/api/telescope_states/").handler(info::telescopeStates);
  }
}
