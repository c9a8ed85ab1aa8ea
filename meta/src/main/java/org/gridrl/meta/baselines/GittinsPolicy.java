package org.gridrl.meta.baselines;

import java.util.function.DoubleBinaryOperator;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * The Gittins index policy (Gittins &amp; Jones 1974; Gittins 1979): with Beta(α₀, β₀) priors,
 * pull a_t = argmax_i ν_γ(α₀ + s_i, β₀ + n_i − s_i), ties uniformly at random, the indices from
 * {@link GittinsIndex} one posterior at a time (cached) or read from a {@link GittinsTable}
 * computed for every posterior of a trial at once. It maximises the expected discounted reward
 * E Σ_t γ^t r_t over an infinite horizon for independent Beta–Bernoulli arms (the index
 * theorem); Duan et al. (2016) use it, with a tuned γ, as the bandit baseline closest to
 * Bayes-optimal. Rewards must be 0 or 1.
 */
public final class GittinsPolicy extends ArmStatistics {

  private final double discount;
  private final double priorAlpha;
  private final double priorBeta;
  private final DoubleBinaryOperator index;
  private double[] score = new double[0];

  /**
   * @param indices the index table (its γ and depth); shared across trials for its cache
   * @param priorAlpha α₀ &gt; 0
   * @param priorBeta β₀ &gt; 0
   */
  public GittinsPolicy(GittinsIndex indices, double priorAlpha, double priorBeta) {
    this.index = Check.notNull("indices", indices)::index;
    this.discount = indices.discount();
    this.priorAlpha = Check.positiveFinite("priorAlpha", priorAlpha);
    this.priorBeta = Check.positiveFinite("priorBeta", priorBeta);
  }

  /**
   * The policy reading its indices from a table: the table's priors and discount; a trial may
   * then pull at most {@code table.maxPulls() + 1} times (the choices see s + f ≤ maxPulls).
   *
   * @param table the indices of every posterior the trials reach; immutable, so one table may
   *     serve every thread
   */
  public GittinsPolicy(GittinsTable table) {
    Check.notNull("table", table);
    this.discount = table.discount();
    this.priorAlpha = table.priorAlpha();
    this.priorBeta = table.priorBeta();
    this.index = (a, b) -> table.index((int) Math.round(a - priorAlpha),
        (int) Math.round(b - priorBeta));
  }

  /** Uniform priors, Beta(1, 1), at discount γ with the default depth. */
  public GittinsPolicy(double gamma) {
    this(new GittinsIndex(gamma), 1, 1);
  }

  /** γ, the discount of the indices. */
  public double discount() {
    return discount;
  }

  @Override
  public void reset(int arms, Rng rng) {
    super.reset(arms, rng);
    score = new double[arms];
  }

  @Override
  public void observe(int arm, double reward) {
    requireBinary(reward);
    super.observe(arm, reward);
  }

  @Override
  public int choose() {
    return argmaxPosterior(priorAlpha, priorBeta, index, score);
  }

  @Override
  public String name() {
    return "gittins";
  }
}
