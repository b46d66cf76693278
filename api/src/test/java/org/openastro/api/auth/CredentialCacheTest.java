package org.openastro.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {
  final AtomicLong nanos = new AtomicLong(42);
  final UUID node = UUID.randomUUID();
  final String secret = Secrets.newSecret(node);
  static final String HASH = "$2a$04$stored-hash-one";
  static final String ROTATED = "$2a$04$stored-hash-two";

  CredentialCache cache(int max, Duration ttl) {
    return new CredentialCache(max, ttl, nanos::get);
  }

  @Test
  void remembersAVerifiedSecretForItsNodeAndHashOnly() {
    CredentialCache cache = cache(10, Duration.ofMinutes(1));
    assertThat(cache.matches(node, HASH, secret)).isFalse();
    cache.remember(node, HASH, secret);
    assertThat(cache.matches(node, HASH, secret)).isTrue();
    assertThat(cache.matches(node, HASH, secret + "x")).isFalse();
    assertThat(cache.matches(node, HASH, Secrets.newSecret(node))).isFalse();
    assertThat(cache.matches(UUID.randomUUID(), HASH, secret)).isFalse();
    assertThat(cache.matches(node, null, secret)).isFalse();
  }

  @Test
  void rotationInvalidatesTheEntryEvenWithoutForget() {
    CredentialCache cache = cache(10, Duration.ofMinutes(1));
    cache.remember(node, HASH, secret);
    // another gateway rotated the secret: the stored hash read with the node is now another
    assertThat(cache.matches(node, ROTATED, secret)).isFalse();
    String fresh = Secrets.newSecret(node);
    cache.remember(node, ROTATED, fresh);
    assertThat(cache.matches(node, ROTATED, fresh)).isTrue();
    assertThat(cache.matches(node, ROTATED, secret)).isFalse();
    assertThat(cache.matches(node, HASH, secret)).as("the old entry was replaced").isFalse();
  }

  @Test
  void forgetDropsTheEntry() {
    CredentialCache cache = cache(10, Duration.ofMinutes(1));
    cache.remember(node, HASH, secret);
    cache.forget(node);
    assertThat(cache.matches(node, HASH, secret)).isFalse();
    assertThat(cache.size()).isZero();
  }

  @Test
  void entriesExpire() {
    CredentialCache cache = cache(10, Duration.ofSeconds(60));
    cache.remember(node, HASH, secret);
    nanos.addAndGet(Duration.ofSeconds(60).toNanos());
    assertThat(cache.matches(node, HASH, secret)).isTrue();
    nanos.addAndGet(1);
    assertThat(cache.matches(node, HASH, secret)).isFalse();
  }

  @Test
  void expiryWorksAcrossNanoTimeOverflow() {
    nanos.set(Long.MAX_VALUE - 10);
    CredentialCache cache = cache(10, Duration.ofSeconds(1));
    cache.remember(node, HASH, secret);
    nanos.addAndGet(100); // wraps to negative
    assertThat(cache.matches(node, HASH, secret)).isTrue();
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(cache.matches(node, HASH, secret)).isFalse();
  }

  @Test
  void boundedLeastRecentlyUsedFirstOut() {
    CredentialCache cache = cache(2, Duration.ofMinutes(1));
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID c = UUID.randomUUID();
    String sa = Secrets.newSecret(a);
    String sb = Secrets.newSecret(b);
    String sc = Secrets.newSecret(c);
    cache.remember(a, HASH, sa);
    cache.remember(b, HASH, sb);
    assertThat(cache.matches(a, HASH, sa)).isTrue(); // a used: b is now the eldest
    cache.remember(c, HASH, sc);
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.matches(a, HASH, sa)).isTrue();
    assertThat(cache.matches(b, HASH, sb)).isFalse();
    assertThat(cache.matches(c, HASH, sc)).isTrue();
  }

  @Test
  void disabledBySizeOrTtlZero() {
    CredentialCache none = cache(0, Duration.ofMinutes(1));
    none.remember(node, HASH, secret);
    assertThat(none.matches(node, HASH, secret)).isFalse();
    CredentialCache instant = cache(10, Duration.ZERO);
    instant.remember(node, HASH, secret);
    assertThat(instant.matches(node, HASH, secret)).isFalse();
    assertThat(instant.size()).isZero();
  }
}
