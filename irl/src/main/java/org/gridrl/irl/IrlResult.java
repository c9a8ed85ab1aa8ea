package org.gridrl.irl;

import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.TrainingResult;

/**
 * What an IRL method returns: the learned reward, the policy it implies, how the fit ended, the
 * metrics of every iteration and where it came from. {@code train(problem,
 * result.config())} on the same problem gives the same numbers.
 *
 * @param <C> the config record of the method: {@link MaxEntIrlConfig},
 *     {@link DeepMaxEntIrlConfig} or {@link MaxMarginConfig}
 * @param weights w of a linear reward r = Φw, length k; null for a non-linear reward (deep
 *     MaxEnt)
 * @param stateReward the learned r(s), length S
 * @param policy the method's policy for the learned reward: MaxEnt's soft-optimal π_0, the
 *     greedy optimal policy for max-margin
 * @param iterations iterations done
 * @param converged whether the stopping rule was met before the cap
 * @param finalMetric the stopping quantity at the end ({@link Metrics#GRADIENT_NORM} for MaxEnt,
 *     {@link Metrics#MARGIN} for the projection method, the best {@link Metrics#OBJECTIVE} for
 *     structured max-margin)
 * @param config the configuration record the method ran with
 * @param history every iteration's scalars ({@link Metrics}) in order
 * @param provenance the algorithm ({@code maxent}, {@code deep-maxent},
 *     {@code max-margin-projection}, {@code max-margin-structured}), {@code config}, the seed
 *     (deep MaxEnt's; 0 for the deterministic methods) and the platform
 */
public record IrlResult<C extends Record>(double[] weights, double[] stateReward,
    TabularPolicy policy, int iterations, boolean converged, double finalMetric, C config,
    MetricsHistory history, Provenance provenance) implements TrainingResult {

  /** Checks presence, and that the provenance names this config. */
  public IrlResult {
    Check.notNull("stateReward", stateReward);
    Check.notNull("policy", policy);
    Check.notNull("config", config);
    Check.notNull("history", history);
    Check.notNull("provenance", provenance);
    Check.argument(provenance.config().equals(config),
        "provenance.config must be the result's config, got %s and %s", provenance.config(),
        config);
  }

  /** The method's name, {@code provenance().algorithm()}. */
  public String algorithm() {
    return provenance.algorithm();
  }

  @Override
  public long seed() {
    return provenance.seed();
  }
}
