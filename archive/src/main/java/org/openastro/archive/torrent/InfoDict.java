package org.openastro.archive.torrent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bencoded {@code info} dictionary and {@code piece layers} of a v1+v2 hybrid torrent (BEP 52
 * "Upgrade path", BEP 47 pad files) from hashed files. The info-hashes are the SHA-1 (v1) and the
 * SHA-256 (v2) of exactly these info bytes, so they are produced once, stored, and never re-encoded.
 *
 * <p>One file: a single-file torrent ({@code name} is the file's name, v1 {@code length}, v2 file
 * tree {@code {name: {"": ...}}}), no pad file. Several: {@code name} is the directory, the v1
 * {@code files} list names each file with a pad file of zeros after every file but the last so each
 * starts on a piece boundary, and the v2 file tree holds the same files in the same order.
 */
final class InfoDict {
  private InfoDict() {}

  /**
   * The info dictionary.
   *
   * @param name  the torrent's name: the file's name for one file, the directory's for several
   * @param extra further keys of the info dictionary (covered by the info-hashes, so authenticated
   *              by a magnet link as the pieces are)
   */
  static byte[] info(String name, TorrentHasher.Hashed hashed, Map<String, Object> extra) {
    checkName(name);
    List<TorrentHasher.HashedFile> files = hashed.files();
    Map<String, Object> info = new LinkedHashMap<>(extra);
    info.put("meta version", 2L);
    info.put("name", name);
    info.put("piece length", hashed.pieceLength());
    info.put("pieces", hashed.v1Pieces());
    if (files.size() == 1) {
      TorrentHasher.HashedFile only = files.get(0);
      if (!only.name().equals(name)) {
        throw new IllegalArgumentException("a single-file torrent is named after its file");
      }
      info.put("length", only.v2().length());
      info.put("file tree", Map.of(name, leaf(only.v2())));
    } else {
      List<Object> v1Files = new ArrayList<>();
      Map<String, Object> tree = new LinkedHashMap<>();
      byte[] previous = null;
      for (TorrentHasher.HashedFile f : files) {
        checkName(f.name());
        byte[] key = f.name().getBytes(StandardCharsets.UTF_8);
        if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
          // the v1 list must follow the file tree, whose keys are sorted by their bytes
          throw new IllegalArgumentException("files must come in the order of their names' bytes: " + f.name());
        }
        previous = key;
        v1Files.add(Map.of("length", f.v2().length(), "path", List.of(f.name())));
        if (f.padAfter() > 0) {
          // BEP 47: attr "p", path .pad/<length>, as libtorrent names them
          v1Files.add(Map.of("attr", "p", "length", f.padAfter(), "path", List.of(".pad", Long.toString(f.padAfter()))));
        }
        tree.put(f.name(), leaf(f.v2()));
      }
      info.put("files", v1Files);
      info.put("file tree", tree);
    }
    return Bencode.encode(info);
  }

  /** {@code piece layers}: each file larger than a piece, by its pieces root, once per distinct root. */
  static byte[] pieceLayers(TorrentHasher.Hashed hashed) {
    Map<byte[], Object> layers = new TreeMap<>(Arrays::compareUnsigned);
    for (TorrentHasher.HashedFile f : hashed.files()) {
      if (f.v2().pieceLayer() != null) {
        layers.put(f.v2().piecesRoot(), f.v2().pieceLayer());
      }
    }
    return Bencode.encode(layers);
  }

  private static Map<String, Object> leaf(MerkleFile.Hashes v2) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("length", v2.length());
    if (v2.piecesRoot() != null) {
      file.put("pieces root", v2.piecesRoot());
    }
    return Map.of("", file);
  }

  /** A path element as BEP 52 allows it: not empty, no separator, not a relative step. */
  private static void checkName(String name) {
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("not a file name: '" + name + "'");
    }
  }
}
