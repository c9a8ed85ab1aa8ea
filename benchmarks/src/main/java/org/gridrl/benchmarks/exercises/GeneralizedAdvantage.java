package org.gridrl.benchmarks.exercises;

/**
 * Exercise 5, generalised advantage estimation (docs/exercises/05-gae.md): over a batch of
 * segments (episodes, or pieces of them cut by the rollout),
 * <pre>
 *   δ_t = r_t + γ (1 − terminated_t) V(s'_t) − V(s_t)
 *   Â_t = δ_t + γλ (1 − last_t) Â_{t+1}
 * </pre>
 * computed backwards; a segment that ends without termination (a time limit, a rollout cut)
 * still bootstraps from V(s'_t) at its last step.
 */
public interface GeneralizedAdvantage {

  /**
   * The advantages Â_t of every step.
   *
   * @param rewards r_t, length N
   * @param values V(s_t), length N
   * @param nextValues V(s'_t), length N
   * @param terminated whether s'_t is terminal (no value after it)
   * @param last whether step t ends its segment (always true at t = N − 1)
   * @param gamma γ ∈ [0, 1]
   * @param lambda λ ∈ [0, 1]
   * @return Â, a new array of length N
   */
  double[] advantages(double[] rewards, double[] values, double[] nextValues,
      boolean[] terminated, boolean[] last, double gamma, double lambda);
}
