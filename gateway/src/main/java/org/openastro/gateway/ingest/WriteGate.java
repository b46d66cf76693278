package org.openastro.gateway.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.function.Supplier;
import org.openastro.api.http.OverloadedException;

/**
 * Bounds the ingest writes sent to Cassandra at once (so a slow Cassandra sees a steady load, not a
 * pile-up of timeouts) and the writes waiting for a slot (so memory stays bounded when it is down).
 * Writes whose loss is acceptable (QoS 0 heartbeats, pings) never wait: no free slot, no write.
 * Shared by the MQTT and HTTP verticles; a queued write starts on the context that submitted it.
 */
public final class WriteGate {
  private record Waiting(Context context, Supplier<Future<Object>> write, Promise<Object> promise) {}

  private final int maxInFlight;
  private final int maxQueued;
  private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
  private int inFlight;

  public WriteGate(int maxInFlight, int maxQueued) {
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
  }

  /** Runs {@code write} now or when a slot frees; fails with {@link OverloadedException} when the queue is full. */
  @SuppressWarnings("unchecked")
  public <T> Future<T> submit(Supplier<Future<T>> write) {
    Supplier<Future<Object>> untyped = (Supplier<Future<Object>>) (Supplier<?>) write;
    synchronized (this) {
      if (inFlight < maxInFlight) {
        inFlight++;
      } else if (queue.size() < maxQueued) {
        Promise<Object> promise = Promise.promise();
        queue.add(new Waiting(Vertx.currentContext(), untyped, promise));
        return (Future<T>) promise.future();
      } else {
        return Future.failedFuture(new OverloadedException(
            "ingest is saturated (" + maxInFlight + " writes in flight, " + maxQueued + " waiting)"));
      }
    }
    return (Future<T>) start(untyped);
  }

  /** Runs {@code write} only if a slot is free now; else fails with {@link OverloadedException}. */
  public <T> Future<T> submitIfFree(Supplier<Future<T>> write) {
    synchronized (this) {
      if (inFlight >= maxInFlight || !queue.isEmpty()) {
        return Future.failedFuture(new OverloadedException("no free write slot"));
      }
      inFlight++;
    }
    @SuppressWarnings("unchecked")
    Supplier<Future<Object>> untyped = (Supplier<Future<Object>>) (Supplier<?>) write;
    @SuppressWarnings("unchecked")
    Future<T> started = (Future<T>) start(untyped);
    return started;
  }

  public synchronized int inFlight() {
    return inFlight;
  }

  public synchronized int queued() {
    return queue.size();
  }

  private Future<Object> start(Supplier<Future<Object>> write) {
    Future<Object> result;
    try {
      result = write.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.andThen(done -> release());
  }

  private void release() {
    Waiting next;
    synchronized (this) {
      next = queue.poll();
      if (next == null) {
        inFlight--;
        return;
      }
      // the slot passes straight to the next waiting write
    }
    Runnable run = () -> start(next.write()).onComplete(next.promise());
    if (next.context() == null || next.context() == Vertx.currentContext()) {
      // Already where it must run (a write of this event loop completed): start it now, so it
      // joins this turn's heartbeat batch instead of costing a task hop of its own.
      run.run();
    } else {
      next.context().runOnContext(v -> run.run());
    }
  }
}
