package org.openastro.cassandra.local;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the child JVM of a launched node and, when it dies without having been asked to stop
 * (SIGKILL, crash, out of memory), launches it again on the same data directory and ports: the
 * commit-log replay at start-up brings back every acknowledged write (with group commit, see
 * {@link CommitLogSync}). Clients see the node's CQL port go away and come back.
 *
 * <p>The relaunch after a first death, or after a node that ran for {@link #STABLE_AFTER}, starts
 * at once; failed relaunches, and deaths within {@link #STABLE_AFTER} of a relaunch, wait {@link #FIRST_RETRY_DELAY}, then twice as
 * long each time, up to {@link #MAX_RETRY_DELAY}. Every death and relaunch is logged. Nothing is
 * relaunched once {@link #close()} began, nor for a child stopped by the JVM's shutdown hook.
 */
final class NodeSupervisor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NodeSupervisor.class);

  static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);
  static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
  /** A node that ran this long before dying is relaunched at once: not a crash loop. */
  static final Duration STABLE_AFTER = Duration.ofSeconds(60);

  /** Concrete ports: a relaunch must come back where the clients look for it. */
  private final LocalNodeOptions options;
  private final ScheduledExecutorService executor;
  private final Object lock = new Object();
  private final AtomicInteger relaunches = new AtomicInteger();
  /** Guarded by {@link #lock}. */
  private ChildProcess current;
  /** Guarded by {@link #lock}. */
  private boolean closed;
  /** Executor thread only: failed relaunches and quick deaths in a row. */
  private int failures;
  /** Executor thread only (and the constructor). */
  private long currentSinceNanos;

  NodeSupervisor(NodeLauncher.Launched launched) {
    this.options = launched.options();
    this.current = launched.process();
    this.currentSinceNanos = System.nanoTime();
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "openastro-cassandra-supervisor-" + options.nativePort());
      thread.setDaemon(true);
      return thread;
    });
    watch(launched.process());
  }

  /** The pid of the child running now (or of the last one, while it is being relaunched). */
  long pid() {
    synchronized (lock) {
      return current.pid();
    }
  }

  /** How many times a dead node was launched again successfully. */
  int relaunches() {
    return relaunches.get();
  }

  /** Stops relaunching, then stops the child (and one being relaunched). Idempotent. */
  @Override
  public void close() {
    ChildProcess child;
    synchronized (lock) {
      closed = true;
      child = current;
    }
    // Interrupts a relaunch waiting for CQL, which then stops its child; drops pending ones.
    executor.shutdownNow();
    try {
      Duration bound = options.startTimeout().plus(options.stopTimeout()).plus(ChildProcess.KILL_WAIT);
      if (!executor.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("A relaunch of the Cassandra node at {}:{} did not end within {} s of close()",
            options.host(), options.nativePort(), bound.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (lock) {
      child = current; // a relaunch may have completed before it saw the close
    }
    child.stop();
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  private void watch(ChildProcess child) {
    child.onExit().thenRun(() -> {
      try {
        executor.execute(() -> onExit(child));
      } catch (RejectedExecutionException closing) {
        // close() is under way: nothing to relaunch.
      }
    });
  }

  private void onExit(ChildProcess child) {
    synchronized (lock) {
      if (closed || child != current || child.stopRequested()) {
        return;
      }
    }
    int status = child.exitValue();
    child.stop(); // drops its shutdown hook and closes its stdin pipe; the process is gone already
    if (!options.relaunchOnExit()) {
      LOG.error("Cassandra node pid {} at {}:{} died (exit status {}); not relaunched (relaunchOnExit is off)",
          child.pid(), options.host(), options.nativePort(), status);
      return;
    }
    // A crash loop is a relaunched node dying soon again; the first death is relaunched at once.
    boolean soonAfterRelaunch = relaunches.get() > 0
        && System.nanoTime() - currentSinceNanos < STABLE_AFTER.toNanos();
    failures = soonAfterRelaunch ? failures + 1 : 0;
    Duration delay = retryDelay(failures);
    LOG.warn("Cassandra node pid {} at {}:{} died (exit status {}); relaunching it on the same data and ports in {} ms",
        child.pid(), options.host(), options.nativePort(), status, delay.toMillis());
    schedule(delay);
  }

  private void schedule(Duration delay) {
    try {
      executor.schedule(this::relaunch, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      // close() is under way.
    }
  }

  private void relaunch() {
    if (isClosed()) {
      return;
    }
    long startNanos = System.nanoTime();
    NodeLauncher.Launched launched;
    try {
      launched = NodeLauncher.launch(options);
    } catch (RuntimeException e) {
      if (isClosed()) {
        return;
      }
      failures++;
      Duration delay = retryDelay(failures);
      LOG.error("Relaunching the Cassandra node at {}:{} failed; trying again in {} ms: {}",
          options.host(), options.nativePort(), delay.toMillis(), e.getMessage());
      schedule(delay);
      return;
    }
    boolean accepted;
    synchronized (lock) {
      accepted = !closed;
      if (accepted) {
        current = launched.process();
      }
    }
    if (!accepted) {
      launched.process().stop();
      return;
    }
    currentSinceNanos = System.nanoTime();
    int count = relaunches.incrementAndGet();
    LOG.info("Relaunched the Cassandra node at {}:{} (relaunch {}): pid {} answers CQL {} ms after the relaunch began",
        options.host(), options.nativePort(), count, launched.process().pid(),
        Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
    watch(launched.process());
  }

  /** Zero after a node that ran long; then 1 s, 2 s, 4 s ... up to 30 s. */
  static Duration retryDelay(int failures) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    long factor = 1L << Math.min(failures - 1, 16);
    Duration delay = FIRST_RETRY_DELAY.multipliedBy(factor);
    return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
  }
}
