package org.openastro.gateway.http;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.UUID;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.ApiRoutes;
import org.openastro.api.http.PathParams;
import org.openastro.api.http.Responses;
import org.openastro.api.json.JsonErrors;
import org.openastro.api.json.StrictJson;
import org.openastro.api.wire.DownlinkMessages;
import org.openastro.api.wire.WireJson;
import org.openastro.config.Parsers;
import org.openastro.cql.ingest.ProgressOutcome;
import org.openastro.events.EventAddresses;
import org.openastro.gateway.Gateway;
import org.openastro.gateway.GatewaySettings;
import org.openastro.gateway.ingest.HeartbeatReport;
import org.openastro.gateway.ingest.ImplausibleProgressException;
import org.openastro.gateway.ingest.IngestEvents;
import org.openastro.gateway.ingest.IngestService;
import org.openastro.gateway.ingest.KnownNodeState;
import org.openastro.gateway.ingest.OfflineTasks;
import org.openastro.gateway.ingest.ProgressReport;
import org.openastro.gateway.ingest.ReportException;

/**
 * The node-facing HTTP endpoints, for nodes that cannot speak MQTT: heartbeat, progress, the
 * long-poll for assignments, and secret rotation. Same semantics as MQTT: a 2xx only after the
 * write is durable; 503 with Retry-After when the gateway cannot write now.
 */
final class NodeIngestRoutes implements ApiRoutes {
  private final Gateway gateway;
  private final BearerAuth auth;
  private final DownlinkWaiters waiters;
  private final int maxPayloadBytes;
  private final Duration maxWait;

  NodeIngestRoutes(Gateway gateway) {
    this.gateway = gateway;
    this.auth = new BearerAuth(gateway.authenticator(), gateway.ingest().metrics());
    this.waiters = new DownlinkWaiters(gateway.config().get(GatewaySettings.TASKS_MAX_WAITERS));
    this.maxPayloadBytes = gateway.config().get(GatewaySettings.NODE_MAX_PAYLOAD_BYTES);
    this.maxWait = gateway.config().get(GatewaySettings.TASKS_MAX_WAIT);
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/nodes/:nodeId/heartbeat").handler(this::heartbeat);
    router.post("/api/v1/nodes/:nodeId/progress").handler(this::progress);
    router.get("/api/v1/nodes/:nodeId/tasks").handler(this::tasks);
    router.put("/api/v1/nodes/:nodeId/tasks/:taskId").handler(this::offlineTask);
    router.post("/api/v1/nodes/:nodeId/secret").handler(this::rotateSecret);
  }

  private void heartbeat(RoutingContext ctx) {
    long received = System.nanoTime();
    UUID nodeId = PathParams.uuid(ctx, "nodeId", "node_id");
    auth.node(ctx, nodeId).compose(node -> {
      HeartbeatReport report = HeartbeatReport.parse(body(ctx), maxPayloadBytes);
      KnownNodeState state = new KnownNodeState(node.status(), node.currentTaskId());
      return gateway.ingest().heartbeat(nodeId, IngestService.SOURCE_HTTP, report, state, false);
    }).onSuccess(v -> {
      gateway.ingest().metrics().ackLatency("http", System.nanoTime() - received);
      ctx.response().setStatusCode(204).end();
    }).onFailure(e -> fail(ctx, e, true));
  }

  private void progress(RoutingContext ctx) {
    long received = System.nanoTime();
    UUID nodeId = PathParams.uuid(ctx, "nodeId", "node_id");
    auth.node(ctx, nodeId)
        .compose(node -> gateway.ingest().progress(nodeId, ProgressReport.parse(body(ctx), maxPayloadBytes)))
        .onSuccess(outcome -> {
          gateway.ingest().metrics().ackLatency("http", System.nanoTime() - received);
          Responses.json(ctx, 200, progressJson(outcome));
        }).onFailure(e -> fail(ctx, e, false));
  }

  private static JsonObject progressJson(ProgressOutcome outcome) {
    return new JsonObject()
        .put("applied", outcome.kind() == ProgressOutcome.Kind.APPLIED)
        .put("mission_id", outcome.missionId().toString())
        .put("status", outcome.status().name())
        .put("exposure_delivered_s", outcome.exposureDeliveredS());
  }

  /** The node's open assignments; with {@code ?wait=20s} and none open, waits for one (long-poll). */
  private void tasks(RoutingContext ctx) {
    UUID nodeId = PathParams.uuid(ctx, "nodeId", "node_id");
    Duration wait = waitParam(ctx);
    auth.node(ctx, nodeId).compose(node -> {
      // Wait before reading: an assignment stored after the read wakes this poll, and one stored
      // before it is in the read, so none slips between the two.
      Promise<JsonObject> woken = wait.isZero() ? null : waiters.await(ctx.vertx(), nodeId);
      return gateway.assignments().tasksWithTargets(nodeId)
          .andThen(read -> {
            if (woken != null && (read.failed() || !read.result().isEmpty())) {
              woken.tryFail("not needed"); // frees the waiter slot
            }
          })
          .map(open -> new Poll(open, woken));
    }).onSuccess(poll -> {
      Promise<JsonObject> woken = poll.woken();
      if (!poll.open().isEmpty() || woken == null) {
        // nothing to wait for (no wait asked, something open, or too many polls held): answer now
        answerTasks(ctx, poll.open());
        return;
      }
      long timer = ctx.vertx().setTimer(wait.toMillis(), t -> woken.tryFail("timeout"));
      ctx.request().connection().closeHandler(v -> woken.tryFail("closed"));
      woken.future().onComplete(event -> {
        ctx.vertx().cancelTimer(timer);
        if (ctx.response().ended() || ctx.response().closed()) {
          return;
        }
        // Read again: the stored state is the truth (a cancellation shows as a task no longer listed).
        gateway.assignments().tasksWithTargets(nodeId).onComplete(now -> {
          if (now.failed()) {
            fail(ctx, now.cause(), false);
          } else {
            answerTasks(ctx, now.result());
          }
        });
      });
    }).onFailure(e -> fail(ctx, e, false));
  }

  /** The first read of a poll and, when it may wait, what wakes it. */
  private record Poll(java.util.List<JsonObject> open, Promise<JsonObject> woken) {}

  private static void answerTasks(RoutingContext ctx, java.util.List<JsonObject> tasks) {
    Responses.json(ctx, 200, new JsonObject().put("tasks", new JsonArray(tasks)));
  }

  private Duration waitParam(RoutingContext ctx) {
    String text = ctx.request().getParam("wait");
    if (text == null) {
      return Duration.ZERO;
    }
    try {
      Duration d = Parsers.durationAtLeast(Duration.ZERO).apply(text);
      return d.compareTo(maxWait) > 0 ? maxWait : d;
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("wait", "wait must be a duration like 20s, at most " + maxWait.toSeconds() + "s");
    }
  }

  /**
   * A new secret for the node, authenticated with the current one. The old secret stops working
   * at once (compare-and-set on the stored hash; a concurrent rotation loses with 409), and
   * {@link EventAddresses#NODE_SECRET_ROTATED} closes the sessions it opened on every gateway.
   */
  private void rotateSecret(RoutingContext ctx) {
    UUID nodeId = PathParams.uuid(ctx, "nodeId", "node_id");
    String secret = org.openastro.api.auth.Secrets.newSecret(nodeId);
    auth.node(ctx, nodeId).compose(node -> gateway.authenticator().hasher().hash(secret)
        .compose(hash -> gateway.secrets().rotate(nodeId, node.secretHash(), hash))
        .compose(rotated -> {
          gateway.authenticator().cache().forget(nodeId);
          if (rotated) {
            // Sessions opened with the old secret end on every gateway, this one included.
            ctx.vertx().eventBus().publish(EventAddresses.NODE_SECRET_ROTATED, IngestEvents.secretRotated(nodeId,
                java.time.Instant.now()));
          }
          return rotated ? io.vertx.core.Future.succeededFuture()
              : io.vertx.core.Future.failedFuture(new ApiException(new ApiError(409, "conflict",
                  "the secret was rotated concurrently; use the newest secret", null)));
        }))
        .onSuccess(v -> Responses.json(ctx, 200, new JsonObject().put("node_id", nodeId.toString()).put("secret", secret)))
        .onFailure(e -> fail(ctx, e, false));
  }

  /** {@code PUT /api/v1/nodes/{id}/tasks/{task_id}}: a task the node minted for work it did off-line. */
  private void offlineTask(RoutingContext ctx) {
    UUID nodeId = PathParams.uuid(ctx, "nodeId", "node_id");
    UUID taskId = PathParams.uuid(ctx, "taskId", "task_id");
    auth.node(ctx, nodeId).compose(node -> {
      StrictJson fields = StrictJson.of(Responses.bodyObject(ctx), JsonErrors.HTTP);
      OfflineTasks.Claim claim = new OfflineTasks.Claim(fields.uuid("mission_id", true),
          fields.number("exposure_required_s"), fields.instant("started_at", true));
      return gateway.offlineTasks().record(nodeId, taskId, claim);
    }).onSuccess(created -> {
      ctx.response().putHeader("location", "/api/v1/nodes/" + nodeId + "/tasks/" + taskId);
      Responses.json(ctx, created.created() ? 201 : 200, WireJson.task(created.value()));
    }).onFailure(e -> fail(ctx, e, false));
  }

  private static Buffer body(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    return body == null ? Buffer.buffer() : body;
  }

  private void fail(RoutingContext ctx, Throwable e, boolean heartbeat) {
    if (e instanceof ReportException r) {
      if (heartbeat) {
        gateway.ingest().metrics().heartbeatRejected(r.code().wire());
      }
      ctx.fail(new ApiException(new ApiError(r.code().httpStatus(), r.code().wire(), r.getMessage(), r.field())));
    } else if (e instanceof ImplausibleProgressException i) {
      ctx.fail(new ApiException(new ApiError(ImplausibleProgressException.HTTP_STATUS, ImplausibleProgressException.CODE,
          i.getMessage(), ImplausibleProgressException.FIELD)));
    } else {
      ctx.fail(e);
    }
  }
}
