package org.openastro.scheduler.run;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the fakes let a test put another writer or a crash: {@link #before} runs a change once,
 * right before the named operation reads its condition (so a compare-and-set then loses the race
 * honestly, against the changed state); {@link #failNext} makes the operation fail once without
 * its effect, as a timeout or a crash of the process at that point would; {@link #hangNext} makes it
 * never answer.
 */
final class Interleavings {
  private final Map<String, Deque<Runnable>> hooks = new HashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final Map<String, Integer> hangs = new HashMap<>();

  void before(String op, Runnable otherWriter) {
    hooks.computeIfAbsent(op, k -> new ArrayDeque<>()).add(otherWriter);
  }

  void failNext(String op) {
    failures.merge(op, 1, Integer::sum);
  }

  /** Makes the operation never answer once, as a request to a dead replica that never times out. */
  void hangNext(String op) {
    hangs.merge(op, 1, Integer::sum);
  }

  <T> Future<T> run(String op, Supplier<T> effect) {
    Integer hanging = hangs.get(op);
    if (hanging != null && hanging > 0) {
      hangs.put(op, hanging - 1);
      return Promise.<T>promise().future();
    }
    Deque<Runnable> queued = hooks.get(op);
    if (queued != null && !queued.isEmpty()) {
      queued.poll().run();
    }
    Integer failing = failures.get(op);
    if (failing != null && failing > 0) {
      failures.put(op, failing - 1);
      return Future.failedFuture(new IllegalStateException("injected failure of " + op));
    }
    return Future.succeededFuture(effect.get());
  }
}
