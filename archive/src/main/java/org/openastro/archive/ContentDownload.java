package org.openastro.archive;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;
import org.openastro.api.auth.Caller;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.PathParams;
import org.openastro.archive.store.ContentStore;
import org.openastro.archive.store.Download;
import org.openastro.archive.store.Sha256;
import org.openastro.cql.artifact.Artifact;
import org.openastro.domain.ArtifactType;

/**
 * {@code GET|HEAD /api/v1/artifacts/{id}/content}: streams stored content back (never loaded
 * whole), with its registered SHA-256 in {@code Repr-Digest} (RFC 9530, base64; the digest of the
 * whole representation, so also on a 206), in {@code x-content-sha256} (hex) and as a strong
 * {@code ETag}. A single {@code Range} gets 206 with {@code Content-Range}, one past the end 416
 * with {@code Content-Range: bytes *}{@code /<length>}; {@code If-None-Match} with the ETag gets
 * 304, and {@code If-Range} with another validator the whole content. Embargo as for the artifact
 * itself: an embargoed artifact's content is a 404, whatever the headers ask.
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
    HttpServerRequest request = ctx.request();
    visible.find(id, Caller.of(ctx)).compose(artifact -> {
      String etag = "\"" + artifact.sha256() + "\"";
      boolean head = request.method() == HttpMethod.HEAD;
      String range = request.getHeader("range");
      if (range != null && !rangeStillValid(request.getHeader("if-range"), etag)) {
        range = null;
      }
      String ifNoneMatch = request.getHeader("if-none-match");
      if (!head && range == null && ifNoneMatch == null) {
        // the common case: one request to the store
        return store.open(id).map(found -> send(ctx, artifact, found, null, 0));
      }
      String askedRange = range;
      return store.length(id).compose(length -> {
        if (length.isEmpty()) {
          throw ApiException.notFound(missing(artifact, store.keyOf(id)));
        }
        long size = length.getAsLong();
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
          headers(ctx, artifact).setStatusCode(304).end();
          return Future.succeededFuture();
        }
        if (head) {
          // the headers a GET would get; Vert.x sends no body for a HEAD
          headers(ctx, artifact).putHeader("content-length", Long.toString(size)).end();
          return Future.succeededFuture();
        }
        ByteRange r = ByteRange.of(askedRange, size);
        if (r == ByteRange.UNSATISFIABLE) {
          // the error body is JSON: none of the content's own headers, only where it ends
          ctx.response().putHeader("accept-ranges", "bytes").putHeader("content-range", "bytes */" + size);
          throw new ApiException(new ApiError(416, "range_not_satisfiable",
              "the range " + askedRange + " is not within the content's " + size + " bytes", "range"));
        }
        Future<Optional<Download>> opened = r == null ? store.open(id) : store.open(id, r.offset(), r.length());
        return opened.map(found -> send(ctx, artifact, found, r, size));
      });
    }).onFailure(ctx::fail);
  }

  private Void send(RoutingContext ctx, Artifact artifact, Optional<Download> found, ByteRange range, long size) {
    Download download = found.orElseThrow(() ->
        ApiException.notFound(missing(artifact, store.keyOf(artifact.artifactId()))));
    HttpServerResponse response = headers(ctx, artifact)
        .putHeader("content-length", Long.toString(download.length()));
    if (range != null) {
      response.setStatusCode(206).putHeader("content-range", range.contentRange(size));
    }
    response.send(download.stream()).onComplete(ar -> download.close());
    return null;
  }

  private static HttpServerResponse headers(RoutingContext ctx, Artifact artifact) {
    return ctx.response()
        .putHeader("content-type", contentType(artifact.artifactType()))
        .putHeader("accept-ranges", "bytes")
        .putHeader("etag", "\"" + artifact.sha256() + "\"")
        .putHeader("repr-digest", Sha256.reprDigest(artifact.sha256()))
        .putHeader("x-content-sha256", artifact.sha256());
  }

  /** {@code If-None-Match}: {@code *} or a list of entity tags, compared weakly (RFC 9110 13.1.2). */
  static boolean matches(String ifNoneMatch, String etag) {
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code If-Range}: the range applies only when it names this very content (strong comparison);
   * a date cannot, as no Last-Modified is sent. Without the header it applies.
   */
  static boolean rangeStillValid(String ifRange, String etag) {
    return ifRange == null || ifRange.trim().equals(etag);
  }

  static String missing(Artifact a, String storeKey) {
    return a.objectStoragePath().equals(storeKey)
        ? "content of artifact " + a.artifactId() + " (not uploaded yet)"
        : "content of artifact " + a.artifactId() + " in this archive (it is registered at " + a.objectStoragePath() + ")";
  }

  /** The name of a product's file where one is needed (a torrent's): its id, with .fits for FITS. */
  static String fileName(Artifact a) {
    return switch (a.artifactType()) {
      case RAW_FITS, STACKED_FITS -> a.artifactId() + ".fits";
      default -> a.artifactId() + ".bin";
    };
  }

  /** FITS has its own media type (RFC 4047); other products are served as plain bytes. */
  static String contentType(ArtifactType type) {
    return switch (type) {
      case RAW_FITS, STACKED_FITS -> "application/fits";
      default -> "application/octet-stream";
    };
  }
}
