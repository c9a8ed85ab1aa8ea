package org.gridrl.benchmarks.exercises;

/**
 * Exercise 8, the PCGrad projection (docs/exercises/08-pcgrad-projection.md; Yu et al. 2020,
 * "Gradient Surgery for Multi-Task Learning", Algorithm 1) with the visiting order given: for
 * each task i, starting from g_i^PC = g_i and for each other task j in {@code orders[i]} in turn,
 * <pre>
 *   g_i^PC ← g_i^PC − (g_i^PC·g_j / ‖g_j‖²) g_j     when g_i^PC·g_j &lt; 0
 * </pre>
 * (g_j the other task's original gradient), then d = Σ_i g_i^PC.
 */
public interface PcGradProjection {

  /**
   * The combined direction d.
   *
   * @param gradients g_i as {@code gradients[i]}: T ≥ 1 tasks, n parameters each
   * @param orders {@code orders[i]} lists the T − 1 other tasks, each once, in the order task i
   *     visits them
   * @return d = Σ_i g_i^PC, a new array of length n
   */
  double[] combine(double[][] gradients, int[][] orders);
}
