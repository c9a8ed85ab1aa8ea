package org.gridrl.meta.baselines;

import java.util.function.DoubleBinaryOperator;
import org.gridrl.core.util.Rng;

/**
 * The sufficient statistics every baseline here keeps: per arm the pulls n_i and the reward sum
 * s_i, the total t = Σ n_i, and the trial's generator; plus the argmax with uniformly random
 * tie-breaking that the index policies share, and its form over the arms' Beta posteriors that
 * Thompson sampling and the Gittins policy share. A base class, not an API.
 */
abstract class ArmStatistics implements BanditPolicy {

  int[] pulls = new int[0];
  double[] sums = new double[0];
  int total;
  Rng rng;

  @Override
  public void reset(int arms, Rng rng) {
    if (arms < 1) {
      throw new IllegalArgumentException("arms must be >= 1, got " + arms);
    }
    if (rng == null) {
      throw new IllegalArgumentException("rng must not be null");
    }
    this.pulls = new int[arms];
    this.sums = new double[arms];
    this.total = 0;
    this.rng = rng;
  }

  @Override
  public void observe(int arm, double reward) {
    if (rng == null) {
      throw new IllegalStateException(name() + ": observe before reset");
    }
    if (arm < 0 || arm >= pulls.length) {
      throw new IllegalArgumentException("arm must be in [0, " + pulls.length + "), got " + arm);
    }
    if (!Double.isFinite(reward)) {
      throw new IllegalArgumentException("reward must be finite, got " + reward);
    }
    pulls[arm]++;
    sums[arm] += reward;
    total++;
  }

  /** Successes of a 0/1 arm; refuses a reward that was not 0 or 1. */
  final void requireBinary(double reward) {
    if (reward != 0.0 && reward != 1.0) {
      throw new IllegalArgumentException(name() + " needs Bernoulli rewards (0 or 1), got "
          + reward);
    }
  }

  /** (1 + s_i)/(2 + n_i), the posterior mean under a Beta(1, 1) prior. */
  final double posteriorMean(int arm) {
    return (1 + sums[arm]) / (2 + pulls[arm]);
  }

  final void requireStarted() {
    if (rng == null) {
      throw new IllegalStateException(name() + ": choose before reset");
    }
  }

  /**
   * a_t = argmax_i f(α₀ + s_i, β₀ + n_i − s_i): every arm's Beta posterior after a Beta(α₀, β₀)
   * prior scored by f in arm order (so the draws of a random f come in arm order), then
   * {@link #argmax}. Rewards must have been 0 or 1 ({@link #requireBinary}).
   *
   * @param priorAlpha α₀
   * @param priorBeta β₀
   * @param f the score of a posterior Beta(α, β). Not modified.
   * @param score per-arm scratch of length arms. Modified.
   */
  final int argmaxPosterior(double priorAlpha, double priorBeta, DoubleBinaryOperator f,
      double[] score) {
    requireStarted();
    for (int i = 0; i < score.length; i++) {
      score[i] = f.applyAsDouble(priorAlpha + sums[i], priorBeta + pulls[i] - sums[i]);
    }
    return argmax(score);
  }

  /** argmax_i score[i], ties broken uniformly at random (one draw only when tied). */
  final int argmax(double[] score) {
    int best = 0;
    int ties = 1;
    for (int i = 1; i < score.length; i++) {
      if (score[i] > score[best]) {
        best = i;
        ties = 1;
      } else if (score[i] == score[best]) {
        ties++;
      }
    }
    if (ties == 1) {
      return best;
    }
    int pick = rng.nextInt(ties);
    for (int i = 0; i < score.length; i++) {
      if (score[i] == score[best] && pick-- == 0) {
        return i;
      }
    }
    throw new AssertionError("unreachable");
  }
}
