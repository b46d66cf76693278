package org.openastro.api.auth;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Node secrets: the node's id (16 bytes) followed by 256 random bits, as URL-safe base64 (64
 * characters, usable as an MQTT password and a bearer token). Carrying the id lets an HTTP server
 * tell "wrong secret" (401) from "a real node asking about another node" (403) with only
 * {@code Authorization: Bearer <secret>}; the random part is what is verified against the hash.
 */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int RANDOM_BYTES = 32;

  private Secrets() {}

  public static String newSecret(UUID nodeId) {
    String secret;
    do {
      secret = candidate(nodeId);
    } while (ApiKeys.looksLikeApiKey(secret)); // about 1 in 17 million: would be taken for an API key
    return secret;
  }

  private static String candidate(UUID nodeId) {
    ByteBuffer bytes = ByteBuffer.allocate(16 + RANDOM_BYTES);
    bytes.putLong(nodeId.getMostSignificantBits()).putLong(nodeId.getLeastSignificantBits());
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    bytes.put(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  /** The node id a secret was issued for, or empty when the text is not a secret's shape. */
  public static Optional<UUID> nodeIdOf(String secret) {
    if (secret == null || secret.length() != 64) {
      return Optional.empty();
    }
    try {
      ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(secret));
      return Optional.of(new UUID(bytes.getLong(), bytes.getLong()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
