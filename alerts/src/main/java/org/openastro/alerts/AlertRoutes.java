package org.openastro.alerts;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.openastro.api.auth.ApiRole;
import org.openastro.api.auth.Caller;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.ApiRoutes;
import org.openastro.api.http.Responses;
import org.openastro.api.intake.MissionIntake;
import org.openastro.api.wire.WireJson;
import org.openastro.config.Config;
import org.openastro.cql.mission.Mission;

/**
 * {@code POST /api/v1/alerts}: an external transient alert (GCN JSON notice, GCN VOEvent, TNS
 * object) becomes a mission, 201; the same event again answers 200 with the mission it already
 * made, unchanged (a later notice refining the position does not move work under way).
 * Needs an API key with role SUBMITTER (or ADMIN); the key's principal owns the mission.
 * The mission goes in through the one {@link MissionIntake}, so it is planned and assigned at once.
 */
public final class AlertRoutes implements ApiRoutes {
  private final MissionIntake intake;
  private final AlertRules rules;
  private final AlertReader reader = new AlertReader();

  /** {@code config}: for {@code ALERT_RULES}. */
  public AlertRoutes(MissionIntake intake, Config config) {
    this(intake, config.get(AlertSettings.ALERT_RULES));
  }

  AlertRoutes(MissionIntake intake, AlertRules rules) {
    this.intake = intake;
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
          // The id is derived from the alert: the same event again is the mission already made.
          return intake.submitOrGet(wanted).map(created -> {
            ctx.response().putHeader("location", "/api/v1/missions/" + created.value().missionId());
            return new Answer(created.created() ? 201 : 200, WireJson.mission(created.value())
                .put("alert", alertJson(alert)));
          });
        })
        .onSuccess(answer -> Responses.json(ctx, answer.status(), answer.body()))
        .onFailure(ctx::fail);
  }

  private record Answer(int status, JsonObject body) {}

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
