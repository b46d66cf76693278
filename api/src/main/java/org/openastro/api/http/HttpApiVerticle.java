package org.openastro.api.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openastro.api.auth.Caller;
import org.openastro.api.tls.PemKeyPair;
import org.openastro.cql.IdConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of the gateway: one router, one error shape. Every request passes, in order:
 * the body limit (not for streamed uploads), the authentication handler, validation against the
 * OpenAPI document ({@link ApiContract}), then the route groups; {@code GET /openapi.yaml} serves
 * that document.
 */
public final class HttpApiVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApiVerticle.class);
  private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{[^}]+}");

  private final String host;
  private final int port;
  private final int maxBodyBytes;
  private final List<ApiRoutes> routes;
  private final Handler<RoutingContext> authentication;
  private final MeterRegistry registry;
  private final ApiMetrics metrics;
  private final HttpLimits limits;
  private final PemKeyPair tls;
  private ApiContract contract;
  private HttpServer server;

  public HttpApiVerticle(String host, int port, int maxBodyBytes, List<ApiRoutes> routes, MeterRegistry registry) {
    this(host, port, maxBodyBytes, routes, registry, null, HttpLimits.DEFAULTS);
  }

  public HttpApiVerticle(String host, int port, int maxBodyBytes, List<ApiRoutes> routes, MeterRegistry registry,
      Handler<RoutingContext> authentication) {
    this(host, port, maxBodyBytes, routes, registry, authentication, HttpLimits.DEFAULTS);
  }

  /**
   * @param authentication runs on every request after the body is read and before validation
   *     (e.g. the API-key handler setting the {@link Caller}); null for none
   * @param limits connection limits and timeouts of the listener
   */
  public HttpApiVerticle(String host, int port, int maxBodyBytes, List<ApiRoutes> routes, MeterRegistry registry,
      Handler<RoutingContext> authentication, HttpLimits limits) {
    this(host, port, maxBodyBytes, routes, registry, authentication, limits, null);
  }

  /**
   * @param tls the certificate and key the listener serves HTTPS with (checked at start); null for
   *     plain HTTP. One listener either way: with TLS there is no plain port beside it, since API
   *     keys and node secrets ride in every request's headers.
   */
  public HttpApiVerticle(String host, int port, int maxBodyBytes, List<ApiRoutes> routes, MeterRegistry registry,
      Handler<RoutingContext> authentication, HttpLimits limits, PemKeyPair tls) {
    this.tls = tls;
    this.host = host;
    this.port = port;
    this.maxBodyBytes = maxBodyBytes;
    this.routes = routes;
    this.authentication = authentication;
    this.registry = registry;
    this.metrics = new ApiMetrics(registry);
    this.limits = limits;
  }

  @Override
  public Future<?> start() {
    if (tls != null) {
      try {
        tls.check(vertx); // otherwise the listener starts and every handshake fails
      } catch (IllegalStateException e) {
        return Future.failedFuture(e);
      }
    }
    return ApiContract.load(vertx).compose(loaded -> {
      contract = loaded;
      Router router = Router.router(vertx);
      ConnectionGuard guard = new ConnectionGuard(vertx, limits, metrics);
      router.route().handler(ctx -> {
        // before anything decodes the path or query: a malformed %-escape is a 400, not a 500
        ApiError malformed = RequestTarget.check(ctx.request().path(), ctx.request().query());
        Operation op = malformed == null ? ContractValidation.operation(ctx, contract) : null;
        if (!guard.requestArrived(ctx, op != null && contract.rules(op).streamed())) {
          return;
        }
        if (malformed != null) {
          ctx.fail(new ApiException(malformed));
        } else {
          ctx.next();
        }
      });
      router.route().handler(new BodyLimit(contract, maxBodyBytes));
      if (authentication != null) {
        router.route().handler(authentication);
      }
      router.route().handler(new ContractValidation(contract, RequestValidator.create(vertx, contract.validation()),
          registry));
      routeGroups().forEach(r -> r.mount(router));
      router.route().last().handler(ctx -> {
        ctx.fail(new ApiException(new ApiError(404, "not_found", "no such endpoint: "
            + ctx.request().method() + " " + ctx.request().path(), null)));
      });
      router.route().failureHandler(this::failure);
      HttpServerOptions options = new HttpServerOptions()
          .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis()))
          .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
          // HTTP/1.1 only: the connection (and its limit and head timer) then starts when the socket
          // opens, not at its first bytes, and a stream can not hide behind another on one connection
          .setHttp2ClearTextEnabled(false);
      if (tls != null) {
        // no ALPN: HTTP/1.1 over TLS too, for the same reason as above
        options.setSsl(true).setKeyCertOptions(tls.options());
      }
      return vertx.createHttpServer(options).connectionHandler(guard::connected).requestHandler(router)
          .invalidRequestHandler(new CodecRefusals(metrics)).listen(port, host);
    }).onSuccess(s -> {
      server = s;
      LOG.info("HTTP API listening on {}:{}, TLS {}", host, s.actualPort(), tls != null ? "on" : "off");
    });
  }

  /** Every route group this server mounts, its own {@code GET /openapi.yaml} included (see {@link ContractCoverage}). */
  public List<ApiRoutes> routeGroups() {
    List<ApiRoutes> all = new java.util.ArrayList<>();
    all.add(new OpenApiRoutes(() -> contract.document()));
    all.addAll(routes);
    return all;
  }

  /** The port actually bound (differs from the setting when that was 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private void failure(RoutingContext ctx) {
    ApiError error;
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      error = api.error();
    } else if (failure instanceof IdConflictException conflict) {
      error = ApiError.conflict(conflict.field(), conflict.getMessage());
    } else if (ctx.statusCode() == 413) {
      error = new ApiError(413, "payload_too_large",
          "the body is larger than " + maxBodyBytes + " bytes", null);
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      error = new ApiError(ctx.statusCode(), "bad_request", "the request was refused", null);
    } else if (failure instanceof OverloadedException) {
      ctx.response().putHeader("retry-after", "1");
      error = new ApiError(503, "unavailable", "the gateway is saturated, retry later", null);
    } else if (StorageFailures.isUnavailable(failure)) {
      ctx.response().putHeader("retry-after", "5");
      error = new ApiError(503, "unavailable", "storage is unavailable, retry later", null);
    } else {
      LOG.error("Unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
      error = new ApiError(500, "internal", "internal error", null);
    }
    if (error.status() < 500) {
      metrics.rejected(routeName(ctx), error.code());
    }
    Responses.error(ctx, error);
  }

  /**
   * The route as a closed-set metric tag: a documented operation's template
   * ({@code GET /api/v1/nodes/{id}}: its method and path matched the document, so neither ids nor
   * garbage make a new series); {@code unmatched} for everything else, whatever its method and
   * path (no route, oversized bodies, malformed paths, the few routes outside the document).
   */
  private static String routeName(RoutingContext ctx) {
    Optional<Operation> op = ctx.get(ContractValidation.OPERATION);
    if (op != null && op.isPresent()) {
      return op.get().getHttpMethod() + " " + TEMPLATE_PARAM.matcher(op.get().getOpenAPIPath()).replaceAll("{id}");
    }
    return ApiMetrics.UNMATCHED;
  }
}
