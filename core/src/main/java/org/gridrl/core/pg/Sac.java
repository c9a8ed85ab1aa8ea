package org.gridrl.core.pg;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.env.Box;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * Soft actor-critic (Haarnoja et al. 2018, "Soft Actor-Critic: Off-Policy Maximum Entropy Deep
 * RL with a Stochastic Actor"; automatic temperature from Haarnoja et al. 2018b, "Soft
 * Actor-Critic Algorithms and Applications"), maximising Σ_t γ^t (r_t + α H(π(·|s_t))).
 *
 * <p>Each environment step: (1) act, uniformly at random in the action box for the first
 * {@code learningStarts} steps, then a ~ π(·|s); (2) step the environment and store
 * (s, a, r, s', d) in a {@link ReplayBuffer}; (3) after the warm-up, one update on a minibatch
 * drawn uniformly from the buffer ({@code SacLearner}, the losses of {@link PgLosses}), its
 * rewards first recomputed by a {@link ReplayReward} when one is given (a reward that changes
 * during training, as AIRL's and GAIL's do, is computed at replay and never read from the
 * buffer):
 * <ol>
 *   <li><b>critics</b>: a' ~ π(·|s') (reparameterised, {@link TanhGaussianPolicy}),
 *       y = r + γ(1 − d)(min_i Q_targ,i(s', a') − α log π(a'|s')) ({@link PgLosses#softTarget}, a
 *       constant), and each L_Qi = ½ mean_B (Q_i(s, a) − y)² ({@link PgLosses#valueMse}) is
 *       minimised by Adam;
 *   <li><b>actor</b>: ã ~ π(·|s) reparameterised, L_π = mean_B (α log π(ã|s) − min_i Q_i(s, ã))
 *       ({@link PgLosses#sacActor}) with the critics held fixed;
 *   <li><b>temperature</b> (if {@code autotune}): J(log α) = −log α · mean_B (log π(ã|s) + H̄)
 *       ({@link PgLosses#sacTemperature}) with target entropy H̄ = −dim(A), one Adam step on
 *       log α;
 *   <li><b>targets</b>: θ_targ,i ← (1 − ρ)θ_targ,i + ρθ_i ({@link org.gridrl.core.optim.Polyak},
 *       ρ = {@code polyak});
 * </ol>
 * and (4), if an {@link Evaluation} is given, every {@code every} steps and after the last, the
 * return of one episode of the deterministic policy. Implementation details follow CleanRL's
 * {@code sac_continuous_action.py}: the actor's bounded log σ, critics on the concatenation
 * [s, a], actions in (−1, 1)^d inside the learner mapped affinely onto the environment's
 * {@link Box} ({@link TanhGaussianPolicy}); only <em>terminated</em> stops the bootstrap (a
 * time-limit truncation does not).
 *
 * <p>Metrics ({@link #METRICS}; iteration = environment step): {@value Metrics#EPISODIC_RETURN}
 * and {@value Metrics#EPISODIC_LENGTH} when an episode ends; {@value Metrics#Q1_LOSS},
 * {@value Metrics#Q2_LOSS}, {@value Metrics#POLICY_LOSS}, {@value Metrics#ALPHA_LOSS},
 * {@value Metrics#ALPHA}, {@value Metrics#Q1_MEAN}, {@value Metrics#ENTROPY} (−mean log π) every
 * {@code logEvery} steps once updates run; {@value Metrics#EVAL_RETURN} at evaluations. A NaN or
 * infinite loss or gradient stops training with an {@link ArithmeticException} naming the step
 * and the quantity.
 *
 * <p>All randomness comes from {@code config.seed()}: network initialisation (stream 0),
 * warm-up actions (1), episode reset seeds (2), minibatch indices (3) and the Gaussian noise of
 * acting and updating (4) are separate forks of one {@link Rng}, so a run is reproducible and
 * independent of other threads. After the first update a training step allocates nothing (0
 * bytes per step, measured by {@code SacAllocationTest} through {@link #run}): the tapes with
 * their pooled tensors, the minibatch, the noise, the targets, the parameter and gradient
 * lists, the distributions and their samples, and the statistics holder are all reused; only
 * what the environment allocates in {@code step} and {@code reset} remains (the {@link Step}
 * record, at least), plus, in {@link #train}, the history's row at each reported step, an
 * evaluation's episode, and whatever a {@link ReplayReward} allocates. Not thread-safe: one
 * instance per thread.
 */
public final class Sac {

  /** The algorithm's name in error messages and in its results' provenance. */
  public static final String NAME = "SAC";

  /** The metrics {@link #train} reports (the last only with an {@link Evaluation}). */
  public static final List<String> METRICS = Stream.of(
      List.of(Metrics.EPISODIC_RETURN, Metrics.EPISODIC_LENGTH), SacLearner.Stats.KEYS,
      List.of(Metrics.EVAL_RETURN)).flatMap(List::stream).toList();

  /**
   * When and how to evaluate the deterministic policy during training: after every
   * {@code every}-th step and after the last, one episode of x = c + h ⊙ tanh(μ(s)) on
   * {@code env}, reset with {@code resetSeed} and cut after {@code maxSteps} steps; its
   * undiscounted return is reported as {@value Metrics#EVAL_RETURN}. The evaluation draws no
   * random number, so it does not change the training run.
   *
   * @param env the evaluation environment, not the training one. Modified (reset and stepped).
   * @param every evaluate after every this many environment steps, ≥ 1
   * @param resetSeed the seed of every evaluation episode's reset
   * @param maxSteps the episode is cut after this many steps, ≥ 1
   */
  public record Evaluation(Env<double[], double[]> env, int every, long resetSeed,
      int maxSteps) {

    /** Validates. */
    public Evaluation {
      Check.notNull("env", env);
      Check.positive("every", every);
      Check.positive("maxSteps", maxSteps);
    }

    /** The undiscounted return of one episode of {@code policy}'s deterministic action. */
    public double episodeReturn(TanhGaussianPolicy policy) {
      double[] o = env.reset(resetSeed);
      double ret = 0;
      for (int t = 0; t < maxSteps; t++) {
        Step<double[]> s = env.step(policy.deterministicAction(o));
        ret += s.reward();
        if (s.done()) {
          break;
        }
        o = s.observation();
      }
      return ret;
    }
  }

  private final Env<double[], double[]> env;
  private final SacConfig config;
  private final TanhGaussianPolicy policy;
  private final SacLearner learner;
  private final ReplayBuffer buffer;
  private final ReplayBuffer.Minibatch batch;
  private final ReplayReward replayReward;
  private final Rng explorationRng;
  private final Rng resetRng;
  private final Rng batchRng;
  private final Rng noiseRng;
  private final DMatrixRMaj epsOne;
  private final double[] unitAction;
  private final double[] envAction;

  private long step;
  private double[] obs;
  private double episodeReturn;
  private int episodeLength;
  private double lastEpisodicReturn = Double.NaN;
  private long startNanos = -1;

  /**
   * A learner for {@code env} with freshly initialised networks.
   *
   * @param env an environment with a {@link Box} observation space and a bounded {@link Box}
   *     action space. Modified (reset and stepped) by {@link #run}.
   * @param config hyperparameters and seed
   */
  public Sac(Env<double[], double[]> env, SacConfig config) {
    this(env, config, null);
  }

  /**
   * A learner for {@code env} with freshly initialised networks whose updates read the rewards
   * {@code replayReward} writes into each sampled minibatch instead of the stored ones (null:
   * the stored ones, as {@link #Sac(Env, SacConfig)}). It is called once per update, after the
   * minibatch is drawn, so it draws no random number of SAC's and a run with it differs from
   * one without only through the rewards.
   *
   * @param env an environment with a {@link Box} observation space and a bounded {@link Box}
   *     action space. Modified (reset and stepped) by {@link #run}.
   * @param config hyperparameters and seed
   * @param replayReward the reward of replayed transitions, or null. Called by {@link #run}.
   */
  public Sac(Env<double[], double[]> env, SacConfig config, ReplayReward replayReward) {
    if (!(env.observationSpace() instanceof Box) || !(env.actionSpace() instanceof Box)) {
      throw new IllegalArgumentException("SAC needs Box observation and action spaces, got "
          + env.observationSpace() + " and " + env.actionSpace());
    }
    Box actions = (Box) env.actionSpace();
    int obsDim = ((Box) env.observationSpace()).dim();
    int actDim = actions.dim();
    this.env = env;
    this.config = config;
    this.replayReward = replayReward;
    Rng root = new Rng(config.seed());
    Rng init = root.fork(0);
    this.explorationRng = root.fork(1);
    this.resetRng = root.fork(2);
    this.batchRng = root.fork(3);
    this.noiseRng = root.fork(4);
    this.policy = TanhGaussianPolicy.mlp(obsDim, actions, config.hiddenWidth(),
        config.hiddenLayers(), config.logStdMin(), config.logStdMax(), init);
    this.learner = new SacLearner(config, policy, init);
    this.buffer = new ReplayBuffer(config.bufferCapacity(), obsDim, actDim);
    this.batch = new ReplayBuffer.Minibatch(config.batchSize(), obsDim, actDim);
    this.epsOne = new DMatrixRMaj(1, actDim);
    this.unitAction = new double[actDim];
    this.envAction = new double[actDim];
  }

  /**
   * Trains a fresh SAC learner for {@code config.totalSteps()} environment steps.
   *
   * @param env the training environment (Box observations, bounded Box actions). Modified.
   * @param listener receives the metrics of {@link #METRICS}
   * @return the trained policy and critics, the history and the provenance
   * @throws ArithmeticException if a loss or gradient is NaN or infinite
   */
  public static PgResult train(Env<double[], double[]> env, SacConfig config,
      TrainingListener listener) {
    return train(env, config, null, listener);
  }

  /**
   * {@link #train(Env, SacConfig, TrainingListener)} evaluating the deterministic policy as
   * {@code evaluation} says (null: never).
   */
  public static PgResult train(Env<double[], double[]> env, SacConfig config,
      Evaluation evaluation, TrainingListener listener) {
    MetricsRecorder history = new MetricsRecorder();
    Sac sac = new Sac(env, config);
    sac.run(config.totalSteps(), evaluation, TrainingListener.tee(history, listener));
    return new PgResult(sac.policy, List.of(sac.q1(), sac.q2()), config.totalSteps(), sac.step,
        sac.lastEpisodicReturn, history.history(), true,
        Provenance.of(NAME.toLowerCase(Locale.ROOT), config, config.seed()));
  }

  /**
   * Runs {@code steps} more environment steps (and their updates), continuing any episode in
   * progress; the first call resets the environment. Chunked calls give the numbers of one call.
   *
   * @param steps number of environment steps, ≥ 0
   * @param listener receives the metrics listed in the class comment
   * @throws ArithmeticException if a loss or gradient is NaN or infinite
   */
  public void run(long steps, TrainingListener listener) {
    run(steps, null, listener);
  }

  /**
   * {@link #run(long, TrainingListener)} with evaluations after every {@code evaluation.every()}
   * steps and after step {@code config.totalSteps()} (null: none).
   */
  public void run(long steps, Evaluation evaluation, TrainingListener listener) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + steps);
    }
    if (startNanos < 0) {
      startNanos = System.nanoTime();
    }
    if (obs == null) {
      obs = env.reset(resetRng.nextLong());
    }
    for (long k = 0; k < steps; k++) {
      step(evaluation, listener);
    }
  }

  /** One environment step and, after the warm-up, one update. */
  private void step(Evaluation evaluation, TrainingListener listener) {
    step++;
    boolean learning = step > config.learningStarts();
    // 1. act: uniform in [−1, 1]^d during the warm-up, then ã = tanh(μ + σε), ε ~ N(0, I)
    if (learning) {
      for (int i = 0; i < unitAction.length; i++) {
        epsOne.data[i] = noiseRng.nextGaussian();
      }
      policy.sampleUnit(obs, epsOne, unitAction);
    } else {
      for (int i = 0; i < unitAction.length; i++) {
        unitAction[i] = explorationRng.nextDouble(-1, 1);
      }
    }
    // 2. step the environment with the action mapped onto its box; store the unit action
    policy.toEnvironment(unitAction, envAction);
    Step<double[]> s = env.step(envAction);
    buffer.add(obs, unitAction, s.reward(), s.observation(), s.terminated());
    boolean logged = endOfEpisode(s, listener);
    // 3. one update: critics, actor, temperature, targets (on recomputed rewards, if asked)
    if (learning) {
      buffer.sample(batchRng, batch);
      if (replayReward != null) {
        replayReward.relabel(batch, policy, step);
      }
      SacLearner.Stats stats = learner.update(batch, noiseRng, step);
      if (step % config.logEvery() == 0) {
        stats.report(listener, step);
        logged = true;
      }
    }
    // 4. evaluation of the deterministic policy
    if (evaluation != null && (step % evaluation.every() == 0 || step == config.totalSteps())) {
      listener.onScalar(step, Metrics.EVAL_RETURN, evaluation.episodeReturn(policy));
      logged = true;
    }
    if (logged) {
      listener.onIterationEnd(step, (System.nanoTime() - startNanos) * 1e-9);
    }
  }

  /**
   * Adds the step to the episode's return and length; when the episode ended, reports them and
   * resets the environment. Returns whether it reported.
   */
  private boolean endOfEpisode(Step<double[]> s, TrainingListener listener) {
    episodeReturn += s.reward();
    episodeLength++;
    if (!s.done()) {
      obs = s.observation();
      return false;
    }
    listener.onScalar(step, Metrics.EPISODIC_RETURN, episodeReturn);
    listener.onScalar(step, Metrics.EPISODIC_LENGTH, episodeLength);
    lastEpisodicReturn = episodeReturn;
    episodeReturn = 0;
    episodeLength = 0;
    obs = env.reset(resetRng.nextLong());
    return true;
  }

  /** The configuration. */
  public SacConfig config() {
    return config;
  }

  /** Environment steps taken so far. */
  public long steps() {
    return step;
  }

  /** The current temperature α = exp(log α). */
  public double alpha() {
    return learner.alpha();
  }

  /** The policy being trained (its actor s ↦ [μ, raw log σ] is {@code policy().network()}). */
  public TanhGaussianPolicy policy() {
    return policy;
  }

  /** The first critic Q₁(s, a) on [s, a]. */
  public Mlp q1() {
    return learner.q1();
  }

  /** The second critic Q₂(s, a). */
  public Mlp q2() {
    return learner.q2();
  }

  /** The target copy of Q₁. */
  public Mlp q1Target() {
    return learner.q1Target();
  }

  /** The target copy of Q₂. */
  public Mlp q2Target() {
    return learner.q2Target();
  }

  /** The replay buffer (actions stored in (−1, 1)^d, before the map onto the action box). */
  public ReplayBuffer buffer() {
    return buffer;
  }
}
