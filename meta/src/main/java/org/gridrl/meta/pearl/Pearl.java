package org.gridrl.meta.pearl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.env.Box;
import org.gridrl.core.env.Discrete;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Space;
import org.gridrl.core.env.Step;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.pg.CategoricalPolicy;
import org.gridrl.core.pg.DiscreteSacLearner;
import org.gridrl.core.pg.ReplayBuffer;
import org.gridrl.core.pg.SacConfig;
import org.gridrl.core.pg.SacLearner;
import org.gridrl.core.pg.TanhGaussianPolicy;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * PEARL, probabilistic embeddings for actor-critic RL (Rakelly et al. 2019, Algorithm 1): a
 * context encoder infers q_φ(z|c) = Π_n N(μ_φ(c_n), diag σ²_φ(c_n)) from a task's transitions,
 * and SAC acts and learns on [s | z]. The encoder is trained through the critics' loss and an
 * information bottleneck,
 * L_enc(φ) = L_Q(z) + β Σ_tasks KL(q_φ(z|c) ‖ N(0, I)), z = μ + σ ⊙ ε,
 * where L_Q = mean (Q₁ − y)² + mean (Q₂ − y)² as the authors write it (twice core's
 * ½-weighted critic loss). The actor and the targets see z held fixed.
 *
 * <p>One iteration: (1) data: on the first iteration {@code initialSteps} transitions of every
 * training task with z from the prior; then, for {@code tasksPerIteration} tasks drawn
 * uniformly, the task's encoder buffer is cleared and {@code stepsPrior} transitions are
 * collected with z from the prior, {@code stepsPosterior} with z from the posterior of context
 * drawn from the encoder buffer (re-inferred after every trajectory), and {@code
 * extraRlStepsPosterior} likewise but kept out of the encoder buffer (whole trajectories of
 * {@code maxPathLength} steps, z redrawn after each); (2) {@code trainStepsPerIteration}
 * gradient steps, each on {@code metaBatch} tasks drawn uniformly with replacement: per task,
 * {@code embeddingBatchSize} context transitions from its encoder buffer give q(z|c) and z,
 * {@code batchSize} transitions from its RL buffer get s ← [s | z], s' ← [s' | z], r ← c·r;
 * one update of {@code core.pg.SacLearner} (critics, actor, targets; α = 1 fixed, so the reward
 * scale c plays the temperature's part as in the authors' SAC) returns ∂L_Q/∂s, whose z columns
 * summed over the task's rows are ∂L_Q/∂z_t; the encoder's Adam step then follows
 * ∇_φ [Σ_t ⟨2 ∂L_Q^core/∂z_t, z_t⟩ + β Σ_t KL_t], the chain rule through z.
 *
 * <p>Discrete actions ({@link #trainDiscrete}, {@link #evaluateDiscrete}; HiddenGoalGrid): the
 * same loop with {@code core.pg.DiscreteSacLearner} (Christodoulou 2019: the critics give
 * Q(s, z, ·) for every action, y = c·r + γ(1 − d) Σ_a π(a|s', z)[min_i Q_targ,i(s', z, a) −
 * log π(a|s', z)], the actor minimises Σ_a π(a|s, z)[log π(a|s, z) − min_i Q_i(s, z, a)],
 * α = 1) and a categorical policy; a transition's row, in both buffers and in the context, is
 * [s | onehot(a) | r (| s')]; the learner's minibatch gets the action's index. At test time the
 * discrete agent acts greedily (argmax_a π(a|s, z)), as the continuous one acts with tanh(μ).
 *
 * <p>Reference: katerakelly/oyster {@code rlkit/core/rl_algorithm.py} ({@code train}, {@code
 * collect_data}), {@code rlkit/torch/sac/sac.py} ({@code PEARLSoftActorCritic._take_step}: the
 * encoder's gradient from the Q loss and {@code kl_lambda}·KL, the actor and value function on
 * z detached), {@code rlkit/torch/sac/agent.py}. Departures: core's SAC (twin Q with target
 * critics, no state-value network V, a bounded log σ, no policy mean/std regularisers) instead
 * of the authors' SAC with V; per-task ring buffers of {@code bufferCapacity} transitions (the
 * authors' hold 10⁶, which on their budgets is never overwritten).
 *
 * <p>Metrics per iteration ({@link #METRICS}): {@value #KL} (Σ over the last gradient step's
 * tasks), {@value #Z_VARIANCE} and {@value #Z_MEAN_ABS} (mean over dimensions of the first such
 * task's q), {@value #COLLECT_RETURN} (mean return of the iteration's collected trajectories),
 * {@value #STEPS} (environment steps so far), and the last update's SAC statistics
 * ({@code SacLearner.Stats.KEYS}). All randomness comes from {@code config.seed()} through
 * {@link Rng#fork}: same seed, same numbers.
 */
public final class Pearl {

  /** The algorithm's name in provenance and error messages. */
  public static final String NAME = "pearl";
  /** Σ_t KL(q(z|c_t) ‖ N(0, I)) of the last gradient step. */
  public static final String KL = "pearl/kl";
  /** Mean σ² of the last gradient step's first task. */
  public static final String Z_VARIANCE = "pearl/z_variance";
  /** Mean |μ| of the last gradient step's first task. */
  public static final String Z_MEAN_ABS = "pearl/z_mean_abs";
  /** Mean undiscounted return of the trajectories collected in the iteration. */
  public static final String COLLECT_RETURN = "pearl/collect_return";
  /** Environment steps so far. */
  public static final String STEPS = "pearl/steps";
  /** Every key {@link #train} reports. */
  public static final List<String> METRICS = Stream.concat(
      Stream.of(KL, Z_VARIANCE, Z_MEAN_ABS, COLLECT_RETURN, STEPS),
      SacLearner.Stats.KEYS.stream()).toList();

  private Pearl() {}

  /**
   * {@link #train(List, ToDoubleBiFunction, PearlConfig, TrainingListener)} with the
   * environment's reward for the critics too.
   */
  public static <E extends Env<double[], double[]>> PearlResult train(List<E> tasks,
      PearlConfig config, TrainingListener listener) {
    return train(tasks, null, config, listener);
  }

  /**
   * Meta-trains on the training tasks.
   *
   * @param tasks one environment per training task (Box observations, the same bounded Box
   *     actions). Modified (reset and stepped).
   * @param criticReward the reward the critics learn from, given the task's environment and the
   *     step (the authors' critics see the dense reward while the encoder sees the sparse one,
   *     {@code sparse_rewards}); null for the step's reward
   * @param config the settings and seed
   * @param listener receives {@link #METRICS} every iteration (null for none)
   * @return the agent (encoder and policy), the critics, history and provenance
   */
  public static <E extends Env<double[], double[]>> PearlResult train(List<E> tasks,
      ToDoubleBiFunction<? super E, Step<double[]>> criticReward, PearlConfig config,
      TrainingListener listener) {
    return train(tasks, criticReward, config, listener, null);
  }

  /**
   * {@link #train(List, ToDoubleBiFunction, PearlConfig, TrainingListener)} that hands the agent
   * being trained to {@code afterIteration} after every iteration (after the listener's
   * {@code onIterationEnd}), e.g. to evaluate it on held-out tasks as training goes. The
   * callback may change the agent's belief and z (every collection starts from the prior
   * again) but not its networks; it runs on the training thread and leaves the training's
   * numbers unchanged.
   *
   * @param afterIteration receives (the agent, iteration 1..N); null for none
   */
  public static <E extends Env<double[], double[]>> PearlResult train(List<E> tasks,
      ToDoubleBiFunction<? super E, Step<double[]>> criticReward, PearlConfig config,
      TrainingListener listener, ObjIntConsumer<PearlAgent> afterIteration) {
    Check.notNull("tasks", tasks);
    Check.notEmpty("tasks", tasks);
    Check.notNull("config", config);
    return train(new Run<E, double[]>(tasks, criticReward, config, false), listener,
        afterIteration);
  }

  /**
   * {@link #trainDiscrete(List, ToDoubleBiFunction, PearlConfig, TrainingListener)} with the
   * environment's reward for the critics too.
   */
  public static <E extends Env<double[], Integer>> PearlResult trainDiscrete(List<E> tasks,
      PearlConfig config, TrainingListener listener) {
    return trainDiscrete(tasks, null, config, listener);
  }

  /**
   * Meta-trains on training tasks with discrete actions: {@link #train} with SAC for discrete
   * actions ({@code core.pg.DiscreteSacLearner}, Christodoulou 2019) on [s | z] and a
   * categorical policy ({@link PearlAgent#actDiscrete}); the replay and context rows hold the
   * action one-hot, [s | onehot(a) | r (| s')], the critics' minibatch its index.
   *
   * @param tasks one environment per training task (Box observations, the same Discrete
   *     actions). Modified (reset and stepped).
   * @param criticReward the reward the critics learn from; null for the step's reward
   * @param config the settings and seed
   * @param listener receives {@link #METRICS} every iteration (null for none)
   * @return the agent (encoder and categorical policy), the critics, history and provenance
   */
  public static <E extends Env<double[], Integer>> PearlResult trainDiscrete(List<E> tasks,
      ToDoubleBiFunction<? super E, Step<double[]>> criticReward, PearlConfig config,
      TrainingListener listener) {
    Check.notNull("tasks", tasks);
    Check.notEmpty("tasks", tasks);
    Check.notNull("config", config);
    return train(new Run<E, Integer>(tasks, criticReward, config, true), listener, null);
  }

  private static <E extends Env<double[], A>, A> PearlResult train(Run<E, A> run,
      TrainingListener listener, ObjIntConsumer<PearlAgent> afterIteration) {
    PearlConfig config = run.config;
    List<E> tasks = run.tasks;
    MetricsRecorder history = new MetricsRecorder();
    TrainingListener out = listener == null ? history : TrainingListener.tee(history, listener);
    long start = System.nanoTime();
    for (int it = 1; it <= config.iterations(); it++) {
      run.returnSum = 0;
      run.returnCount = 0;
      // 1. data
      if (it == 1) {
        for (int k = 0; k < tasks.size(); k++) {
          run.collect(k, config.initialSteps(), false, true);
        }
      }
      for (int i = 0; i < config.tasksPerIteration(); i++) {
        int k = run.taskRng.nextInt(tasks.size());
        run.encoderBuffers.get(k).clear();
        run.collect(k, config.stepsPrior(), false, true);
        run.collect(k, config.stepsPosterior(), true, true);
        run.collect(k, config.extraRlStepsPosterior(), true, false);
      }
      // 2. gradient steps
      SacLearner.Stats stats = null;
      for (int g = 0; g < config.trainStepsPerIteration(); g++) {
        stats = run.gradientStep((long) (it - 1) * config.trainStepsPerIteration() + g + 1);
      }
      out.onScalar(it, KL, run.lastKl);
      out.onScalar(it, Z_VARIANCE, run.lastZVariance);
      out.onScalar(it, Z_MEAN_ABS, run.lastZMeanAbs);
      out.onScalar(it, COLLECT_RETURN,
          run.returnCount == 0 ? Double.NaN : run.returnSum / run.returnCount);
      out.onScalar(it, STEPS, run.environmentSteps);
      stats.report(out, it);
      out.onIterationEnd(it, (System.nanoTime() - start) * 1e-9);
      if (afterIteration != null) {
        afterIteration.accept(run.agent, it);
      }
    }
    return new PearlResult(run.agent, run.critics, config.iterations(), run.environmentSteps,
        history.history(), Provenance.of(NAME, config, config.seed()));
  }

  /**
   * Test-time posterior sampling on new tasks (Rakelly et al. 2019, §4.3; the authors' {@code
   * collect_paths}): per task, the belief starts at the prior; trajectory after trajectory the
   * agent acts deterministically with its z, the transitions are added to the task's context,
   * z is redrawn, and from the {@code explorationTrajectories}-th trajectory on the belief is
   * q(z|c) of all the context so far. Nothing is learned.
   *
   * @param agent the trained agent. Its belief and z are changed.
   * @param tasks the evaluation tasks. Modified (reset and stepped).
   * @param trajectories trajectories per task, ≥ 1
   * @param maxPathLength steps per trajectory, ≥ 1
   * @param explorationTrajectories trajectories before the first inference, ≥ 1
   * @param seed the stream of z (and of the environments' reset seeds)
   * @return the undiscounted return of every trajectory of every task
   */
  public static PearlEvaluation evaluate(PearlAgent agent,
      List<? extends Env<double[], double[]>> tasks, int trajectories, int maxPathLength,
      int explorationTrajectories, long seed) {
    double[] action = new double[agent.encoder().actionDim()];
    return evaluate(agent, tasks, (s, row) -> {
      agent.act(s, null, row);
      agent.policy().toEnvironment(row, action);
      return action;
    }, trajectories, maxPathLength, explorationTrajectories, seed);
  }

  /**
   * {@link #evaluate} for a discrete agent ({@link PearlAgent#discrete()}): it acts greedily,
   * the most probable action under π(·|s, z), and its context rows hold the action one-hot.
   *
   * @param agent the trained discrete agent. Its belief and z are changed.
   * @param tasks the evaluation tasks. Modified (reset and stepped).
   * @param trajectories trajectories per task, ≥ 1
   * @param maxPathLength steps per trajectory, ≥ 1
   * @param explorationTrajectories trajectories before the first inference, ≥ 1
   * @param seed the stream of z (and of the environments' reset seeds)
   * @return the undiscounted return of every trajectory of every task
   */
  public static PearlEvaluation evaluateDiscrete(PearlAgent agent,
      List<? extends Env<double[], Integer>> tasks, int trajectories, int maxPathLength,
      int explorationTrajectories, long seed) {
    agent.categoricalPolicy();
    return evaluate(agent, tasks, (s, row) -> oneHot(agent.actDiscrete(s, null), row),
        trajectories, maxPathLength, explorationTrajectories, seed);
  }

  /** Acting: the environment's action for s with the agent's z; its row form into row. */
  private interface Acting<A> {
    A act(double[] s, double[] row);
  }

  private static <A> PearlEvaluation evaluate(PearlAgent agent,
      List<? extends Env<double[], A>> tasks, Acting<A> acting, int trajectories,
      int maxPathLength, int explorationTrajectories, long seed) {
    Check.notEmpty("tasks", tasks);
    Check.positive("trajectories", trajectories);
    Check.positive("maxPathLength", maxPathLength);
    Check.positive("explorationTrajectories", explorationTrajectories);
    Rng root = new Rng(seed);
    Rng zRng = root.fork(0);
    Rng resetRng = root.fork(1);
    ContextEncoder enc = agent.encoder();
    int width = enc.inputDim();
    double[][] returns = new double[tasks.size()][trajectories];
    double[] row = new double[enc.actionDim()];
    for (int k = 0; k < tasks.size(); k++) {
      Env<double[], A> env = tasks.get(k);
      DMatrixRMaj context = new DMatrixRMaj(trajectories * maxPathLength, width);
      int rows = 0;
      agent.clearZ();
      agent.sampleZ(zRng);
      for (int n = 0; n < trajectories; n++) {
        double[] s = env.reset(resetRng.nextLong());
        double ret = 0;
        for (int t = 0; t < maxPathLength; t++) {
          Step<double[]> step = env.step(acting.act(s, row));
          enc.encode(s, row, step.reward(), step.observation(), context.data, rows * width);
          rows++;
          ret += step.reward();
          if (step.done()) {
            break;
          }
          s = step.observation();
        }
        returns[k][n] = ret;
        agent.sampleZ(zRng);
        if (n + 1 >= explorationTrajectories) {
          DMatrixRMaj seen = new DMatrixRMaj(rows, width);
          System.arraycopy(context.data, 0, seen.data, 0, rows * width);
          agent.inferPosterior(seen, zRng);
        }
      }
    }
    return new PearlEvaluation(returns);
  }

  /** Writes the one-hot of action a into row and returns a. */
  static Integer oneHot(int a, double[] row) {
    java.util.Arrays.fill(row, 0.0);
    row[a] = 1.0;
    return a;
  }

  /** The state of one training run: networks, optimisers, buffers, streams and scratch. */
  private static final class Run<E extends Env<double[], A>, A> {

    final List<E> tasks;
    final ToDoubleBiFunction<? super E, Step<double[]>> criticReward;
    final PearlConfig config;
    final boolean discrete;
    final int obsDim;
    /** The action's width in the replay and context rows: |a|, or |A| one-hot. */
    final int actDim;
    /** The action's width in the learner's minibatch: |a|, or 1 (the index). */
    final int learnerActDim;
    final int latentDim;
    final ContextEncoder encoder;
    final PearlAgent agent;
    final Acting<A> acting;
    final Learner learner;
    final List<Mlp> critics;
    final Adam encoderOptimizer;
    final List<ReplayBuffer> rlBuffers = new ArrayList<>();
    final List<ReplayBuffer> encoderBuffers = new ArrayList<>();
    final Rng taskRng;
    final Rng collectRng;
    final Rng batchRng;
    final Rng updateNoise;
    final Rng zRng;
    final Rng resetRng;
    // gradient-step scratch
    final Tape tape = new Tape();
    final ReplayBuffer.Minibatch contextBatch;
    final ReplayBuffer.Minibatch rlBatch;
    final ReplayBuffer.Minibatch joint;
    final DMatrixRMaj[] contexts;
    final DMatrixRMaj[] zGrads;
    final DMatrixRMaj observationGradient;
    final List<Tensor> encoderParams = new ArrayList<>();
    final List<Tensor> grads = new ArrayList<>();
    final List<DMatrixRMaj> gradValues = new ArrayList<>();
    final double[] unit;
    final double[] rowS;
    final double[] rowA;
    final double[] rowNext;
    long environmentSteps;
    double returnSum;
    int returnCount;
    double lastKl = Double.NaN;
    double lastZVariance = Double.NaN;
    double lastZMeanAbs = Double.NaN;

    @SuppressWarnings("unchecked")
    Run(List<E> tasks, ToDoubleBiFunction<? super E, Step<double[]>> criticReward,
        PearlConfig config, boolean discrete) {
      this.tasks = tasks;
      this.criticReward = criticReward;
      this.config = config;
      this.discrete = discrete;
      Env<double[], A> first = tasks.get(0);
      Space actions = first.actionSpace();
      if (!(first.observationSpace() instanceof Box obsBox)
          || !(discrete ? actions instanceof Discrete : actions instanceof Box)) {
        throw new IllegalArgumentException("PEARL needs a Box observation space and "
            + (discrete ? "a Discrete" : "a Box") + " action space, got "
            + first.observationSpace() + " and " + actions);
      }
      for (E e : tasks) {
        if (!e.actionSpace().equals(actions) || !e.observationSpace().equals(obsBox)) {
          throw new IllegalArgumentException("task environments differ in spaces: "
              + e.observationSpace() + "/" + e.actionSpace() + " and " + obsBox + "/" + actions);
        }
      }
      this.obsDim = obsBox.dim();
      this.actDim = discrete ? ((Discrete) actions).n() : ((Box) actions).dim();
      this.learnerActDim = discrete ? 1 : actDim;
      this.latentDim = config.latentDim();
      Rng root = new Rng(config.seed());
      int[] hidden = new int[config.encoderLayers()];
      java.util.Arrays.fill(hidden, config.encoderWidth());
      this.encoder = new ContextEncoder(obsDim, actDim, config.withNextObservation(), latentDim,
          hidden, root.fork(0));
      // fork(k) does not advance root: the streams are the same in any order
      this.taskRng = root.fork(2);
      this.collectRng = root.fork(3);
      this.batchRng = root.fork(4);
      this.updateNoise = root.fork(5);
      this.zRng = root.fork(6);
      this.resetRng = root.fork(7);
      SacConfig sac = sacConfig(config);
      Rng init = root.fork(1);
      if (discrete) {
        CategoricalPolicy policy = categoricalPolicy(config, obsDim, actDim, init);
        DiscreteSacLearner sacLearner = new DiscreteSacLearner(sac, policy, init);
        this.agent = new PearlAgent(encoder, policy);
        this.acting = (Acting<A>) (Acting<Integer>) (s, row) ->
            oneHot(agent.actDiscrete(s, collectRng), row);
        this.learner = (batch, noise, step, grad) -> sacLearner.update(batch, step, grad);
        this.critics = List.of(sacLearner.q1(), sacLearner.q2());
      } else {
        TanhGaussianPolicy policy = TanhGaussianPolicy.mlp(obsDim + latentDim, (Box) actions,
            sac.hiddenWidth(), sac.hiddenLayers(), sac.logStdMin(), sac.logStdMax(), init);
        SacLearner sacLearner = new SacLearner(sac, policy, init);
        this.agent = new PearlAgent(encoder, policy);
        double[] action = new double[actDim];
        this.acting = (Acting<A>) (Acting<double[]>) (s, row) -> {
          agent.act(s, collectRng, row);
          policy.toEnvironment(row, action);
          return action;
        };
        this.learner = sacLearner::update;
        this.critics = List.of(sacLearner.q1(), sacLearner.q2());
      }
      List<DMatrixRMaj> encoderValues = new ArrayList<>();
      for (Parameter p : encoder.parameters()) {
        encoderValues.add(p.value());
      }
      this.encoderOptimizer = new Adam(encoderValues,
          Adam.Config.defaults().withLearningRate(config.contextLearningRate()));
      for (int k = 0; k < tasks.size(); k++) {
        rlBuffers.add(new ReplayBuffer(config.bufferCapacity(), obsDim, actDim));
        encoderBuffers.add(new ReplayBuffer(config.bufferCapacity(), obsDim, actDim));
      }
      int t = config.metaBatch();
      this.contextBatch = new ReplayBuffer.Minibatch(config.embeddingBatchSize(), obsDim, actDim);
      this.rlBatch = new ReplayBuffer.Minibatch(config.batchSize(), obsDim, actDim);
      this.joint = new ReplayBuffer.Minibatch(t * config.batchSize(), obsDim + latentDim,
          learnerActDim);
      this.contexts = new DMatrixRMaj[t];
      this.zGrads = new DMatrixRMaj[t];
      for (int i = 0; i < t; i++) {
        contexts[i] = new DMatrixRMaj(config.embeddingBatchSize(), encoder.inputDim());
        zGrads[i] = new DMatrixRMaj(1, latentDim);
      }
      this.observationGradient = new DMatrixRMaj(t * config.batchSize(), obsDim + latentDim);
      this.unit = new double[actDim];
      this.rowS = new double[obsDim];
      this.rowA = new double[actDim];
      this.rowNext = new double[obsDim];
    }

    /**
     * The authors' {@code collect_data}: whole trajectories until at least {@code steps}
     * transitions, z from the prior at the start and redrawn after each trajectory; with
     * {@code posterior}, q(z|c) is re-inferred after each trajectory from context drawn from
     * the task's encoder buffer (while that buffer is empty, the prior stays).
     */
    void collect(int k, int steps, boolean posterior, boolean toEncoder) {
      E env = tasks.get(k);
      agent.clearZ();
      agent.sampleZ(collectRng);
      int n = 0;
      while (n < steps) {
        double[] s = env.reset(resetRng.nextLong());
        double ret = 0;
        for (int t = 0; t < config.maxPathLength(); t++) {
          Step<double[]> step = env.step(acting.act(s, unit));
          double rCritic = criticReward == null ? step.reward()
              : criticReward.applyAsDouble(env, step);
          rlBuffers.get(k).add(s, unit, rCritic, step.observation(), step.terminated());
          if (toEncoder) {
            encoderBuffers.get(k).add(s, unit, step.reward(), step.observation(),
                step.terminated());
          }
          n++;
          ret += step.reward();
          if (step.done()) {
            break;
          }
          s = step.observation();
        }
        returnSum += ret;
        returnCount++;
        agent.sampleZ(collectRng);
        if (posterior && encoderBuffers.get(k).size() > 0) {
          encoderBuffers.get(k).sample(batchRng, contextBatch);
          contextRows(contextBatch, contexts[0]);
          agent.inferPosterior(contexts[0], collectRng);
        }
      }
      environmentSteps += n;
    }

    /** One gradient step on {@code metaBatch} tasks: critics and actor, then the encoder. */
    SacLearner.Stats gradientStep(long step) {
      int tCount = config.metaBatch();
      int b = config.batchSize();
      tape.reset();
      encoder.bind(tape, encoderParams);
      Tensor[] z = new Tensor[tCount];
      Tensor klSum = null;
      for (int t = 0; t < tCount; t++) {
        int k = taskRng.nextInt(tasks.size());
        // q(z|c) from the task's encoder buffer, z = μ + σ ε
        encoderBuffers.get(k).sample(batchRng, contextBatch);
        contextRows(contextBatch, contexts[t]);
        LatentPosterior q = encoder.infer(tape, tape.constant(contexts[t]), encoderParams, 0);
        z[t] = q.rsample(tape, zRng);
        Tensor kl = q.klToPrior(tape);
        klSum = klSum == null ? kl : tape.add(klSum, kl);
        if (t == 0) {
          double[] v = q.varianceValues();
          double[] m = q.meanValues();
          double sv = 0;
          double sm = 0;
          for (int j = 0; j < latentDim; j++) {
            sv += v[j];
            sm += Math.abs(m[j]);
          }
          lastZVariance = sv / latentDim;
          lastZMeanAbs = sm / latentDim;
        }
        // the task's RL rows with z appended to s and s', rewards scaled
        rlBuffers.get(k).sample(batchRng, rlBatch);
        appendTask(rlBatch, z[t].value().data, t * b);
      }
      lastKl = klSum.item();
      SacLearner.Stats stats = learner.update(joint, updateNoise, step, observationGradient);
      encoderGradient(tape, encoderParams, z, klSum, config.klLambda(), observationGradient,
          obsDim, b, zGrads, grads);
      gradValues.clear();
      for (int i = 0; i < grads.size(); i++) {
        DMatrixRMaj gv = grads.get(i).value();
        for (int e = 0; e < gv.getNumElements(); e++) {
          if (!Double.isFinite(gv.data[e])) {
            throw new ArithmeticException(NAME + ": gradient of the encoder loss with respect to "
                + encoder.parameters().get(i).name() + " is " + gv.data[e] + " at gradient step "
                + step);
          }
        }
        gradValues.add(gv);
      }
      encoderOptimizer.step(gradValues);
      return stats;
    }

    /** Copies a minibatch's transitions into context rows [s | a | r (| s')]. */
    void contextRows(ReplayBuffer.Minibatch from, DMatrixRMaj to) {
      int w = encoder.inputDim();
      for (int i = 0; i < from.size(); i++) {
        System.arraycopy(from.observations.data, i * obsDim, rowS, 0, obsDim);
        System.arraycopy(from.actions.data, i * actDim, rowA, 0, actDim);
        System.arraycopy(from.nextObservations.data, i * obsDim, rowNext, 0, obsDim);
        encoder.encode(rowS, rowA, from.rewards.data[i], rowNext, to.data, i * w);
      }
    }

    /** Writes the task's rows into {@code joint} from {@code row}: [s | z], [s' | z], c·r. */
    void appendTask(ReplayBuffer.Minibatch from, double[] zValues, int row) {
      int w = obsDim + latentDim;
      for (int i = 0; i < from.size(); i++) {
        int r = row + i;
        System.arraycopy(from.observations.data, i * obsDim, joint.observations.data, r * w,
            obsDim);
        System.arraycopy(zValues, 0, joint.observations.data, r * w + obsDim, latentDim);
        System.arraycopy(from.nextObservations.data, i * obsDim, joint.nextObservations.data,
            r * w, obsDim);
        System.arraycopy(zValues, 0, joint.nextObservations.data, r * w + obsDim, latentDim);
        if (discrete) {
          int a = 0;
          for (int j = 1; j < actDim; j++) {
            if (from.actions.data[i * actDim + j] > from.actions.data[i * actDim + a]) {
              a = j;
            }
          }
          joint.actions.data[r] = a;
        } else {
          System.arraycopy(from.actions.data, i * actDim, joint.actions.data, r * actDim,
              actDim);
        }
        joint.rewards.data[r] = config.rewardScale() * from.rewards.data[i];
        joint.terminated.data[r] = from.terminated.data[i];
        joint.indices[r] = from.indices[i];
      }
    }
  }

  /**
   * ∇_φ L_enc by the chain rule through z: with g_t = 2 Σ_{rows i of task t}
   * ∂L_Q^core/∂s_i[|s| ..] (the z columns of the learner's observation gradient; 2 because the
   * authors' critic loss has no ½), the gradient of Σ_t ⟨g_t, z_t⟩ + β Σ_t KL_t with respect to
   * the encoder's parameters.
   *
   * @param tape the tape z and the KL were recorded on. Modified.
   * @param encoderParams the encoder's parameter leaves on it
   * @param z z_t, 1 × d each, task t's rows t·B .. (t+1)·B − 1 of the learner's batch
   * @param klSum Σ_t KL_t, 1 × 1
   * @param klLambda β
   * @param observationGradient ∂L_Q^core/∂s, T·B × (|s| + d). Not modified.
   * @param obsDim |s|
   * @param rowsPerTask B
   * @param zGrads g_t, 1 × d each; written, then wrapped as constants. Modified.
   * @param grads the gradients, in the order of {@code encoderParams}. Modified.
   */
  static void encoderGradient(Tape tape, List<Tensor> encoderParams, Tensor[] z, Tensor klSum,
      double klLambda, DMatrixRMaj observationGradient, int obsDim, int rowsPerTask,
      DMatrixRMaj[] zGrads, List<Tensor> grads) {
    int width = observationGradient.numCols;
    int latentDim = width - obsDim;
    Tensor surrogate = tape.mul(klSum, klLambda);
    for (int t = 0; t < z.length; t++) {
      double[] g = zGrads[t].data;
      java.util.Arrays.fill(g, 0.0);
      for (int i = t * rowsPerTask; i < (t + 1) * rowsPerTask; i++) {
        for (int j = 0; j < latentDim; j++) {
          g[j] += 2.0 * observationGradient.data[i * width + obsDim + j];
        }
      }
      surrogate = tape.add(surrogate, tape.sum(tape.mul(z[t], tape.constant(zGrads[t]))));
    }
    tape.grad(surrogate, encoderParams, false, grads);
  }

  /** One SAC update on the joint minibatch that also returns ∂L_Q/∂s: continuous or discrete. */
  private interface Learner {
    SacLearner.Stats update(ReplayBuffer.Minibatch batch, Rng noise, long step,
        DMatrixRMaj observationGradient);
  }

  /**
   * The categorical policy of a discrete run (and of {@link PearlAgent#loadDiscrete}): [s | z] →
   * netLayers × netWidth (tanh) → |A| logits, {@code core.pg.CategoricalPolicy.mlp}'s
   * initialisation.
   */
  static CategoricalPolicy categoricalPolicy(PearlConfig c, int obsDim, int numActions,
      Rng init) {
    int[] hidden = new int[c.netLayers()];
    java.util.Arrays.fill(hidden, c.netWidth());
    return CategoricalPolicy.mlp(obsDim + c.latentDim(), hidden, numActions, init);
  }

  /** The SAC settings PEARL's learner runs with: α = 1 fixed, PEARL's γ, ρ, rates and sizes. */
  static SacConfig sacConfig(PearlConfig c) {
    int rows = c.metaBatch() * c.batchSize();
    return SacConfig.defaults().with(b -> b.totalSteps(1).learningStarts(1).batchSize(rows)
        .bufferCapacity(rows).gamma(c.gamma()).polyak(c.polyak())
        .policyLearningRate(c.policyLearningRate()).qLearningRate(c.qLearningRate())
        .initialAlpha(1.0).autotune(false).hiddenWidth(c.netWidth()).hiddenLayers(c.netLayers())
        .seed(c.seed()));
  }
}
