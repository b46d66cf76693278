package org.openastro.archive.torrent;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The v2 hashes of one file (BEP 52), computed as its bytes stream by: a SHA-256 merkle tree over
 * 16 KiB blocks (the last block hashed as it is, shorter), the leaves beyond the file's end zero.
 * Only the current piece's leaves are held; each full piece is folded into its subtree root, the
 * file's entry in {@code piece layers}, so memory is 32 bytes a piece, whatever the file's size.
 */
final class MerkleFile {
  /** BEP 52's leaf size. */
  static final int BLOCK = 16 * 1024;
  static final int HASH = 32;

  /**
   * @param length     the file's length
   * @param piecesRoot the merkle root ({@code pieces root}); null for an empty file, which has none
   * @param pieceLayer the piece hashes concatenated, for {@code piece layers}; null when the file is
   *                   not larger than one piece (BEP 52 lists only larger files there)
   */
  record Hashes(long length, byte[] piecesRoot, byte[] pieceLayer) {}

  private final int blocksPerPiece;
  private final MessageDigest sha256 = Digests.sha256();
  private final byte[] block = new byte[BLOCK];
  private int inBlock;
  private long length;
  private final List<byte[]> leaves = new ArrayList<>();
  private final ByteArrayOutputStream pieceLayer = new ByteArrayOutputStream();

  MerkleFile(long pieceLength) {
    if (pieceLength < BLOCK || Long.bitCount(pieceLength) != 1) {
      throw new IllegalArgumentException("a v2 piece length is a power of two of at least 16 KiB: " + pieceLength);
    }
    this.blocksPerPiece = (int) (pieceLength / BLOCK);
  }

  void update(byte[] bytes, int offset, int count) {
    length += count;
    while (count > 0) {
      int n = Math.min(count, BLOCK - inBlock);
      System.arraycopy(bytes, offset, block, inBlock, n);
      inBlock += n;
      offset += n;
      count -= n;
      if (inBlock == BLOCK) {
        leaf(BLOCK);
      }
    }
  }

  private void leaf(int bytes) {
    sha256.update(block, 0, bytes);
    leaves.add(sha256.digest());
    inBlock = 0;
    if (leaves.size() == blocksPerPiece) {
      pieceLayer.writeBytes(root(leaves, blocksPerPiece, new byte[HASH]));
      leaves.clear();
    }
  }

  /** The file's hashes; ends this hasher. */
  Hashes finish() {
    if (inBlock > 0) {
      leaf(inBlock);
    }
    if (length == 0) {
      return new Hashes(0, null, null);
    }
    long blocks = (length + BLOCK - 1) / BLOCK;
    if (blocks <= blocksPerPiece) {
      // One piece: the tree is as wide as the file's blocks need, not the piece's.
      byte[] root = blocks == blocksPerPiece ? pieceLayer.toByteArray() : root(leaves, (int) blocks, new byte[HASH]);
      return new Hashes(length, root, null);
    }
    if (!leaves.isEmpty()) {
      // The last, short piece: its missing leaves are zero.
      pieceLayer.writeBytes(root(leaves, blocksPerPiece, new byte[HASH]));
    }
    byte[] layer = pieceLayer.toByteArray();
    List<byte[]> pieces = new ArrayList<>();
    for (int i = 0; i < layer.length; i += HASH) {
      pieces.add(Arrays.copyOfRange(layer, i, i + HASH));
    }
    // Above the piece layer the padding is the root of a piece's worth of zero leaves.
    return new Hashes(length, root(pieces, pieces.size(), zeroSubtree(blocksPerPiece)), layer);
  }

  /**
   * The root of a binary SHA-256 tree whose bottom layer is {@code hashes} followed by {@code pad}
   * up to the power of two at or above {@code width}.
   */
  static byte[] root(List<byte[]> hashes, int width, byte[] pad) {
    int size = Integer.highestOneBit(Math.max(1, width));
    if (size < width) {
      size <<= 1;
    }
    List<byte[]> layer = new ArrayList<>(hashes);
    MessageDigest sha256 = Digests.sha256();
    while (layer.size() < size) {
      layer.add(pad);
    }
    while (layer.size() > 1) {
      List<byte[]> up = new ArrayList<>(layer.size() / 2);
      for (int i = 0; i < layer.size(); i += 2) {
        sha256.update(layer.get(i));
        sha256.update(layer.get(i + 1));
        up.add(sha256.digest());
      }
      layer = up;
    }
    return layer.get(0);
  }

  /** The root of a subtree of {@code leaves} zero leaves (a power of two). */
  static byte[] zeroSubtree(int leaves) {
    byte[] h = new byte[HASH];
    MessageDigest sha256 = Digests.sha256();
    for (int n = leaves; n > 1; n >>= 1) {
      sha256.update(h);
      sha256.update(h);
      h = sha256.digest();
    }
    return h;
  }
}
