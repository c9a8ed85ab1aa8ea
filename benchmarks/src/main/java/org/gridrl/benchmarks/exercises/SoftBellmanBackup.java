package org.gridrl.benchmarks.exercises;

/**
 * Exercise 1, the soft Bellman backup (docs/exercises/01-soft-bellman-backup.md): one sweep of
 * soft value iteration at temperature τ,
 * <pre>
 *   Q(s,a) = r(s,a) + γ Σ_{s'} P(s'|s,a) V(s')
 *   V'(s)  = τ · log Σ_a exp(Q(s,a)/τ)          (V'(s) = 0 for a terminal s)
 * </pre>
 */
public interface SoftBellmanBackup {

  /**
   * One soft backup of {@code v}.
   *
   * @param p P(s'|s,a) as {@code p[s][a][s2]}; each row sums to 1
   * @param r r(s,a) as {@code r[s][a]}
   * @param terminal whether each state is terminal (its value is 0, its transitions ignored)
   * @param gamma the discount γ ∈ [0, 1)
   * @param tau the temperature τ &gt; 0 (it may be tiny: 1e−4)
   * @param v the current values V, length S. Do not modify it.
   * @return V', a new array of length S
   */
  double[] backup(double[][][] p, double[][] r, boolean[] terminal, double gamma, double tau,
      double[] v);
}
