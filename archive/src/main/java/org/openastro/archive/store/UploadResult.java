package org.openastro.archive.store;

/** How an upload into a {@link ContentStore} ended, when the stream itself did not fail. */
public sealed interface UploadResult {
  /** Bytes received (all of them, or up to where receiving stopped). */
  long bytes();

  /**
   * Kept under {@code key}.
   *
   * @param alreadyStored the same content was stored before; this upload changed nothing
   */
  record Stored(String key, long bytes, String sha256, boolean alreadyStored) implements UploadResult {}

  /** The content's SHA-256 is not the expected one: nothing was kept. */
  record HashMismatch(String actualSha256, String expectedSha256, long bytes) implements UploadResult {}

  /** More than {@code maxBytes} arrived: receiving stopped and nothing was kept. */
  record TooLarge(long maxBytes, long bytes) implements UploadResult {}
}
