package org.openastro.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureLimiterTest {
  final AtomicLong now = new AtomicLong(1_000);
  final long second = TimeUnit.SECONDS.toNanos(1);

  @Test
  void aBurstOfFailuresIsAllowedThenOnePerRefillInterval() {
    FailureLimiter<String> limiter = new FailureLimiter<>(3, 10 * second, 100, now::get);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.retryAfterNanos("a")).isZero();
      limiter.failed("a");
    }
    assertThat(limiter.retryAfterNanos("a")).isEqualTo(10 * second);
    assertThat(limiter.retryAfterNanos("b")).as("other keys are not affected").isZero();
    now.addAndGet(4 * second);
    assertThat(limiter.retryAfterNanos("a")).isEqualTo(6 * second);
    now.addAndGet(6 * second);
    assertThat(limiter.retryAfterNanos("a")).isZero();
    limiter.failed("a");
    assertThat(limiter.retryAfterNanos("a")).isEqualTo(10 * second);
  }

  @Test
  void aRefilledBucketIsForgottenAndSuspicionEndsWithIt() {
    FailureLimiter<String> limiter = new FailureLimiter<>(2, second, 100, now::get);
    limiter.failed("a");
    assertThat(limiter.hasFailed("a")).isTrue();
    assertThat(limiter.size()).isEqualTo(1);
    now.addAndGet(second);
    assertThat(limiter.hasFailed("a")).isFalse();
    assertThat(limiter.size()).isZero();
  }

  @Test
  void memoryIsBoundedLeastRecentlyUsedFirst() {
    FailureLimiter<Integer> limiter = new FailureLimiter<>(1, 3600 * second, 3, now::get);
    for (int i = 0; i < 10; i++) {
      limiter.failed(i);
    }
    assertThat(limiter.size()).isEqualTo(3);
    assertThat(limiter.retryAfterNanos(9)).isPositive();
    assertThat(limiter.retryAfterNanos(0)).as("evicted").isZero();
  }
}
