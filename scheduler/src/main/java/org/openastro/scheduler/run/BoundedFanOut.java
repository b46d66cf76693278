package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One asynchronous step per item, at most {@code inFlight} at a time: {@code inFlight} chains, each
 * taking the next item when its step ends. Reads of a whole shard or fleet (100,000 nodes) issued
 * at once overran the driver's request queue and the heap; this keeps them to a window the driver
 * can hold.
 */
final class BoundedFanOut {
  private BoundedFanOut() {}

  /** Completes when every step has ended; fails (after the others) with the first step that failed. */
  static <T> Future<Void> each(List<T> items, int inFlight, Function<T, Future<?>> step) {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> chains = new ArrayList<>();
    for (int i = 0; i < Math.min(inFlight, items.size()); i++) {
      chains.add(chain(items, next, step));
    }
    return Future.join(chains).mapEmpty();
  }

  private static <T> Future<Void> chain(List<T> items, AtomicInteger next, Function<T, Future<?>> step) {
    int i = next.getAndIncrement();
    if (i >= items.size()) {
      return Future.succeededFuture();
    }
    Future<?> done;
    try {
      done = step.apply(items.get(i));
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    // A failed step does not stop its chain: the other items are still read.
    return done.transform(r -> chain(items, next, step).compose(x -> r.succeeded()
        ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(r.cause())));
  }
}
