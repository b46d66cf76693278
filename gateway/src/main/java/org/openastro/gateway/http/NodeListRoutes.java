package org.openastro.gateway.http;

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
import org.openastro.api.http.ApiException;
import org.openastro.api.http.ListLimit;
import org.openastro.api.http.ApiRoutes;
import org.openastro.api.http.PageToken;
import org.openastro.api.http.Responses;
import org.openastro.cql.Buckets;
import org.openastro.cql.node.Node;
import org.openastro.cql.node.NodePages;
import org.openastro.domain.NodeStatus;
import org.openastro.gateway.Gateway;

/**
 * {@code GET /api/v1/nodes?status=&limit=&page=}: the fleet, one status or all (ONLINE, BUSY,
 * PARKED, FAULTED in that order), in a stable order, a page at a time; {@code next_page} is the
 * token of the next page, null on the last.
 */
final class NodeListRoutes implements ApiRoutes {
  private final Gateway gateway;

  NodeListRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/nodes").handler(this::list);
  }

  private void list(RoutingContext ctx) {
    List<NodeStatus> statuses;
    int limit;
    NodePages.Cursor after;
    try {
      statuses = statuses(ctx.queryParams().get("status"));
      limit = ListLimit.of(ctx.queryParams().get("limit"));
      after = cursor(ctx.queryParams().get("page"), statuses);
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    Instant now = Instant.now();
    gateway.nodePages().page(statuses, limit, after).compose(page -> {
      List<Future<Optional<Instant>>> last = page.nodes().stream()
          .map(n -> gateway.history().lastHeartbeat(n.nodeId(), now).otherwise(Optional.empty())).toList();
      return Future.all(last).map(all -> {
        JsonArray out = new JsonArray();
        for (int i = 0; i < last.size(); i++) {
          Node n = page.nodes().get(i);
          out.add(NodeJson.of(n, all.<Optional<Instant>>resultAt(i).orElse(null)));
        }
        NodePages.Cursor next = page.next();
        return new JsonObject().put("nodes", out).put("next_page", next == null ? null
            : PageToken.encode(next.status(), next.bucket(), next.nodeId()));
      });
    }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  static List<NodeStatus> statuses(String text) {
    if (text == null || text.isBlank()) {
      return List.of(NodeStatus.values());
    }
    try {
      return List.of(NodeStatus.valueOf(text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("status", "status must be one of " + Arrays.toString(NodeStatus.values()));
    }
  }

  static NodePages.Cursor cursor(String token, List<NodeStatus> statuses) {
    if (token == null || token.isBlank()) {
      return null;
    }
    List<String> parts = PageToken.decode(token, 3);
    try {
      NodeStatus status = NodeStatus.valueOf(parts.get(0));
      int bucket = Integer.parseInt(parts.get(1));
      if (!statuses.contains(status) || bucket < 0 || bucket >= Buckets.COUNT) {
        throw PageToken.invalid();
      }
      return new NodePages.Cursor(status, bucket, UUID.fromString(parts.get(2)));
    } catch (IllegalArgumentException e) {
      throw PageToken.invalid();
    }
  }
}
