package org.openastro.gateway.auth;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks in flight per key (node id, source address), at most {@code max} each. An entry exists
 * only while a check of its key runs, so the map is bounded by the checks in flight.
 */
final class ConcurrencyLimiter<K> {
  private final int max;
  private final ConcurrentHashMap<K, Integer> inFlight = new ConcurrentHashMap<>();

  ConcurrencyLimiter(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive");
    }
    this.max = max;
  }

  /** Takes a slot of {@code key}; false (nothing taken) when it has {@code max} already. */
  boolean tryAcquire(K key) {
    boolean[] taken = {false};
    inFlight.compute(key, (k, n) -> {
      int current = n == null ? 0 : n;
      if (current >= max) {
        return n;
      }
      taken[0] = true;
      return current + 1;
    });
    return taken[0];
  }

  void release(K key) {
    inFlight.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
  }

  /** Keys with a check in flight now. */
  int keys() {
    return inFlight.size();
  }
}
