package org.openastro.archive.store;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * A blocking response body (an S3 object) as a Vert.x read stream: each chunk is read on a worker
 * thread, only while there is demand, so a slow client pauses the reading (and holds no thread
 * meanwhile) and the content is never buffered whole. Created paused; handlers run on the
 * context that asked for data (the request's event loop).
 */
final class BlockingReadStream implements ReadStream<Buffer> {
  private final WorkerExecutor workers;
  private final ResponseInputStream<?> in;
  private final int chunk;
  private final long length;
  private long read;
  private long demand;
  private boolean reading;
  private boolean ended;
  private volatile boolean closed;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;

  BlockingReadStream(WorkerExecutor workers, ResponseInputStream<?> in, int chunk, long length) {
    this.workers = workers;
    this.in = in;
    this.chunk = chunk;
    this.length = length;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    this.handler = handler;
    readMore();
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    demand = 0;
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    readMore();
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }

  private void readMore() {
    if (reading || ended || closed || demand <= 0 || handler == null) {
      return;
    }
    reading = true;
    workers.<byte[]>executeBlocking(() -> in.readNBytes(chunk), false).onComplete(ar -> {
      reading = false;
      if (closed || ended) {
        return;
      }
      if (ar.failed()) {
        ended = true;
        if (exceptionHandler != null) {
          exceptionHandler.handle(ar.cause());
        }
        return;
      }
      byte[] bytes = ar.result();
      if (bytes.length == 0) {
        ended = true;
        if (read != length && exceptionHandler != null) {
          exceptionHandler.handle(new java.io.EOFException("the object ended after " + read + " of " + length + " bytes"));
        } else if (endHandler != null) {
          endHandler.handle(null);
        }
        return;
      }
      read += bytes.length;
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(Buffer.buffer(bytes));
      readMore();
    });
  }

  /** Releases the connection: closed when read to the end, aborted (not drained) otherwise. */
  Future<Void> close() {
    closed = true;
    boolean complete = read == length;
    return workers.executeBlocking(() -> {
      if (complete) {
        in.close();
      } else {
        in.abort();
      }
      return null;
    }, false);
  }
}
