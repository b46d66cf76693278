package org.openastro.archive;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import java.nio.file.Path;
import java.util.UUID;
import org.openastro.api.products.ProductArchive;
import org.openastro.archive.store.ContentStore;
import org.openastro.archive.store.UploadResult;
import org.openastro.cql.Store;
import org.openastro.cql.artifact.Artifact;
import org.openastro.cql.artifact.ArtifactRepository;

/**
 * {@link ProductArchive} over a content store and the artifact registry: the same store and the
 * same idempotent registration as the HTTP API's, so a product published here downloads through
 * {@code GET /api/v1/artifacts/{id}/content} of any gateway.
 */
public final class ArchiveProducts implements ProductArchive {
  private final Vertx vertx;
  private final ContentStore store;
  private final ArtifactRepository artifacts;

  ArchiveProducts(Vertx vertx, ContentStore store, ArtifactRepository artifacts) {
    this.vertx = vertx;
    this.store = store;
    this.artifacts = artifacts;
  }

  /** Over the process's content store ({@link ArtifactRoutes#contentStore}); call it at start-up. */
  public static ProductArchive create(Vertx vertx, ContentStore store, Store tables) {
    return new ArchiveProducts(vertx, store, tables.artifacts());
  }

  @Override
  public Future<Boolean> fetch(UUID artifactId, Path file) {
    return store.open(artifactId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(false);
      }
      var download = found.get();
      return vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setCreate(true)
              .setTruncateExisting(true))
          .compose(out -> download.stream().pipeTo(out))
          .eventually(download::close)
          .map(true);
    });
  }

  @Override
  public Future<Boolean> stored(UUID artifactId) {
    return store.exists(artifactId);
  }

  @Override
  public Future<Artifact> publish(Artifact product, Path file) {
    Artifact homed = new Artifact(product.artifactId(), product.missionId(), product.taskId(),
        product.artifactType(), store.keyOf(product.artifactId()), product.sha256(), product.createdAt(),
        product.publicAfter(), product.contributingNodeIds(), product.registeredBy());
    return artifacts.register(homed).compose(created -> {
      Artifact stored = created.value();
      return store.exists(stored.artifactId()).compose(present -> present
          ? Future.succeededFuture(stored)
          : upload(stored, file));
    });
  }

  private Future<Artifact> upload(Artifact stored, Path file) {
    return vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true)).compose(in -> {
      in.pause();
      return store.store(stored.artifactId(), in, stored.sha256(), Long.MAX_VALUE)
          .eventually(in::close)
          .compose(result -> {
            if (result instanceof UploadResult.Stored) {
              return Future.succeededFuture(stored);
            }
            return Future.failedFuture(new IllegalStateException("content of artifact " + stored.artifactId()
                + " was not kept: " + result));
          });
    });
  }
}
