package org.openastro.archive.torrent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.OverloadedException;
import org.openastro.archive.ArchiveSettings;
import org.openastro.archive.store.ContentStore;
import org.openastro.archive.store.Download;
import org.openastro.config.Config;
import org.openastro.cql.artifact.ArtifactTorrent;
import org.openastro.cql.artifact.ArtifactTorrents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Torrents of artifacts' content: a v1+v2 hybrid torrent of one file, computed on first request
 * by one streamed read of the content (hashed on worker threads, never held whole), stored in
 * {@code artifact_torrents}, and served from there afterwards. A torrent is published only when
 * the bytes read have the artifact's registered SHA-256, which the info dictionary carries
 * ({@code sha256}, 64 hex digits) so that the info-hashes vouch for it too.
 *
 * <p>Builds are deduplicated per artifact within a process (concurrent requests share one) and
 * bounded ({@link ArchiveSettings#TORRENT_MAX_BUILDS}; beyond, {@link OverloadedException}: 503).
 * Callers decide who may have a torrent (only public artifacts get one).
 */
public final class Torrents {
  private static final Logger LOG = LoggerFactory.getLogger(Torrents.class);
  /** Content gathered for the hashing worker before the read pauses: bounds memory per build. */
  static final int QUEUE_BYTES = 1 << 20;
  /** The info dictionary's key of the content's SHA-256 (hex), beside BEP 3's optional md5sum. */
  static final String SHA256_KEY = "sha256";

  private final ContentStore store;
  private final ArtifactTorrents table;
  private final WorkerExecutor workers;
  private final long pieceLength;
  private final int maxPieces;
  private final int maxBuilds;
  private final Counter built;
  private final Map<UUID, Future<Optional<ArtifactTorrent>>> building = new ConcurrentHashMap<>();

  /**
   * @param pieceLength a power of two of at least 16 KiB, or 0 for auto ({@link PieceLength})
   */
  public Torrents(Vertx vertx, ContentStore store, ArtifactTorrents table, long pieceLength, int maxPieces,
      int maxBuilds, MeterRegistry registry) {
    this.store = store;
    this.table = table;
    this.pieceLength = pieceLength;
    this.maxPieces = maxPieces;
    this.maxBuilds = maxBuilds;
    // one thread per build in flight: a build hashes one batch at a time
    this.workers = vertx.createSharedWorkerExecutor("openastro-torrent-hashing", maxBuilds);
    this.built = Counter.builder("openastro_artifact_torrents_built_total")
        .description("torrents computed from artifact content (each a full read); served ones come from storage")
        .register(registry);
  }

  /** With the settings' piece length, piece and build limits. */
  public static Torrents create(Vertx vertx, Config config, ContentStore store, ArtifactTorrents table,
      MeterRegistry registry) {
    return new Torrents(vertx, store, table, config.get(ArchiveSettings.TORRENT_PIECE_LENGTH),
        config.get(ArchiveSettings.TORRENT_MAX_PIECES), config.get(ArchiveSettings.TORRENT_MAX_BUILDS), registry);
  }

  /**
   * The stored torrent of an artifact, computed from its content first if none is stored; empty
   * when no content is stored.
   *
   * @param sha256   the artifact's registered SHA-256 (hex)
   * @param fileName the name of the torrent's one file
   */
  public Future<Optional<ArtifactTorrent>> of(UUID artifactId, String sha256, String fileName) {
    return table.find(artifactId).compose(stored -> stored.isPresent()
        ? Future.succeededFuture(stored)
        : onThisContext(building(artifactId, sha256, fileName)));
  }

  /** The .torrent file of a stored torrent with its web seed (the content's URL). */
  public static byte[] file(ArtifactTorrent t, String webSeedUrl, String comment) {
    return TorrentFile.assemble(t.info(), t.pieceLayers(), webSeedUrl, t.createdAt().getEpochSecond(), comment);
  }

  private Future<Optional<ArtifactTorrent>> building(UUID id, String sha256, String fileName) {
    Future<Optional<ArtifactTorrent>> running = building.get(id);
    if (running != null) {
      return running;
    }
    // a soft bound: two event loops may pass it at once, each with its own artifact
    if (building.size() >= maxBuilds) {
      throw new OverloadedException("already computing " + building.size() + " torrents (TORRENT_MAX_BUILDS)");
    }
    Promise<Optional<ArtifactTorrent>> mine = Promise.promise();
    Future<Optional<ArtifactTorrent>> other = building.putIfAbsent(id, mine.future());
    if (other != null) {
      return other;
    }
    // Read again inside the slot: a build that ended since this request's first read has stored
    // its row before it left the slot, so this finds it instead of computing it twice.
    table.find(id).compose(stored -> stored.isPresent()
        ? Future.succeededFuture(stored) : build(id, sha256, fileName)).onComplete(ar -> {
      building.remove(id);
      mine.handle(ar);
    });
    return mine.future();
  }

  private Future<Optional<ArtifactTorrent>> build(UUID id, String sha256, String fileName) {
    return store.open(id).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      Download download = found.get();
      long length = download.length();
      if (length == 0) {
        download.close();
        // BitTorrent has no torrent of nothing (no piece to verify, no pieces root)
        return Future.failedFuture(ApiException.notFound("a torrent of artifact " + id + ": its content is empty"));
      }
      long chosen = PieceLength.choose(length, pieceLength, maxPieces);
      TorrentHasher hasher = new TorrentHasher(chosen);
      hasher.beginFile(fileName);
      long started = System.nanoTime();
      return download.stream().pipeTo(new HashingSink(workers, hasher, QUEUE_BYTES))
          .eventually(download::close)
          .compose(v -> workers.executeBlocking(() -> parts(id, sha256, fileName, hasher.finish(), length), false))
          .compose(table::storeIfAbsent)
          .map(stored -> {
            built.increment();
            double seconds = (System.nanoTime() - started) / 1e9;
            LOG.info("Torrent of artifact {} computed: {} bytes in {} pieces of {} bytes, {} s ({} MB/s), v1 {} v2 {}",
                id, length, PieceLength.pieces(length, chosen), chosen, String.format("%.2f", seconds),
                String.format("%.0f", length / 1e6 / Math.max(seconds, 1e-9)), stored.infoHashV1(), stored.infoHashV2());
            return Optional.of(stored);
          });
    });
  }

  /** The torrent's stored parts; refuses content that is not the registered content. */
  private static ArtifactTorrent parts(UUID id, String sha256, String fileName, TorrentHasher.Hashed hashed,
      long length) {
    String read = hashed.files().get(0).sha256();
    if (!read.equals(sha256)) {
      // a torrent would publish other bytes under the registered hash: refuse, loudly
      throw new IllegalStateException("stored content of artifact " + id + " has SHA-256 " + read
          + ", not its registered " + sha256 + ": no torrent published");
    }
    byte[] info = InfoDict.info(fileName, hashed, Map.of(SHA256_KEY, sha256));
    return new ArtifactTorrent(id, info, InfoDict.pieceLayers(hashed), hashed.pieceLength(),
        HexFormat.of().formatHex(Digests.sha1().digest(info)), HexFormat.of().formatHex(Digests.sha256().digest(info)),
        length, Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /** A build shared with requests of other event loops: continue on the asking request's own. */
  private static <T> Future<T> onThisContext(Future<T> shared) {
    Context context = Vertx.currentContext();
    return context == null ? shared : Future.fromCompletionStage(shared.toCompletionStage(), context);
  }

  /** Releases the hashing threads. */
  public Future<Void> close() {
    return workers.close();
  }
}
