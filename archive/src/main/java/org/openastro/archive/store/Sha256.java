package org.openastro.archive.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SHA-256 digests as the API writes them: 64 lower-case hex digits in JSON and in
 * {@code x-content-sha256}, base64 in the RFC 9530 {@code Repr-Digest} header.
 */
public final class Sha256 {
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private final MessageDigest digest;

  private Sha256() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** A digest being computed over a stream, chunk by chunk. */
  public static Sha256 streaming() {
    return new Sha256();
  }

  public void update(byte[] chunk) {
    digest.update(chunk);
  }

  /** The digest of everything given so far, as lower-case hex (ends this digest). */
  public String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** {@code text} as a canonical (lower-case) digest, or null when it is not 64 hex digits. */
  public static String canonical(String text) {
    return text != null && HEX.matcher(text).matches() ? text.toLowerCase(Locale.ROOT) : null;
  }

  /** The RFC 9530 {@code Repr-Digest} value of a hex digest: {@code sha-256=:<base64>:}. */
  public static String reprDigest(String hex) {
    return "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)) + ":";
  }
}
