package org.gridrl.multitask;

import org.gridrl.core.optim.GradientCombination;

/**
 * Combines per-task gradients of the shared parameters into one update direction:
 * d = Σ_k α_k g_k, with weights α that each combiner chooses from the Gram matrix
 * G_ij = g_i·g_j (Sum: α = 1; PCGrad, Yu et al. 2020; MGDA, Sener &amp; Koltun 2018; CAGrad,
 * Liu et al. 2021).
 *
 * <p>A kernel in EJML's style: plain arrays in, a caller-owned output, a workspace inside the
 * instance that grows to the largest task count seen and is then reused, so a call after
 * warm-up allocates nothing. An instance is therefore not thread-safe; give each thread its
 * own. The direction is a descent direction for the caller's optimiser exactly as a summed
 * gradient would be: pass it where the summed gradient would go (see {@link GradientVector}
 * for the bridge to {@code core.nn} parameter lists and {@code core.optim}).
 */
public sealed interface GradientCombiner extends GradientCombination permits Sum, GramCombiner {

  /**
   * Writes the combined direction into {@code out[0 .. dim)}.
   *
   * @param taskGradients row k holds task k's gradient in its first {@code dim} entries.
   *     Not modified.
   * @param numTasks T ≥ 1, the rows used
   * @param dim number of shared parameters, ≥ 1
   * @param out the combined direction, length ≥ dim; must not be one of the rows. Modified.
   */
  @Override
  void combine(double[][] taskGradients, int numTasks, int dim, double[] out);

  /** The combiner's name in lower case ({@code sum}, {@code pcgrad}, {@code mgda}, {@code cagrad}). */
  String name();
}
