package org.gridrl.core.pg;

import java.util.Arrays;

/**
 * Hyperparameters of {@link A2c}.
 *
 * @param iterations number of collect-then-step iterations, ≥ 1
 * @param stepsPerEnv T, the n of the n-step rollout in each environment, ≥ 1
 * @param gamma discount γ in [0, 1]
 * @param lambda GAE λ in [0, 1] (1 = the classic n-step return minus V)
 * @param learningRate Adam step size η &gt; 0
 * @param entropyCoef c_H ≥ 0
 * @param valueCoef c_V ≥ 0
 * @param maxGradNorm global-norm clip &gt; 0; +∞ disables it
 * @param normalizeAdvantages whether Â is normalised over the batch
 * @param hidden hidden layer sizes of the policy and value MLPs (tanh)
 * @param initLogStd initial log σ of a Gaussian policy (continuous actions only)
 * @param seed seeds the networks and the sampler
 */
public record A2cConfig(int iterations, int stepsPerEnv, double gamma, double lambda,
    double learningRate, double entropyCoef, double valueCoef, double maxGradNorm,
    boolean normalizeAdvantages, int[] hidden, double initLogStd, long seed) {

  /** Validates every field; messages name the value. */
  public A2cConfig {
    Checks.positive("iterations", iterations);
    Checks.positive("stepsPerEnv", stepsPerEnv);
    Checks.unit("gamma", gamma);
    Checks.unit("lambda", lambda);
    Checks.learningRate(learningRate);
    Checks.nonNegative("entropyCoef", entropyCoef);
    Checks.nonNegative("valueCoef", valueCoef);
    Checks.maxGradNorm(maxGradNorm);
    hidden = Checks.hidden(hidden);
    if (!Double.isFinite(initLogStd)) {
      throw new IllegalArgumentException("initLogStd must be finite, got " + initLogStd);
    }
  }

  /**
   * 500 iterations of 8 × 5 steps, γ 0.99, λ 1, η 7e-4, c_H 0.01, c_V 0.5, clip 0.5, no
   * normalisation, one hidden layer of 64, seed 0 (CleanRL's a2c defaults, Adam for RMSprop).
   */
  public static A2cConfig defaults() {
    return new A2cConfig(500, 5, 0.99, 1.0, 7e-4, 0.01, 0.5, 0.5, false, new int[] {64}, 0.0,
        0L);
  }

  /** A copy with another seed. */
  public A2cConfig withSeed(long s) {
    return new A2cConfig(iterations, stepsPerEnv, gamma, lambda, learningRate, entropyCoef,
        valueCoef, maxGradNorm, normalizeAdvantages, hidden, initLogStd, s);
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  @Override
  public String toString() {
    return "A2cConfig[iterations=" + iterations + ", stepsPerEnv=" + stepsPerEnv + ", gamma="
        + gamma + ", lambda=" + lambda + ", learningRate=" + learningRate + ", entropyCoef="
        + entropyCoef + ", valueCoef=" + valueCoef + ", maxGradNorm=" + maxGradNorm
        + ", normalizeAdvantages=" + normalizeAdvantages + ", hidden=" + Arrays.toString(hidden)
        + ", initLogStd=" + initLogStd + ", seed=" + seed + "]";
  }
}
