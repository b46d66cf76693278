package org.openastro.api.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.ApiRoutes;
import org.openastro.api.http.PathParams;
import org.openastro.api.http.Responses;
import org.openastro.cql.apikey.ApiKeyRecord;
import org.openastro.cql.apikey.ApiKeyRepository;

/**
 * Admin-only management of API keys: issue ({@code POST /api/v1/api-keys}, the key is in the
 * answer once and never again), list, and delete. Only a bcrypt hash of a key is stored.
 */
final class ApiKeyRoutes implements ApiRoutes {
  static final int MAX_LIST = 1000;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

  private final ApiKeyRepository keys;
  private final SecretHasher hasher;
  private final ApiKeyAuthenticator authenticator;

  ApiKeyRoutes(ApiKeyRepository keys, SecretHasher hasher, ApiKeyAuthenticator authenticator) {
    this.keys = keys;
    this.hasher = hasher;
    this.authenticator = authenticator;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/api-keys").handler(this::create);
    router.get("/api/v1/api-keys").handler(this::list);
    router.delete("/api/v1/api-keys/:keyId").handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    Caller admin = Caller.of(ctx).require(ApiRole.ADMIN);
    JsonObject body = Responses.bodyObject(ctx);
    String name = name(body);
    ApiRole role = role(body);
    UUID keyId = UUID.randomUUID();
    String key = ApiKeys.newKey(keyId);
    hasher.hash(key)
        .compose(hash -> keys.insert(new ApiKeyRecord(keyId, name, role.name(), hash, Instant.now(), admin.principal())))
        .onSuccess(stored -> {
          ctx.response().putHeader("location", "/api/v1/api-keys/" + keyId);
          Responses.json(ctx, 201, json(stored).put("key", key));
        })
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    Caller.of(ctx).require(ApiRole.ADMIN);
    keys.list(MAX_LIST).map(all -> {
      JsonArray out = new JsonArray();
      all.forEach(k -> out.add(json(k)));
      return new JsonObject().put("api_keys", out);
    }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    Caller.of(ctx).require(ApiRole.ADMIN);
    UUID keyId = PathParams.uuid(ctx, "keyId", "key_id");
    Future<Void> deleted = keys.find(keyId).compose(found -> found.isEmpty()
        ? Future.failedFuture(ApiException.notFound("API key " + keyId))
        : keys.delete(keyId));
    deleted.onSuccess(v -> {
      authenticator.forget(keyId);
      ctx.response().setStatusCode(204).end();
    }).onFailure(ctx::fail);
  }

  static String name(JsonObject body) {
    Object value = body.getValue("name");
    if (value == null) {
      throw ApiException.missing("name");
    }
    if (!(value instanceof String text) || !NAME.matcher(text).matches()) {
      throw ApiException.invalid("name",
          "name must be 1-100 characters of letters, digits and . _ @ - (starting with a letter or digit)");
    }
    return text;
  }

  static ApiRole role(JsonObject body) {
    Object value = body.getValue("role");
    if (value == null) {
      throw ApiException.missing("role");
    }
    try {
      return ApiRole.valueOf(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("role", "role must be one of " + Arrays.toString(ApiRole.values()));
    }
  }

  private static JsonObject json(ApiKeyRecord k) {
    return new JsonObject().put("key_id", k.keyId().toString()).put("name", k.name()).put("role", k.role())
        .put("created_at", k.createdAt() == null ? null : k.createdAt().toString()).put("created_by", k.createdBy());
  }
}
