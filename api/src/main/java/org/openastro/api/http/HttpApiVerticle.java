package org.openastro.api.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openastro.api.auth.Caller;
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
  private static final String UNMATCHED = "openastro.unmatched";
  private static final Pattern UUID_SEGMENT = Pattern.compile("[0-9a-fA-F-]{36}");
  private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{[^}]+}");

  private final String host;
  private final int port;
  private final int maxBodyBytes;
  private final List<ApiRoutes> routes;
  private final Handler<RoutingContext> authentication;
  private final MeterRegistry registry;
  private final ApiMetrics metrics;
  private ApiContract contract;
  private HttpServer server;

  public HttpApiVerticle(String host, int port, int maxBodyBytes, List<ApiRoutes> routes, MeterRegistry registry) {
    this(host, port, maxBodyBytes, routes, registry, null);
  }

  /**
   * @param authentication runs on every request after the body is read and before validation
   *     (e.g. the API-key handler setting the {@link Caller}); null for none
   */
  public HttpApiVerticle(String host, int port, int maxBodyBytes, List<ApiRoutes> routes, MeterRegistry registry,
      Handler<RoutingContext> authentication) {
    this.host = host;
    this.port = port;
    this.maxBodyBytes = maxBodyBytes;
    this.routes = routes;
    this.authentication = authentication;
    this.registry = registry;
    this.metrics = new ApiMetrics(registry);
  }

  @Override
  public Future<?> start() {
    return ApiContract.load(vertx).compose(loaded -> {
      contract = loaded;
      Router router = Router.router(vertx);
      router.route().handler(new BodyLimit(contract, maxBodyBytes));
      if (authentication != null) {
        router.route().handler(authentication);
      }
      router.route().handler(new ContractValidation(contract, RequestValidator.create(vertx, contract.validation()),
          registry));
      routeGroups().forEach(r -> r.mount(router));
      router.route().last().handler(ctx -> {
        ctx.put(UNMATCHED, true);
        ctx.fail(new ApiException(new ApiError(404, "not_found", "no such endpoint: "
            + ctx.request().method() + " " + ctx.request().path(), null)));
      });
      router.route().failureHandler(this::failure);
      return vertx.createHttpServer().requestHandler(router).listen(port, host);
    }).onSuccess(s -> {
      server = s;
      LOG.info("HTTP API listening on {}:{}", host, s.actualPort());
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
      metrics.rejected(ctx.get(UNMATCHED) != null ? "unmatched" : routeName(ctx), error.code());
    }
    Responses.error(ctx, error);
  }

  /**
   * The route as a template ({@code GET /api/v1/nodes/{id}}): ids would make metric tags unbounded.
   * A documented operation gives its template, so even a malformed id does not make a new series.
   */
  private static String routeName(RoutingContext ctx) {
    Optional<Operation> op = ctx.get(ContractValidation.OPERATION);
    if (op != null && op.isPresent()) {
      return ctx.request().method() + " " + TEMPLATE_PARAM.matcher(op.get().getOpenAPIPath()).replaceAll("{id}");
    }
    return ctx.request().method() + " " + UUID_SEGMENT.matcher(ctx.normalizedPath()).replaceAll("{id}");
  }
}
