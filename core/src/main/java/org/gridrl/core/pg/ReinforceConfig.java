package org.gridrl.core.pg;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.core.optim.GradClip;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link Reinforce}. Vary them with the generated {@code withX} methods or
 * {@code with(b -> b.iterations(100).baseline(false))}; every way goes through the checks.
 *
 * @param iterations number of collect-then-step iterations, ≥ 1
 * @param episodesPerEnv whole episodes sampled from each environment per iteration, ≥ 1
 * @param gamma discount γ in [0, 1]
 * @param baseline whether Â = G − V(s) (true) or Â = G (false); V is fitted either way and
 *     bootstraps the return of time-limit-truncated episodes
 * @param normalizeAdvantages whether Â is normalised over the batch
 * @param learningRate Adam step size η &gt; 0
 * @param entropyCoef c_H ≥ 0
 * @param valueCoef c_V ≥ 0, weight of the baseline's squared error
 * @param maxGradNorm global-norm clip &gt; 0; +∞ disables it
 * @param hidden hidden layer sizes of the policy and value MLPs (tanh), each ≥ 1 (empty for
 *     none); kept as an immutable copy
 * @param initLogStd initial log σ of a Gaussian policy (continuous actions only)
 * @param seed seeds the networks and the sampler
 */
@RecordBuilder
public record ReinforceConfig(int iterations, int episodesPerEnv, double gamma,
    boolean baseline, boolean normalizeAdvantages, double learningRate, double entropyCoef,
    double valueCoef, double maxGradNorm, List<Integer> hidden, double initLogStd, long seed)
    implements ReinforceConfigBuilder.With {

  /** Validates every field; messages name the value. */
  public ReinforceConfig {
    Check.positive("iterations", iterations);
    Check.positive("episodesPerEnv", episodesPerEnv);
    Check.unitInterval("gamma", gamma);
    Check.positiveFinite("learningRate", learningRate);
    Check.nonNegativeFinite("entropyCoef", entropyCoef);
    Check.nonNegativeFinite("valueCoef", valueCoef);
    GradClip.checkMaxNorm("maxGradNorm", maxGradNorm);
    hidden = Networks.checkHidden(hidden);
    Check.finite("initLogStd", initLogStd);
  }

  /**
   * 200 iterations of 1 episode per environment, γ 0.99, baseline, normalised advantages,
   * η 1e-3, c_H 0.01, c_V 0.5, clip 0.5, one hidden layer of 64, seed 0.
   */
  public static ReinforceConfig defaults() {
    return new ReinforceConfig(200, 1, 0.99, true, true, 1e-3, 0.01, 0.5, 0.5, List.of(64),
        0.0, 0L);
  }
}
