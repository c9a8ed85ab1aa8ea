package org.gridrl.irl.sampled;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.SacConfig;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link Gail}.
 *
 * @param iterations policy → discriminator iterations, ≥ 1
 * @param learner the policy learner: {@code PPO} (tabular or continuous) or {@code SAC}
 *     (continuous, bounded actions, one environment)
 * @param ppo the PPO learner: its stepsPerEnv (T, the batch is N·T), γ, λ, epochs,
 *     minibatch size, learning rate, entropy bonus c_H (GAIL's causal-entropy term), clipping,
 *     hidden layers and initial log σ are used. The compact constructor sets its
 *     {@code iterations} to {@code iterations} and its {@code seed} to {@code seed}, so that the
 *     record says once what runs (what was passed there is replaced).
 * @param sac the SAC learner, with {@code SAC} (its entropy term α·H is GAIL's); the compact
 *     constructor sets its budget, logEvery and seed as {@link AirlConfig#sac()} says
 * @param sacStepsPerIteration with {@code SAC}: environment steps between discriminator
 *     updates; each update reads this many policy transitions drawn from the replay buffer, ≥ 1
 * @param discriminator D_ψ(s, a): MLP, Adam, epochs, minibatches, gradient penalty
 * @param reward the policy's reward from D
 * @param seed seeds the networks (policy stream 0, value 1, discriminator 4), the sampler
 *     (stream 2), PPO's shuffles and the discriminator's minibatches (stream 5), SAC (stream 6)
 *     and the discriminator's draws from SAC's replay buffer (stream 7)
 */
@RecordBuilder
public record GailConfig(int iterations, PolicyLearner learner, PpoConfig ppo, SacConfig sac,
    int sacStepsPerIteration, DiscriminatorConfig discriminator, RewardForm reward, long seed)
    implements GailConfigBuilder.With {

  /** The policy's reward as a function of D = σ(z). */
  public enum RewardForm {
    /** r = −log(1 − D) = softplus(z) &gt; 0 (Ho &amp; Ermon's cost log D with labels swapped). */
    MINUS_LOG_ONE_MINUS_D,
    /** r = log D − log(1 − D) = z (the sum of both GAN rewards; AIRL's form). */
    LOGIT
  }

  /** Validates; sets {@code ppo}'s and {@code sac}'s budgets and seeds from this record's. */
  public GailConfig {
    Check.positive("iterations", iterations);
    Check.notNull("learner", learner);
    Check.notNull("ppo", ppo);
    Check.notNull("sac", sac);
    Check.positive("sacStepsPerIteration", sacStepsPerIteration);
    Check.notNull("discriminator", discriminator);
    Check.notNull("reward", reward);
    ppo = ppo.withIterations(iterations).withSeed(seed);
    sac = AirlConfig.sacFor(learner, sac, iterations, sacStepsPerIteration, seed);
  }

  /** PPO's config with the default SAC settings beside it (the record before SAC). */
  public GailConfig(int iterations, PpoConfig ppo, DiscriminatorConfig discriminator,
      RewardForm reward, long seed) {
    this(iterations, PolicyLearner.PPO, ppo, SacConfig.defaults(),
        AirlConfig.DEFAULT_SAC_STEPS_PER_ITERATION, discriminator, reward, seed);
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
