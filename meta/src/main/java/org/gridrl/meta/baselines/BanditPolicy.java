package org.gridrl.meta.baselines;

import org.gridrl.core.util.Rng;

/**
 * A bandit policy over one trial's history: a_t = π(a_1, r_1, ..., a_{t−1}, r_{t−1}). A trial is
 * {@link #reset}, then alternately {@link #choose} and {@link #observe} once per pull. All
 * randomness (exploration, tie-breaking, posterior samples) comes from the generator given to
 * {@code reset}, so the same seed and the same rewards give the same arms. Not thread-safe.
 */
public interface BanditPolicy {

  /**
   * Forgets the last trial and starts a new one.
   *
   * @param arms k ≥ 1
   * @param rng this trial's randomness. Kept and advanced by {@link #choose}.
   */
  void reset(int arms, Rng rng);

  /** The arm a_t ∈ [0, k) to pull next. */
  int choose();

  /**
   * Records the outcome of one pull.
   *
   * @param arm the arm pulled, in [0, k)
   * @param reward its reward; the Beta–Bernoulli policies (Thompson sampling, Gittins) need 0 or 1
   */
  void observe(int arm, double reward);

  /** A short name for tables and logs, e.g. {@code "ucb1"}. */
  String name();
}
