package org.openastro.archive.torrent;

/**
 * The piece length of a product's torrent: a power of two of at least 16 KiB (BEP 52's block),
 * the configured one or, for {@code auto}, the smallest; doubled while the content would need more
 * than {@code maxPieces} pieces, which bounds the stored metadata (52 bytes a piece: a v1 SHA-1
 * and a v2 piece-layer SHA-256) whatever the product's size.
 */
final class PieceLength {
  static final long MIN = MerkleFile.BLOCK;

  private PieceLength() {}

  /**
   * @param configured a power of two of at least {@link #MIN}, or 0 for auto
   */
  static long choose(long contentLength, long configured, int maxPieces) {
    if (configured != 0 && (configured < MIN || Long.bitCount(configured) != 1)) {
      throw new IllegalArgumentException("a piece length is a power of two of at least 16 KiB: " + configured);
    }
    long length = configured == 0 ? MIN : configured;
    while (pieces(contentLength, length) > maxPieces) {
      length <<= 1;
    }
    return length;
  }

  static long pieces(long contentLength, long pieceLength) {
    return (contentLength + pieceLength - 1) / pieceLength;
  }
}
