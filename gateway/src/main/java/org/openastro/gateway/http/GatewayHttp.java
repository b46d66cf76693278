package org.openastro.gateway.http;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.openastro.config.Config;
import org.openastro.cql.VertxFutures;
import org.openastro.cql.apikey.ApiKeyRepository;
import org.openastro.gateway.auth.CredentialCache;
import org.openastro.gateway.Gateway;
import org.openastro.gateway.GatewaySettings;

/** Builds the gateway's HTTP verticle with its route groups from the process's parts. */
public final class GatewayHttp {
  private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(2);

  private GatewayHttp() {}

  /**
   * The HTTP verticle serving health and node routes plus {@code extraRoutes} (other modules').
   * Prepares statements, so call it at start-up, off the event loop.
   */
  public static HttpApiVerticle verticle(Config config, CqlSession session, MeterRegistry registry,
      List<ApiRoutes> extraRoutes) {
    return verticle(new Gateway(config, session, registry), session, registry, extraRoutes);
  }

  /** As above, sharing {@code gateway} (authentication, write gate) with the MQTT verticle. */
  public static HttpApiVerticle verticle(Gateway gateway, CqlSession session, MeterRegistry registry,
      List<ApiRoutes> extraRoutes) {
    Config config = gateway.config();
    List<ApiRoutes> routes = new ArrayList<>();
    ApiKeyAuthenticator apiKeys = apiKeyAuthenticator(gateway, session);
    // Runs before contract validation and every route: each sees the request's Caller.
    ApiKeyAuth authentication = new ApiKeyAuth(apiKeys);
    routes.add(new ApiKeyRoutes(new ApiKeyRepository(session), gateway.authenticator().hasher(), apiKeys));
    routes.add(new HealthRoutes(storageCheck(session)));
    routes.add(new NodeRoutes(gateway));
    routes.add(new NodeIngestRoutes(gateway));
    if (registry instanceof PrometheusMeterRegistry prometheus) {
      routes.add(router -> router.get("/metrics").handler(PrometheusScrapingHandler.create(prometheus)));
    }
    routes.addAll(extraRoutes);
    return new HttpApiVerticle(config.get(GatewaySettings.HTTP_HOST), config.get(GatewaySettings.HTTP_PORT),
        config.get(GatewaySettings.HTTP_MAX_BODY_BYTES), routes, registry, authentication);
  }

  private static ApiKeyAuthenticator apiKeyAuthenticator(Gateway gateway, CqlSession session) {
    Config config = gateway.config();
    return new ApiKeyAuthenticator(new ApiKeyRepository(session), gateway.authenticator().hasher(),
        new CredentialCache(config.get(GatewaySettings.AUTH_CACHE_MAX_ENTRIES), config.get(GatewaySettings.API_KEY_CACHE_TTL)),
        config.get(GatewaySettings.ADMIN_API_KEY));
  }

  private static Supplier<Future<Void>> storageCheck(CqlSession session) {
    PreparedStatement probe = session.prepare("SELECT release_version FROM system.local");
    return () -> VertxFutures.onCallerContext(
        session.executeAsync(probe.bind().setTimeout(READINESS_TIMEOUT))).mapEmpty();
  }
}
