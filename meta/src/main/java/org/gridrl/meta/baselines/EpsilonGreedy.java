package org.gridrl.meta.baselines;

import org.gridrl.core.util.Check;

/**
 * a_t = argmax_i (1 + s_i)/(2 + n_i) with probability 1 − ε, else an arm uniformly at random:
 * ε-greedy on the Beta(1, 1) posterior means, ties broken uniformly at random, as the bandit
 * baselines of Duan et al. (2016, §4.1). ε = 0 is {@link #greedy()}.
 *
 * <p>Each choice draws one {@code nextDouble} (only when ε &gt; 0), then one {@code nextInt(k)} if
 * it explores, or one {@code nextInt(ties)} if the best arms tie.
 */
public final class EpsilonGreedy extends ArmStatistics {

  private final double epsilon;
  private double[] score = new double[0];

  /**
   * @param epsilon ε ∈ [0, 1], the exploration probability
   */
  public EpsilonGreedy(double epsilon) {
    this.epsilon = Check.unitInterval("epsilon", epsilon);
  }

  /** ε = 0: always the best posterior mean. */
  public static EpsilonGreedy greedy() {
    return new EpsilonGreedy(0);
  }

  /** ε. */
  public double epsilon() {
    return epsilon;
  }

  @Override
  public void reset(int arms, org.gridrl.core.util.Rng rng) {
    super.reset(arms, rng);
    score = new double[arms];
  }

  @Override
  public int choose() {
    requireStarted();
    if (epsilon > 0 && rng.nextDouble() < epsilon) {
      return rng.nextInt(pulls.length);
    }
    for (int i = 0; i < score.length; i++) {
      score[i] = posteriorMean(i);
    }
    return argmax(score);
  }

  @Override
  public String name() {
    return epsilon == 0 ? "greedy" : "epsilon-greedy";
  }
}
