package org.gridrl.irl.sampled;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link GuidedCostLearning}. Vary them with the generated {@code withX}
 * methods ({@code GuidedCostLearningConfig.defaults().withSeed(3)}) or {@code with(b -> ...)};
 * every way goes through the checks of the compact constructor.
 *
 * @param iterations I, the outer iterations of the paper's Algorithm 1 (sample, update the
 *     cost, improve q), ≥ 1 (default 60)
 * @param episodesPerIteration whole episodes sampled from q per environment of the sampler
 *     each iteration ({@code Sampler.collectEpisodes}), ≥ 1 (default 16)
 * @param backgroundIterations how many of the latest iterations' samples, each with the
 *     policy that drew them, form the background pool of the importance-sampled log Ẑ, ≥ 1
 *     (default 20). The paper keeps every iteration's samples; a window bounds the memory and
 *     the cost of evaluating every kept policy on every kept trajectory (O(W) forward passes
 *     per iteration). Set it to {@code iterations} to keep everything, as the paper does.
 * @param rewardHidden hidden layer widths of the reward network r_θ(s, a), each ≥ 1, may be
 *     empty for a linear reward (default 32, 32)
 * @param rewardActivation hidden activation of r_θ (default tanh, smooth, so finite
 *     differences check its gradient)
 * @param rewardLearningRate Adam step on θ, finite and &gt; 0 (default 5e-3)
 * @param rewardSteps K, full-batch Adam steps on the IOC loss per iteration (the paper's
 *     Algorithm 2), ≥ 1 (default 10)
 * @param lcrWeight weight of the local-constant-rate regulariser g_lcr along demo and sample
 *     trajectories, finite and ≥ 0; 0 turns it off (default 0)
 * @param monoWeight weight of the monotonic-progress regulariser g_mono along the demos,
 *     finite and ≥ 0; 0 turns it off (default 0)
 * @param ppo the policy learner's settings. Its {@code iterations} is the number of PPO updates
 *     per IRL iteration (the first on that iteration's samples, each later one on fresh episodes
 *     of the updated policy); its {@code stepsPerEnv} is not used (samples are whole episodes,
 *     {@code episodesPerIteration} of them); its {@code gamma} discounts the learned reward for
 *     the policy only (R_θ(τ) of the IOC loss is undiscounted); its seed is replaced by
 *     {@code seed}
 * @param seed seeds the policy, value and reward networks, the sampler and PPO's shuffles
 *     (default 0)
 */
@RecordBuilder
public record GuidedCostLearningConfig(int iterations, int episodesPerIteration,
    int backgroundIterations, List<Integer> rewardHidden, Activation rewardActivation,
    double rewardLearningRate, int rewardSteps, double lcrWeight, double monoWeight,
    PpoConfig ppo, long seed) implements GuidedCostLearningConfigBuilder.With {

  /** Validates every field (messages name the field and value); sets the PPO seed to seed. */
  public GuidedCostLearningConfig {
    Check.positive("iterations", iterations);
    Check.positive("episodesPerIteration", episodesPerIteration);
    Check.positive("backgroundIterations", backgroundIterations);
    Check.argument(rewardHidden != null, "rewardHidden must not be null (use [] for none)");
    Check.argument(rewardHidden.stream().allMatch(h -> h != null && h >= 1),
        "rewardHidden widths must be >= 1, got %s", rewardHidden);
    rewardHidden = List.copyOf(rewardHidden);
    Check.notNull("rewardActivation", rewardActivation);
    Check.positiveFinite("rewardLearningRate", rewardLearningRate);
    Check.positive("rewardSteps", rewardSteps);
    Check.nonNegativeFinite("lcrWeight", lcrWeight);
    Check.nonNegativeFinite("monoWeight", monoWeight);
    Check.notNull("ppo", ppo);
    ppo = ppo.withSeed(seed);
  }

  /**
   * 60 iterations of 16 episodes per environment, a background of the last 20 iterations,
   * r_θ a tanh MLP 32-32 trained by 10 Adam steps of 5e-3 per iteration, no regulariser; PPO:
   * {@link #defaultPpo()}; seed 0.
   */
  public static GuidedCostLearningConfig defaults() {
    return new GuidedCostLearningConfig(60, 16, 20, List.of(32, 32), Activation.TANH, 5e-3, 10,
        0.0, 0.0, defaultPpo(), 0L);
  }

  /**
   * The policy learner's defaults for small worlds: one PPO update per iteration, γ 0.99,
   * λ 0.95, ε 0.2, value clip 0.2, normalised advantages, 4 epochs of minibatches of 64,
   * η 3e-3, c_H 0.01, c_V 0.5, clip 0.5, one hidden layer of 32 (CleanRL's values except a
   * larger step and smaller networks: an IRL iteration gets one update, not a full PPO run).
   */
  public static PpoConfig defaultPpo() {
    return new PpoConfig(1, 1, 0.99, 0.95, 0.2, 0.2, true, 4, 64, 3e-3, 0.01, 0.5, 0.5,
        List.of(32), 0.0, 0L);
  }
}
