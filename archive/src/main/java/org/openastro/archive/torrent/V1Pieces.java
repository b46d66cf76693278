package org.openastro.archive.torrent;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;

/**
 * The v1 {@code pieces} string (BEP 3): the SHA-1 of each piece of the torrent's bytes taken as
 * one stream over all its files, the last piece possibly shorter. In a hybrid torrent the files
 * of that stream are separated by BEP 47 pad files of zeros ({@link #padToPieceBoundary}) so that
 * every file starts on a piece boundary, as v2 pieces do.
 */
final class V1Pieces {
  private static final byte[] ZEROS = new byte[MerkleFile.BLOCK];

  private final long pieceLength;
  private final MessageDigest sha1 = Digests.sha1();
  private final ByteArrayOutputStream pieces = new ByteArrayOutputStream();
  private long inPiece;

  V1Pieces(long pieceLength) {
    this.pieceLength = pieceLength;
  }

  void update(byte[] bytes, int offset, int length) {
    while (length > 0) {
      int n = (int) Math.min(length, pieceLength - inPiece);
      sha1.update(bytes, offset, n);
      inPiece += n;
      offset += n;
      length -= n;
      if (inPiece == pieceLength) {
        pieces.writeBytes(sha1.digest());
        inPiece = 0;
      }
    }
  }

  /** Feeds the zeros of a pad file up to the next piece boundary; answers its length (0: none needed). */
  long padToPieceBoundary() {
    if (inPiece == 0) {
      return 0;
    }
    long pad = pieceLength - inPiece;
    for (long left = pad; left > 0; left -= ZEROS.length) {
      update(ZEROS, 0, (int) Math.min(left, ZEROS.length));
    }
    return pad;
  }

  /** The concatenated 20-byte piece hashes; ends this hasher. */
  byte[] finish() {
    if (inPiece > 0) {
      pieces.writeBytes(sha1.digest());
      inPiece = 0;
    }
    return pieces.toByteArray();
  }
}
