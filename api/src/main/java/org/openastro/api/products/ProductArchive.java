package org.openastro.api.products;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.UUID;
import org.openastro.cql.artifact.Artifact;

/**
 * The archive's content as a pipeline inside the system sees it: implemented by the archive
 * module over its content store (local directory or S3, whichever the process runs), wired by
 * app, so a pipeline (the reference stacker) never touches the store's classes. Files, not
 * streams: products are large and pipelines work on them off the event loop anyway.
 * Every method returns at once.
 */
public interface ProductArchive {
  /** Copies an artifact's stored content into {@code file}; false (and no file) when none was uploaded. */
  Future<Boolean> fetch(UUID artifactId, Path file);

  /** Whether content for the artifact is stored. */
  Future<Boolean> stored(UUID artifactId);

  /**
   * Registers {@code product} with this archive as the home of its content (its
   * {@code object_storage_path} is the archive's key; the one given is ignored) and uploads
   * {@code file} as that content, kept only when its SHA-256 is the registered one. Idempotent:
   * the same product again is a replay, and content already stored is not sent again; the same
   * id with other content fails as the registration API's 409 does.
   */
  Future<Artifact> publish(Artifact product, Path file);
}
