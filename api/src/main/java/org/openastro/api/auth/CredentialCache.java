package org.openastro.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Remembers secrets that passed bcrypt, so a reconnect storm of 10,000 nodes costs 10,000 digest
 * compares instead of 10,000 bcrypt runs (minutes of CPU). An entry holds a SHA-256 of the secret
 * (secrets are 256 random bits, so a fast digest is safe here, unlike for passwords) and the stored
 * bcrypt hash it was checked against: once the secret is rotated the stored hash differs and the
 * entry no longer matches. Bounded (least recently used out) and expiring. Thread-safe.
 */
public final class CredentialCache {
  private record Entry(String storedHash, byte[] digest, long expiresAtNanos) {}

  private final int maxEntries;
  private final long ttlNanos;
  private final LongSupplier nanoClock;
  private final Map<UUID, Entry> entries;

  public CredentialCache(int maxEntries, java.time.Duration ttl) {
    this(maxEntries, ttl, System::nanoTime);
  }

  CredentialCache(int maxEntries, java.time.Duration ttl, LongSupplier nanoClock) {
    this.maxEntries = maxEntries;
    this.ttlNanos = ttl.toNanos();
    this.nanoClock = nanoClock;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<UUID, Entry> eldest) {
        return size() > CredentialCache.this.maxEntries;
      }
    };
  }

  /** True when this secret was verified against exactly this stored hash, recently. */
  public boolean matches(UUID nodeId, String storedHash, String secret) {
    Entry entry;
    synchronized (entries) {
      entry = entries.get(nodeId);
    }
    if (entry == null || storedHash == null || !entry.storedHash().equals(storedHash)
        || nanoClock.getAsLong() - entry.expiresAtNanos() > 0) {
      return false;
    }
    return MessageDigest.isEqual(entry.digest(), digest(secret));
  }

  public void remember(UUID nodeId, String storedHash, String secret) {
    if (maxEntries == 0 || ttlNanos == 0) {
      return;
    }
    Entry entry = new Entry(storedHash, digest(secret), nanoClock.getAsLong() + ttlNanos);
    synchronized (entries) {
      entries.put(nodeId, entry);
    }
  }

  public void forget(UUID nodeId) {
    synchronized (entries) {
      entries.remove(nodeId);
    }
  }

  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  private static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
