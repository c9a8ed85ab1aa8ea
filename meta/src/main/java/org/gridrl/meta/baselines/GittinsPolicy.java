package org.gridrl.meta.baselines;

import java.util.function.DoubleBinaryOperator;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * The Gittins index policy (Gittins &amp; Jones 1974; Gittins 1979): with Beta(α₀, β₀) priors,
 * pull a_t = argmax_i ν_γ(α₀ + s_i, β₀ + n_i − s_i), ties uniformly at random, the indices from
 * {@link GittinsIndex}. It maximises the expected discounted reward E Σ_t γ^t r_t over an infinite
 * horizon for independent Beta–Bernoulli arms (the index theorem); Duan et al. (2016) use it,
 * with a tuned γ, as the bandit baseline closest to Bayes-optimal. Rewards must be 0 or 1.
 */
public final class GittinsPolicy extends ArmStatistics {

  private final GittinsIndex indices;
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
    this.indices = Check.notNull("indices", indices);
    this.index = indices::index;
    this.priorAlpha = Check.positiveFinite("priorAlpha", priorAlpha);
    this.priorBeta = Check.positiveFinite("priorBeta", priorBeta);
  }

  /** Uniform priors, Beta(1, 1), at discount γ with the default depth. */
  public GittinsPolicy(double gamma) {
    this(new GittinsIndex(gamma), 1, 1);
  }

  /** The index table. */
  public GittinsIndex indices() {
    return indices;
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
