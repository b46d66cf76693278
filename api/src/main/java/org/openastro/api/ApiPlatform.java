package org.openastro.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.ArrayList;
import java.util.List;
import org.openastro.api.auth.ApiKeyAccess;
import org.openastro.api.auth.SecretHasher;
import org.openastro.api.http.ApiRoutes;
import org.openastro.api.http.HealthRoutes;
import org.openastro.api.http.HttpApiVerticle;
import org.openastro.api.http.HttpLimits;
import org.openastro.api.tls.PemKeyPair;
import org.openastro.config.Config;
import org.openastro.cql.Store;

/**
 * Builds the process's HTTP server: the platform's own routes (health, metrics, API keys) beside
 * the route groups of the domain modules, every request authenticated by API key and validated
 * against the OpenAPI document before a route runs. Prepares statements: call at start-up, off the
 * event loop.
 */
public final class ApiPlatform {
  private ApiPlatform() {}

  /** The one bcrypt pool of a process (node secrets and API keys); close it when the process stops. */
  public static SecretHasher hasher(Config config) {
    return new SecretHasher(config.get(ApiSettings.AUTH_WORKER_THREADS), config.get(ApiSettings.AUTH_BCRYPT_COST),
        config.get(ApiSettings.AUTH_MAX_PENDING));
  }

  /** The full API: API keys, health, metrics (when {@code registry} is Prometheus) and {@code routeGroups}. */
  public static HttpApiVerticle server(Config config, Store store, SecretHasher hasher, MeterRegistry registry,
      List<ApiRoutes> routeGroups) {
    ApiKeyAccess keys = new ApiKeyAccess(store.apiKeys(), hasher, config);
    List<ApiRoutes> routes = new ArrayList<>(platformRoutes(store, registry));
    routes.add(keys.routes());
    routes.addAll(routeGroups);
    return listener(config, routes, registry, keys.authentication());
  }

  /** Probes and metrics only: what a process without the gateway role serves. */
  public static HttpApiVerticle probesOnly(Config config, Store store, MeterRegistry registry) {
    return listener(config, platformRoutes(store, registry), registry, null);
  }

  /** The process's one HTTP listener, over TLS when HTTP_TLS_CERT_PATH and HTTP_TLS_KEY_PATH are set. */
  private static HttpApiVerticle listener(Config config, List<ApiRoutes> routes, MeterRegistry registry,
      Handler<RoutingContext> authentication) {
    return new HttpApiVerticle(config.get(ApiSettings.HTTP_HOST), config.get(ApiSettings.HTTP_PORT),
        config.get(ApiSettings.HTTP_MAX_BODY_BYTES), routes, registry, authentication, HttpLimits.from(config),
        tls(config));
  }

  /** The HTTP API's certificate and key; null when neither is set; fails naming the missing one of the two. */
  public static PemKeyPair tls(Config config) {
    return PemKeyPair.from(config, ApiSettings.HTTP_TLS_CERT_PATH, ApiSettings.HTTP_TLS_KEY_PATH);
  }

  private static List<ApiRoutes> platformRoutes(Store store, MeterRegistry registry) {
    List<ApiRoutes> routes = new ArrayList<>();
    routes.add(HealthRoutes.forSession(store.session()));
    if (registry instanceof PrometheusMeterRegistry prometheus) {
      routes.add(router -> router.get("/metrics").handler(PrometheusScrapingHandler.create(prometheus)));
    }
    return routes;
  }
}
