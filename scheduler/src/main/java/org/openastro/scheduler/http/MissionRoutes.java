package org.openastro.scheduler.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.openastro.api.auth.ApiRole;
import org.openastro.api.auth.Caller;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.ApiRoutes;
import org.openastro.api.http.ListLimit;
import org.openastro.api.http.PageToken;
import org.openastro.api.http.PathParams;
import org.openastro.api.http.Responses;
import org.openastro.api.intake.MissionIntake;
import org.openastro.api.wire.WireJson;
import org.openastro.cql.Buckets;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.mission.MissionPages;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository;
import org.openastro.domain.MissionStatus;
import org.openastro.scheduler.intake.MissionCancel;
import org.openastro.scheduler.mission.Frames;
import org.openastro.scheduler.mission.MissionProgress;

/**
 * The mission API: submit ({@code POST /api/v1/missions}), read with progress, list by status
 * (paged), a mission's tasks with their windows, and cancel ({@link MissionCancel}). Creation goes through the one {@link MissionIntake}:
 * idempotent for client-minted ids, and planned at once.
 */
public final class MissionRoutes implements ApiRoutes {
  private final MissionIntake intake;
  private final MissionRepository missions;
  private final TaskRepository tasks;
  private final MissionCancel cancel;
  private final MissionPages pages;

  /** Takes repositories built at start-up (they prepare statements). */
  public MissionRoutes(MissionIntake intake, MissionRepository missions, TaskRepository tasks, MissionCancel cancel,
      MissionPages pages) {
    this.intake = intake;
    this.missions = missions;
    this.tasks = tasks;
    this.cancel = cancel;
    this.pages = pages;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/missions").handler(this::create);
    router.get("/api/v1/missions").handler(this::list);
    router.get("/api/v1/missions/:missionId").handler(this::get);
    router.get("/api/v1/missions/:missionId/tasks").handler(this::tasks);
    router.post("/api/v1/missions/:missionId/cancel").handler(this::cancel);
  }

  /** The owner (the key's principal that submitted it) or an admin: 200 with the mission CANCELLED. */
  private void cancel(RoutingContext ctx) {
    UUID id;
    Caller caller;
    try {
      caller = Caller.of(ctx).require(ApiRole.values());
      id = PathParams.uuid(ctx, "missionId", "mission_id");
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    found(id).compose(m -> {
      if (!caller.owns(m.owner())) {
        return Future.failedFuture(new ApiException(new ApiError(403, "forbidden",
            "only the mission's owner or an admin may cancel it", null)));
      }
      return cancel.cancel(m, Instant.now());
    }).compose(outcome -> outcome.cancelled() ? Future.succeededFuture(outcome.mission())
        : Future.<Mission>failedFuture(new ApiException(ApiError.conflict("status", "mission " + id + " is "
            + outcome.mission().status() + ": only a PENDING or IN_PROGRESS mission can be cancelled"))))
        .compose(m -> tasks.listByMission(id).map(list -> withProgress(m,
            Math.max(m.totalExposureCompletedS(), MissionProgress.of(list, Frames.of(m)).completedS()))))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(t -> ctx.fail(t));
  }

  private void create(RoutingContext ctx) {
    Mission mission;
    try {
      // The key's principal owns the mission: it sees the mission's embargoed products.
      Caller caller = Caller.of(ctx).require(ApiRole.SUBMITTER);
      mission = MissionRequest.parse(Responses.bodyObject(ctx), caller.principal(), Instant.now());
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    intake.submit(mission).onSuccess(created -> {
      ctx.response().putHeader("location", "/api/v1/missions/" + created.value().missionId());
      Responses.json(ctx, created.created() ? 201 : 200, withProgress(created.value(), created.value().totalExposureCompletedS()));
    }).onFailure(t -> ctx.fail(t));
  }

  private void get(RoutingContext ctx) {
    UUID id;
    try {
      id = PathParams.uuid(ctx, "missionId", "mission_id");
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    found(id).compose(m -> tasks.listByMission(id).map(list -> withProgress(m,
            // Live from the tasks: the stored total lags by up to one scheduler sweep.
            Math.max(m.totalExposureCompletedS(), MissionProgress.of(list, Frames.of(m)).completedS()))))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(t -> ctx.fail(t));
  }

  private void list(RoutingContext ctx) {
    MissionStatus status;
    int limit;
    MissionPages.Cursor after;
    try {
      status = status(ctx.queryParams().get("status"));
      limit = ListLimit.of(ctx.queryParams().get("limit"));
      after = cursor(ctx.queryParams().get("page"));
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    pages.page(status, limit, after).compose(page -> {
      List<UUID> ids = page.ids();
      MissionPages.Cursor next = page.next();
      List<Future<Optional<Mission>>> reads = ids.stream().map(missions::find).toList();
      return Future.all(reads).map(all -> {
        JsonArray out = new JsonArray();
        for (int i = 0; i < reads.size(); i++) {
          // The index is a hint: a mission that moved on since is left out.
          all.<Optional<Mission>>resultAt(i).filter(m -> m.status() == status)
              .ifPresent(m -> out.add(withProgress(m, m.totalExposureCompletedS())));
        }
        return new JsonObject().put("missions", out).put("next_page", next == null ? null
            : PageToken.encode(next.priority(), next.bucket(), next.missionId()));
      });
    }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(t -> ctx.fail(t));
  }

  private void tasks(RoutingContext ctx) {
    UUID id;
    try {
      id = PathParams.uuid(ctx, "missionId", "mission_id");
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    found(id).compose(m -> tasks.listByMission(id)).compose(list -> {
      List<Future<Optional<Task>>> reads = list.stream().map(t -> tasks.find(t.taskId())).toList();
      return Future.all(reads).map(all -> {
        JsonArray out = new JsonArray();
        for (int i = 0; i < reads.size(); i++) {
          var line = list.get(i);
          out.add(all.<Optional<Task>>resultAt(i).map(WireJson::task).orElseGet(() -> WireJson.task(line)));
        }
        return new JsonObject().put("tasks", out);
      });
    }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(t -> ctx.fail(t));
  }

  private Future<Mission> found(UUID id) {
    return missions.find(id).compose(m -> m.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(ApiException.notFound("mission " + id))));
  }

  static JsonObject withProgress(Mission m, double completedS) {
    double required = m.totalExposureRequiredS();
    Frames frames = Frames.of(m);
    return WireJson.mission(m).put("total_exposure_completed_s", completedS)
        .put("progress", Math.min(1.0, completedS / required))
        .put("frames_completed", frames.continuous() ? null : frames.count(completedS));
  }

  static MissionStatus status(String text) {
    if (text == null || text.isBlank()) {
      throw ApiException.missing("status");
    }
    try {
      return MissionStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("status", "status must be one of " + Arrays.toString(MissionStatus.values()));
    }
  }

  static MissionPages.Cursor cursor(String token) {
    if (token == null || token.isBlank()) {
      return null;
    }
    List<String> parts = PageToken.decode(token, 3);
    try {
      int bucket = Integer.parseInt(parts.get(1));
      if (bucket < 0 || bucket >= Buckets.COUNT) {
        throw PageToken.invalid();
      }
      return new MissionPages.Cursor(Integer.parseInt(parts.get(0)), bucket, UUID.fromString(parts.get(2)));
    } catch (IllegalArgumentException e) {
      throw PageToken.invalid();
    }
  }
}
