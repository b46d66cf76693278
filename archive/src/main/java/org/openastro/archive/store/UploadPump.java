package org.openastro.archive.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.time.Duration;

/**
 * Copies a request body into a write stream (a temp file, S3 parts) chunk by chunk, hashing each chunk on
 * the way: the body is never held in memory, at most the write queue of the destination is.
 * Stops early (and pauses the body) when more than {@code maxBytes} arrive, when the body fails,
 * or when nothing arrives for {@code idleTimeout} (time paused for back-pressure not counted). The destination is ended only on success;
 * on every other outcome the caller deletes what was written.
 */
final class UploadPump {
  /** What arrived: {@code sha256} is null when receiving stopped at the size limit. */
  record Pumped(long bytes, String sha256) {
    boolean tooLarge() {
      return sha256 == null;
    }
  }

  private final Vertx vertx;
  private final ReadStream<Buffer> body;
  private final WriteStream<Buffer> out;
  private final long maxBytes;
  private final Duration idleTimeout;
  private final Sha256 digest = Sha256.streaming();
  private final Promise<Pumped> done = Promise.promise();
  private long bytes;
  private long lastArrival = System.nanoTime();
  private long idleTimer = -1;
  private boolean waitingForDrain;

  UploadPump(Vertx vertx, ReadStream<Buffer> body, WriteStream<Buffer> out, long maxBytes, Duration idleTimeout) {
    this.vertx = vertx;
    this.body = body;
    this.out = out;
    this.maxBytes = maxBytes;
    this.idleTimeout = idleTimeout;
  }

  /** Starts copying; call on the event loop of the body's connection. */
  Future<Pumped> run() {
    out.exceptionHandler(this::fail);
    body.exceptionHandler(this::fail);
    body.handler(this::chunk);
    body.endHandler(v -> {
      // The file is complete only when every queued write has landed: end() waits for them.
      if (!done.future().isComplete()) {
        stopTimer();
        out.end().onSuccess(ok -> done.tryComplete(new Pumped(bytes, digest.hex()))).onFailure(this::fail);
      }
    });
    // One periodic check rather than a timer reset per chunk: cheap at any chunk rate.
    long period = Math.max(10, idleTimeout.toMillis() / 4);
    idleTimer = vertx.setPeriodic(period, id -> {
      // Paused for back-pressure the client is not idle: the store is (a slow S3 part upload).
      if (!waitingForDrain && System.nanoTime() - lastArrival > idleTimeout.toNanos()) {
        fail(new UploadStalledException(idleTimeout));
      }
    });
    body.resume();
    return done.future();
  }

  private void chunk(Buffer chunk) {
    if (done.future().isComplete()) {
      return;
    }
    lastArrival = System.nanoTime();
    bytes += chunk.length();
    if (bytes > maxBytes) {
      stop();
      done.tryComplete(new Pumped(bytes, null));
      return;
    }
    digest.update(chunk.getBytes());
    out.write(chunk).onFailure(this::fail);
    if (out.writeQueueFull()) {
      // Back-pressure: the disk is slower than the network; stop reading until it catches up.
      body.pause();
      waitingForDrain = true;
      out.drainHandler(v -> {
        waitingForDrain = false;
        lastArrival = System.nanoTime();
        if (!done.future().isComplete()) {
          body.resume();
        }
      });
    }
  }

  private void fail(Throwable t) {
    if (!done.future().isComplete()) {
      stop();
      done.tryFail(t);
    }
  }

  private void stop() {
    stopTimer();
    body.pause();
    body.handler(null);
  }

  private void stopTimer() {
    if (idleTimer >= 0) {
      vertx.cancelTimer(idleTimer);
      idleTimer = -1;
    }
  }
}
