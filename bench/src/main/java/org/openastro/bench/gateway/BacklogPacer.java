package org.openastro.bench.gateway;

import java.io.IOException;

/**
 * Keeps the simulated nodes at most {@code maxBacklog} heartbeats ahead of the peer's bridge: a
 * broker acknowledges a publish before anything is written, so nothing slows the nodes down when the
 * bridge cannot keep up, and the broker's queue would grow by the difference every second (until
 * {@code max_queued_messages} drops heartbeats or memory runs out). Offered more than it can persist,
 * the peer would also spend CPU acknowledging heartbeats it cannot write, and its persisted rate would
 * understate what it can do. So the nodes wait ({@link PublishGate}) whenever acknowledged minus
 * settled-by-the-bridge exceeds the bound, and the peer is measured at its own capacity. A real fleet
 * does not wait: this is the benchmark being fair to the peer. {@code maxBacklog} 0 turns it off.
 */
final class BacklogPacer implements AutoCloseable {
  /** How often the bridge is asked how far it got: one stdin/stdout round trip to its JVM each time. */
  static final long INTERVAL_MILLIS = 10;

  private final HeartbeatLoad load;
  private final BridgeProcess bridge;
  private final long maxBacklog;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long closedNanos;
  private volatile long largestBacklog;
  private volatile String failure;

  private BacklogPacer(HeartbeatLoad load, BridgeProcess bridge, long maxBacklog) {
    this.load = load;
    this.bridge = bridge;
    this.maxBacklog = maxBacklog;
    this.thread = new Thread(this::loop, "backlog-pacer");
    thread.setDaemon(true);
  }

  /** Starts pacing {@code load}, unless {@code maxBacklog} is 0. */
  static BacklogPacer start(HeartbeatLoad load, BridgeProcess bridge, long maxBacklog) {
    BacklogPacer pacer = new BacklogPacer(load, bridge, maxBacklog);
    if (maxBacklog > 0) {
      pacer.thread.start();
    }
    return pacer;
  }

  private void loop() {
    long last = System.nanoTime();
    while (running) {
      try {
        long backlog = load.acks.get() - bridge.count().settled();
        largestBacklog = Math.max(largestBacklog, backlog);
        long now = System.nanoTime();
        if (!load.gate.isOpen()) {
          closedNanos += now - last; // single writer: this thread
        }
        last = now;
        if (backlog > maxBacklog) {
          load.gate.close();
        } else {
          load.gate.open();
        }
        Thread.sleep(INTERVAL_MILLIS);
      } catch (IOException | RuntimeException e) {
        failure = e.toString();
        break;
      } catch (InterruptedException e) {
        break;
      }
    }
    load.gate.open();
  }

  /** Nanoseconds the nodes were held so far. */
  long closedNanos() {
    return closedNanos;
  }

  /** The largest backlog seen (acknowledged at the nodes, not yet settled by the bridge). */
  long largestBacklog() {
    return largestBacklog;
  }

  /** Why pacing stopped early, or null. */
  String failure() {
    return failure;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    if (thread.isAlive()) {
      thread.join();
    }
    load.gate.open();
  }
}
