package org.openastro.archive.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Where artifact content lives. The embedded default is {@link LocalDirectoryContentStore}; the
 * S3-compatible {@link S3ContentStore} implements the same operations (a multipart upload that is
 * completed only when the hash matches, a GET whole or of a byte range, a HEAD), so routes never
 * see which one runs.
 *
 * <p>Every method returns at once; no implementation may block the calling event loop.
 */
public interface ContentStore {
  /**
   * The object key of an artifact's content in this store. An artifact registered without an
   * {@code object_storage_path} gets this one; only such artifacts take uploads here.
   */
  String keyOf(UUID artifactId);

  /**
   * Streams {@code body} into the store while computing its SHA-256, and keeps it only when the
   * digest equals {@code expectedSha256} (64 lower-case hex digits) and at most {@code maxBytes}
   * arrived. Nothing stays behind on any other outcome, failures included. {@code body} must be
   * paused when handed over: this sets its handlers and resumes it, and pauses it again when the
   * upload stops early (the caller then closes the connection). Storing content equal to what
   * is already stored changes nothing ({@link UploadResult.Stored#alreadyStored()}).
   */
  Future<UploadResult> store(UUID artifactId, ReadStream<Buffer> body, String expectedSha256, long maxBytes);

  /** The stored content, or empty when none was uploaded. The caller must close the download. */
  Future<Optional<Download>> open(UUID artifactId);

  /**
   * {@code length} bytes of the stored content from {@code offset} (a byte range the caller
   * checked against {@link #length}: {@code offset + length} is at most the stored length, and
   * {@code length} at least 1), or empty when none was uploaded. The caller must close it.
   */
  Future<Optional<Download>> open(UUID artifactId, long offset, long length);

  /** The length of the stored content without reading it (a HEAD), or empty when none was uploaded. */
  Future<OptionalLong> length(UUID artifactId);

  /** Whether content for the artifact is stored. */
  Future<Boolean> exists(UUID artifactId);
}
