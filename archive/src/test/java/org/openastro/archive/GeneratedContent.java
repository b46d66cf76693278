package org.openastro.archive;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Deterministic pseudo-random bytes of a given length, generated on the fly (xorshift64), so a
 * test can upload far more than its heap and hash the same bytes again without storing them.
 */
final class GeneratedContent extends InputStream {
  private final long length;
  private long position;
  private long state;

  GeneratedContent(long length, long seed) {
    this.length = length;
    this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (position >= length) {
      return -1;
    }
    int n = (int) Math.min(len, length - position);
    for (int i = 0; i < n; i++) {
      // one state step per byte keeps the stream independent of how callers chunk their reads
      state ^= state << 13;
      state ^= state >>> 7;
      state ^= state << 17;
      b[off + i] = (byte) state;
    }
    position += n;
    return n;
  }

  /** SHA-256 (hex) of {@code length} bytes from {@code seed}. */
  static String sha256(long length, long seed) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new GeneratedContent(length, seed)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer, 0, buffer.length)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static String sha256(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[1 << 16];
    int n;
    while ((n = in.read(buffer, 0, buffer.length)) > 0) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
