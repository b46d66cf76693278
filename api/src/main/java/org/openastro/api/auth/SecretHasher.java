package org.openastro.api.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * bcrypt (Spring Security's implementation: salted, slow, well kept) on a small dedicated worker
 * pool, never on an event loop. The number of waiting jobs is bounded: a flood of connects with
 * wrong passwords is refused as "busy" instead of queueing without end.
 */
public final class SecretHasher implements AutoCloseable {
  private final int threads;
  private final int cost;
  private final int maxPending;
  private final AtomicInteger pending = new AtomicInteger();

  private WorkerExecutor executor;

  public SecretHasher(int threads, int cost, int maxPending) {
    this.threads = threads;
    this.cost = cost;
    this.maxPending = maxPending;
  }

  public Future<String> hash(String secret) {
    return run(() -> BCrypt.hashpw(secret, BCrypt.gensalt(cost)));
  }

  /** True when {@code secret} matches {@code hash}; false also for a malformed hash. */
  public Future<Boolean> verify(String secret, String hash) {
    return run(() -> {
      try {
        return BCrypt.checkpw(secret, hash);
      } catch (IllegalArgumentException malformed) {
        return false;
      }
    });
  }

  /** Verifications and hashes waiting or running now. */
  public int pending() {
    return pending.get();
  }

  private <T> Future<T> run(java.util.concurrent.Callable<T> job) {
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      return Future.failedFuture(new AuthException(AuthException.Reason.BUSY, "too many authentications pending"));
    }
    return executor().executeBlocking(job, false).andThen(done -> pending.decrementAndGet());
  }

  /** The pool, created on first use from the calling verticle's Vert.x (the gateway is built before Vert.x runs it). */
  private synchronized WorkerExecutor executor() {
    if (executor == null) {
      executor = Vertx.currentContext().owner().createSharedWorkerExecutor("openastro-auth", threads, 30, TimeUnit.SECONDS);
    }
    return executor;
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.close();
    }
  }
}
