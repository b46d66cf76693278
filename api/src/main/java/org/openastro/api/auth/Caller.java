package org.openastro.api.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;

/**
 * Who sent an HTTP request to a non-node endpoint: the holder of a verified API key, or nobody
 * (anonymous). The API-key handler sets it on the routing context before any route runs; routes
 * read it with {@link #of} and refuse with {@link #require}.
 *
 * @param principal the name the key was issued to (owner of what it creates); null when anonymous
 * @param role the key's role; null when anonymous
 * @param keyId the key's id; null when anonymous
 */
public record Caller(String principal, ApiRole role, String keyId) {
  public static final Caller ANONYMOUS = new Caller(null, null, null);
  static final String CONTEXT_KEY = "openastro.caller";

  /** The caller of this request ({@link #ANONYMOUS} when no API key came with it). */
  public static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(CONTEXT_KEY);
    return caller == null ? ANONYMOUS : caller;
  }

  static void set(RoutingContext ctx, Caller caller) {
    ctx.put(CONTEXT_KEY, caller);
  }

  public boolean anonymous() {
    return role == null;
  }

  public boolean admin() {
    return role == ApiRole.ADMIN;
  }

  /** True when this caller may see everything of something {@code owner} created. */
  public boolean owns(String owner) {
    return admin() || (!anonymous() && principal.equals(owner));
  }

  /**
   * This caller when it holds one of {@code roles} (admins always do); else 401 when anonymous,
   * 403 when the key's role is wrong.
   */
  public Caller require(ApiRole... roles) {
    if (anonymous()) {
      throw new ApiException(new ApiError(401, "unauthorized",
          "this endpoint needs an API key: send 'Authorization: Bearer <key>' (or 'Token <key>')", null));
    }
    if (admin() || Arrays.asList(roles).contains(role)) {
      return this;
    }
    throw new ApiException(new ApiError(403, "forbidden",
        "an API key with role " + Arrays.toString(roles) + " is needed; this key has role " + role, null));
  }
}
