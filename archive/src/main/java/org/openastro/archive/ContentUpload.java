package org.openastro.archive;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.openastro.api.auth.ApiRole;
import org.openastro.api.auth.Caller;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;
import org.openastro.api.http.PathParams;
import org.openastro.api.http.Responses;
import org.openastro.archive.store.ContentStore;
import org.openastro.archive.store.UploadResult;
import org.openastro.archive.store.UploadStalledException;
import org.openastro.cql.artifact.Artifact;
import org.openastro.cql.artifact.ArtifactRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /api/v1/artifacts/{id}/content}: streams the body into the content store, which
 * keeps it only when its SHA-256 is the registered one (422 otherwise, nothing kept). This route
 * reads the raw request body itself, so it must be mounted without a body handler before it.
 *
 * <p>The request is paused first thing: the artifact lookup is asynchronous, and body chunks that
 * arrive while no data handler is set would be dropped. Any answer given before the whole body
 * was read closes the connection, since the unread rest of the body cannot be skipped cheaply.
 */
final class ContentUpload {
  private static final Logger LOG = LoggerFactory.getLogger(ContentUpload.class);

  private final ArtifactRepository artifacts;
  private final ContentStore store;
  private final long maxBytes;

  ContentUpload(ArtifactRepository artifacts, ContentStore store, long maxBytes) {
    this.artifacts = artifacts;
    this.store = store;
    this.maxBytes = maxBytes;
  }

  void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause();
    ctx.addHeadersEndHandler(v -> {
      if (!request.isEnded()) {
        ctx.response().putHeader("connection", "close");
      }
    });
    ctx.addEndHandler(v -> {
      // HTTP/1.x cannot skip the unread rest of a body; HTTP/2 resets only this stream by itself
      if (!request.isEnded() && request.version() != HttpVersion.HTTP_2) {
        request.connection().close();
      }
    });
    UUID id;
    try {
      Caller.of(ctx).require(ApiRole.PIPELINE);
      id = PathParams.uuid(ctx, "artifactId", "artifact_id");
      checkDeclaredLength(request.getHeader("content-length"));
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    artifacts.find(id).compose(found -> {
      Artifact a = found.orElseThrow(() -> ApiException.notFound("artifact " + id));
      if (!a.objectStoragePath().equals(store.keyOf(id))) {
        throw new ApiException(ApiError.conflict("object_storage_path", "artifact " + id
            + " is registered with its content at " + a.objectStoragePath() + ", not in this archive"));
      }
      if ("100-continue".equalsIgnoreCase(request.getHeader("expect"))) {
        // Only now: a client that waits for it sends no byte of a refused upload.
        ctx.response().writeContinue();
      }
      return store.store(id, request, a.sha256(), maxBytes);
    }).onSuccess(result -> answer(ctx, id, result)).onFailure(t -> failed(ctx, id, t));
  }

  private void checkDeclaredLength(String header) {
    if (header == null) {
      return; // chunked: the store counts while streaming
    }
    long declared;
    try {
      declared = Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      throw new ApiException(new ApiError(400, "invalid_header", "content-length is not a number", "content-length"));
    }
    if (declared > maxBytes) {
      throw tooLarge();
    }
  }

  private void answer(RoutingContext ctx, UUID id, UploadResult result) {
    // Java 17: no pattern switch yet; the three outcomes of a sealed type
    if (result instanceof UploadResult.Stored stored) {
      Responses.json(ctx, stored.alreadyStored() ? 200 : 201, new JsonObject()
          .put("artifact_id", id.toString())
          .put("object_storage_path", stored.key())
          .put("sha256", stored.sha256())
          .put("size_bytes", stored.bytes()));
    } else if (result instanceof UploadResult.HashMismatch mismatch) {
      ctx.fail(new ApiException(new ApiError(422, "hash_mismatch",
          "the uploaded content (" + mismatch.bytes() + " bytes) has SHA-256 " + mismatch.actualSha256()
              + ", the artifact was registered with " + mismatch.expectedSha256() + "; nothing was kept", "sha256")));
    } else {
      ctx.fail(tooLarge());
    }
  }

  private void failed(RoutingContext ctx, UUID id, Throwable t) {
    if (t instanceof UploadStalledException stalled) {
      ctx.fail(new ApiException(new ApiError(408, "request_timeout", stalled.getMessage() + "; nothing was kept", null)));
    } else if (ctx.response().closed()) {
      // The client went away mid-upload; the store has already dropped what arrived.
      LOG.debug("Upload of artifact {} ended with the connection: {}", id, t.toString());
    } else {
      ctx.fail(t);
    }
  }

  private ApiException tooLarge() {
    return new ApiException(new ApiError(413, "payload_too_large",
        "artifact content is limited to " + maxBytes + " bytes (ARTIFACT_MAX_BYTES)", null));
  }
}
