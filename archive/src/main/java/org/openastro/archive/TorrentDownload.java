package org.openastro.archive;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.UUID;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.PathParams;
import org.openastro.archive.store.ContentStore;
import org.openastro.archive.torrent.Torrents;
import org.openastro.cql.artifact.Artifact;

/**
 * {@code GET /api/v1/artifacts/{id}/torrent}: a public artifact's content as a BitTorrent v1+v2
 * hybrid torrent of one file, whose web seed (BEP 19 {@code url-list}) is the content's own URL
 * on {@link ArchiveSettings#PUBLIC_BASE_URL}, so any gateway (or the S3 store behind it) seeds it
 * with ranged GETs. An embargoed artifact has none (404 as for an unknown id, also for its owner:
 * anonymous web-seed requests could not fetch it); one whose content is not stored here, 404 as its
 * content's download.
 */
final class TorrentDownload {
  static final String MEDIA_TYPE = "application/x-bittorrent";

  private final VisibleArtifacts visible;
  private final Torrents torrents;
  private final ContentStore store;
  private final URI publicBase;

  /** @param publicBase the API's public URL, or null for the scheme and host each request came in on */
  TorrentDownload(VisibleArtifacts visible, Torrents torrents, ContentStore store, URI publicBase) {
    this.visible = visible;
    this.torrents = torrents;
    this.store = store;
    this.publicBase = publicBase;
  }

  void handle(RoutingContext ctx) {
    UUID id = PathParams.uuid(ctx, "artifactId", "artifact_id");
    visible.findPublic(id).compose(artifact -> torrents.of(id, artifact.sha256(), ContentDownload.fileName(artifact))
        .map(found -> {
          var stored = found.orElseThrow(() -> ApiException.notFound(ContentDownload.missing(artifact, store.keyOf(id))));
          byte[] file = Torrents.file(stored, webSeed(ctx, id), comment(artifact));
          ctx.response()
              .putHeader("content-type", MEDIA_TYPE)
              .putHeader("content-disposition", "attachment; filename=\"" + id + ".torrent\"")
              .send(Buffer.buffer(file));
          return null;
        })).onFailure(ctx::fail);
  }

  /** The content's URL: a single-file torrent's web seed is the file itself (BEP 19). */
  private String webSeed(RoutingContext ctx, UUID id) {
    return base(ctx) + "/api/v1/artifacts/" + id + "/content";
  }

  private String base(RoutingContext ctx) {
    if (publicBase != null) {
      String b = publicBase.toString();
      return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }
    URI asked = URI.create(ctx.request().absoluteURI());
    return asked.getScheme() + "://" + asked.getRawAuthority();
  }

  private static String comment(Artifact a) {
    return "OpenAstro " + a.artifactType() + " " + a.artifactId() + " of mission " + a.missionId()
        + "; info.sha256 is the SHA-256 of the file";
  }
}
