package org.openastro.scheduler.intake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.openastro.api.intake.Localization;
import org.openastro.api.intake.MissionIntake;
import org.openastro.api.intake.Relocation;
import org.openastro.config.Config;
import org.openastro.cql.Created;
import org.openastro.cql.IdConflictException;
import org.openastro.cql.Store;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.events.EventAddresses;
import org.openastro.scheduler.SchedulerSettings;
import org.openastro.scheduler.plan.SkyView;
import org.openastro.scheduler.plan.StillInView;

/**
 * The mission intake: an idempotent create, then {@link EventAddresses#MISSION_CREATED} for a new
 * mission, so the scheduler (in this process or any other on the clustered bus) plans it at once;
 * and for an alert's later notices the cancel ({@link MissionCancel}, as the cancel endpoint) and
 * the move to a newer localization ({@link MissionRelocation}). Needs the mission, task and node
 * tables and the event bus, so a gateway-only process builds it without the scheduler's run loop.
 * If the process dies between the create and the event, the mission sweep still finds the
 * mission: the event makes planning fast, not correct.
 */
public final class Intake implements MissionIntake {
  private final MissionRepository missions;
  private final EventBus bus;
  private final MissionCancel cancel;
  private final MissionRelocation relocation;

  public Intake(MissionRepository missions, EventBus bus, MissionCancel cancel, MissionRelocation relocation) {
    this.missions = missions;
    this.bus = bus;
    this.cancel = cancel;
    this.relocation = relocation;
  }

  /**
   * The intake over {@code store} on {@code vertx}, judging visibility as the assigner does
   * ({@code SCHEDULER_SUN_MAX_ALTITUDE_DEG}, {@code SCHEDULER_ASSIGN_LOOKAHEAD}). Prepares
   * statements: build at start-up, off the event loop.
   */
  public static Intake of(Store store, Vertx vertx, Config config) {
    StillInView view = new StillInView(SkyView.real(config.get(SchedulerSettings.SUN_MAX_ALTITUDE)),
        config.get(SchedulerSettings.ASSIGN_LOOKAHEAD));
    return new Intake(store.missions(), vertx.eventBus(), new MissionCancel(store, vertx.eventBus()),
        new MissionRelocation(store, vertx, view));
  }

  /** The cancel path this intake cancels through, for the routes that cancel on request. */
  public MissionCancel cancelPath() {
    return cancel;
  }

  @Override
  public Future<Created<Mission>> submit(Mission mission) {
    return missions.create(mission).onSuccess(this::announce);
  }

  /**
   * A concurrent create of the same id meets this one in the LWT: whichever loses (a conflict, as
   * details differ) reads the winner's row.
   */
  @Override
  public Future<Created<Mission>> submitOrGet(Mission mission) {
    return missions.find(mission.missionId()).compose(existing -> existing.isPresent()
        ? Future.succeededFuture(new Created<>(existing.get(), false))
        : submit(mission).recover(t -> t instanceof IdConflictException
            ? missions.find(mission.missionId()).compose(raced -> raced.isPresent()
                ? Future.succeededFuture(new Created<>(raced.get(), false)) : Future.failedFuture(t))
            : Future.failedFuture(t)));
  }

  @Override
  public Future<Optional<Mission>> find(UUID missionId) {
    return missions.find(missionId);
  }

  @Override
  public Future<Mission> cancel(Mission mission, String reason, Instant now) {
    return cancel.cancel(mission, reason, now).map(MissionCancel.Outcome::mission);
  }

  @Override
  public Future<Relocation> relocate(Mission mission, Localization next, Instant now) {
    return relocation.relocate(mission, next, now);
  }

  private void announce(Created<Mission> created) {
    if (created.created()) {
      bus.publish(EventAddresses.MISSION_CREATED, createdEvent(created.value()));
    }
  }

  static JsonObject createdEvent(Mission m) {
    return new JsonObject()
        .put("mission_id", m.missionId().toString())
        .put("priority", m.priority())
        .put("science_case", m.scienceCase().name())
        .put("alert_source_id", m.alertSourceId())
        .put("created_at", m.createdAt().toString());
  }
}
