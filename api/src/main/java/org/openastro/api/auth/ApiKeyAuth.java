package org.openastro.api.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;

/**
 * Runs before every route: when the request carries {@code Authorization: Bearer oak_...}, checks
 * the key and records its {@link Caller}; a wrong key is refused at once (401) rather than
 * silently treated as anonymous, so a pipeline with a revoked key learns it. Any other bearer token
 * (a node secret, an enrolment token {@code oet_...}) and no header at all pass on as anonymous:
 * node endpoints check node secrets themselves, node registration checks enrolment tokens, and
 * public reads need no key.
 *
 * <p>{@code Authorization: Token <key>} is the same API key in the scheme of LCO's observation
 * portal (Django REST framework's token authentication), which the TOM Toolkit sends: a TOM then
 * needs only the portal URL and a key. That scheme carries nothing but API keys, so any token in
 * it is checked, and a wrong one is a 401 whatever its shape.
 */
public final class ApiKeyAuth implements Handler<RoutingContext> {
  private final ApiKeyAuthenticator authenticator;

  ApiKeyAuth(ApiKeyAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  static final String TOKEN_SCHEME = "Token ";

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("authorization");
    boolean tokenScheme = header != null && header.regionMatches(true, 0, TOKEN_SCHEME, 0, TOKEN_SCHEME.length());
    String token = tokenScheme ? header.substring(TOKEN_SCHEME.length()).trim()
        : header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    if (!tokenScheme && !ApiKeys.looksLikeApiKey(token)) {
      ctx.next();
      return;
    }
    String scheme = tokenScheme ? "Token" : "Bearer";
    authenticator.authenticate(token).onSuccess(caller -> {
      Caller.set(ctx, caller);
      ctx.next();
    }).onFailure(e -> {
      if (e instanceof AuthException auth && auth.reason() == AuthException.Reason.BAD_CREDENTIALS) {
        ctx.response().putHeader("www-authenticate", scheme + " realm=\"openastro-api\"");
        ctx.fail(new ApiException(new ApiError(401, "unauthorized", "unknown or revoked API key", null)));
      } else if (e instanceof AuthException) {
        ctx.response().putHeader("retry-after", "1");
        ctx.fail(new ApiException(new ApiError(503, "unavailable",
            "too many authentications in progress, retry later", null)));
      } else {
        ctx.fail(e);
      }
    });
  }
}
