package org.openastro.alerts;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.openastro.config.Config;
import org.openastro.cql.Created;
import org.openastro.cql.IdConflictException;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.events.EventAddresses;
import org.openastro.gateway.auth.ApiRole;
import org.openastro.gateway.http.ApiError;
import org.openastro.gateway.http.ApiException;
import org.openastro.gateway.http.ApiRoutes;
import org.openastro.gateway.http.Caller;
import org.openastro.gateway.http.Responses;
import org.openastro.scheduler.wire.WireJson;

/**
 * {@code POST /api/v1/alerts}: an external transient alert (GCN JSON notice, GCN VOEvent, TNS
 * object) becomes a mission, 201; the same event again answers 200 with the mission it already
 * made, unchanged (a later notice refining the position does not move work under way).
 * Needs an API key with role SUBMITTER (or ADMIN); the key's principal owns the mission.
 * After the create it publishes {@link EventAddresses#MISSION_CREATED} so the scheduler plans and
 * assigns it at once instead of at its next mission sweep.
 */
public final class AlertRoutes implements ApiRoutes {
  private final MissionRepository missions;
  private final AlertRules rules;
  private final AlertReader reader = new AlertReader();

  /** {@code missions}: built at start-up (prepares statements); {@code config}: for {@code ALERT_RULES}. */
  public AlertRoutes(MissionRepository missions, Config config) {
    this(missions, config.get(AlertSettings.ALERT_RULES));
  }

  public AlertRoutes(MissionRepository missions, AlertRules rules) {
    this.missions = missions;
    this.rules = rules;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/alerts").handler(this::post);
  }

  private void post(RoutingContext ctx) {
    Caller caller = Caller.of(ctx).require(ApiRole.SUBMITTER);
    Buffer body = ctx.body().buffer();
    String text = body == null ? "" : body.toString(StandardCharsets.UTF_8);
    String contentType = ctx.request().getHeader("content-type");
    // Parsing (XML especially) is CPU work: off the event loop; the body is bounded by HTTP_MAX_BODY_BYTES.
    ctx.vertx().executeBlocking(() -> reader.read(contentType, text), false)
        .recover(t -> Future.failedFuture(t instanceof AlertParseException e ? refusal(e) : t))
        .compose(alert -> {
          Mission wanted = rules.missionFor(alert, caller.principal(), Instant.now());
          return findOrCreate(ctx, wanted).map(created -> {
            ctx.response().putHeader("location", "/api/v1/missions/" + created.value().missionId());
            return new Answer(created.created() ? 201 : 200, WireJson.mission(created.value())
                .put("alert", alertJson(alert)));
          });
        })
        .onSuccess(answer -> Responses.json(ctx, answer.status(), answer.body()))
        .onFailure(ctx::fail);
  }

  private record Answer(int status, JsonObject body) {}

  /**
   * The mission already made for this event, or a new one. The id is derived from the alert, so a
   * concurrent create of the same event meets this one in the LWT: whichever loses (a conflict,
   * since times differ) reads the winner's row.
   */
  private Future<Created<Mission>> findOrCreate(RoutingContext ctx, Mission wanted) {
    return missions.find(wanted.missionId()).compose(existing -> existing.isPresent()
        ? Future.succeededFuture(new Created<>(existing.get(), false))
        : missions.create(wanted)
            .onSuccess(created -> {
              if (created.created()) {
                ctx.vertx().eventBus().publish(EventAddresses.MISSION_CREATED, createdEvent(created.value()));
              }
            })
            .recover(t -> t instanceof IdConflictException
                ? missions.find(wanted.missionId()).compose(raced -> raced.isPresent()
                    ? Future.succeededFuture(new Created<>(raced.get(), false)) : Future.failedFuture(t))
                : Future.failedFuture(t)));
  }

  static JsonObject createdEvent(Mission m) {
    return new JsonObject()
        .put("mission_id", m.missionId().toString())
        .put("priority", m.priority())
        .put("science_case", m.scienceCase().name())
        .put("alert_source_id", m.alertSourceId())
        .put("created_at", m.createdAt().toString());
  }

  static JsonObject alertJson(Alert a) {
    return new JsonObject()
        .put("format", a.format().wireName())
        .put("source", a.source())
        .put("event_id", a.eventId())
        .put("kind", a.kind().name())
        .put("ra", a.ra())
        .put("dec", a.dec())
        .put("error_radius_deg", a.errorRadiusDeg())
        .put("event_time", a.eventTime() == null ? null : a.eventTime().toString())
        .put("issued_at", a.issuedAt() == null ? null : a.issuedAt().toString())
        .put("notice_type", a.noticeType());
  }

  private static ApiException refusal(AlertParseException e) {
    return new ApiException(new ApiError(400, e.code(), e.getMessage(), e.field()));
  }
}
