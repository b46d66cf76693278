package org.openastro.alerts;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.openastro.alerts.NoticeOutcome.Kind;
import org.openastro.api.auth.ApiRole;
import org.openastro.api.auth.Caller;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.ApiRoutes;
import org.openastro.api.http.Responses;
import org.openastro.api.wire.WireJson;
import org.openastro.cql.mission.Mission;

/**
 * {@code POST /api/v1/alerts}: an external transient alert (GCN JSON notice, LVK notice, GCN
 * VOEvent, TNS object) goes through the {@link AlertLifecycle}: the event's first notice makes its
 * mission (201), a later one moves it when newer (200, {@code "changed": ["target", ...]}), a
 * retraction cancels it (200), and what makes or has no mission (a retraction of an unknown event,
 * a notice of a retracted event, an ignored test notice) is accepted with 202 and a body saying so.
 * A 200 body is always the mission, a 202 body never. Needs an API key with role SUBMITTER (or
 * ADMIN); the key's principal owns a mission it makes.
 */
public final class AlertRoutes implements ApiRoutes {
  private final AlertLifecycle lifecycle;
  private final AlertMetrics metrics;
  private final AlertReader reader = new AlertReader();

  public AlertRoutes(AlertLifecycle lifecycle, MeterRegistry registry) {
    this.lifecycle = lifecycle;
    this.metrics = new AlertMetrics(registry, "http");
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
        .compose(notice -> lifecycle.accept(notice, caller.principal(), Instant.now()))
        .recover(t -> Future.failedFuture(t instanceof AlertParseException e ? refusal(e) : t))
        .onSuccess(outcome -> {
          metrics.count(outcome.kind());
          if (outcome.mission() != null) {
            ctx.response().putHeader("location", "/api/v1/missions/" + outcome.mission().missionId());
          }
          Responses.json(ctx, status(outcome), answer(outcome));
        })
        .onFailure(ctx::fail);
  }

  /** 201 a mission made, 200 a mission (as it is after), 202 no mission. */
  static int status(NoticeOutcome o) {
    return o.kind() == Kind.CREATED ? 201 : o.mission() != null ? 200 : 202;
  }

  static JsonObject answer(NoticeOutcome o) {
    JsonObject json = o.mission() != null ? WireJson.mission(o.mission())
        : new JsonObject().put("mission_id", null).put("alert_source_id", o.notice().alertSourceId())
            .put("message", message(o.kind()));
    json.put("outcome", o.kind().wireName()).put("changed", new JsonArray(o.changed()));
    if (o.kind() == Kind.UPDATED) {
      json.put("tasks", new JsonObject().put("resent", o.resent()).put("replanned", o.replanned()));
    }
    if (!o.pointings().isEmpty()) {
      JsonArray pointings = new JsonArray();
      for (Mission m : o.pointings()) {
        pointings.add(new JsonObject()
            .put("mission_id", m.missionId().toString())
            .put("rank", m.alertLocalization().pointingRank())
            .put("target_ra", m.targetRa())
            .put("target_dec", m.targetDec())
            .put("probability", m.alertLocalization().pointingProbability())
            .put("priority", m.priority())
            .put("status", m.status().name()));
      }
      json.put("pointings", pointings).put("coverage", o.coverage());
    }
    JsonObject alert = alertJson(o.notice());
    if (o.skymapUnused() != null) {
      alert.put("skymap_unused", o.skymapUnused());
    }
    return json.put("alert", alert);
  }

  static String message(Kind kind) {
    return switch (kind) {
      case RETRACTION_RECORDED -> "no mission for this event: the retraction is recorded, and a later notice of the"
          + " event makes none";
      case RETRACTED_EVENT -> "the event was retracted: no mission is made";
      case IGNORED_TEST -> "a test notice: ignored (ALERT_ACCEPT_TEST_NOTICES is false)";
      default -> null;
    };
  }

  static JsonObject alertJson(Notice n) {
    JsonObject json = new JsonObject()
        .put("format", n.format().wireName())
        .put("source", n.source())
        .put("event_id", n.eventId());
    if (n instanceof Alert a) {
      // A notice localized by its sky map alone has a position once the map is read; null before.
      json.put("kind", a.kind().name())
          .put("ra", a.positionFromMap() ? null : a.ra())
          .put("dec", a.positionFromMap() ? null : a.dec())
          .put("error_radius_deg", a.errorRadiusDeg())
          .put("event_time", a.eventTime() == null ? null : a.eventTime().toString());
    }
    return json
        .put("issued_at", n.issuedAt() == null ? null : n.issuedAt().toString())
        .put("notice_type", n.noticeType())
        .put("retraction", n instanceof Retraction)
        .put("test", n.test());
  }

  private static ApiException refusal(AlertParseException e) {
    return new ApiException(new ApiError(400, e.code(), e.getMessage(), e.field()));
  }
}
