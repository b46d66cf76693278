package org.openastro.cassandra.local;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test helper: inserts rows {@code (id, written_at)} with ids 0, 1, 2 ... at LOCAL_QUORUM, a
 * bounded number in flight, and remembers the id of every write the node acknowledged.
 */
final class AckCountingWriter implements AutoCloseable {

  /** While the node is down every write fails at once: don't spin on it. */
  private static final Executor AFTER_FAILURE = CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);

  private final CqlSession session;
  private final PreparedStatement insert;
  private final int inFlight;
  private final Semaphore permits;
  private final AtomicInteger nextId = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean running = true;

  /** {@code inFlight} bounds the writes awaiting an answer: it sets how hard the nodes are pushed. */
  AckCountingWriter(CqlSession session, String table, int inFlight) {
    this.session = session;
    this.inFlight = inFlight;
    this.permits = new Semaphore(inFlight);
    this.insert = session.prepare("INSERT INTO " + table + " (id, written_at) VALUES (?, ?)");
    this.thread = new Thread(this::writeUntilClosed, "ack-counting-writer");
    thread.setDaemon(true);
    thread.start();
  }

  Set<Integer> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  int acknowledgedCount() {
    return acknowledged.size();
  }

  int failures() {
    return failures.get();
  }

  private void writeUntilClosed() {
    try {
      while (running) {
        permits.acquire();
        int id = nextId.getAndIncrement();
        session.executeAsync(insert.bind(id, System.currentTimeMillis())
                .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))
            .whenComplete((result, error) -> {
              if (error == null) {
                acknowledged.add(id);
                permits.release();
              } else {
                failures.incrementAndGet();
                AFTER_FAILURE.execute(permits::release);
              }
            });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops writing and waits until every write sent has an answer (acknowledged or failed). */
  @Override
  public void close() throws InterruptedException {
    if (!running) {
      return;
    }
    running = false;
    thread.join(Duration.ofSeconds(30).toMillis());
    if (!permits.tryAcquire(inFlight, 60, TimeUnit.SECONDS)) {
      throw new AssertionError("Writes still unanswered 60 s after the writer stopped");
    }
  }
}
