package org.gridrl.irl.sampled;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.SacConfig;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * Hyperparameters of {@link Airl}.
 *
 * @param iterations policy → discriminator iterations, ≥ 1
 * @param learner the policy learner: {@code PPO} (tabular or continuous) or {@code SAC}
 *     (continuous, bounded actions, one environment)
 * @param ppo the PPO learner, as in {@link GailConfig#ppo()}; with {@code PPO}, its γ is also
 *     the γ of the shaping term γ·h(s'). The compact constructor sets its {@code iterations} and
 *     {@code seed} to this record's.
 * @param sac the SAC learner; with {@code SAC}, its γ is the shaping term's and its
 *     {@code learningStarts}, batch size, networks, learning rates and temperature are used
 *     (AIRL's objective E Σ γ^t (f − log π) is SAC's with α = 1 and no autotuning, the default
 *     here). The compact constructor sets its {@code totalSteps} to iterations ×
 *     sacStepsPerIteration, its {@code logEvery} to sacStepsPerIteration (SAC's losses are
 *     reported at the end of each iteration) and its {@code seed} to the first draw of this
 *     record's stream 6 (so SAC's own streams are not those of g and h)
 * @param sacStepsPerIteration with {@code SAC}: environment steps (each followed by one SAC
 *     update once past {@code learningStarts}) between discriminator updates; each update reads
 *     this many policy transitions drawn from the replay buffer, ≥ 1
 * @param sacReward with {@code SAC}: the reward written into every replayed minibatch
 * @param discriminator the networks g and h (each an MLP with these hidden layers), Adam,
 *     epochs, minibatches, gradient penalty (on the inputs (s, [a,] s'))
 * @param rewardInputs what g reads: {@code STATE} (g(s), the disentangled reward of Fu et al.
 *     §5) or {@code STATE_ACTION} (g(s, a)); never {@code TRANSITION}
 * @param seed seeds the networks (policy stream 0, value 1, g and h 4), the sampler (stream 2),
 *     PPO's shuffles and the discriminator's minibatches (stream 5), SAC (stream 6) and the
 *     discriminator's draws from SAC's replay buffer (stream 7)
 */
@RecordBuilder
public record AirlConfig(int iterations, PolicyLearner learner, PpoConfig ppo, SacConfig sac,
    int sacStepsPerIteration, SacReward sacReward, DiscriminatorConfig discriminator,
    LearnedReward.Inputs rewardInputs, long seed) implements AirlConfigBuilder.With {

  /** The default {@code sacStepsPerIteration}, 1 000. */
  public static final int DEFAULT_SAC_STEPS_PER_ITERATION = 1_000;

  /**
   * The reward SAC's updates read, recomputed for each replayed minibatch (s_k, a_k, s'_k, d_k)
   * from g, h and π as they are at that update.
   */
  public enum SacReward {
    /**
     * r = f(s, a, s'); the policy reward's −log π(a|s) is SAC's own entropy term α·H, taken in
     * its soft backup at fresh actions of the current π, so that with α = 1 (the default SAC
     * here) SAC maximises AIRL's E Σ γ^t (f − log π) exactly. On {@code PointNavigation}
     * (AirlSacTest's setup, 60 iterations of 200 steps) the true return went −8.7 → −2.2
     * (seed 1) and −7.9 → −2.2 (seed 2), first three iterations to last five, with a dip to
     * about −20 midway in both.
     */
    F,
    /**
     * r = f(s, a, s') − log π(a|s), log π of the current π at the replayed action: the
     * on-policy reward of Fu et al. as it is, beside SAC's own α·H (so the entropy weighs
     * 1 + α in expectation). The replayed actions come from older policies, so −log π is read
     * where the current π may put little mass, and it grows without bound as π narrows. In the
     * same setup: with α = 1 fixed, stable and smooth, −9.7 → −1.7 (seed 1) and −8.0 → −1.6
     * (seed 2); with α = 0.01 fixed (entropy weight about 1, AIRL's own) the entropy fell to
     * −37, the mean replayed reward reached 2·10⁵ and the return went −12.5 → −20.7 (seed 1);
     * with α autotuned from 0.1: −14, 1.4·10³ and −11.2 → −17.0.
     */
    F_MINUS_LOG_PI
  }

  /** Validates; sets {@code ppo}'s and {@code sac}'s budgets and seeds from this record's. */
  public AirlConfig {
    Check.positive("iterations", iterations);
    Check.notNull("learner", learner);
    Check.notNull("ppo", ppo);
    Check.notNull("sac", sac);
    Check.positive("sacStepsPerIteration", sacStepsPerIteration);
    Check.notNull("sacReward", sacReward);
    Check.notNull("discriminator", discriminator);
    Check.notNull("rewardInputs", rewardInputs);
    Check.argument(rewardInputs != LearnedReward.Inputs.TRANSITION,
        "rewardInputs must be STATE or STATE_ACTION, got %s", rewardInputs);
    ppo = ppo.withIterations(iterations).withSeed(seed);
    sac = sacFor(learner, sac, iterations, sacStepsPerIteration, seed);
  }

  /**
   * PPO's config with the default SAC settings beside it: the record as it was before SAC was
   * an option.
   */
  public AirlConfig(int iterations, PpoConfig ppo, DiscriminatorConfig discriminator,
      LearnedReward.Inputs rewardInputs, long seed) {
    this(iterations, PolicyLearner.PPO, ppo, defaultSac(), DEFAULT_SAC_STEPS_PER_ITERATION,
        SacReward.F, discriminator, rewardInputs, seed);
  }

  /**
   * 200 iterations of PPO with 8 × 64 steps, γ 0.99, λ 0.95, 4 epochs of minibatches of 128,
   * η 3e-4, c_H 0.01, hidden [64]; beside it, used when {@code learner} is SAC,
   * {@link #defaultSac()} with 1 000 steps per iteration and r = f; the default discriminator;
   * g(s); seed 0.
   */
  public static AirlConfig defaults() {
    PpoConfig ppo = PpoConfig.defaults().withStepsPerEnv(64).withMinibatchSize(128)
        .withLearningRate(3e-4).withHidden(List.of(64));
    return new AirlConfig(200, ppo, DiscriminatorConfig.defaults(), LearnedReward.Inputs.STATE,
        0L);
  }

  /** {@link SacConfig#defaults()} at AIRL's temperature: α = 1, not autotuned. */
  public static SacConfig defaultSac() {
    return SacConfig.defaults().withInitialAlpha(1.0).withAutotune(false);
  }

  /**
   * {@code sac} with totalSteps = iterations × stepsPerIteration, logEvery = stepsPerIteration
   * and the seed of stream 6 of {@code seed}; with the SAC learner, a budget beyond an int is
   * refused (with PPO the SAC settings are only carried).
   */
  static SacConfig sacFor(PolicyLearner learner, SacConfig sac, int iterations,
      int stepsPerIteration, long seed) {
    long total = (long) iterations * stepsPerIteration;
    Check.argument(learner != PolicyLearner.SAC || total <= Integer.MAX_VALUE,
        "iterations × sacStepsPerIteration must be at most %s SAC steps, got %s × %s",
        Integer.MAX_VALUE, iterations, stepsPerIteration);
    return sac.withTotalSteps((int) Math.min(total, Integer.MAX_VALUE))
        .withLogEvery(stepsPerIteration).withSeed(new Rng(seed).fork(6).nextLong());
  }
}
