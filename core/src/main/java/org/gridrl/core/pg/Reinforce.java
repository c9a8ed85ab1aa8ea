package org.gridrl.core.pg;

import java.util.List;
import org.gridrl.core.nn.Module;
import org.gridrl.core.util.TrainingListener;

/**
 * REINFORCE with a learned baseline (Williams 1992): ∇J ≈ (1/N) Σ_t ∇ log π_θ(a_t|s_t)
 * (G_t − b(s_t)), G_t = Σ_{k≥t} γ^{k−t} r_k the discounted reward-to-go of whole episodes.
 *
 * <p>Each iteration: (1) sample k whole episodes per environment
 * ({@link Sampler#collectEpisodes}); (2) V(s_t) and V(s'_t); (3) G_t by {@link Returns}
 * (0 after termination; V(s') after a time-limit truncation) and Â_t = G_t − V(s_t) (or G_t
 * without baseline), optionally normalised; (4) one Adam step on
 * L = −mean(log π Â) + c_V ½ mean((V − G)²) − c_H H̄.
 *
 * <p>Metrics ({@link #METRICS}): {@value Metrics#EPISODIC_RETURN},
 * {@value Metrics#EPISODIC_LENGTH}, {@value Metrics#STEPS}, then the update's
 * {@link UpdateStats.ScoreFunction}: {@value Metrics#ENTROPY}, {@value Metrics#POLICY_LOSS},
 * {@value Metrics#VALUE_LOSS}.
 */
public final class Reinforce {

  /** The algorithm's name in error messages and in its results' provenance. */
  public static final String NAME = "REINFORCE";

  /** The metrics {@link #train} reports, in order. */
  public static final List<String> METRICS = Metrics.onPolicy(UpdateStats.ScoreFunction.KEYS);

  private final ReinforceConfig config;
  private final ActorCriticLearner learner;

  /** A REINFORCE learner over the given networks (updated in place). */
  public Reinforce(Policy policy, Module value, ReinforceConfig config) {
    this.config = config;
    this.learner = new ActorCriticLearner(NAME, policy, value, config.learningRate(),
        config.valueCoef(), config.entropyCoef(), config.maxGradNorm());
  }

  /**
   * Trains the default networks ({@link Networks#defaultPolicy}, {@link Networks#defaultValue})
   * built from the config's seed.
   *
   * @param sampler the environments; reseeded from the config's seed. Modified.
   * @param listener receives the metrics of {@link #METRICS} every iteration
   * @throws ArithmeticException if a loss or gradient is NaN or infinite
   */
  public static PgResult train(Sampler<?, ?> sampler, ReinforceConfig config,
      TrainingListener listener) {
    Policy policy = Networks.defaultPolicy(sampler, config.hidden(), config.initLogStd(),
        config.seed());
    Module value = Networks.defaultValue(sampler, config.hidden(), config.seed());
    return train(sampler, policy, value, config, listener);
  }

  /** Trains the given networks in place; the sampler is reseeded from the config's seed. */
  public static PgResult train(Sampler<?, ?> sampler, Policy policy, Module value,
      ReinforceConfig config, TrainingListener listener) {
    Reinforce reinforce = new Reinforce(policy, value, config);
    // 1. sample whole episodes; 2-4. returns, advantages, one step (update)
    return OnPolicyLoop.run(NAME, config, sampler, policy, value, config.seed(),
        config.iterations(), p -> sampler.collectEpisodes(p, config.episodesPerEnv()),
        reinforce::update, listener);
  }

  /** One REINFORCE step on whole episodes sampled by the current policy. */
  public UpdateStats.ScoreFunction update(Batch batch, long iteration) {
    int n = batch.size();
    int d = batch.observationDim();
    double[] values = new double[n];
    double[] nextValues = new double[n];
    // 2. baseline V(s_t) and the bootstrap V(s'_t) for truncated episodes
    learner.values(batch.observations(), n, d, values);
    learner.values(batch.nextObservations(), n, d, nextValues);
    // 3. reward-to-go G_t and advantages Â_t = G_t − V(s_t)
    double[] returns = Returns.rewardToGo(batch, nextValues, config.gamma(), null);
    double[] advantages = new double[n];
    for (int t = 0; t < n; t++) {
      advantages[t] = config.baseline() ? returns[t] - values[t] : returns[t];
    }
    // 4. one gradient step
    learner.resize(n, d, batch.actionDim());
    for (int t = 0; t < n; t++) {
      learner.gather(batch, t, t, advantages, returns, values);
    }
    if (config.normalizeAdvantages()) {
      learner.normalizeAdvantages();
    }
    ActorCriticLearner.StepStats s = learner.step(iteration,
        ActorCriticLearner.Objective.SCORE_FUNCTION, Double.MAX_VALUE, 0);
    return new UpdateStats.ScoreFunction(s.policyLoss(), s.valueLoss(), s.entropy());
  }

  /** The policy being trained. */
  public Policy policy() {
    return learner.policy;
  }
}
