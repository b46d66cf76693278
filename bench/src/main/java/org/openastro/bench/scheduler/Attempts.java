package org.openastro.bench.scheduler;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * An idempotent create tried again when it fails: a registration or mission write that times out
 * while the schedulers flood Cassandra should not shrink the fleet or the mission set being measured
 * (the repositories' creates are LWT {@code IF NOT EXISTS} with a fingerprint, so a repeat is a replay).
 */
final class Attempts {
  private Attempts() {}

  static <T> Future<T> upTo(int attempts, Supplier<Future<T>> call) {
    return call.get().recover(t -> attempts <= 1 ? Future.failedFuture(t) : upTo(attempts - 1, call));
  }
}
