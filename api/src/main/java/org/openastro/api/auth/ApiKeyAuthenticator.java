package org.openastro.api.auth;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;
import org.openastro.cql.apikey.ApiKeyRecord;
import org.openastro.cql.apikey.ApiKeyRepository;

/**
 * Turns an API key into its {@link Caller}: the configured admin key by digest comparison (constant
 * time), an issued key by one keyed read plus bcrypt off the event loop, remembered for a short
 * while so a busy pipeline does not pay bcrypt per request. A bad key fails with
 * {@link AuthException.Reason#BAD_CREDENTIALS}.
 */
final class ApiKeyAuthenticator {
  static final String ADMIN_PRINCIPAL = "admin";
  static final String CONFIGURED_KEY_ID = "configured";

  private final ApiKeyRepository keys;
  private final SecretHasher hasher;
  private final CredentialCache cache;
  private final byte[] adminKeyDigest;

  /** {@code adminKey} may be null: then only issued keys are accepted. */
  ApiKeyAuthenticator(ApiKeyRepository keys, SecretHasher hasher, CredentialCache cache, String adminKey) {
    this.keys = keys;
    this.hasher = hasher;
    this.cache = cache;
    this.adminKeyDigest = adminKey == null ? null : digest(adminKey);
  }

  Future<Caller> authenticate(String key) {
    if (adminKeyDigest != null && MessageDigest.isEqual(adminKeyDigest, digest(key))) {
      return Future.succeededFuture(new Caller(ADMIN_PRINCIPAL, ApiRole.ADMIN, CONFIGURED_KEY_ID));
    }
    Optional<UUID> keyId = ApiKeys.keyIdOf(key);
    if (keyId.isEmpty()) {
      return Future.failedFuture(bad());
    }
    return keys.find(keyId.get()).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(bad());
      }
      ApiKeyRecord record = found.get();
      if (cache.matches(record.keyId(), record.secretHash(), key)) {
        return Future.succeededFuture(caller(record));
      }
      return hasher.verify(key, record.secretHash()).compose(ok -> {
        if (!ok) {
          return Future.failedFuture(bad());
        }
        cache.remember(record.keyId(), record.secretHash(), key);
        return Future.succeededFuture(caller(record));
      });
    });
  }

  /** A deleted key stops working here at once (other gateways: within API_KEY_CACHE_TTL). */
  void forget(UUID keyId) {
    cache.forget(keyId);
  }

  private static Caller caller(ApiKeyRecord record) {
    return new Caller(record.name(), ApiRole.valueOf(record.role()), record.keyId().toString());
  }

  private static AuthException bad() {
    return new AuthException(AuthException.Reason.BAD_CREDENTIALS, "unknown or revoked API key");
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
