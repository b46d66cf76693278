package org.openastro.simulator;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.openastro.simulator.GatewayApi.HttpFailure;
import org.openastro.simulator.Stats.Counter;

/**
 * A node over HTTP: heartbeats and progress are POSTs with the node's secret as bearer; work
 * comes from long-polling {@code GET /api/v1/nodes/{id}/tasks?wait=}. The poll runs only while the
 * node is idle, since the server answers at once while the node holds an open task.
 */
final class HttpLink implements NodeLink {
  static final String WAIT = "20s";
  /** Answers that mean the report can never succeed (the task closed, or is not this node's). */
  private static final Set<Integer> FINAL_STATUSES = Set.of(400, 403, 404, 409, 413);

  private final String nodeId;
  private final String secret;
  private final GatewayApi api;
  private final Context context;
  private final Listener listener;
  private final Stats stats;
  private boolean up;
  private boolean polling;
  private HttpClientRequest poll;

  HttpLink(String nodeId, String secret, GatewayApi api, Context context, Listener listener, Stats stats) {
    this.nodeId = nodeId;
    this.secret = secret;
    this.api = api;
    this.context = context;
    this.listener = listener;
    this.stats = stats;
  }

  @Override
  public Future<Void> connect() {
    up = true; // HTTP has no session: the node's first heartbeat is its "connect"
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> heartbeat(JsonObject body) {
    if (!up) {
      return Future.failedFuture(new IllegalStateException("http_link_down"));
    }
    return onContext(api.heartbeat(nodeId, secret, body)).andThen(done -> {
      if (done.succeeded()) {
        stats.count(Counter.HEARTBEATS_ACKED);
      }
    }).recover(this::classify);
  }

  @Override
  public Future<Void> progress(JsonObject report) {
    if (!up) {
      return Future.failedFuture(new IllegalStateException("http_link_down"));
    }
    return onContext(api.progress(nodeId, secret, report)).<Void>mapEmpty().andThen(done -> {
      if (done.succeeded()) {
        stats.count(Counter.PROGRESS_ACKED);
      }
    }).recover(this::classify);
  }

  @Override
  public void wantTasks() {
    if (!up || polling) {
      return;
    }
    polling = true;
    onContext(api.tasks(nodeId, secret, WAIT, request -> context.runOnContext(v -> poll = request)))
        .onComplete(done -> {
          polling = false;
          poll = null;
          if (!up) {
            return;
          }
          if (done.failed()) {
            stats.error(done.cause() instanceof HttpFailure f ? f.reason : "http_poll_failed");
            context.owner().setTimer(1000, t -> wantTasks());
            return;
          }
          JsonArray tasks = done.result() == null ? new JsonArray() : done.result().getJsonArray("tasks", new JsonArray());
          if (tasks.isEmpty()) {
            wantTasks();
            return;
          }
          for (int i = 0; i < tasks.size(); i++) {
            listener.downlink(new JsonObject().put("type", "assignment").put("node_id", nodeId)
                .put("task", tasks.getJsonObject(i)));
          }
        });
  }

  /** Stops all traffic and resets the held long-poll (its connection is closed, not returned). */
  @Override
  public void drop() {
    up = false;
    if (poll != null) {
      poll.reset();
      poll = null;
    }
  }

  @Override
  public Future<Void> close() {
    drop();
    return Future.succeededFuture();
  }

  private Future<Void> classify(Throwable t) {
    if (t instanceof HttpFailure f) {
      return Future.failedFuture(FINAL_STATUSES.contains(f.status) ? new Refused(f.reason)
          : new IllegalStateException(f.reason));
    }
    return Future.failedFuture(t);
  }

  private <T> Future<T> onContext(Future<T> future) {
    io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
    future.onComplete(done -> context.runOnContext(v -> promise.handle(done)));
    return promise.future();
  }
}
