package org.openastro.scheduler.tom;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openastro.api.auth.ApiRole;
import org.openastro.api.auth.Caller;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.PathParams;
import org.openastro.api.http.Responses;
import org.openastro.api.intake.MissionIntake;
import org.openastro.cql.Created;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.requestgroup.RequestGroup;
import org.openastro.cql.requestgroup.RequestGroupRepository;
import org.openastro.scheduler.intake.MissionCancel;

/**
 * {@code POST /api/requestgroups/} (each request a mission through the one {@link MissionIntake}),
 * {@code POST /api/requestgroups/validate/} (the same mapping, nothing created) and
 * {@code POST /api/requestgroups/{id}/cancel/} (each mission through {@link MissionCancel}).
 */
final class RequestGroupWrites {
  static final String IDEMPOTENCY_KEY = "idempotency-key";
  static final int MAX_IDEMPOTENCY_KEY = 255;

  private final MissionIntake intake;
  private final MissionCancel cancel;
  private final RequestGroupRepository groups;
  private final RequestGroupViews views;

  RequestGroupWrites(MissionIntake intake, MissionCancel cancel, RequestGroupRepository groups, RequestGroupViews views) {
    this.intake = intake;
    this.cancel = cancel;
    this.groups = groups;
    this.views = views;
  }

  /**
   * The missions first, then the group row, which lists them: a group that can be read has all its
   * missions. A retry with the same {@code Idempotency-Key} names the same ids and is a replay (200).
   */
  void create(RoutingContext ctx) {
    Caller caller;
    JsonObject body;
    UUID groupId;
    try {
      caller = Caller.of(ctx).require(ApiRole.SUBMITTER);
      body = Responses.bodyObject(ctx);
      groupId = RequestIds.group(caller.principal(), idempotencyKey(ctx));
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    Instant now = Instant.now();
    RequestGroupMapping.Mapped mapped = RequestGroupMapping.map(PortalJson.plain(body), groupId, caller.principal(), now);
    if (!mapped.valid()) {
      ctx.fail(refusal(mapped.errors()));
      return;
    }
    List<Future<Created<Mission>>> submitted = mapped.requests().stream().map(r -> intake.submit(r.mission())).toList();
    Future.all(submitted).compose(all -> {
      List<Mission> missions = submitted.stream().map(f -> f.result().value()).toList();
      RequestGroupMapping.Group g = mapped.group();
      RequestGroup group = new RequestGroup(groupId, caller.principal(), g.name(), g.proposal(), g.operator(),
          g.observationType().name(), g.ippValue(), missions.stream().map(Mission::missionId).toList(), body.encode(), now);
      return groups.create(group).map(created -> new Stored(created, missions));
    }).onSuccess(stored -> {
      ctx.response().putHeader("location", "/api/requestgroups/" + groupId + "/");
      Responses.json(ctx, stored.group().created() ? 201 : 200, PortalJson.group(stored.group().value(),
          stored.missions()));
    }).onFailure(ctx::fail);
  }

  private record Stored(Created<RequestGroup> group, List<Mission> missions) {}

  /** The portal's validation: always 200, with the durations of a valid group or the errors of an invalid one. */
  void validate(RoutingContext ctx) {
    try {
      Caller caller = Caller.of(ctx).require(ApiRole.SUBMITTER);
      JsonObject body = Responses.bodyObject(ctx);
      Responses.json(ctx, 200, PortalJson.validation(RequestGroupMapping.map(PortalJson.plain(body),
          RequestIds.group(caller.principal(), null), caller.principal(), Instant.now())));
    } catch (RuntimeException e) {
      ctx.fail(e);
    }
  }

  /**
   * The group's owner or an admin cancels every open mission of the group. A group none of whose
   * requests could be cancelled (all COMPLETED or WINDOW_EXPIRED) is a 400, as at the portal.
   */
  void cancel(RoutingContext ctx) {
    Caller caller;
    UUID id;
    try {
      caller = Caller.of(ctx).require(ApiRole.values());
      id = PathParams.uuid(ctx, "requestGroupId", "id");
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    Instant now = Instant.now();
    views.byId(id).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(ApiException.notFound("request group " + id));
      }
      RequestGroupViews.View view = found.get();
      if (!caller.owns(view.group().owner())) {
        return Future.failedFuture(new ApiException(new ApiError(403, "forbidden",
            "only the request group's submitter or an admin may cancel it", null)));
      }
      List<Future<MissionCancel.Outcome>> outcomes = view.missions().stream().map(m -> cancel.cancel(m, now)).toList();
      return Future.all(outcomes).compose(all -> {
        if (outcomes.stream().noneMatch(o -> o.result().cancelled())) {
          String message = "Cannot cancel request group " + id + ": its requests are "
              + view.missions().stream().map(m -> PortalStates.request(m.status())).distinct().toList()
              + ", which are final.";
          return Future.failedFuture(new ApiException(new ApiError(400, "invalid_state", message, "state")
              .withDetails(new JsonObject().put("errors", new JsonArray().add(message)))));
        }
        return views.byId(id).map(after -> PortalJson.group(after.orElseThrow().group(), after.get().missions()));
      });
    }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  /** The client's {@code Idempotency-Key} (IETF httpapi draft), or null when it sent none. */
  private static String idempotencyKey(RoutingContext ctx) {
    String key = ctx.request().getHeader(IDEMPOTENCY_KEY);
    if (key == null) {
      return null;
    }
    if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY) {
      throw new ApiException(new ApiError(400, "invalid_header", "Idempotency-Key must be 1 to "
          + MAX_IDEMPOTENCY_KEY + " characters", "Idempotency-Key"));
    }
    return key.trim();
  }

  /**
   * A 400 that is both the API's error (naming the first problem) and the portal's answer: its
   * field-keyed error lists beside {@code error}, {@code message} and {@code field}.
   */
  static ApiException refusal(LcoErrors errors) {
    String field = errors.firstField();
    return new ApiException(new ApiError(400, "invalid_field", (field == null ? "" : field + ": ")
        + errors.firstMessage(), field).withDetails(new JsonObject(errors.tree())));
  }
}
