package org.gridrl.meta.baselines;

import java.util.function.DoubleBinaryOperator;
import org.gridrl.core.util.Rng;

/**
 * Thompson sampling (Thompson 1933) for Bernoulli arms with Beta(1, 1) priors: draw
 * θ_i ~ Beta(1 + s_i, 1 + n_i − s_i) for every arm, in order, and pull a_t = argmax_i θ_i.
 * Rewards must be 0 or 1.
 */
public final class ThompsonSampling extends ArmStatistics {

  /** θ ~ Beta(α, β) from the trial's generator. */
  private final DoubleBinaryOperator draw = (a, b) -> BetaSampler.next(a, b, rng);
  private double[] theta = new double[0];

  @Override
  public void reset(int arms, Rng rng) {
    super.reset(arms, rng);
    theta = new double[arms];
  }

  @Override
  public void observe(int arm, double reward) {
    requireBinary(reward);
    super.observe(arm, reward);
  }

  @Override
  public int choose() {
    return argmaxPosterior(1, 1, draw, theta);
  }

  @Override
  public String name() {
    return "thompson";
  }
}
