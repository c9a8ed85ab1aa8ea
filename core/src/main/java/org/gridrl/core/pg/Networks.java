package org.gridrl.core.pg;

import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.util.Rng;

/**
 * The default networks of the on-policy algorithms: tanh MLPs with orthogonal initialisation
 * (gain √2 for hidden layers; 0.01 for a policy head, 1 for a value head), as in CleanRL.
 */
public final class Networks {

  private Networks() {
  }

  /**
   * A policy for the sampler's spaces: categorical over its actions, or a Gaussian with
   * state-independent log σ = {@code initLogStd}.
   *
   * @param rng the initialisation stream. Modified.
   */
  public static Policy policy(Sampler<?, ?> sampler, int[] hidden, double initLogStd, Rng rng) {
    return sampler.discrete()
        ? CategoricalPolicy.mlp(sampler.observationDim(), hidden, sampler.numActions(), rng)
        : GaussianPolicy.mlp(sampler.observationDim(), hidden, sampler.actionDim(), initLogStd,
            rng);
  }

  /**
   * A state-value network V(s): obsDim → hidden… → 1.
   *
   * @param rng the initialisation stream. Modified.
   */
  public static Mlp value(int obsDim, int[] hidden, Rng rng) {
    return new Mlp(CategoricalPolicy.sizes(obsDim, hidden, 1), Activation.TANH,
        Init.orthogonal(Math.sqrt(2)), Init.orthogonal(1.0), rng);
  }
}
