package org.gridrl.irl.sampled;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link Gail}.
 *
 * @param iterations collect → discriminator → PPO iterations, ≥ 1
 * @param ppo the policy learner: its stepsPerEnv (T, the batch is N·T), γ, λ, epochs,
 *     minibatch size, learning rate, entropy bonus c_H (GAIL's causal-entropy term), clipping,
 *     hidden layers and initial log σ are used. The compact constructor sets its
 *     {@code iterations} to {@code iterations} and its {@code seed} to {@code seed}, so that the
 *     record says once what runs (what was passed there is replaced).
 * @param discriminator D_ψ(s, a): MLP, Adam, epochs, minibatches, gradient penalty
 * @param reward the policy's reward from D
 * @param seed seeds the networks (policy stream 0, value 1, discriminator 4), the sampler
 *     (stream 2), PPO's shuffles and the discriminator's minibatches (stream 5)
 */
@RecordBuilder
public record GailConfig(int iterations, PpoConfig ppo, DiscriminatorConfig discriminator,
    RewardForm reward, long seed) implements GailConfigBuilder.With {

  /** The policy's reward as a function of D = σ(z). */
  public enum RewardForm {
    /** r = −log(1 − D) = softplus(z) &gt; 0 (Ho &amp; Ermon's cost log D with labels swapped). */
    MINUS_LOG_ONE_MINUS_D,
    /** r = log D − log(1 − D) = z (the sum of both GAN rewards; AIRL's form). */
    LOGIT
  }

  /** Validates; sets {@code ppo}'s iterations and seed to this record's. */
  public GailConfig {
    Check.positive("iterations", iterations);
    Check.notNull("ppo", ppo);
    Check.notNull("discriminator", discriminator);
    Check.notNull("reward", reward);
    ppo = ppo.withIterations(iterations).withSeed(seed);
  }

  /**
   * 200 iterations of PPO with 8 × 64 steps, γ 0.99, λ 0.95, 4 epochs of minibatches of 128,
   * η 3e-4, c_H 0.01, hidden [64]; the default discriminator; r = −log(1 − D); seed 0.
   */
  public static GailConfig defaults() {
    PpoConfig ppo = PpoConfig.defaults().withStepsPerEnv(64).withMinibatchSize(128)
        .withLearningRate(3e-4).withHidden(List.of(64));
    return new GailConfig(200, ppo, DiscriminatorConfig.defaults(),
        RewardForm.MINUS_LOG_ONE_MINUS_D, 0L);
  }
}
