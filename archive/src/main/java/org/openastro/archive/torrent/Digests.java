package org.openastro.archive.torrent;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The two digests BitTorrent uses: SHA-1 (v1 pieces and info-hash) and SHA-256 (v2). */
final class Digests {
  private Digests() {}

  static MessageDigest sha1() {
    return of("SHA-1");
  }

  static MessageDigest sha256() {
    return of("SHA-256");
  }

  private static MessageDigest of(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has " + algorithm, e);
    }
  }
}
