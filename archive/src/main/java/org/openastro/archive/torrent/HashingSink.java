package org.openastro.archive.torrent;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Content piped into a {@link TorrentHasher} on a worker thread, never on the event loop: hashing
 * a 10 GiB product costs tens of seconds of CPU. Chunks that arrive while the worker hashes are
 * gathered and handed over together when it is done (one worker hop per batch, not per 8 KiB
 * chunk); at {@code maxQueuedBytes} gathered the queue is full and the pipe pauses the reading,
 * so memory stays bounded whatever the content's size. Only one batch runs at a time, in order.
 * Its state is touched only on the context that writes to it (worker results come back there).
 */
final class HashingSink implements WriteStream<Buffer> {
  private final WorkerExecutor workers;
  private final TorrentHasher hasher;
  private final int maxQueuedBytes;
  private List<Buffer> queued = new ArrayList<>();
  private long queuedBytes;
  private boolean hashing;
  private Throwable failure;
  private Promise<Void> ended;
  private Handler<Void> drainHandler;
  private Handler<Throwable> exceptionHandler;

  HashingSink(WorkerExecutor workers, TorrentHasher hasher, int maxQueuedBytes) {
    this.workers = workers;
    this.hasher = hasher;
    this.maxQueuedBytes = maxQueuedBytes;
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    queued.add(data);
    queuedBytes += data.length();
    if (!hashing) {
      hashNext();
    }
    return Future.succeededFuture();
  }

  private void hashNext() {
    List<Buffer> batch = queued;
    queued = new ArrayList<>();
    queuedBytes = 0;
    hashing = true;
    workers.executeBlocking(() -> {
      for (Buffer b : batch) {
        byte[] bytes = b.getBytes();
        hasher.update(bytes, 0, bytes.length);
      }
      return null;
    }, false).onComplete(ar -> {
      hashing = false;
      if (ar.failed()) {
        fail(ar.cause());
        return;
      }
      if (!queued.isEmpty()) {
        // what arrived meanwhile becomes the next batch, which empties the queue
        hashNext();
      } else if (ended != null) {
        ended.tryComplete();
      }
      Handler<Void> drain = drainHandler;
      if (drain != null && !writeQueueFull()) {
        drainHandler = null;
        drain.handle(null);
      }
    });
  }

  private void fail(Throwable t) {
    failure = t;
    queued.clear();
    if (exceptionHandler != null) {
      exceptionHandler.handle(t);
    }
    if (ended != null) {
      ended.tryFail(t);
    }
  }

  /** Completes once every byte written is hashed. */
  @Override
  public Future<Void> end() {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    if (ended == null) {
      ended = Promise.promise();
      if (!hashing && queued.isEmpty()) {
        ended.complete();
      }
    }
    return ended.future();
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    // the bound is the constructor's: the caller chose it for the worker batches
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return queuedBytes >= maxQueuedBytes;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
    return this;
  }
}
