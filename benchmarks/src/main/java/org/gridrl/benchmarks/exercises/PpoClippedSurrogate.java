package org.gridrl.benchmarks.exercises;

/**
 * Exercise 6, PPO's clipped surrogate (docs/exercises/06-ppo-clip.md; Schulman et al. 2017):
 * per sample, with ρ = exp(log π − log π_old),
 * <pre>
 *   objective = min(ρ Â, clip(ρ, 1 − ε, 1 + ε) Â)
 *   gradient  = ∂ objective / ∂ log π = ρ Â where the unclipped term is the minimum, else 0
 * </pre>
 * (at a tie, ρ exactly on an edge or Â = 0, the unclipped term's ρ Â). PPO minimises the loss
 * L = −mean(objective), whose gradient in log π_i is −gradient_i / m.
 */
public interface PpoClippedSurrogate {

  /**
   * The per-sample objective.
   *
   * @param logPi log π_θ(a_i|s_i), length m
   * @param oldLogPi log π_old(a_i|s_i), length m
   * @param advantages Â_i, length m
   * @param epsilon the clip range ε &gt; 0
   * @return a new array of length m
   */
  double[] objective(double[] logPi, double[] oldLogPi, double[] advantages, double epsilon);

  /**
   * The per-sample gradient of {@link #objective} with respect to log π_θ(a_i|s_i).
   *
   * @return a new array of length m
   */
  double[] gradient(double[] logPi, double[] oldLogPi, double[] advantages, double epsilon);
}
