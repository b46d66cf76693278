package org.openastro.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which nodes fail, and when. Exactly {@code round(share × nodes)} nodes are chosen (a seeded
 * shuffle, so a run can be repeated). A chosen node becomes due {@code after} the start of the
 * run and then fails at its first acknowledged progress report of a task it has not finished —
 * "mid-task", with exposure delivered that the server must keep — and stays away for
 * {@code duration}. Each node fails at most once.
 */
final class FaultPlan {
  /** What the command line asks for. */
  record Spec(double share, Duration after, Duration duration) {
    Spec {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("--fault-share must be between 0 and 1");
      }
      if (after.isNegative() || duration.isNegative()) {
        throw new IllegalArgumentException("--fault-after and --fault-duration must not be negative");
      }
    }

    static Spec none() {
      return new Spec(0, Duration.ZERO, Duration.ZERO);
    }
  }

  private final Spec spec;
  private final BitSet chosen;
  private final int count;

  private FaultPlan(Spec spec, BitSet chosen, int count) {
    this.spec = spec;
    this.chosen = chosen;
    this.count = count;
  }

  static FaultPlan of(Spec spec, int nodes, long seed) {
    int count = (int) Math.round(spec.share() * nodes);
    List<Integer> order = new ArrayList<>(nodes);
    for (int i = 0; i < nodes; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    BitSet chosen = new BitSet(nodes);
    for (int i = 0; i < count; i++) {
      chosen.set(order.get(i));
    }
    return new FaultPlan(spec, chosen, count);
  }

  /** How many nodes are planned to fail. */
  int planned() {
    return count;
  }

  boolean chosen(int node) {
    return chosen.get(node);
  }

  /** Whether node {@code node} should fail now, {@code sinceStart} into the run (if mid-task). */
  boolean due(int node, Duration sinceStart) {
    return chosen(node) && sinceStart.compareTo(spec.after()) >= 0;
  }

  /** How long a failed node stays away before it reconnects. */
  Duration downFor() {
    return spec.duration();
  }
}
