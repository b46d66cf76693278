package org.openastro.archive.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openastro.archive.store.Download;
import org.openastro.archive.store.LocalDirectoryContentStore;
import org.openastro.cql.testing.Await;

/**
 * How long computing a product's torrent takes: the build's own path (the local store's streamed
 * read, {@link HashingSink} on a worker, {@link TorrentHasher}, {@link InfoDict}) over a file of
 * {@code openastro.bench.torrent.mib} MiB (default 1024), auto piece length. Not part of the test
 * command (the name matches neither *Test nor *IT); run it alone:
 * {@code mvn -B -pl archive -am verify -Dtest=TorrentBuildBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Only the storing of the one small Cassandra row is left out.
 */
class TorrentBuildBenchmark {
  @TempDir
  Path root;

  @Test
  void buildATorrentOfALargeFile() throws Exception {
    long size = Long.getLong("openastro.bench.torrent.mib", 1024) << 20;
    UUID id = UUID.randomUUID();
    Path file = root.resolve(id.toString().substring(0, 2)).resolve(id.toString());
    Files.createDirectories(file.getParent());
    byte[] chunk = new byte[1 << 20];
    long state = 0x9E3779B97F4A7C15L;
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < size; written += chunk.length) {
        for (int i = 0; i < chunk.length; i += 8) {
          state ^= state << 13;
          state ^= state >>> 7;
          state ^= state << 17;
          for (int b = 0; b < 8; b++) {
            chunk[i + b] = (byte) (state >>> (8 * b));
          }
        }
        out.write(chunk);
      }
    }
    Vertx vertx = Vertx.vertx();
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("bench-torrent", 1);
    try {
      LocalDirectoryContentStore store = new LocalDirectoryContentStore(vertx, root, Duration.ofSeconds(30));
      for (int run = 1; run <= 2; run++) {
        long pieceLength = PieceLength.choose(size, 0, 2048);
        TorrentHasher hasher = new TorrentHasher(pieceLength);
        hasher.beginFile(id + ".fits");
        long started = System.nanoTime();
        byte[] info = Await.result(store.open(id)
            .compose(found -> {
              Download d = found.orElseThrow();
              return d.stream().pipeTo(new HashingSink(workers, hasher, Torrents.QUEUE_BYTES)).eventually(d::close);
            })
            .compose(v -> workers.executeBlocking(() -> {
              TorrentHasher.Hashed hashed = hasher.finish();
              return InfoDict.info(id + ".fits", hashed, Map.of("sha256", hashed.files().get(0).sha256()));
            }, false)));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("torrent of %d MiB (%d pieces of %d KiB): %.2f s, %.0f MB/s (run %d)%n", size >> 20,
            PieceLength.pieces(size, pieceLength), pieceLength >> 10, seconds, size / 1e6 / seconds, run);
        assertThat(info.length).isGreaterThan((int) (PieceLength.pieces(size, pieceLength) * 20));
      }
    } finally {
      Await.result(vertx.close());
    }
  }
}
