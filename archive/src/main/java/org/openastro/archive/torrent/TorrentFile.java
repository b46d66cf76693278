package org.openastro.archive.torrent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A .torrent file from its stored parts: the {@code info} dictionary and {@code piece layers}
 * verbatim (so the info-hashes never change), with the web seed (BEP 19 {@code url-list}) and the
 * descriptive keys added when served. The web seed is not in the info dictionary on purpose: the
 * public address of a deployment may change (a new domain, another gateway) without the torrent's
 * identity changing with it.
 */
final class TorrentFile {
  static final String CREATED_BY = "OpenAstro";

  private TorrentFile() {}

  /**
   * @param webSeed URL of the content (a single-file torrent: the file itself, not a directory)
   */
  static byte[] assemble(byte[] info, byte[] pieceLayers, String webSeed, long creationEpochSecond, String comment) {
    Map<String, Object> torrent = new LinkedHashMap<>();
    torrent.put("comment", comment);
    torrent.put("created by", CREATED_BY);
    torrent.put("creation date", creationEpochSecond);
    torrent.put("info", new Bencode.Raw(info));
    torrent.put("piece layers", new Bencode.Raw(pieceLayers));
    torrent.put("url-list", webSeed);
    return Bencode.encode(torrent);
  }
}
