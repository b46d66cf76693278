package org.openastro.api.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openastro.api.ApiSettings;
import org.openastro.api.http.ApiRoutes;
import org.openastro.config.Config;
import org.openastro.cql.apikey.ApiKeyRepository;

/**
 * API keys on one HTTP server: the handler that turns a key into the request's {@link Caller}, and
 * the admin routes that issue, list and delete keys. Both share one authenticator, so a key deleted
 * here stops working here at once.
 */
public final class ApiKeyAccess {
  private final ApiKeyAuthenticator authenticator;
  private final ApiKeyRepository keys;
  private final SecretHasher hasher;

  /** {@code hasher}: the process's one bcrypt pool, shared with node identity. */
  public ApiKeyAccess(ApiKeyRepository keys, SecretHasher hasher, Config config) {
    this.keys = keys;
    this.hasher = hasher;
    this.authenticator = new ApiKeyAuthenticator(keys, hasher,
        new CredentialCache(config.get(ApiSettings.AUTH_CACHE_MAX_ENTRIES), config.get(ApiSettings.API_KEY_CACHE_TTL)),
        config.get(ApiSettings.ADMIN_API_KEY));
  }

  /** Runs on every request before validation and the routes. */
  public Handler<RoutingContext> authentication() {
    return new ApiKeyAuth(authenticator);
  }

  /** {@code /api/v1/api-keys}. */
  public ApiRoutes routes() {
    return new ApiKeyRoutes(keys, hasher, authenticator);
  }
}
