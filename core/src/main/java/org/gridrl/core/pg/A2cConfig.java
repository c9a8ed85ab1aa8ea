package org.gridrl.core.pg;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.core.optim.GradClip;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link A2c}. Vary them with the generated {@code withX} methods or
 * {@code with(b -> b.iterations(100).learningRate(1e-3))}; every way goes through the checks.
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
 * @param hidden hidden layer sizes of the policy and value MLPs (tanh), each ≥ 1 (empty for
 *     none); kept as an immutable copy
 * @param initLogStd initial log σ of a Gaussian policy (continuous actions only)
 * @param seed seeds the networks and the sampler
 */
@RecordBuilder
public record A2cConfig(int iterations, int stepsPerEnv, double gamma, double lambda,
    double learningRate, double entropyCoef, double valueCoef, double maxGradNorm,
    boolean normalizeAdvantages, List<Integer> hidden, double initLogStd, long seed)
    implements A2cConfigBuilder.With {

  /** Validates every field; messages name the value. */
  public A2cConfig {
    Check.positive("iterations", iterations);
    Check.positive("stepsPerEnv", stepsPerEnv);
    Check.unitInterval("gamma", gamma);
    Check.unitInterval("lambda", lambda);
    Check.positiveFinite("learningRate", learningRate);
    Check.nonNegativeFinite("entropyCoef", entropyCoef);
    Check.nonNegativeFinite("valueCoef", valueCoef);
    GradClip.checkMaxNorm("maxGradNorm", maxGradNorm);
    hidden = Networks.checkHidden(hidden);
    Check.finite("initLogStd", initLogStd);
  }

  /**
   * 500 iterations of 8 × 5 steps, γ 0.99, λ 1, η 7e-4, c_H 0.01, c_V 0.5, clip 0.5, no
   * normalisation, one hidden layer of 64, seed 0 (CleanRL's a2c defaults, Adam for RMSprop).
   */
  public static A2cConfig defaults() {
    return new A2cConfig(500, 5, 0.99, 1.0, 7e-4, 0.01, 0.5, 0.5, false, List.of(64), 0.0,
        0L);
  }
}
