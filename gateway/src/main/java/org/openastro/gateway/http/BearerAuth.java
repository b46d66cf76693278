package org.openastro.gateway.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;
import org.openastro.api.auth.AuthException;
import org.openastro.api.auth.Secrets;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.cql.node.Node;
import org.openastro.gateway.auth.AuthThrottledException;
import org.openastro.gateway.auth.NodeAuthenticator;
import org.openastro.gateway.ingest.IngestMetrics;

/**
 * {@code Authorization: Bearer <secret>} on node endpoints: 401 when missing or wrong, 403 when a
 * genuine node asks about another node's id (the secret names the node it was issued for).
 */
final class BearerAuth {
  private final NodeAuthenticator authenticator;
  private final IngestMetrics metrics;

  BearerAuth(NodeAuthenticator authenticator, IngestMetrics metrics) {
    this.authenticator = authenticator;
    this.metrics = metrics;
  }

  /** The authenticated node, which is the node of the path; else a failed future with the API error. */
  Future<Node> node(RoutingContext ctx, UUID pathNodeId) {
    String header = ctx.request().getHeader("authorization");
    String secret = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    Optional<UUID> owner = Secrets.nodeIdOf(secret);
    if (owner.isEmpty()) {
      return Future.failedFuture(unauthorized(ctx, secret == null
          ? "node endpoints need Authorization: Bearer <secret>" : "the bearer token is not a node secret"));
    }
    String address = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    return authenticator.authenticate(owner.get(), secret, address).recover(e -> {
      if (e instanceof AuthThrottledException limited) {
        metrics.authLimited(limited.limit().tag());
        ctx.response().putHeader("retry-after", Long.toString(limited.retryAfterSeconds()));
        return Future.failedFuture(new ApiException(new ApiError(429, "too_many_requests",
            "too many authentication attempts for this node or from this address; retry after "
                + limited.retryAfterSeconds() + " s", null)));
      }
      if (e instanceof AuthException auth && auth.reason() == AuthException.Reason.BAD_CREDENTIALS) {
        return Future.failedFuture(unauthorized(ctx, "unknown node or wrong secret"));
      }
      if (e instanceof AuthException) {
        ctx.response().putHeader("retry-after", "1");
        return Future.failedFuture(new ApiException(new ApiError(503, "unavailable",
            "too many authentications in progress, retry later", null)));
      }
      return Future.failedFuture(e);
    }).compose(node -> {
      if (node.nodeId().equals(pathNodeId)) {
        return Future.succeededFuture(node);
      }
      // counted like an MQTT publish or subscribe outside the node's own topics
      metrics.aclDenied("http");
      return Future.failedFuture(new ApiException(new ApiError(403, "forbidden",
          "this secret belongs to node " + node.nodeId() + ", not to " + pathNodeId, "node_id")));
    });
  }

  private static ApiException unauthorized(RoutingContext ctx, String message) {
    ctx.response().putHeader("www-authenticate", "Bearer realm=\"openastro-nodes\"");
    return new ApiException(new ApiError(401, "unauthorized", message, null));
  }
}
