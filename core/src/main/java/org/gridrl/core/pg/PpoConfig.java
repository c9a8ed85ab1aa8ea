package org.gridrl.core.pg;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.core.optim.GradClip;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link Ppo}. Defaults follow CleanRL's ppo.py where they apply.
 *
 * @param iterations number of collect-then-update iterations, ≥ 1
 * @param stepsPerEnv T, steps sampled in each environment per iteration (batch = N·T), ≥ 1
 * @param gamma discount γ in [0, 1]
 * @param lambda GAE λ in [0, 1]
 * @param clipRatio ε of the clipped surrogate, &gt; 0 (0.2)
 * @param valueClip ε of the clipped value loss, ≥ 0; 0 turns value clipping off
 * @param normalizeAdvantages whether Â is normalised to mean 0, std 1 per minibatch
 * @param epochs passes over the batch per update, ≥ 1 (4)
 * @param minibatchSize rows per gradient step, ≥ 1 (a batch is cut into ⌈N·T / size⌉ pieces)
 * @param learningRate Adam step size η &gt; 0 (2.5e-4)
 * @param entropyCoef c_H ≥ 0, weight of the entropy bonus (0.01)
 * @param valueCoef c_V ≥ 0, weight of the value loss (0.5)
 * @param maxGradNorm global-norm clip &gt; 0 (0.5); +∞ disables it
 * @param hidden hidden layer sizes of the policy and value MLPs (tanh), each ≥ 1 (empty for
 *     none); kept as an immutable copy
 * @param initLogStd initial log σ of a Gaussian policy (continuous actions only)
 * @param seed seeds the networks, the sampler and the minibatch shuffles
 */
@RecordBuilder
public record PpoConfig(int iterations, int stepsPerEnv, double gamma, double lambda,
    double clipRatio, double valueClip, boolean normalizeAdvantages, int epochs,
    int minibatchSize, double learningRate, double entropyCoef, double valueCoef,
    double maxGradNorm, List<Integer> hidden, double initLogStd, long seed)
    implements PpoConfigBuilder.With {

  /** Validates every field; messages name the value. */
  public PpoConfig {
    Check.positive("iterations", iterations);
    Check.positive("stepsPerEnv", stepsPerEnv);
    Check.unitInterval("gamma", gamma);
    Check.unitInterval("lambda", lambda);
    Check.positive("clipRatio", clipRatio);
    Check.argument(valueClip >= 0, "valueClip must be >= 0 (0 = off), got %s", valueClip);
    Check.positive("epochs", epochs);
    Check.positive("minibatchSize", minibatchSize);
    Check.positiveFinite("learningRate", learningRate);
    Check.nonNegativeFinite("entropyCoef", entropyCoef);
    Check.nonNegativeFinite("valueCoef", valueCoef);
    GradClip.checkMaxNorm("maxGradNorm", maxGradNorm);
    hidden = Networks.checkHidden(hidden);
    Check.finite("initLogStd", initLogStd);
  }

  /**
   * 100 iterations of 8 × 128 steps, γ 0.99, λ 0.95, ε 0.2, value clip 0.2, normalised
   * advantages, 4 epochs of minibatches of 256, η 2.5e-4, c_H 0.01, c_V 0.5, clip 0.5, one
   * hidden layer of 64, log σ 0, seed 0.
   */
  public static PpoConfig defaults() {
    return new PpoConfig(100, 128, 0.99, 0.95, 0.2, 0.2, true, 4, 256, 2.5e-4, 0.01, 0.5, 0.5,
        List.of(64), 0.0, 0L);
  }
}
