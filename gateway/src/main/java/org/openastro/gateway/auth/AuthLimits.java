package org.openastro.gateway.auth;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.openastro.gateway.auth.AuthThrottledException.Limit;

/**
 * What may reach bcrypt, decided before it runs. Per node id: failures limited by a token bucket,
 * and one check in flight at a time (600 concurrent wrong secrets for one id cost one bcrypt, not
 * 600 slots of the shared pool). Per source address: failures limited by a token bucket, and at
 * most {@code addressMaxPending} checks in flight. Node ids or addresses that failed lately are
 * "suspect": their checks in flight together are capped at {@code suspectMaxPending}, so the rest
 * of the bcrypt pool (AUTH_MAX_PENDING) stays free for nodes that never failed.
 */
final class AuthLimits {
  private final FailureLimiter<UUID> nodeFailures;
  private final FailureLimiter<String> addressFailures;
  private final ConcurrencyLimiter<UUID> nodeInFlight = new ConcurrencyLimiter<>(1);
  private final ConcurrencyLimiter<String> addressInFlight;
  private final int suspectMaxPending;
  private final AtomicInteger suspectInFlight = new AtomicInteger();

  /** Limits as configured; see {@code GatewaySettings.AUTH_*}. */
  record Settings(int nodeFailureBurst, Duration nodeFailureRefill, int addressFailureBurst,
      Duration addressFailureRefill, int addressMaxPending, int suspectMaxPending, int maxEntries) {}

  AuthLimits(Settings s, LongSupplier nanoClock) {
    this.nodeFailures = new FailureLimiter<>(s.nodeFailureBurst(), s.nodeFailureRefill().toNanos(), s.maxEntries(),
        nanoClock);
    this.addressFailures = new FailureLimiter<>(s.addressFailureBurst(), s.addressFailureRefill().toNanos(),
        s.maxEntries(), nanoClock);
    this.addressInFlight = new ConcurrencyLimiter<>(s.addressMaxPending());
    this.suspectMaxPending = s.suspectMaxPending();
  }

  /** A check that was let through: call {@link #done} exactly once when it ends. */
  final class Permit {
    private final UUID nodeId;
    private final String address;
    private final boolean suspect;
    private boolean released;

    private Permit(UUID nodeId, String address, boolean suspect) {
      this.nodeId = nodeId;
      this.address = address;
      this.suspect = suspect;
    }

    /** The check ended; {@code failed}: the secret was wrong. */
    void done(boolean failed) {
      synchronized (this) {
        if (released) {
          return;
        }
        released = true;
      }
      nodeInFlight.release(nodeId);
      if (address != null) {
        addressInFlight.release(address);
      }
      if (suspect) {
        suspectInFlight.decrementAndGet();
      }
      if (failed) {
        failed(nodeId, address);
      }
    }
  }

  /** Refused before the check, when the address failed too often lately (unknown ids included). */
  void checkAddress(String address) {
    if (address != null) {
      long wait = addressFailures.retryAfterNanos(address);
      if (wait > 0) {
        throw new AuthThrottledException(Limit.ADDRESS_FAILURES, Duration.ofNanos(wait));
      }
    }
  }

  /** A permit for one secret check of {@code nodeId} from {@code address} (null when unknown), or a refusal. */
  Permit acquire(UUID nodeId, String address) {
    checkAddress(address);
    long wait = nodeFailures.retryAfterNanos(nodeId);
    if (wait > 0) {
      throw new AuthThrottledException(Limit.NODE_FAILURES, Duration.ofNanos(wait));
    }
    boolean suspect = nodeFailures.hasFailed(nodeId) || (address != null && addressFailures.hasFailed(address));
    if (!nodeInFlight.tryAcquire(nodeId)) {
      throw new AuthThrottledException(Limit.NODE_IN_FLIGHT, Duration.ofSeconds(1));
    }
    if (address != null && !addressInFlight.tryAcquire(address)) {
      nodeInFlight.release(nodeId);
      throw new AuthThrottledException(Limit.ADDRESS_IN_FLIGHT, Duration.ofSeconds(1));
    }
    if (suspect && suspectInFlight.incrementAndGet() > suspectMaxPending) {
      suspectInFlight.decrementAndGet();
      nodeInFlight.release(nodeId);
      if (address != null) {
        addressInFlight.release(address);
      }
      throw new AuthThrottledException(Limit.SUSPECT_IN_FLIGHT, Duration.ofSeconds(1));
    }
    return new Permit(nodeId, address, suspect);
  }

  /** A failed attempt that did not need a permit (an unknown node id): counts against the address. */
  void failed(UUID nodeId, String address) {
    if (nodeId != null) {
      nodeFailures.failed(nodeId);
    }
    if (address != null) {
      addressFailures.failed(address);
    }
  }

  void unknownNode(String address) {
    if (address != null) {
      addressFailures.failed(address);
    }
  }
}
