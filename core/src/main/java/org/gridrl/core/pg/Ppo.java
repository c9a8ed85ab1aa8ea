package org.gridrl.core.pg;

import java.util.List;
import org.gridrl.core.nn.Module;
import org.gridrl.core.optim.GradientCombination;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * Proximal policy optimisation with the clipped surrogate (Schulman et al. 2017, "Proximal
 * policy optimization algorithms"; implementation details as in CleanRL's ppo.py):
 * maximise Ê[min(ρ_t Â_t, clip(ρ_t, 1 − ε, 1 + ε) Â_t)], ρ_t = π_θ(a_t|s_t) / π_old(a_t|s_t).
 *
 * <p>Each iteration: (1) collect N·T steps with π_old = π_θ ({@link Sampler#collect});
 * (2) V(s_t), V(s'_t) with the value network; (3) Â by {@link Gae} (bootstrapping truncated and
 * cut segments, not terminated ones) and targets R = Â + V; (4) for K epochs, shuffle the
 * batch and, per minibatch, normalise Â (optional) and take one Adam step on
 * L = L_clip + c_V L_V − c_H H̄ ({@link PgLosses#ppoClip}, {@link PgLosses#clippedValue} or
 * {@link PgLosses#valueMse}), clipping the global gradient norm. Two conventions differ from
 * CleanRL's, each documented beside its code with the size of the difference: Â is normalised by
 * the population std ({@link Gae#normalize}), and the clip scales by c/‖g‖
 * ({@link org.gridrl.core.optim.GradClip}).
 *
 * <p>Logged metrics per iteration ({@link #METRICS}): {@value Metrics#EPISODIC_RETURN} (mean
 * undiscounted return of the episodes that ended, when any did), {@value Metrics#EPISODIC_LENGTH},
 * {@value Metrics#STEPS}, then the update's {@link UpdateStats.PpoClip}: {@value Metrics#ENTROPY},
 * {@value Metrics#POLICY_LOSS}, {@value Metrics#VALUE_LOSS}, {@value Metrics#APPROX_KL},
 * {@value Metrics#CLIP_FRACTION} (means over the update's gradient steps). A NaN or infinity in a
 * loss or gradient throws an {@link ArithmeticException} naming the iteration and quantity.
 *
 * <p>After its first update on a batch size, {@link #update} allocates only the
 * {@link UpdateStats} it returns: its gradient steps allocate nothing, pinned by
 * {@code OnPolicyAllocationTest}. The {@link Sampler} allocates a new {@link Batch} per
 * iteration, and the environments what their API makes them (a {@code Step} per step).
 *
 * <p><b>Per-task gradients</b> (multi-task PPO; Yu et al. 2020 for the combinations): given a
 * {@link GradientCombination}, each minibatch step groups its rows by {@link Batch#tasks()} and
 * takes one forward and backward pass per task over that task's rows only, L_k =
 * L_clip,k + c_V L_V,k − c_H H̄_k with means over task k's rows (Â normalised per task when
 * normalisation is on); the T policy gradients are combined by one call, the T value gradients
 * by another, each direction scaled by 1/T (T = tasks in the minibatch, so a plain sum is
 * ∇ (1/T) Σ_k L_k), then clipped and given to Adam. Without a combination PPO is unchanged;
 * with one task the per-task path gives the same numbers bit for bit. The update also reports
 * how much the tasks' policy gradients conflict ({@link UpdateStats.PpoClip#gradientCosine},
 * {@link UpdateStats.PpoClip#conflictFraction}: means over the steps that had two or more tasks
 * with nonzero gradients), NaN without a combination; they are not among {@link #METRICS} (a
 * caller that wants them logs them, as {@code multitask}'s task-conditioned actor-critic does).
 */
public final class Ppo {

  /** The algorithm's name in error messages and in its results' provenance. */
  public static final String NAME = "PPO";

  /** The metrics {@link #train} reports, in order. */
  public static final List<String> METRICS = Metrics.onPolicy(UpdateStats.PpoClip.KEYS);

  private final PpoConfig config;
  private final ActorCriticLearner learner;
  private final Rng shuffleRng;
  private int[] perm = new int[0];
  private double[] values = new double[0];
  private double[] nextValues = new double[0];
  private double[] advantages = new double[0];
  private double[] targets = new double[0];

  /**
   * A PPO learner over the given networks (their parameters are updated in place).
   *
   * @param policy π_θ. Modified by updates.
   * @param value V(s), obs → 1. Modified by updates.
   */
  public Ppo(Policy policy, Module value, PpoConfig config) {
    this(policy, value, config, null);
  }

  /**
   * A PPO learner that takes per-task gradients in each minibatch step and combines them with
   * {@code combination} (see the class comment); null gives plain PPO.
   *
   * @param policy π_θ. Modified by updates.
   * @param value V(s), obs → 1. Modified by updates.
   * @param combination how the per-task gradients become one direction, or null. Used by this
   *     learner alone from now on (combiners keep a workspace).
   */
  public Ppo(Policy policy, Module value, PpoConfig config, GradientCombination combination) {
    this.config = config;
    this.learner = new ActorCriticLearner(NAME, policy, value, config.learningRate(),
        config.valueCoef(), config.entropyCoef(), config.maxGradNorm(), combination);
    this.shuffleRng = new Rng(config.seed()).fork(3);
  }

  /**
   * Trains the default networks ({@link Networks#defaultPolicy}, {@link Networks#defaultValue})
   * built from the config's seed for {@code config.iterations()} iterations.
   *
   * @param sampler the environments; reseeded from the config's seed. Modified.
   * @param listener receives the metrics of {@link #METRICS} every iteration
   * @return the trained networks, the history and the provenance
   * @throws ArithmeticException if a loss or gradient is NaN or infinite
   */
  public static PgResult train(Sampler<?, ?> sampler, PpoConfig config,
      TrainingListener listener) {
    Policy policy = Networks.defaultPolicy(sampler, config.hidden(), config.initLogStd(),
        config.seed());
    Module value = Networks.defaultValue(sampler, config.hidden(), config.seed());
    return train(sampler, policy, value, config, listener);
  }

  /**
   * Trains the given networks for {@code config.iterations()} iterations; the sampler is
   * reseeded from the config's seed.
   *
   * @param policy π_θ. Modified (trained in place).
   * @param value V(s), obs → 1. Modified (trained in place).
   */
  public static PgResult train(Sampler<?, ?> sampler, Policy policy, Module value,
      PpoConfig config, TrainingListener listener) {
    return train(sampler, policy, value, config, null, listener);
  }

  /**
   * Trains the given networks as {@link #train(Sampler, Policy, Module, PpoConfig,
   * TrainingListener)} does, taking per-task gradients (environment i is task i) combined by
   * {@code combination}; null gives plain PPO.
   *
   * @param policy π_θ. Modified (trained in place).
   * @param value V(s), obs → 1. Modified (trained in place).
   * @param combination how the per-task gradients become one direction, or null
   */
  public static PgResult train(Sampler<?, ?> sampler, Policy policy, Module value,
      PpoConfig config, GradientCombination combination, TrainingListener listener) {
    Ppo ppo = new Ppo(policy, value, config, combination);
    // 1. collect N·T steps with the current policy; 2-4. GAE, then K epochs of clipped
    // minibatch steps (update)
    return OnPolicyLoop.run(NAME, config, sampler, policy, value, config.seed(),
        config.iterations(), p -> sampler.collect(p, config.stepsPerEnv()), ppo::update,
        listener);
  }

  /**
   * One PPO update on a batch collected by the current policy: GAE, then epochs of shuffled
   * minibatch steps.
   *
   * @param batch the experience, with log π_old recorded. Not modified.
   * @param iteration the iteration number for metrics and error messages
   */
  public UpdateStats.PpoClip update(Batch batch, long iteration) {
    int n = batch.size();
    ensure(n);
    int d = batch.observationDim();
    // 2. value predictions V(s_t) and V(s'_t)
    learner.values(batch.observations(), n, d, values);
    learner.values(batch.nextObservations(), n, d, nextValues);
    // 3. advantages and value targets
    Gae.advantages(batch, values, nextValues, config.gamma(), config.lambda(), advantages);
    Gae.valueTargets(advantages, values, targets);
    // 4. K epochs over shuffled minibatches
    int mb = Math.min(config.minibatchSize(), n);
    double pl = 0;
    double vl = 0;
    double ent = 0;
    double kl = 0;
    double cf = 0;
    double cos = 0;
    double conflict = 0;
    int stepsWithPairs = 0;
    int stepsTaken = 0;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      for (int i = 0; i < n; i++) {
        perm[i] = i;
      }
      shuffleRng.shuffle(perm);
      for (int lo = 0; lo < n; lo += mb) {
        int hi = Math.min(n, lo + mb);
        learner.resize(hi - lo, d, batch.actionDim());
        if (learner.perTask()) {
          learner.groupByTask(batch.tasks(), perm, lo, hi);
        }
        for (int k = lo; k < hi; k++) {
          learner.gather(batch, perm[k], learner.destination(k - lo), advantages, targets,
              values);
        }
        if (config.normalizeAdvantages()) {
          learner.normalizeAdvantages();
        }
        ActorCriticLearner.StepStats s = learner.step(iteration,
            ActorCriticLearner.Objective.PPO_CLIP, config.clipRatio(), config.valueClip());
        pl += s.policyLoss();
        vl += s.valueLoss();
        ent += s.entropy();
        kl += s.approxKl();
        cf += s.clipFraction();
        if (!Double.isNaN(s.gradientCosine())) {
          cos += s.gradientCosine();
          conflict += s.conflictFraction();
          stepsWithPairs++;
        }
        stepsTaken++;
      }
    }
    double nan = Double.NaN;
    return new UpdateStats.PpoClip(pl / stepsTaken, vl / stepsTaken, ent / stepsTaken,
        kl / stepsTaken, cf / stepsTaken, stepsTaken,
        stepsWithPairs == 0 ? nan : cos / stepsWithPairs,
        stepsWithPairs == 0 ? nan : conflict / stepsWithPairs);
  }

  /** The policy being trained. */
  public Policy policy() {
    return learner.policy;
  }

  /** The value network being trained. */
  public Module value() {
    return learner.value;
  }

  private void ensure(int n) {
    if (perm.length != n) {
      perm = new int[n];
      values = new double[n];
      nextValues = new double[n];
      advantages = new double[n];
      targets = new double[n];
    }
  }
}
