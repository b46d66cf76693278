package org.openastro.bench.gateway;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Holds the simulated nodes' next publishes while closed and lets them go when it opens. Open unless
 * a phase closes it: the {@code peer} phase ({@link BacklogPacer}) closes it while the bridge is too far
 * behind the broker, because a broker acknowledges before anything is written and so, unlike the
 * gateway, never slows its publishers down.
 */
final class PublishGate {
  private final Queue<Runnable> parked = new ConcurrentLinkedQueue<>();
  private volatile boolean open = true;

  /** True: publish now. False: {@code resume} runs once, when the gate opens (on the opening thread). */
  boolean passOrPark(Runnable resume) {
    if (open) {
      return true;
    }
    parked.add(resume);
    if (open) {
      releaseParked(); // opened between the check and the add: its release may have missed this one
    }
    return false;
  }

  void close() {
    open = false;
  }

  void open() {
    open = true;
    releaseParked();
  }

  boolean isOpen() {
    return open;
  }

  private void releaseParked() {
    Runnable next;
    while ((next = parked.poll()) != null) {
      next.run();
    }
  }
}
