package org.openastro.scheduler.intake;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import org.openastro.api.intake.MissionIntake;
import org.openastro.cql.Created;
import org.openastro.cql.IdConflictException;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.events.EventAddresses;

/**
 * The mission intake: an idempotent create, then {@link EventAddresses#MISSION_CREATED} for a new
 * mission, so the scheduler (in this process or any other on the clustered bus) plans it at once.
 * Needs only the mission table and the event bus, so a gateway-only process builds it without any
 * of the scheduler's other parts. If the process dies between the create and the event, the
 * mission sweep still finds the mission: the event makes planning fast, not correct.
 */
public final class Intake implements MissionIntake {
  private final MissionRepository missions;
  private final EventBus bus;

  public Intake(MissionRepository missions, EventBus bus) {
    this.missions = missions;
    this.bus = bus;
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
