package org.gridrl.meta.baselines;

import org.gridrl.core.util.Argmax;
import org.gridrl.core.util.Check;

/**
 * a_t = argmax_i (1 + s_i)/(2 + n_i) with probability 1 − ε, else an arm uniformly at random:
 * ε-greedy on the Beta(1, 1) posterior means, as the bandit baselines of Duan et al. (2016,
 * §4.1). ε = 0 is {@link #greedy()}. Ties among the best arms are broken uniformly at random, or,
 * with {@link #lowestTie}, toward the lowest-numbered arm as numpy's {@code argmax} in Duan et
 * al.'s baseline script ({@code evaluate_bandits.py}): there an arm at 1 success in 2 pulls,
 * posterior mean 2/4, is pulled again before an unpulled arm of a higher number (also 1/2).
 *
 * <p>Each choice draws one {@code nextDouble} (only when ε &gt; 0), then one {@code nextInt(k)} if
 * it explores, or, breaking ties uniformly, one {@code nextInt(ties)} if the best arms tie.
 */
public final class EpsilonGreedy extends ArmStatistics {

  private final double epsilon;
  private final boolean lowestTie;
  private double[] score = new double[0];

  /**
   * @param epsilon ε ∈ [0, 1], the exploration probability
   */
  public EpsilonGreedy(double epsilon) {
    this(epsilon, false);
  }

  private EpsilonGreedy(double epsilon, boolean lowestTie) {
    this.epsilon = Check.unitInterval("epsilon", epsilon);
    this.lowestTie = lowestTie;
  }

  /**
   * ε-greedy whose exploiting choice is the lowest-numbered best arm (numpy's {@code argmax}, as
   * Duan et al.'s script), drawing nothing for ties.
   *
   * @param epsilon ε ∈ [0, 1]
   */
  public static EpsilonGreedy lowestTie(double epsilon) {
    return new EpsilonGreedy(epsilon, true);
  }

  /** Whether ties go to the lowest-numbered arm (else uniformly at random). */
  public boolean breaksTiesLow() {
    return lowestTie;
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
    return lowestTie ? Argmax.first(score) : argmax(score);
  }

  @Override
  public String name() {
    return epsilon == 0 ? "greedy" : "epsilon-greedy";
  }
}
