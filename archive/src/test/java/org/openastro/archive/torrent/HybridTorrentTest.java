package org.openastro.archive.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torrents built by the hashers and {@link InfoDict}, checked by libtorrent 2.0 against files on
 * disk: it must read them as hybrid torrents, agree on both info-hashes, and find every piece of the
 * files valid (its check hashes the files with the torrent's v1 pieces and v2 merkle trees). The
 * several-file torrent needs BEP 47 pad files to line v1 pieces up with v2's per-file pieces.
 */
class HybridTorrentTest {
  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void aSingleFileTorrentIsValidToLibtorrent() throws Exception {
    Map<String, byte[]> files = Map.of("x.fits", random(700 * 1024 + 123, 1));
    Built built = build("x.fits", 64 * 1024, files);
    Files.write(dir.resolve("x.fits"), files.get("x.fits"));

    JsonObject lt = Libtorrent.verify(built.torrent, dir, CHECK_TIMEOUT);
    assertAgrees(lt, built);
    assertThat(lt.getJsonArray("files")).hasSize(1);
    assertThat(lt.getJsonArray("web_seeds").getList()).containsExactly("http://127.0.0.1:1/x.fits");
    assertThat(lt.getLong("num_pieces")).as("700 KiB + 123 B in 64 KiB pieces").isEqualTo(11);

    // the check is real: one byte changed in piece 5 costs exactly that piece
    Path other = Files.createDirectory(dir.resolve("other"));
    byte[] changed = files.get("x.fits").clone();
    changed[5 * 64 * 1024 + 100] ^= 1;
    Files.write(other.resolve("x.fits"), changed);
    JsonObject spoiled = Libtorrent.verify(built.torrent, other, CHECK_TIMEOUT);
    assertThat(spoiled.getBoolean("is_seeding")).isFalse();
    assertThat(spoiled.getLong("pieces_have")).isEqualTo(10);
  }

  @Test
  void aFileSmallerThanAPieceHasAnEmptyPieceLayersDictionary() throws Exception {
    Map<String, byte[]> files = Map.of("tiny.bin", random(40_000, 6));
    Built built = build("tiny.bin", 64 * 1024, files);
    Files.write(dir.resolve("tiny.bin"), files.get("tiny.bin"));
    JsonObject lt = Libtorrent.verify(built.torrent, dir, CHECK_TIMEOUT);
    assertAgrees(lt, built);
    assertThat(lt.getLong("num_pieces")).isEqualTo(1);
  }

  @Test
  void severalFilesGetPadFilesSoEveryFileStartsOnAPiece() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("a.fits", random(100 * 1024 + 7, 2));
    files.put("b.txt", random(5, 3));
    files.put("c.bin", random(300 * 1024 + 1, 4));
    int pieceLength = 32 * 1024;
    Built built = build("set", pieceLength, files);
    Files.createDirectories(dir.resolve("set"));
    for (var f : files.entrySet()) {
      Files.write(dir.resolve("set").resolve(f.getKey()), f.getValue());
    }

    JsonObject lt = Libtorrent.verify(built.torrent, dir, CHECK_TIMEOUT);
    assertAgrees(lt, built);
    JsonArray seen = lt.getJsonArray("files");
    // a.fits, pad to 128 KiB, b.txt, pad to 160 KiB, c.bin (no pad after the last)
    assertThat(seen.stream().map(o -> ((JsonObject) o).getBoolean("pad")).toList())
        .containsExactly(false, true, false, true, false);
    assertThat(seen.getJsonObject(1).getLong("size")).isEqualTo(4L * pieceLength - (100 * 1024 + 7));
    assertThat(seen.getJsonObject(3).getLong("size")).isEqualTo(pieceLength - 5L);
    assertThat(lt.getLong("num_pieces")).isEqualTo(4 + 1 + 10);
  }

  private static void assertAgrees(JsonObject lt, Built built) throws Exception {
    assertThat(lt.getBoolean("has_v1")).as("libtorrent reads a v1 torrent").isTrue();
    assertThat(lt.getBoolean("has_v2")).as("libtorrent reads a v2 torrent").isTrue();
    assertThat(lt.getString("v1")).isEqualTo(hex("SHA-1", built.info));
    assertThat(lt.getString("v2")).isEqualTo(hex("SHA-256", built.info));
    assertThat(lt.getJsonArray("hash_failures")).isEmpty();
    assertThat(lt.getBoolean("is_seeding")).as("every piece of the files on disk verified: " + lt.encode()).isTrue();
    assertThat(lt.getLong("pieces_have")).isEqualTo(lt.getLong("num_pieces"));
  }

  record Built(Path torrent, byte[] info) {}

  private Built build(String name, int pieceLength, Map<String, byte[]> files) throws Exception {
    TorrentHasher hasher = new TorrentHasher(pieceLength);
    Random chunks = new Random(5);
    for (var f : files.entrySet()) {
      hasher.beginFile(f.getKey());
      byte[] b = f.getValue();
      for (int off = 0; off < b.length; ) {
        int n = Math.min(b.length - off, 1 + chunks.nextInt(50_000));
        hasher.update(b, off, n);
        off += n;
      }
    }
    TorrentHasher.Hashed hashed = hasher.finish();
    byte[] info = InfoDict.info(name, hashed, files.size() == 1 ? Map.of("sha256", hashed.files().get(0).sha256()) : Map.of());
    byte[] torrent = TorrentFile.assemble(info, InfoDict.pieceLayers(hashed), "http://127.0.0.1:1/" + name, 1_700_000_000L,
        "test");
    Path path = dir.resolve(name + ".torrent");
    Files.write(path, torrent);
    return new Built(path, info);
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String hex(String algorithm, byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
  }

  @Test
  void theFilesOwnSha256IsComputedOnTheWay() throws Exception {
    byte[] content = random(50_000, 9);
    TorrentHasher hasher = new TorrentHasher(16 * 1024);
    hasher.beginFile("f");
    hasher.update(content, 0, content.length);
    assertThat(hasher.finish().files().get(0).sha256()).isEqualTo(hex("SHA-256", content));
  }
}
