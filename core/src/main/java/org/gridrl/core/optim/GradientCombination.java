package org.gridrl.core.optim;

/**
 * Combines T per-task gradients of the same parameters into one update direction,
 * d = Σ_k α_k g_k with weights the implementation chooses (plain sum α = 1; PCGrad, Yu et al.
 * 2020; MGDA, Sener &amp; Koltun 2018; CAGrad, Liu et al. 2021: {@code multitask}'s
 * {@code GradientCombiner}s). A kernel over plain arrays: the gradients in the rows of a
 * caller-owned matrix, the direction into a caller-owned output. Used by
 * {@code core.pg.Ppo}'s per-task path, which calls it once for the policy's parameters and once
 * for the value network's.
 */
@FunctionalInterface
public interface GradientCombination {

  /**
   * Writes the combined direction into {@code out[0 .. dim)}.
   *
   * @param taskGradients row k holds task k's gradient in its first {@code dim} entries.
   *     Not modified.
   * @param numTasks T ≥ 1, the rows used
   * @param dim number of parameters, ≥ 1
   * @param out the combined direction, length ≥ dim; must not be one of the rows. Modified.
   */
  void combine(double[][] taskGradients, int numTasks, int dim, double[] out);

  /**
   * The same direction as {@link #combine}, given the rows' Gram matrix G_ij = g_i·g_j already
   * computed by {@link GradientGram#gram} (the caller needed it too, e.g. for conflict
   * diagnostics): a combination that would compute G itself uses this one instead, with bitwise
   * the same result. The default ignores {@code gram} and calls {@link #combine}.
   *
   * @param taskGradients row k holds task k's gradient in its first {@code dim} entries.
   *     Not modified.
   * @param numTasks T ≥ 1, the rows used
   * @param dim number of parameters, ≥ 1
   * @param gram length ≥ T², {@link GradientGram#gram} of these rows. Not modified.
   * @param out the combined direction, length ≥ dim; must not be one of the rows. Modified.
   */
  default void combineGivenGram(double[][] taskGradients, int numTasks, int dim, double[] gram,
      double[] out) {
    combine(taskGradients, numTasks, dim, out);
  }
}
