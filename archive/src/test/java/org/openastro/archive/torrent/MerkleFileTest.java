package org.openastro.archive.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming v2 hasher against a plain reading of BEP 52 written out in full here: every leaf
 * of the file's tree kept, the tree padded with zero leaves to a power of two, built bottom-up.
 */
class MerkleFileTest {
  static final int BLOCK = 16 * 1024;

  @Test
  void rootsAndPieceLayersAreThoseOfTheWholeTree() throws Exception {
    Random random = new Random(18);
    for (int pieceLength : new int[] {BLOCK, 4 * BLOCK, 16 * BLOCK}) {
      for (long size : new long[] {1, BLOCK - 1, BLOCK, BLOCK + 1, 3L * BLOCK, pieceLength, pieceLength + 1,
          2L * pieceLength, 5L * pieceLength + 12_345, 9L * pieceLength - 1}) {
        byte[] content = new byte[(int) size];
        random.nextBytes(content);
        MerkleFile streamed = new MerkleFile(pieceLength);
        // fed in uneven chunks: the result must not depend on how the bytes arrive
        for (int off = 0; off < content.length; ) {
          int n = Math.min(content.length - off, 1 + random.nextInt(40_000));
          streamed.update(content, off, n);
          off += n;
        }
        MerkleFile.Hashes hashes = streamed.finish();
        String what = "piece " + pieceLength + ", size " + size;
        assertThat(hashes.length()).as(what).isEqualTo(size);
        assertThat(hashes.piecesRoot()).as(what).isEqualTo(naiveRoot(content));
        if (size > pieceLength) {
          assertThat(hashes.pieceLayer()).as(what).isEqualTo(naivePieceLayer(content, pieceLength));
        } else {
          assertThat(hashes.pieceLayer()).as(what + ": only files larger than a piece have a layer").isNull();
        }
      }
    }
  }

  @Test
  void anEmptyFileHasNoRoot() {
    MerkleFile.Hashes hashes = new MerkleFile(BLOCK).finish();
    assertThat(hashes.length()).isZero();
    assertThat(hashes.piecesRoot()).isNull();
  }

  /** The leaves of the file's tree: a SHA-256 per 16 KiB block, zeros up to a power of two. */
  private static List<byte[]> leaves(byte[] content, int width) throws Exception {
    List<byte[]> leaves = new ArrayList<>();
    for (int off = 0; off < content.length; off += BLOCK) {
      leaves.add(MessageDigest.getInstance("SHA-256").digest(
          Arrays.copyOfRange(content, off, Math.min(content.length, off + BLOCK))));
    }
    while (leaves.size() < width) {
      leaves.add(new byte[32]);
    }
    return leaves;
  }

  private static int powerOfTwoAtLeast(int n) {
    int p = 1;
    while (p < n) {
      p <<= 1;
    }
    return p;
  }

  private static byte[] naiveRoot(byte[] content) throws Exception {
    int blocks = (content.length + BLOCK - 1) / BLOCK;
    return up(leaves(content, powerOfTwoAtLeast(blocks)), 1).get(0);
  }

  private static byte[] naivePieceLayer(byte[] content, int pieceLength) throws Exception {
    int blocks = (content.length + BLOCK - 1) / BLOCK;
    int blocksPerPiece = pieceLength / BLOCK;
    List<byte[]> layer = up(leaves(content, powerOfTwoAtLeast(blocks)), powerOfTwoAtLeast(blocks) / blocksPerPiece);
    int pieces = (content.length + pieceLength - 1) / pieceLength;
    byte[] out = new byte[pieces * 32];
    for (int i = 0; i < pieces; i++) {
      System.arraycopy(layer.get(i), 0, out, i * 32, 32);
    }
    return out;
  }

  /** Hashes pairs upwards until the layer has {@code width} nodes. */
  private static List<byte[]> up(List<byte[]> layer, int width) throws Exception {
    while (layer.size() > width) {
      List<byte[]> next = new ArrayList<>();
      for (int i = 0; i < layer.size(); i += 2) {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update(layer.get(i));
        d.update(layer.get(i + 1));
        next.add(d.digest());
      }
      layer = next;
    }
    return layer;
  }
}
