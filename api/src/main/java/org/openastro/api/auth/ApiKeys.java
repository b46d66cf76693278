package org.openastro.api.auth;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys: {@code oak_} followed by URL-safe base64 of the key's id (16 bytes) and 256 random
 * bits. The prefix tells an API key from a node secret (so one {@code Authorization: Bearer}
 * header serves both kinds of endpoint) and makes leaked keys easy to find in logs and
 * repositories; the id lets a request be checked with one keyed read instead of a scan.
 */
public final class ApiKeys {
  public static final String PREFIX = "oak_";
  /** A configured admin key needs at least this many characters after the prefix. */
  static final int MIN_CONFIGURED_LENGTH = 32;
  private static final int RANDOM_BYTES = 32;
  private static final int ENCODED_LENGTH = 64;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  public static String newKey(UUID keyId) {
    ByteBuffer bytes = ByteBuffer.allocate(16 + RANDOM_BYTES);
    bytes.putLong(keyId.getMostSignificantBits()).putLong(keyId.getLeastSignificantBits());
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    bytes.put(random);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  /** True for a bearer token meant as an API key (right or wrong), false for anything else. */
  public static boolean looksLikeApiKey(String token) {
    return token != null && token.startsWith(PREFIX);
  }

  /** The id an issued key carries, or empty when the text is not an issued key's shape. */
  public static Optional<UUID> keyIdOf(String key) {
    if (key == null || key.length() != PREFIX.length() + ENCODED_LENGTH || !key.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(key.substring(PREFIX.length())));
      return Optional.of(new UUID(bytes.getLong(), bytes.getLong()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Parser of the ADMIN_API_KEY setting: refuses keys too short or without the prefix. */
  public static String checkConfiguredKey(String text) {
    String key = text.trim();
    if (!key.startsWith(PREFIX) || key.length() < PREFIX.length() + MIN_CONFIGURED_LENGTH) {
      throw new IllegalArgumentException("must be '" + PREFIX + "' followed by at least "
          + MIN_CONFIGURED_LENGTH + " characters (e.g. " + PREFIX + "$(openssl rand -hex 24))");
    }
    return key;
  }
}
