package org.openastro.api.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps slow or numerous clients from holding the listener (slowloris): at most
 * {@code HTTP_MAX_CONNECTIONS} open connections (one beyond is closed at once, counted); a
 * request's head must arrive within {@code HTTP_REQUEST_TIMEOUT} of the connection opening or of
 * the previous response ending (else the connection is closed), and a buffered body within the
 * same time of its head (else 408 and the connection is closed). Streamed uploads are held only
 * to {@code HTTP_IDLE_TIMEOUT}, which Netty applies to every connection. Vert.x 5 has no header
 * read timeout of its own, hence the timers here.
 *
 * <p>One instance per server, used on the server's event loop.
 */
final class ConnectionGuard {
  private static final String WATCHED = "openastro.connection.watched";

  private final Vertx vertx;
  private final HttpLimits limits;
  private final ApiMetrics metrics;
  private final Map<HttpConnection, Watch> open = new ConcurrentHashMap<>();

  /** A connection's state: its head timer (-1 = none) and its requests in progress (pipelined, HTTP/2 streams). */
  private static final class Watch {
    long headTimer = -1;
    int inFlight;
  }

  ConnectionGuard(Vertx vertx, HttpLimits limits, ApiMetrics metrics) {
    this.vertx = vertx;
    this.limits = limits;
    this.metrics = metrics;
    metrics.openConnections(open::size);
  }

  /** The server's connection handler. */
  void connected(HttpConnection connection) {
    if (open.size() >= limits.maxConnections()) {
      metrics.connectionRefused();
      closeNow(connection);
      return;
    }
    HttpVersionCheck.install(connection);
    Watch watch = new Watch();
    open.put(connection, watch);
    connection.closeHandler(v -> {
      open.remove(connection);
      cancelHead(watch);
    });
    awaitHead(connection, watch);
  }

  /**
   * The first handler of the router: the head has arrived; the body may still be on its way.
   * False when the request came on a connection refused over the limit (its bytes can be read
   * before the close takes effect): it is closed again and must not be served.
   */
  boolean requestArrived(RoutingContext ctx, boolean streamed) {
    HttpServerRequest request = ctx.request();
    HttpConnection connection = request.connection();
    if (ctx.get(WATCHED) != null) {
      return true; // re-routed
    }
    Watch watch = open.get(connection);
    if (watch == null) {
      closeNow(connection);
      return false;
    }
    ctx.put(WATCHED, true);
    watch.inFlight++;
    cancelHead(watch);
    if (!streamed && !request.isEnded()) {
      long timer = vertx.setTimer(limits.requestTimeout().toMillis(), t -> {
        if (!request.isEnded() && !ctx.response().ended()) {
          metrics.timedOut();
          ctx.response().putHeader("connection", "close");
          ctx.fail(new ApiException(new ApiError(408, "request_timeout",
              "the body did not arrive within " + limits.requestTimeout().toMillis() + " ms", null)));
        }
      });
      ctx.addEndHandler(ended -> vertx.cancelTimer(timer));
    }
    // A fast route answers before Vert.x has seen the end of even a body-less request, so "not
    // ended" says nothing here: the 408 above closes its connection by its own header, and every
    // other connection waits for its next head.
    ctx.addEndHandler(ended -> {
      watch.inFlight--;
      if (watch.inFlight == 0 && open.get(connection) == watch) {
        awaitHead(connection, watch);
      }
    });
    return true;
  }

  /** The socket itself: HttpConnection.close() is graceful and would still serve a request already read. */
  private static void closeNow(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      base.channel().close();
    } else {
      connection.close();
    }
  }

  private void awaitHead(HttpConnection connection, Watch watch) {
    cancelHead(watch);
    watch.headTimer = vertx.setTimer(limits.requestTimeout().toMillis(), t -> {
      if (watch.headTimer == t) {
        watch.headTimer = -1;
        metrics.timedOut();
        connection.close();
      }
    });
  }

  private void cancelHead(Watch watch) {
    if (watch.headTimer >= 0) {
      vertx.cancelTimer(watch.headTimer);
      watch.headTimer = -1;
    }
  }
}
