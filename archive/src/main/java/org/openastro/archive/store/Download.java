package org.openastro.archive.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Stored content being read, whole or a byte range of it: its length (the bytes the stream
 * gives, sent as Content-Length) and a paused stream of it.
 * {@link #close()} releases the file or connection behind it, after the copy or on failure.
 */
public interface Download {
  long length();

  ReadStream<Buffer> stream();

  Future<Void> close();
}
