package org.openastro.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.openastro.simulator.Stats.Latency;

/**
 * The gateways' HTTP API as the simulator uses it, on one pooled non-blocking Vert.x client per
 * gateway. Requests go round robin over the gateways, as through a load balancer, skipping one for
 * {@link #AVOID_MS} after it failed to answer at all (refused, reset), so a dead gateway costs each
 * caller one failed request, not one per request. Every call is timed into {@link Stats}; a failure
 * fails the future with an {@link HttpFailure} whose reason is what the error counts go under.
 */
final class GatewayApi {
  /** How long a gateway that did not answer is left out of the rotation. */
  static final long AVOID_MS = 2000;

  private final List<HttpClient> clients;
  private final long[] avoidUntilNanos;
  private final AtomicLong next = new AtomicLong();
  private final Stats stats;
  private final String apiKey;

  GatewayApi(Vertx vertx, List<Gateway> gateways, int maxConnections, String apiKey, Stats stats) {
    this.clients = gateways.stream().<HttpClient>map(g -> vertx.createHttpClient(new HttpClientOptions()
            .setDefaultHost(g.host()).setDefaultPort(g.httpPort()).setKeepAlive(true).setConnectTimeout(30_000),
        new PoolOptions().setHttp1MaxSize(maxConnections).setMaxWaitQueueSize(-1))).toList();
    this.avoidUntilNanos = new long[gateways.size()];
    this.stats = stats;
    this.apiKey = apiKey;
  }

  /** The next gateway in the rotation that has not just failed (all have: the next one anyway). */
  private int pick() {
    long now = System.nanoTime();
    int n = clients.size();
    int first = (int) (next.getAndIncrement() % n);
    for (int i = 0; i < n; i++) {
      int candidate = (first + i) % n;
      synchronized (avoidUntilNanos) {
        if (avoidUntilNanos[candidate] - now <= 0) {
          return candidate;
        }
      }
    }
    return first;
  }

  private void avoid(int gateway) {
    synchronized (avoidUntilNanos) {
      avoidUntilNanos[gateway] = System.nanoTime() + AVOID_MS * 1_000_000;
    }
  }

  /** A non-2xx answer or a transport failure; {@code reason} is short and stable. */
  static final class HttpFailure extends RuntimeException {
    final int status;
    final String reason;

    HttpFailure(int status, String reason, String message) {
      super(message, null, false, false);
      this.status = status;
      this.reason = reason;
    }
  }

  record Reply(int status, JsonObject body) {}

  /** Registration needs an OPERATOR or ADMIN key (401 without one, 403 with another role). */
  Future<JsonObject> registerNode(JsonObject registration) {
    return call(HttpMethod.POST, "/api/v1/nodes", apiKey, registration, Latency.HTTP_REGISTER, null).map(Reply::body);
  }

  Future<JsonObject> node(String nodeId) {
    return call(HttpMethod.GET, "/api/v1/nodes/" + nodeId, apiKey, null, Latency.HTTP_API, null).map(Reply::body);
  }

  Future<JsonObject> createMission(JsonObject mission) {
    return call(HttpMethod.POST, "/api/v1/missions", apiKey, mission, Latency.HTTP_API, null).map(Reply::body);
  }

  Future<JsonObject> mission(String missionId) {
    return call(HttpMethod.GET, "/api/v1/missions/" + missionId, apiKey, null, Latency.HTTP_API, null)
        .map(Reply::body);
  }

  Future<JsonObject> visibility(String query) {
    return call(HttpMethod.GET, "/api/v1/visibility?" + query, apiKey, null, Latency.HTTP_API, null)
        .map(Reply::body);
  }

  Future<Void> heartbeat(String nodeId, String secret, JsonObject body) {
    return call(HttpMethod.POST, "/api/v1/nodes/" + nodeId + "/heartbeat", secret, body, Latency.HTTP_HEARTBEAT,
        null).mapEmpty();
  }

  Future<JsonObject> progress(String nodeId, String secret, JsonObject body) {
    return call(HttpMethod.POST, "/api/v1/nodes/" + nodeId + "/progress", secret, body, Latency.HTTP_PROGRESS, null)
        .map(Reply::body);
  }

  /** Long-polls the node's tasks; {@code inFlight} gets the request so a fault can reset it. */
  Future<JsonObject> tasks(String nodeId, String secret, String wait, Consumer<HttpClientRequest> inFlight) {
    return call(HttpMethod.GET, "/api/v1/nodes/" + nodeId + "/tasks?wait=" + wait, secret, null, null, inFlight)
        .map(Reply::body);
  }

  Future<Void> close() {
    return Future.join(clients.stream().map(HttpClient::close).toList()).mapEmpty();
  }

  private Future<Reply> call(HttpMethod method, String uri, String bearer, JsonObject body, Latency latency,
      Consumer<HttpClientRequest> inFlight) {
    long started = System.nanoTime();
    RequestOptions options = new RequestOptions().setMethod(method).setURI(uri).setIdleTimeout(120_000);
    if (bearer != null) {
      options.putHeader("authorization", "Bearer " + bearer);
    }
    if (body != null) {
      options.putHeader("content-type", "application/json");
    }
    int gateway = pick();
    return clients.get(gateway).request(options).compose(request -> {
      if (inFlight != null) {
        inFlight.accept(request);
      }
      Future<io.vertx.core.http.HttpClientResponse> sent = body == null ? request.send() : request.send(body.toBuffer());
      return sent.compose(response -> response.body().map(b -> reply(response.statusCode(), b)));
    }).transform(done -> {
      if (done.failed()) {
        Throwable t = done.cause();
        if (t instanceof HttpFailure) {
          return Future.failedFuture(t);
        }
        avoid(gateway);
        return Future.failedFuture(new HttpFailure(0, "http_" + t.getClass().getSimpleName(),
            String.valueOf(t.getMessage())));
      }
      Reply reply = done.result();
      if (latency != null) {
        stats.latency(latency, System.nanoTime() - started);
      }
      if (reply.status() >= 300) {
        String code = reply.body() == null ? "" : reply.body().getString("error", "");
        return Future.failedFuture(new HttpFailure(reply.status(), "http_" + reply.status() + (code.isEmpty() ? "" : "_" + code),
            method + " " + uri + " answered " + reply.status() + ": " + (reply.body() == null ? "" : reply.body().encode())));
      }
      return Future.succeededFuture(reply);
    });
  }

  private static Reply reply(int status, Buffer body) {
    if (body == null || body.length() == 0) {
      return new Reply(status, null);
    }
    try {
      return new Reply(status, new JsonObject(body));
    } catch (RuntimeException e) {
      return new Reply(status, new JsonObject().put("error", "not_json"));
    }
  }
}
