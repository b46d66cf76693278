package org.openastro.archive.store;

import java.time.Duration;

/** No byte of an upload arrived for the idle timeout: the upload was abandoned, nothing kept. */
public final class UploadStalledException extends RuntimeException {
  public UploadStalledException(Duration idle) {
    super("no upload data arrived for " + idle.toMillis() + " ms", null, false, false);
  }
}
