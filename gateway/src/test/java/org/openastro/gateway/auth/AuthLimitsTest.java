package org.openastro.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.openastro.gateway.auth.AuthThrottledException.Limit;

class AuthLimitsTest {
  final AtomicLong now = new AtomicLong();
  final AuthLimits limits = new AuthLimits(new AuthLimits.Settings(2, Duration.ofSeconds(30), 5,
      Duration.ofSeconds(2), 3, 2, 1000), now::get);
  final UUID node = UUID.randomUUID();

  static Limit refusal(Runnable r) {
    try {
      r.run();
    } catch (AuthThrottledException e) {
      return e.limit();
    }
    return null;
  }

  @Test
  void oneCheckInFlightPerNodeId() {
    AuthLimits.Permit first = limits.acquire(node, "10.0.0.1");
    assertThat(refusal(() -> limits.acquire(node, "10.0.0.2"))).isEqualTo(Limit.NODE_IN_FLIGHT);
    first.done(false);
    limits.acquire(node, "10.0.0.2").done(false);
  }

  @Test
  void failuresOfANodeIdLimitItBeforeAnyCheck() {
    limits.acquire(node, "10.0.0.1").done(true);
    limits.acquire(node, "10.0.0.2").done(true);
    assertThatThrownBy(() -> limits.acquire(node, "10.0.0.3")).isInstanceOfSatisfying(AuthThrottledException.class,
        e -> {
          assertThat(e.limit()).isEqualTo(Limit.NODE_FAILURES);
          assertThat(e.retryAfterSeconds()).isEqualTo(30);
        });
    assertThat(refusal(() -> limits.acquire(UUID.randomUUID(), "10.0.0.3").done(false))).isNull();
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    assertThat(refusal(() -> limits.acquire(node, "10.0.0.3").done(false))).isNull();
  }

  @Test
  void failuresAndChecksInFlightPerAddress() {
    for (int i = 0; i < 5; i++) {
      limits.unknownNode("10.0.0.9");
    }
    assertThat(refusal(() -> limits.checkAddress("10.0.0.9"))).isEqualTo(Limit.ADDRESS_FAILURES);
    assertThat(refusal(() -> limits.checkAddress("10.0.0.8"))).isNull();

    AuthLimits.Permit a = limits.acquire(UUID.randomUUID(), "10.0.0.7");
    limits.acquire(UUID.randomUUID(), "10.0.0.7");
    limits.acquire(UUID.randomUUID(), "10.0.0.7");
    assertThat(refusal(() -> limits.acquire(UUID.randomUUID(), "10.0.0.7"))).isEqualTo(Limit.ADDRESS_IN_FLIGHT);
    a.done(false);
    assertThat(refusal(() -> limits.acquire(UUID.randomUUID(), "10.0.0.7"))).isNull();
  }

  @Test
  void suspectChecksHaveTheirOwnSmallBudget() {
    UUID[] suspects = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
    for (UUID s : suspects) {
      limits.acquire(s, null).done(true); // one failure each: suspect, not yet limited
    }
    limits.acquire(suspects[0], null);
    limits.acquire(suspects[1], null);
    assertThat(refusal(() -> limits.acquire(suspects[2], null))).isEqualTo(Limit.SUSPECT_IN_FLIGHT);
    assertThat(refusal(() -> limits.acquire(UUID.randomUUID(), null))).as("never failed: not suspect").isNull();
  }
}
