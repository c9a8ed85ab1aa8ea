package org.gridrl.irl.sampled;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link Airl}.
 *
 * @param iterations collect → discriminator → PPO iterations, ≥ 1
 * @param ppo the policy learner, as in {@link GailConfig#ppo()}; its γ is also the γ of the
 *     shaping term γ·h(s'). The compact constructor sets its {@code iterations} and {@code seed}
 *     to this record's.
 * @param discriminator the networks g and h (each an MLP with these hidden layers), Adam,
 *     epochs, minibatches, gradient penalty (on the inputs (s, [a,] s'))
 * @param rewardInputs what g reads: {@code STATE} (g(s), the disentangled reward of Fu et al.
 *     §5) or {@code STATE_ACTION} (g(s, a)); never {@code TRANSITION}
 * @param seed seeds the networks (policy stream 0, value 1, g and h 4), the sampler (stream 2),
 *     PPO's shuffles and the discriminator's minibatches (stream 5)
 */
@RecordBuilder
public record AirlConfig(int iterations, PpoConfig ppo, DiscriminatorConfig discriminator,
    LearnedReward.Inputs rewardInputs, long seed) implements AirlConfigBuilder.With {

  /** Validates; sets {@code ppo}'s iterations and seed to this record's. */
  public AirlConfig {
    Check.positive("iterations", iterations);
    Check.notNull("ppo", ppo);
    Check.notNull("discriminator", discriminator);
    Check.notNull("rewardInputs", rewardInputs);
    Check.argument(rewardInputs != LearnedReward.Inputs.TRANSITION,
        "rewardInputs must be STATE or STATE_ACTION, got %s", rewardInputs);
    ppo = ppo.withIterations(iterations).withSeed(seed);
  }

  /**
   * 200 iterations of PPO with 8 × 64 steps, γ 0.99, λ 0.95, 4 epochs of minibatches of 128,
   * η 3e-4, c_H 0.01, hidden [64]; the default discriminator; g(s); seed 0.
   */
  public static AirlConfig defaults() {
    PpoConfig ppo = PpoConfig.defaults().withStepsPerEnv(64).withMinibatchSize(128)
        .withLearningRate(3e-4).withHidden(List.of(64));
    return new AirlConfig(200, ppo, DiscriminatorConfig.defaults(), LearnedReward.Inputs.STATE,
        0L);
  }
}
