package org.openastro.api.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Enrolment tokens: {@code oet_} followed by URL-safe base64 of the token's id (16 bytes) and 256
 * random bits. An operator issues one so that a telescope in the field can register itself once.
 * The distinct prefix tells a token from an API key ({@code oak_}) and a node secret in one
 * {@code Authorization: Bearer} header; the id lets the token be found with one keyed read. With
 * 256 random bits a plain SHA-256 of the token is a safe stored form (no dictionary to try), and
 * it is checked without the bcrypt pool.
 */
public final class EnrolmentTokens {
  public static final String PREFIX = "oet_";
  private static final int RANDOM_BYTES = 32;
  private static final int ENCODED_LENGTH = 64;
  private static final SecureRandom RANDOM = new SecureRandom();

  private EnrolmentTokens() {}

  public static String newToken(UUID tokenId) {
    ByteBuffer bytes = ByteBuffer.allocate(16 + RANDOM_BYTES);
    bytes.putLong(tokenId.getMostSignificantBits()).putLong(tokenId.getLeastSignificantBits());
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    bytes.put(random);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  /** True for a bearer token meant as an enrolment token (right or wrong). */
  public static boolean looksLikeToken(String token) {
    return token != null && token.startsWith(PREFIX);
  }

  /** The id a token carries, or empty when the text is not a token's shape. */
  public static Optional<UUID> tokenIdOf(String token) {
    if (token == null || token.length() != PREFIX.length() + ENCODED_LENGTH || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token.substring(PREFIX.length())));
      return Optional.of(new UUID(bytes.getLong(), bytes.getLong()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The stored form of a token: lower-case hex SHA-256 of the whole token. */
  public static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant-time comparison of a presented token with a stored hash. */
  public static boolean matches(String token, String storedHash) {
    return storedHash != null && MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
