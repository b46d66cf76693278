package org.openastro.gateway.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets of failed attempts, one per key (a node id, a source address): a key may fail
 * {@code burst} times at once, and one more time per {@code refillNanos} after that. Only failures
 * take tokens; a key whose bucket is empty is refused before it costs anything. Memory is bounded:
 * at most {@code maxEntries} keys, least recently used dropped first, and a bucket that has filled
 * up again is forgotten (a full bucket and no bucket mean the same). Thread-safe.
 */
final class FailureLimiter<K> {
  private final int burst;
  private final long refillNanos;
  private final LongSupplier clock;
  private final Map<K, Bucket> buckets;

  private static final class Bucket {
    double tokens;
    long updatedNanos;

    Bucket(double tokens, long updatedNanos) {
      this.tokens = tokens;
      this.updatedNanos = updatedNanos;
    }
  }

  /** {@code clock}: nanoseconds, monotonic ({@code System::nanoTime}). */
  FailureLimiter(int burst, long refillNanos, int maxEntries, LongSupplier clock) {
    if (burst < 1 || refillNanos < 1 || maxEntries < 1) {
      throw new IllegalArgumentException("burst, refill and maxEntries must be positive");
    }
    this.burst = burst;
    this.refillNanos = refillNanos;
    this.clock = clock;
    this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Bucket> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** 0 when {@code key} may try (its bucket holds a token), else nanoseconds until it may. */
  synchronized long retryAfterNanos(K key) {
    Bucket b = buckets.get(key);
    if (b == null) {
      return 0;
    }
    refill(b);
    if (b.tokens >= burst) {
      buckets.remove(key);
      return 0;
    }
    return b.tokens >= 1 ? 0 : (long) Math.ceil((1 - b.tokens) * refillNanos);
  }

  /** True when {@code key} has failed recently (its bucket is not full): treated as suspect. */
  synchronized boolean hasFailed(K key) {
    Bucket b = buckets.get(key);
    if (b == null) {
      return false;
    }
    refill(b);
    if (b.tokens >= burst) {
      buckets.remove(key);
      return false;
    }
    return true;
  }

  /** One failed attempt of {@code key}: takes a token. */
  synchronized void failed(K key) {
    Bucket b = buckets.get(key);
    if (b == null) {
      b = new Bucket(burst, clock.getAsLong());
      buckets.put(key, b);
    } else {
      refill(b);
    }
    b.tokens = Math.max(0, b.tokens - 1);
  }

  /** Keys held now (for tests and a gauge). */
  synchronized int size() {
    return buckets.size();
  }

  private void refill(Bucket b) {
    long now = clock.getAsLong();
    long elapsed = now - b.updatedNanos;
    if (elapsed > 0) {
      b.tokens = Math.min(burst, b.tokens + (double) elapsed / refillNanos);
      b.updatedNanos = now;
    }
  }
}
