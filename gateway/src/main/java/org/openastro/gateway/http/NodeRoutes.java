package org.openastro.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.UUID;
import org.openastro.api.auth.Caller;
import org.openastro.api.auth.Secrets;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.ApiRoutes;
import org.openastro.api.http.PathParams;
import org.openastro.api.http.Responses;
import org.openastro.cql.IdConflictException;
import org.openastro.cql.node.Node;
import org.openastro.cql.node.NodeRepository;
import org.openastro.gateway.Gateway;

/** {@code POST /api/v1/nodes} (registration) and {@code GET /api/v1/nodes/{id}}. */
final class NodeRoutes implements ApiRoutes {
  private final Gateway gateway;
  private final NodeRepository nodes;

  private final BearerAuth auth;

  NodeRoutes(Gateway gateway) {
    this.gateway = gateway;
    this.nodes = gateway.nodes();
    this.auth = new BearerAuth(gateway.authenticator(), gateway.ingest().metrics());
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/nodes").handler(this::register);
    router.get("/api/v1/nodes/:nodeId").handler(this::get);
    router.patch("/api/v1/nodes/:nodeId").handler(this::patch);
  }

  /**
   * {@code PATCH /api/v1/nodes/{id}} {@code {"horizon": [...]}}: replaces the horizon mask (an
   * empty array removes it). The node's own secret or an ADMIN API key; the schema refuses other
   * fields. Answers the node as GET does.
   */
  private void patch(RoutingContext ctx) {
    UUID nodeId = PathParams.uuid(ctx, "nodeId", "node_id");
    JsonObject body = Responses.bodyObject(ctx);
    Caller caller = Caller.of(ctx);
    Future<Node> allowed = caller.admin()
        ? nodes.find(nodeId).compose(found -> found.<Future<Node>>map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(ApiException.notFound("node " + nodeId))))
        : caller.anonymous() ? auth.node(ctx, nodeId)
        : Future.failedFuture(new ApiException(new ApiError(403, "forbidden",
            "changing a node needs its own secret or an ADMIN API key; this key has role " + caller.role(), null)));
    allowed.compose(node -> {
      var horizon = NodeHorizon.parse(body);
      return nodes.updateHorizon(nodeId, horizon).map(v -> node.withHorizon(horizon));
    }).onSuccess(node -> gateway.history().lastHeartbeat(nodeId, Instant.now()).onComplete(last ->
        Responses.json(ctx, 200, NodeJson.of(node, last.succeeded() ? last.result().orElse(null) : null))))
        .onFailure(ctx::fail);
  }

  private void register(RoutingContext ctx) {
    JsonObject request = Responses.bodyObject(ctx);
    var parsed = NodeRegistration.parse(request, Instant.now());
    // The secret is shown once, in the 201; only its bcrypt hash is stored. A replay (200) cannot
    // show it again: a node that lost it rotates it with POST /api/v1/nodes/{id}/secret.
    String secret = Secrets.newSecret(parsed.nodeId());
    // Only an OPERATOR/ADMIN key or an unused enrolment token may enrol a telescope (401/403 else).
    gateway.enrolment().admit(ctx, parsed.nodeId(), request.getValue("node_id") != null)
        .compose(credential -> gateway.authenticator().hasher().hash(secret)
            .compose(hash -> nodes.register(withSecretHash(parsed, hash)))
            .andThen(done -> gateway.enrolment().registered(credential, done)))
        .onComplete(result -> {
      if (result.succeeded()) {
        var created = result.result();
        ctx.response().putHeader("location", "/api/v1/nodes/" + created.value().nodeId());
        JsonObject body = NodeJson.of(created.value(), null);
        if (created.created()) {
          body.put("secret", secret);
        }
        Responses.json(ctx, created.created() ? 201 : 200, body);
      } else if (result.cause() instanceof IdConflictException conflict) {
        ctx.fail(new ApiException(ApiError.conflict(conflict.field(), conflict.getMessage())));
      } else {
        ctx.fail(result.cause());
      }
    });
  }

  private void get(RoutingContext ctx) {
    UUID nodeId = PathParams.uuid(ctx, "nodeId", "node_id");
    nodes.find(nodeId).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
      } else if (result.result().isEmpty()) {
        ctx.fail(ApiException.notFound("node " + nodeId));
      } else {
        Node node = result.result().get();
        gateway.history().lastHeartbeat(nodeId, Instant.now()).onComplete(last ->
            Responses.json(ctx, 200, NodeJson.of(node, last.succeeded() ? last.result().orElse(null) : null)));
      }
    });
  }

  private static Node withSecretHash(Node n, String hash) {
    return new Node(n.nodeId(), n.status(), n.lat(), n.lon(), n.elevationM(), n.apertureMm(), n.fovDeg(),
        n.filters(), n.mountType(), n.controlProtocol(), n.reliabilityScore(), n.currentTaskId(), hash,
        n.registeredAt(), n.statusChangedAt(), n.horizon());
  }
}
