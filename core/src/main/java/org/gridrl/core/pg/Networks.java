package org.gridrl.core.pg;

import com.google.common.primitives.Ints;
import java.util.List;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * The default networks of the on-policy algorithms: tanh MLPs with orthogonal initialisation
 * (gain √2 for hidden layers; 0.01 for a policy head, 1 for a value head), as in CleanRL.
 * {@code train(sampler, config, listener)} of {@link Reinforce}, {@link A2c} and {@link Ppo}
 * builds the policy with {@link #defaultPolicy} and the value network with
 * {@link #defaultValue} from the config's seed, so a caller that needs the networks before
 * training (to evaluate them from a listener) builds the same ones and passes them to
 * {@code train(sampler, policy, value, config, listener)}.
 */
public final class Networks {

  private Networks() {
  }

  /**
   * The rule for every config's hidden layer sizes: not null (empty for no hidden layer), every
   * size ≥ 1. Returns an immutable copy.
   */
  static List<Integer> checkHidden(List<Integer> hidden) {
    Check.argument(hidden != null, "hidden must not be null (use [] for no hidden layer)");
    Check.argument(hidden.stream().allMatch(h -> h != null && h >= 1),
        "hidden layer sizes must be >= 1, got %s", hidden);
    return List.copyOf(hidden);
  }

  /**
   * A policy for the sampler's spaces: categorical over its actions, or a Gaussian with
   * state-independent log σ = {@code initLogStd}.
   *
   * @param rng the initialisation stream. Modified.
   */
  public static Policy policy(Sampler<?, ?> sampler, List<Integer> hidden, double initLogStd,
      Rng rng) {
    int[] h = Ints.toArray(hidden);
    return sampler.discrete()
        ? CategoricalPolicy.mlp(sampler.observationDim(), h, sampler.numActions(), rng)
        : GaussianPolicy.mlp(sampler.observationDim(), h, sampler.actionDim(), initLogStd, rng);
  }

  /** {@link #policy} initialised from stream 0 of {@code seed}: what {@code train} builds. */
  public static Policy defaultPolicy(Sampler<?, ?> sampler, List<Integer> hidden,
      double initLogStd, long seed) {
    return policy(sampler, hidden, initLogStd, new Rng(seed).fork(0));
  }

  /** {@link #value} initialised from stream 1 of {@code seed}: what {@code train} builds. */
  public static Mlp defaultValue(Sampler<?, ?> sampler, List<Integer> hidden, long seed) {
    return value(sampler.observationDim(), hidden, new Rng(seed).fork(1));
  }

  /**
   * A state-value network V(s): obsDim → hidden… → 1.
   *
   * @param rng the initialisation stream. Modified.
   */
  public static Mlp value(int obsDim, List<Integer> hidden, Rng rng) {
    return new Mlp(CategoricalPolicy.sizes(obsDim, Ints.toArray(hidden), 1), Activation.TANH,
        Init.orthogonal(Math.sqrt(2)), Init.orthogonal(1.0), rng);
  }
}
