package org.openastro.archive.torrent;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Hashes the files of a hybrid torrent in one pass over their bytes, file after file: the v2
 * merkle tree of each file ({@link MerkleFile}), the v1 pieces over all of them with a BEP 47 pad
 * file after every file but the last ({@link V1Pieces}), and each file's plain SHA-256 (the
 * archive checks it against the registered one before it publishes a torrent). Not thread-safe:
 * one thread at a time (the caller hands it from worker to worker in order).
 */
final class TorrentHasher {
  /**
   * One file as hashed.
   *
   * @param padAfter length of the pad file that follows it in the v1 file list (0: none)
   * @param sha256   hex SHA-256 of the file's bytes
   */
  record HashedFile(String name, MerkleFile.Hashes v2, long padAfter, String sha256) {}

  /** Everything an info dictionary needs: the files in order and the v1 pieces. */
  record Hashed(long pieceLength, List<HashedFile> files, byte[] v1Pieces) {}

  private final long pieceLength;
  private final V1Pieces v1;
  private final List<String> names = new ArrayList<>();
  private final List<MerkleFile.Hashes> done = new ArrayList<>();
  private final List<String> sums = new ArrayList<>();
  private final List<Long> pads = new ArrayList<>();
  private MerkleFile current;
  private MessageDigest sha256;

  TorrentHasher(long pieceLength) {
    this.pieceLength = pieceLength;
    this.v1 = new V1Pieces(pieceLength);
  }

  /**
   * Starts the next file. Files come in the order of the v2 file tree, which is the order of their
   * names' bytes (a dictionary's), since the v1 list must describe the same files in the same order.
   */
  void beginFile(String name) {
    if (current != null) {
      endFile();
      pads.add(v1.padToPieceBoundary());
    }
    names.add(name);
    current = new MerkleFile(pieceLength);
    sha256 = Digests.sha256();
  }

  void update(byte[] bytes, int offset, int length) {
    if (current == null) {
      throw new IllegalStateException("beginFile first");
    }
    current.update(bytes, offset, length);
    v1.update(bytes, offset, length);
    sha256.update(bytes, offset, length);
  }

  private void endFile() {
    done.add(current.finish());
    sums.add(HexFormat.of().formatHex(sha256.digest()));
  }

  /** The hashes of every file; ends this hasher. */
  Hashed finish() {
    if (current == null) {
      throw new IllegalStateException("a torrent has at least one file");
    }
    endFile();
    // BEP 47: no pad after the last file, nothing follows it
    pads.add(0L);
    current = null;
    List<HashedFile> files = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      files.add(new HashedFile(names.get(i), done.get(i), pads.get(i), sums.get(i)));
    }
    return new Hashed(pieceLength, List.copyOf(files), v1.finish());
  }
}
