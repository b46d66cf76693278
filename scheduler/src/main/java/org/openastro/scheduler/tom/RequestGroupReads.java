package org.openastro.scheduler.tom;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.PathParams;
import org.openastro.api.http.Responses;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.cql.node.NodeRepository;
import org.openastro.cql.task.Task;
import org.openastro.cql.task.TaskRepository;

/**
 * The portal's reads of request groups and requests, open to anyone as the API's reads are:
 * a group by id, groups by request id (how the TOM Toolkit finds a group to cancel), a request by
 * id (its state), and a request's observation blocks (its tasks).
 */
final class RequestGroupReads {
  private final RequestGroupViews views;
  private final TaskRepository tasks;
  private final NodeRepository nodes;

  RequestGroupReads(RequestGroupViews views, TaskRepository tasks, NodeRepository nodes) {
    this.views = views;
    this.tasks = tasks;
    this.nodes = nodes;
  }

  void group(RoutingContext ctx) {
    UUID id = PathParams.uuid(ctx, "requestGroupId", "id");
    views.byId(id).compose(found -> found.map(v -> Future.succeededFuture(PortalJson.group(v.group(), v.missions())))
        .orElseGet(() -> Future.failedFuture(ApiException.notFound("request group " + id))))
        .onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  /** Paged as the portal's lists are; only the filter by request id is served. */
  void list(RoutingContext ctx) {
    String text = ctx.queryParams().get("request_id");
    if (text == null || text.isBlank()) {
      throw new ApiException(new ApiError(400, "missing_field", "request_id is required: request groups are listed by"
          + " request only (GET /api/requestgroups/?request_id=<id>)", "request_id"));
    }
    UUID requestId = PathParams.uuid(text.trim(), "request_id");
    views.byRequest(requestId).map(found -> {
      JsonArray results = new JsonArray();
      found.ifPresent(v -> results.add(PortalJson.group(v.group(), v.missions())));
      return new JsonObject().put("count", results.size()).put("next", null).put("previous", null)
          .put("results", results);
    }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  void request(RoutingContext ctx) {
    UUID id = PathParams.uuid(ctx, "requestId", "id");
    found(id).map(v -> {
      int i = v.indexOf(id);
      return PortalJson.request(v.group(), i, v.missions().get(i));
    }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  /** A bare array, as the portal answers; {@code exclude_canceled} leaves cancelled blocks out. */
  void observations(RoutingContext ctx) {
    UUID id = PathParams.uuid(ctx, "requestId", "id");
    boolean excludeCanceled = Boolean.parseBoolean(ctx.queryParams().get("exclude_canceled"))
        || "1".equals(ctx.queryParams().get("exclude_canceled"));
    found(id).compose(v -> {
      Mission m = v.missions().get(v.indexOf(id));
      return tasks.listByMission(id).compose(lines -> Future.all(lines.stream().map(l -> tasks.find(l.taskId())).toList()))
          .compose(all -> {
            List<Task> list = all.<Optional<Task>>list().stream().flatMap(Optional::stream)
                .sorted(Comparator.comparing(Task::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(Task::taskId))
                .toList();
            List<UUID> nodeIds = list.stream().map(Task::assignedNodeId).filter(Objects::nonNull).distinct().toList();
            return Future.all(nodeIds.stream().map(nodes::find).toList()).map(found -> {
              Map<UUID, Node> byId = new HashMap<>();
              found.<Optional<Node>>list().forEach(n -> n.ifPresent(node -> byId.put(node.nodeId(), node)));
              JsonArray out = new JsonArray();
              for (Task t : list) {
                JsonObject block = PortalJson.observation(t, m, t.assignedNodeId() == null ? null : byId.get(t.assignedNodeId()));
                if (!excludeCanceled || !PortalStates.CANCELED.equals(block.getString("state"))) {
                  out.add(block);
                }
              }
              return out;
            });
          });
    }).onSuccess(array -> ctx.response().putHeader("content-type", "application/json").end(array.toBuffer()))
        .onFailure(ctx::fail);
  }

  private Future<RequestGroupViews.View> found(UUID requestId) {
    return views.byRequest(requestId).compose(v -> v.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(ApiException.notFound("request " + requestId))));
  }

}
