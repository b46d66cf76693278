package org.openastro.archive;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.openastro.api.auth.Caller;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.PathParams;
import org.openastro.archive.store.ContentStore;
import org.openastro.archive.store.Sha256;
import org.openastro.cql.artifact.Artifact;
import org.openastro.domain.ArtifactType;

/**
 * {@code GET /api/v1/artifacts/{id}/content}: streams stored content back (never loaded whole),
 * with its registered SHA-256 in {@code Repr-Digest} (RFC 9530, base64) and in
 * {@code x-content-sha256} (hex), and its length. Embargo as for the artifact itself.
 */
final class ContentDownload {
  private final VisibleArtifacts visible;
  private final ContentStore store;

  ContentDownload(VisibleArtifacts visible, ContentStore store) {
    this.visible = visible;
    this.store = store;
  }

  void handle(RoutingContext ctx) {
    // a bad id throws ApiException: the router hands it to the one failure handler (400, counted)
    UUID id = PathParams.uuid(ctx, "artifactId", "artifact_id");
    visible.find(id, Caller.of(ctx)).compose(artifact -> store.open(id).map(download -> download.orElseThrow(() ->
        ApiException.notFound(missing(artifact, store.keyOf(id))))).map(download -> {
          HttpServerResponse response = ctx.response()
              .putHeader("content-type", contentType(artifact.artifactType()))
              .putHeader("content-length", Long.toString(download.length()))
              .putHeader("repr-digest", Sha256.reprDigest(artifact.sha256()))
              .putHeader("x-content-sha256", artifact.sha256());
          response.send(download.stream()).onComplete(ar -> download.close());
          return download;
        })).onFailure(ctx::fail);
  }

  private static String missing(Artifact a, String storeKey) {
    return a.objectStoragePath().equals(storeKey)
        ? "content of artifact " + a.artifactId() + " (not uploaded yet)"
        : "content of artifact " + a.artifactId() + " in this archive (it is registered at " + a.objectStoragePath() + ")";
  }

  /** FITS has its own media type (RFC 4047); other products are served as plain bytes. */
  static String contentType(ArtifactType type) {
    return switch (type) {
      case RAW_FITS, STACKED_FITS -> "application/fits";
      default -> "application/octet-stream";
    };
  }
}
