package org.openastro.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.openastro.alerts.AlertLifecycle;
import org.openastro.alerts.AlertRoutes;
import org.openastro.api.http.ApiRoutes;
import org.openastro.archive.ArtifactRoutes;
import org.openastro.archive.store.ContentStore;
import org.openastro.archive.FrameRoutes;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.cql.mission.MissionPages;
import org.openastro.gateway.Gateway;
import org.openastro.gateway.console.Console;
import org.openastro.gateway.http.GatewayRoutes;
import org.openastro.scheduler.SchedulerSettings;
import org.openastro.scheduler.http.MissionRoutes;
import org.openastro.scheduler.http.VisibilityRoutes;
import org.openastro.scheduler.intake.Intake;
import org.openastro.scheduler.intake.MissionCancel;
import org.openastro.scheduler.tom.PortalRoutes;

/**
 * The HTTP route groups of a process with the gateway role, from every domain module, over one
 * store and one mission intake. Prepares statements: call at start-up, off the event loop.
 */
final class RouteGroups {
  private RouteGroups() {}

  /** As below, with a content store of its own (tests that start only the routes). */
  static List<ApiRoutes> of(Vertx vertx, Config config, Store store, Gateway gateway, MeterRegistry registry,
      Intake intake) {
    return of(vertx, config, store, gateway, registry, intake, ArtifactRoutes.contentStore(vertx, config));
  }

  /** {@code contents} is the process's one content store, shared with its stacker. */
  static List<ApiRoutes> of(Vertx vertx, Config config, Store store, Gateway gateway, MeterRegistry registry,
      Intake intake, ContentStore contents) {
    MissionCancel cancel = intake.cancelPath();
    List<ApiRoutes> groups = new ArrayList<>(GatewayRoutes.of(gateway));
    groups.add(new MissionRoutes(intake, store.missions(), store.tasks(), cancel,
        store.shared(MissionPages.class, MissionPages::new)));
    groups.add(new VisibilityRoutes(config.get(SchedulerSettings.SUN_MAX_ALTITUDE)));
    groups.add(new AlertRoutes(AlertLifecycle.of(intake, config, store), registry));
    groups.add(ArtifactRoutes.create(vertx, config, store, registry, contents));
    // The TOM Toolkit's facility API (LCO observation portal and archive): the same intake and cancel path.
    groups.add(new PortalRoutes(intake, cancel, store));
    groups.add(FrameRoutes.create(store));
    // The operator console (its page at /) and its live feed, from this process's event bus.
    groups.addAll(Console.routes(config, registry));
    return groups;
  }
}
