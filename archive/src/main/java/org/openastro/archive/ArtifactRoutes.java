package org.openastro.archive;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Clock;
import org.openastro.api.http.ApiRoutes;
import org.openastro.archive.store.ContentStore;
import org.openastro.archive.store.LocalDirectoryContentStore;
import org.openastro.archive.store.S3ContentStore;
import org.openastro.archive.torrent.Torrents;
import org.openastro.config.Config;
import org.openastro.config.ConfigException;
import org.openastro.cql.Store;
import org.openastro.cql.artifact.ArtifactRepository;
import org.openastro.cql.artifact.TaskFitsPaths;
import org.openastro.cql.mission.MissionRepository;
import org.openastro.cql.task.TaskRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The artifact API: registration ({@code POST /api/v1/artifacts}), content upload and download
 * ({@code PUT|GET|HEAD /api/v1/artifacts/{id}/content}, byte ranges), reads filtered by embargo
 * ({@code GET /api/v1/artifacts/{id}}, {@code GET /api/v1/missions/{id}/artifacts}), and torrents of
 * public products ({@code GET /api/v1/artifacts/{id}/torrent}).
 */
public final class ArtifactRoutes implements ApiRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactRoutes.class);
  /** The upload route, which must get the raw request body (no body handler before it). */
  public static final HttpMethod UPLOAD_METHOD = HttpMethod.PUT;
  public static final String UPLOAD_PATH = "/api/v1/artifacts/:artifactId/content";
  /** Worker threads of the S3 store's blocking client: S3 calls in flight at once, per process. */
  static final int S3_THREADS = 16;

  private final Registration registration;
  private final ContentUpload upload;
  private final ContentDownload download;
  private final ArtifactReads reads;
  private final TorrentDownload torrent;

  /**
   * Takes repositories built at start-up (they prepare statements), the content store and the
   * torrents of its content.
   *
   * @param publicBaseUrl the API's public URL for torrents' web seeds, or null for each request's own
   */
  public ArtifactRoutes(ArtifactRepository artifacts, MissionRepository missions, TaskRepository tasks,
      TaskFitsPaths fitsPaths, ContentStore store, Torrents torrents, URI publicBaseUrl, long maxUploadBytes,
      Clock clock) {
    VisibleArtifacts visible = new VisibleArtifacts(artifacts, missions, clock);
    this.registration = new Registration(artifacts, missions, tasks, fitsPaths, store, clock);
    this.upload = new ContentUpload(artifacts, store, maxUploadBytes);
    this.download = new ContentDownload(visible, store);
    this.reads = new ArtifactReads(missions, visible);
    this.torrent = new TorrentDownload(visible, torrents, store, publicBaseUrl);
  }

  /**
   * The routes over the process's content store ({@link #contentStore}) and its repositories. Prepares
   * statements, so call it at start-up, off the event loop.
   */
  public static ArtifactRoutes create(Vertx vertx, Config config, Store tables, MeterRegistry registry,
      ContentStore store) {
    return new ArtifactRoutes(tables.artifacts(), tables.missions(), tables.tasks(), tables.taskFitsPaths(),
        store, Torrents.create(vertx, config, store, tables.artifactTorrents(), registry),
        config.get(ArchiveSettings.PUBLIC_BASE_URL), config.get(ArchiveSettings.ARTIFACT_MAX_BYTES), Clock.systemUTC());
  }

  /**
   * The content store the settings choose ({@link ArchiveSettings#ARTIFACT_STORE}: the embedded
   * directory or an S3-compatible bucket). Build it once per process and hand it to every user (the
   * routes, the stacker's {@link ArchiveProducts}): an S3 store holds a client pool and threads, and
   * a directory store sweeps abandoned uploads when built.
   */
  public static ContentStore contentStore(Vertx vertx, Config config) {
    if (config.get(ArchiveSettings.ARTIFACT_STORE) == ArchiveSettings.StoreKind.S3) {
      S3ContentStore.Options options = s3Options(config);
      LOG.info("Artifact content in S3 bucket {} at {} (path-style {})", options.bucket(),
          options.endpoint() == null ? "AWS S3 " + options.region() : options.endpoint(), options.pathStyle());
      return new S3ContentStore(vertx, options, config.get(ArchiveSettings.ARTIFACT_UPLOAD_IDLE_TIMEOUT));
    }
    LocalDirectoryContentStore store = new LocalDirectoryContentStore(vertx,
        config.get(ArchiveSettings.ARTIFACT_STORE_DIR), config.get(ArchiveSettings.ARTIFACT_UPLOAD_IDLE_TIMEOUT));
    // Leftovers of a crash only; running uploads keep their temp files fresh.
    store.sweepTemp().onSuccess(n -> {
      if (n > 0) {
        LOG.info("Removed {} abandoned artifact upload(s) from {}", n, config.get(ArchiveSettings.ARTIFACT_STORE_DIR));
      }
    }).onFailure(t -> LOG.warn("Could not sweep abandoned artifact uploads", t));
    return store;
  }

  /** The S3 settings, checked: a bucket, and both halves of static credentials or neither. */
  static S3ContentStore.Options s3Options(Config config) {
    String bucket = config.get(ArchiveSettings.ARTIFACT_S3_BUCKET);
    if (bucket == null) {
      throw new ConfigException("ARTIFACT_STORE=s3 needs ARTIFACT_S3_BUCKET");
    }
    String access = config.get(ArchiveSettings.ARTIFACT_S3_ACCESS_KEY);
    String secret = config.get(ArchiveSettings.ARTIFACT_S3_SECRET_KEY);
    if ((access == null) != (secret == null)) {
      throw new ConfigException("ARTIFACT_S3_ACCESS_KEY and ARTIFACT_S3_SECRET_KEY go together: set both, "
          + "or neither for the AWS SDK's default credentials chain");
    }
    return new S3ContentStore.Options(config.get(ArchiveSettings.ARTIFACT_S3_ENDPOINT),
        config.get(ArchiveSettings.ARTIFACT_S3_REGION), bucket, access, secret,
        config.get(ArchiveSettings.ARTIFACT_S3_PATH_STYLE),
        (int) (long) config.get(ArchiveSettings.ARTIFACT_S3_PART_SIZE), S3_THREADS);
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/artifacts").handler(registration::handle);
    router.route(UPLOAD_METHOD, UPLOAD_PATH).handler(upload::handle);
    router.get("/api/v1/artifacts/:artifactId/content").handler(download::handle);
    router.head("/api/v1/artifacts/:artifactId/content").handler(download::handle);
    router.get("/api/v1/artifacts/:artifactId/torrent").handler(torrent::handle);
    router.get("/api/v1/artifacts/:artifactId").handler(reads::one);
    router.get("/api/v1/missions/:missionId/artifacts").handler(reads::list);
  }
}
