package org.gridrl.core.pg;

import java.util.List;
import org.gridrl.core.nn.Module;
import org.gridrl.core.util.TrainingListener;

/**
 * Synchronous advantage actor-critic (Mnih et al. 2016, "Asynchronous methods for deep
 * reinforcement learning", in its synchronous A2C form): ∇J ≈ Ê[∇ log π_θ(a_t|s_t) Â_t] with
 * n-step / GAE advantages from a learned critic.
 *
 * <p>Each iteration: (1) collect N·T steps ({@link Sampler#collect}, episodes continue across
 * iterations); (2) V(s_t), V(s'_t); (3) Â by {@link Gae} with λ (λ = 1: the n-step return to
 * the end of the rollout, bootstrapped from V at cuts and truncations, minus V) and targets
 * R = Â + V; (4) one Adam step on L = −mean(log π Â) + c_V ½ mean((V − R)²) − c_H H̄.
 *
 * <p>Metrics ({@link #METRICS}): {@value Metrics#EPISODIC_RETURN},
 * {@value Metrics#EPISODIC_LENGTH}, {@value Metrics#STEPS}, then the update's
 * {@link UpdateStats.ScoreFunction}: {@value Metrics#ENTROPY}, {@value Metrics#POLICY_LOSS},
 * {@value Metrics#VALUE_LOSS}.
 *
 * <p>After its first update on a batch size, {@link #update} allocates only the
 * {@link UpdateStats} it returns, pinned by {@code OnPolicyAllocationTest}; the
 * {@link Sampler} allocates a new {@link Batch} per iteration.
 */
public final class A2c {

  /** The algorithm's name in error messages and in its results' provenance. */
  public static final String NAME = "A2C";

  /** The metrics {@link #train} reports, in order. */
  public static final List<String> METRICS = Metrics.onPolicy(UpdateStats.ScoreFunction.KEYS);

  private final A2cConfig config;
  private final ActorCriticLearner learner;
  private double[] values = new double[0];
  private double[] nextValues = new double[0];
  private double[] advantages = new double[0];
  private double[] targets = new double[0];

  /** An A2C learner over the given networks (updated in place). */
  public A2c(Policy policy, Module value, A2cConfig config) {
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
  public static PgResult train(Sampler<?, ?> sampler, A2cConfig config,
      TrainingListener listener) {
    Policy policy = Networks.defaultPolicy(sampler, config.hidden(), config.initLogStd(),
        config.seed());
    Module value = Networks.defaultValue(sampler, config.hidden(), config.seed());
    return train(sampler, policy, value, config, listener);
  }

  /** Trains the given networks in place; the sampler is reseeded from the config's seed. */
  public static PgResult train(Sampler<?, ?> sampler, Policy policy, Module value,
      A2cConfig config, TrainingListener listener) {
    A2c a2c = new A2c(policy, value, config);
    // 1. collect an n-step rollout in every environment; 2-4. critic, advantages, one
    // actor-critic step (update)
    return OnPolicyLoop.run(NAME, config, sampler, policy, value, config.seed(),
        config.iterations(), p -> sampler.collect(p, config.stepsPerEnv()), a2c::update,
        listener);
  }

  /** One A2C step on a batch collected by the current policy. */
  public UpdateStats.ScoreFunction update(Batch batch, long iteration) {
    int n = batch.size();
    if (values.length != n) {
      values = new double[n];
      nextValues = new double[n];
      advantages = new double[n];
      targets = new double[n];
    }
    int d = batch.observationDim();
    // 2. critic V(s_t), V(s'_t)
    learner.values(batch.observations(), n, d, values);
    learner.values(batch.nextObservations(), n, d, nextValues);
    // 3. advantages Â (GAE λ) and targets R = Â + V
    Gae.advantages(batch, values, nextValues, config.gamma(), config.lambda(), advantages);
    Gae.valueTargets(advantages, values, targets);
    // 4. one gradient step on the whole batch
    learner.resize(n, d, batch.actionDim());
    for (int t = 0; t < n; t++) {
      learner.gather(batch, t, t, advantages, targets, values);
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
