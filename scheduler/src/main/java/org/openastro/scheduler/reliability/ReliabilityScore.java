package org.openastro.scheduler.reliability;

import java.util.List;

/**
 * A node's ReliabilityScore in [0, 1] from its task outcomes, newest first.
 *
 * <pre>
 *   score = (A + Σ wᵢ·sᵢ) / (A + B + Σ wᵢ·cᵢ)      over the newest {@value #WINDOW} outcomes, i = 0 newest
 *   wᵢ = {@value #DECAY}^i                          recent behaviour counts most (half-weight after ~7 outcomes)
 *   SUCCESS: s = 1, c = 1;  FAILED: s = 0, c = 1;  FAULTED: s = 0, c = {@value #FAULT_COST}
 *   A = B = {@value #PRIOR}                         a Beta(1, 1) prior: no history = 0.5
 * </pre>
 *
 * <p>Why this shape: it is the posterior mean of a Beta-Bernoulli success rate with exponential
 * forgetting, so one outcome moves a new node a lot and an established node a little, and a
 * node that improves is not held back forever by old failures. A fault weighs twice a reported
 * failure: the node gave no notice, its work waited for the fault timeout, and a remainder had
 * to be created. The score of a node with no outcomes is 0.5, the value registration stores.
 */
public final class ReliabilityScore {
  /** Outcomes taken into account (older ones weigh less than 0.9^50 ≈ 0.5 % anyway). */
  public static final int WINDOW = 50;
  static final double DECAY = 0.9;
  static final double PRIOR = 1.0;
  static final double FAULT_COST = 2.0;

  private ReliabilityScore() {}

  public static double of(List<Outcome> newestFirst) {
    double successes = PRIOR;
    double trials = 2 * PRIOR;
    double weight = 1.0;
    int n = Math.min(WINDOW, newestFirst.size());
    for (int i = 0; i < n; i++) {
      Outcome o = newestFirst.get(i);
      switch (o) {
        case SUCCESS -> {
          successes += weight;
          trials += weight;
        }
        case FAILED -> trials += weight;
        case FAULTED -> trials += weight * FAULT_COST;
      }
      weight *= DECAY;
    }
    return successes / trials;
  }
}
