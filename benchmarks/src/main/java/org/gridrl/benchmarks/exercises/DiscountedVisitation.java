package org.gridrl.benchmarks.exercises;

/**
 * Exercise 2, the discounted state visitation (docs/exercises/02-discounted-visitation.md): the
 * expected discounted number of visits of each state under a policy π from a start
 * distribution d0,
 * <pre>
 *   d(s) = Σ_{t≥0} γ^t Pr(s_t = s),   i.e.   d = d0 + γ P_πᵀ d,
 *   P_π(s'|s) = Σ_a π(a|s) P(s'|s,a)
 * </pre>
 * where a terminal state absorbs: mass arriving there is counted once and goes no further.
 */
public interface DiscountedVisitation {

  /**
   * The visitation d.
   *
   * @param p P(s'|s,a) as {@code p[s][a][s2]}; each row sums to 1
   * @param pi π(a|s) as {@code pi[s][a]}; each row sums to 1
   * @param terminal whether each state is terminal
   * @param gamma the discount γ ∈ [0, 1)
   * @param d0 the start distribution, length S
   * @return d, a new array of length S
   */
  double[] visitation(double[][][] p, double[][] pi, boolean[] terminal, double gamma,
      double[] d0);
}
