package org.openastro.scheduler.run;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * At most one run per key at a time. A call while its key runs does not start another: calls
 * meanwhile fold into one more run after the current one ends (with the newest argument), and all
 * of them complete with that run. So however many progress reports of one mission arrive at once,
 * the scheduler evaluates the mission once, then once more with everything they changed, instead
 * of racing itself with one lightweight transaction on the mission's row per report.
 */
final class SingleFlight<K, A> {
  private final BiFunction<K, A, Future<Void>> work;
  private final Map<K, Slot<A>> running = new HashMap<>();

  /** The run queued behind the current one of a key, if any. */
  private static final class Slot<A> {
    Promise<Void> next;
    A nextArg;
  }

  SingleFlight(BiFunction<K, A, Future<Void>> work) {
    this.work = work;
  }

  Future<Void> submit(K key, A arg) {
    Promise<Void> result;
    synchronized (this) {
      Slot<A> slot = running.get(key);
      if (slot != null) {
        if (slot.next == null) {
          slot.next = Promise.promise();
        }
        slot.nextArg = arg;
        return slot.next.future();
      }
      running.put(key, new Slot<>());
      result = Promise.promise();
    }
    launch(key, arg, result);
    return result.future();
  }

  /** Keys running now (for tests and metrics). */
  synchronized int inFlight() {
    return running.size();
  }

  private void launch(K key, A arg, Promise<Void> result) {
    Future<Void> run;
    try {
      run = work.apply(key, arg);
    } catch (RuntimeException e) {
      run = Future.failedFuture(e);
    }
    run.onComplete(done -> {
      Promise<Void> next;
      A nextArg;
      synchronized (this) {
        Slot<A> slot = running.get(key);
        next = slot.next;
        nextArg = slot.nextArg;
        if (next == null) {
          running.remove(key);
        } else {
          slot.next = null;
          slot.nextArg = null;
        }
      }
      result.handle(done);
      if (next != null) {
        launch(key, nextArg, next);
      }
    });
  }
}
