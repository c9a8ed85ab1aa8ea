package org.gridrl.core.util;

/**
 * The shape every algorithm's result shares, whatever the family: the config it ran with, its
 * seed, whether it met its stopping rule, the metrics of every iteration and its
 * {@link Provenance}. Each family's result record (e.g. {@code core.pg.PgResult},
 * {@code irl.IrlResult}) implements it and adds what the family learns (a policy, a reward).
 */
public interface TrainingResult {

  /** The config record the algorithm ran with: by default the provenance's. */
  default Record config() {
    return provenance().config();
  }

  /**
   * The seed of every random stream of the run (0 for a deterministic algorithm): by default
   * the provenance's.
   */
  default long seed() {
    return provenance().seed();
  }

  /**
   * Whether the run met its stopping rule (a tolerance) before its cap; algorithms that run a
   * fixed budget (policy gradients) report true when the budget completed.
   */
  boolean converged();

  /** The metrics of every iteration, in order. */
  MetricsHistory history();

  /** Algorithm, config, seed and platform. */
  Provenance provenance();
}
