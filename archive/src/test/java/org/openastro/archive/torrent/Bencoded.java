package org.openastro.archive.torrent;

/** The package's bencoding for tests elsewhere (decoded torrents, re-encoded info dictionaries). */
public final class Bencoded {
  private Bencoded() {}

  public static Object decode(byte[] data) {
    return Bencode.decode(data);
  }

  public static byte[] encode(Object value) {
    return Bencode.encode(value);
  }
}
