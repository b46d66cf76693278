package org.openastro.bench.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The product both paths copy: random (incompressible) bytes written to disk once, a megabyte at a
 * time, so a 1 GiB file never sits in the heap; and the one way both paths read a download back.
 */
record TransferFile(Path path, long bytes, String sha256) {
  private static final int CHUNK = 1 << 20;

  static TransferFile generate(Path path, long bytes) throws IOException {
    MessageDigest sha = newDigest();
    byte[] chunk = new byte[CHUNK];
    SplittableRandom random = new SplittableRandom(18);
    try (OutputStream out = Files.newOutputStream(path)) {
      for (long left = bytes; left > 0; ) {
        int n = (int) Math.min(CHUNK, left);
        for (int i = 0; i < n; i += 8) {
          long r = random.nextLong();
          for (int j = 0; j < 8 && i + j < n; j++) {
            chunk[i + j] = (byte) (r >>> (8 * j));
          }
        }
        sha.update(chunk, 0, n);
        out.write(chunk, 0, n);
        left -= n;
      }
    }
    return new TransferFile(path, bytes, HexFormat.of().formatHex(sha.digest()));
  }

  /**
   * Reads a download to its end, discarding it while hashing: both paths pay the same hashing, and
   * a figure is only printed for content that arrived whole and unchanged.
   */
  void drainVerifying(InputStream in, String what) throws IOException {
    MessageDigest sha = newDigest();
    byte[] buffer = new byte[CHUNK];
    long read = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      sha.update(buffer, 0, n);
      read += n;
    }
    String got = HexFormat.of().formatHex(sha.digest());
    if (read != bytes || !got.equals(sha256)) {
      throw new IllegalStateException(what + ": read " + read + " bytes with SHA-256 " + got + ", expected "
          + bytes + " bytes with " + sha256);
    }
  }

  double megabytesPerSecond(long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
