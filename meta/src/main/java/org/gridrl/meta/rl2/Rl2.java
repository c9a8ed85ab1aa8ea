package org.gridrl.meta.rl2;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.dist.Categorical;
import org.gridrl.core.dist.DiagGaussian;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.optim.GradClip;
import org.gridrl.core.optim.TrustRegion;
import org.gridrl.core.pg.Gae;
import org.gridrl.core.pg.PgLosses;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * RL² (Duan et al. 2016, "RL²: Fast reinforcement learning via slow reinforcement learning"):
 * a recurrent policy π_θ(a_t | h_t), h_t = GRU(x_t, h_{t−1}), x_t = [o_t | a_{t−1} | r_{t−1} |
 * d_{t−1}], trained to maximise the expected discounted return of a whole trial,
 * J(θ) = E_{T~p(T)} E_π[Σ_{t&lt;T} γ^t r_t], where a trial is several episodes on one task and the
 * hidden state is kept across their boundaries (reset only between trials). The outer learner is
 * PPO's clipped surrogate (Schulman et al. 2017) with the GAE of the whole trial
 * (δ_t = r_t + γ V(h_{t+1}) − V(h_t), Â_t = δ_t + γλ Â_{t+1}, V = 0 after the trial's last step;
 * an episode's end inside the trial neither cuts the return nor stops the bootstrap), as in the
 * PyTorch reimplementation lucaslingle/pytorch_rl2 ({@code rl2/algos/common.py},
 * {@code assign_credit}).
 *
 * <p>Each iteration: (1) sample B = {@code trialsPerIteration} tasks and run their trials in lock
 * step, one batched GRU step per time step ({@link #sample}); (2) Â and R = Â + V by core's
 * {@link Gae} over each trial (terminal at its end); (3) for K epochs, shuffle the trials and per
 * minibatch of trials unroll the GRU over the whole trial from h_0 = 0 and take one Adam step
 * on L = L_clip + c_V ½ mean (V − R)² − c_H H̄ ({@link #loss}, core's {@link PgLosses}),
 * backpropagating through time over the entire trial (no truncation), clipping the global
 * gradient norm ({@link GradClip}).
 *
 * <p>With {@link Rl2Config.Outer#TRPO} (the paper's optimiser, rllab's TRPO with mean KL bound
 * δ = 0.01) step (3) is instead one trust-region step on the whole batch,
 * max mean ρ·Â + c_H H̄ subject to mean KL(π_old ‖ π) ≤ δ, conjugate gradient on the KL's
 * Hessian-vector products through BPTT and a backtracking line search (core's
 * {@link TrustRegion}), followed by a least-squares fit of the value head on the new GRU
 * features; see {@link Rl2TrustRegion}, which also says why the value loss stays out of the
 * shared GRU. It logs {@link #TRPO_METRICS}: {@value #APPROX_KL} is then the exact mean KL at
 * the returned θ, {@value #POLICY_LOSS} −mean ρ·Â there, {@value #VALUE_LOSS} that of the fit.
 *
 * <p>Logged metrics per iteration ({@link #METRICS}): {@value #TRIAL_RETURN} (mean undiscounted
 * trial return of the iteration's trials), {@value #FIRST_EPISODE_RETURN},
 * {@value #LAST_EPISODE_RETURN}, {@value #STEPS} (environment steps so far), then the means over
 * the update's gradient steps of {@value #POLICY_LOSS}, {@value #VALUE_LOSS}, {@value #ENTROPY},
 * {@value #APPROX_KL} (mean of (ρ − 1) − log ρ) and {@value #CLIP_FRACTION}.
 *
 * <p>Two action spaces share this one loop: discrete actions ({@link Rl2Tasks}, a categorical
 * head, core's {@link Categorical}) and continuous actions a ∈ R^d ({@link Rl2BoxTasks}, a
 * diagonal Gaussian head with a state-independent learned log σ as in rllab's
 * {@code GaussianGRUPolicy}, core's {@link DiagGaussian}; the raw action is fed back in x_{t+1}
 * and log π_old is that of the raw draw, before the environment clips it). The network's
 * {@link Rl2Network#discrete()} picks the distribution in {@link #sample}, {@link #loss} and
 * {@link #evaluate}; everything else (GAE, the clipped surrogate, the value loss, BPTT, Adam)
 * is the same code for both.
 */
public final class Rl2 {

  /** The algorithm's name in provenance. */
  public static final String NAME = "rl2";
  /** Mean undiscounted trial return of the iteration's trials. */
  public static final String TRIAL_RETURN = "rl2/trial_return";
  /** Mean return of the first episode of the iteration's trials. */
  public static final String FIRST_EPISODE_RETURN = "rl2/first_episode_return";
  /** Mean return of the last episode of the iteration's trials. */
  public static final String LAST_EPISODE_RETURN = "rl2/last_episode_return";
  /** Environment steps so far. */
  public static final String STEPS = "rl2/steps";
  /** Mean clipped-surrogate loss. */
  public static final String POLICY_LOSS = "rl2/policy_loss";
  /** Mean ½ mean (V − R)². */
  public static final String VALUE_LOSS = "rl2/value_loss";
  /** Mean policy entropy. */
  public static final String ENTROPY = "rl2/entropy";
  /** Mean approximate KL(π_old ‖ π). */
  public static final String APPROX_KL = "rl2/approx_kl";
  /** Mean fraction of steps whose ratio left [1 − ε, 1 + ε]. */
  public static final String CLIP_FRACTION = "rl2/clip_fraction";
  /** The metrics {@link #train} reports, in order. */
  public static final List<String> METRICS = List.of(TRIAL_RETURN, FIRST_EPISODE_RETURN,
      LAST_EPISODE_RETURN, STEPS, POLICY_LOSS, VALUE_LOSS, ENTROPY, APPROX_KL, CLIP_FRACTION);
  /** TRPO: L(θ_new) − L(θ_old) of the surrogate with its entropy term (0 when rejected). */
  public static final String SURROGATE_GAIN = "rl2/surrogate_gain";
  /** TRPO: the accepted fraction ρ^k of the full step β s, 0 when the step was rejected. */
  public static final String STEP_FRACTION = "rl2/step_fraction";
  /** TRPO: the conjugate-gradient products (H + λI)v the step's direction took. */
  public static final String CG_ITERATIONS = "rl2/cg_iterations";
  /** The metrics {@link #train} reports with {@link Rl2Config.Outer#TRPO}, in order. */
  public static final List<String> TRPO_METRICS = List.of(TRIAL_RETURN, FIRST_EPISODE_RETURN,
      LAST_EPISODE_RETURN, STEPS, POLICY_LOSS, VALUE_LOSS, ENTROPY, APPROX_KL, CLIP_FRACTION,
      SURROGATE_GAIN, STEP_FRACTION, CG_ITERATIONS);

  private Rl2() {
  }

  /**
   * B trials sampled in lock step. Step-major arrays hold one row per trial at each step t;
   * trial-major arrays are indexed b·T + t.
   *
   * @param trials B
   * @param length T, steps per trial
   * @param inputDim width of x_t
   * @param inputs x_t for every trial: {@code inputs[t][b·inputDim + j]}
   * @param actions a_t of a categorical head: {@code actions[t][b]}; null for a Gaussian head
   * @param rewards r_t, trial-major
   * @param logProbs log π_old(a_t | h_t), trial-major
   * @param values V_old(h_t), trial-major
   * @param episodeReturns undiscounted return of episode e of trial b at b·E + e
   * @param continuousActions a_t ∈ R^d of a Gaussian head: {@code continuousActions[t][b·d + j]};
   *     null for a categorical head
   */
  public record TrialBatch(int trials, int length, int inputDim, double[][] inputs,
      int[][] actions, double[] rewards, double[] logProbs, double[] values,
      double[] episodeReturns, double[][] continuousActions) {

    /** A categorical head's batch (no continuous actions). */
    public TrialBatch(int trials, int length, int inputDim, double[][] inputs, int[][] actions,
        double[] rewards, double[] logProbs, double[] values, double[] episodeReturns) {
      this(trials, length, inputDim, inputs, actions, rewards, logProbs, values, episodeReturns,
          null);
    }
  }

  /**
   * What the shared loops need of a task family, whichever its action space: p(T) over
   * environments with actions of type A, the trial shape, the encoder, and how a drawn action
   * (an index of a categorical head, or a row of a Gaussian head's draws) becomes A.
   */
  private record Source<O, A>(TaskDistribution<? extends Env<O, A>> tasks, int observationDim,
      int actionDim, boolean discrete, int episodeLength, int episodesPerTrial,
      Rl2Tasks.ObservationEncoder<O> encoder, ActionOf<A> actionOf) {

    int trialLength() {
      return episodesPerTrial * episodeLength;
    }

    int inputDim() {
      return observationDim + actionDim + 2;
    }

    /** Whether {@code network} is shaped for these tasks; throws naming the mismatch. */
    void check(Rl2Network network) {
      Check.argument(network.discrete() == discrete, "the network's head is %s, the tasks' "
          + "actions are %s", network.discrete() ? "categorical" : "Gaussian",
          discrete ? "discrete" : "continuous");
      Check.argument(network.observationDim() == observationDim && network.actionDim()
          == actionDim, "the network takes %s observation and %s action entries, the tasks "
          + "have %s and %s", network.observationDim(), network.actionDim(), observationDim,
          actionDim);
    }
  }

  /** Makes the environment's action from a categorical draw or a Gaussian draw's row. */
  @FunctionalInterface
  private interface ActionOf<A> {
    A of(int index, double[] draws, int offset);
  }

  private static <O> Source<O, Integer> source(Rl2Tasks<O> tasks) {
    Check.notNull("tasks", tasks);
    return new Source<>(tasks.tasks(), tasks.observationDim(), tasks.numActions(), true,
        tasks.episodeLength(), tasks.episodesPerTrial(), tasks.encoder(), (a, x, off) -> a);
  }

  private static <O> Source<O, double[]> source(Rl2BoxTasks<O> tasks) {
    Check.notNull("tasks", tasks);
    int d = tasks.actionDim();
    return new Source<>(tasks.tasks(), tasks.observationDim(), d, false, tasks.episodeLength(),
        tasks.episodesPerTrial(), tasks.encoder(),
        (a, x, off) -> java.util.Arrays.copyOfRange(x, off, off + d));
  }

  /** The loss of one minibatch and its parts (values of the recorded tensors). */
  public record LossParts(Tensor total, double policyLoss, double valueLoss, double entropy,
      double approxKl, double clipFraction) {
  }

  /**
   * Trains a new network with a categorical head ({@link Rl2Network#forTasks}, seeded from the
   * config) on trials of {@code tasks}.
   *
   * @param tasks p(T) and the trial shape. Not modified.
   * @param listener receives {@link #METRICS} every iteration (null for none)
   * @return the trained policy, its history and provenance
   * @throws ArithmeticException if a loss is NaN or infinite
   */
  public static <O> Rl2Result train(Rl2Tasks<O> tasks, Rl2Config config,
      TrainingListener listener) {
    return trainOn(source(tasks), config, listener, null);
  }

  /**
   * Trains a new network with a diagonal Gaussian head ({@link Rl2Network#gaussian}, log σ
   * initialised to {@code config.initLogStd()}, seeded from the config) on trials of
   * {@code tasks} with continuous actions: the same loop, seeds and metrics as
   * {@link #train(Rl2Tasks, Rl2Config, TrainingListener)}.
   *
   * @param tasks p(T) and the trial shape. Not modified.
   * @param listener receives {@link #METRICS} every iteration (null for none)
   * @return the trained policy, its history and provenance
   * @throws ArithmeticException if a loss is NaN or infinite
   */
  public static <O> Rl2Result train(Rl2BoxTasks<O> tasks, Rl2Config config,
      TrainingListener listener) {
    return trainOn(source(tasks), config, listener, null);
  }

  /**
   * {@link #train(Rl2Tasks, Rl2Config, TrainingListener)} that hands the policy being trained to
   * {@code afterIteration} after every iteration (after the listener's {@code onIterationEnd}),
   * e.g. to test it on held-out tasks as training goes. The callback must not change the
   * network's parameters; it runs on the calling thread and leaves the training's numbers
   * unchanged (its own randomness is its own).
   *
   * @param afterIteration receives (the policy, iteration 1..N); null for none
   */
  public static <O> Rl2Result train(Rl2Tasks<O> tasks, Rl2Config config,
      TrainingListener listener, ObjIntConsumer<Rl2Policy> afterIteration) {
    return trainOn(source(tasks), config, listener, afterIteration);
  }

  /**
   * {@link #train(Rl2BoxTasks, Rl2Config, TrainingListener)} with a callback after every
   * iteration, as {@link #train(Rl2Tasks, Rl2Config, TrainingListener, ObjIntConsumer)}.
   *
   * @param afterIteration receives (the policy, iteration 1..N); null for none
   */
  public static <O> Rl2Result train(Rl2BoxTasks<O> tasks, Rl2Config config,
      TrainingListener listener, ObjIntConsumer<Rl2Policy> afterIteration) {
    return trainOn(source(tasks), config, listener, afterIteration);
  }

  private static <O, A> Rl2Result trainOn(Source<O, A> tasks, Rl2Config config,
      TrainingListener listener, ObjIntConsumer<Rl2Policy> afterIteration) {
    Check.notNull("config", config);
    Rng root = new Rng(config.seed());
    Rl2Network network = tasks.discrete()
        ? new Rl2Network(tasks.observationDim(), tasks.actionDim(), config.hidden(), root.fork(0))
        : Rl2Network.gaussian(tasks.observationDim(), tasks.actionDim(), config.hidden(),
            config.initLogStd(), root.fork(0));
    if (config.chronoInit()) {
      network.gru().chronoInit(Math.max(2, tasks.trialLength()), root.fork(5));
    }
    Rng taskRng = root.fork(1);
    Rng envRng = root.fork(2);
    Rng actionRng = root.fork(3);
    Rng shuffleRng = root.fork(4);
    MetricsRecorder recorder = new MetricsRecorder();
    TrainingListener out = TrainingListener.tee(recorder, listener);
    Adam adam = optimizer(network, config);
    Tape tape = new Tape();
    int b = config.trialsPerIteration();
    int len = tasks.trialLength();
    int e = tasks.episodesPerTrial();
    long steps = 0;
    long start = System.nanoTime();
    double lastReturn = Double.NaN;
    Rl2Policy live = new Rl2Policy(network);
    for (int it = 1; it <= config.iterations(); it++) {
      // 1. B trials in lock step with the current policy
      TrialBatch batch = sampleFrom(network, tasks, b, taskRng, envRng, actionRng);
      steps += (long) b * len;
      // 2. and 3. GAE, then K epochs of PPO or one TRPO step
      double[] means;
      Rl2TrustRegion.Update trpo = null;
      if (config.outer() == Rl2Config.Outer.TRPO) {
        trpo = trustRegionUpdate(network, tape, batch, config, it);
        means = new double[] {trpo.policyLoss(), trpo.valueLoss(), trpo.entropy(), trpo.kl(),
            trpo.clipFraction()};
      } else {
        means = update(network, adam, tape, batch, config, shuffleRng, it);
      }
      double[] ret = batch.episodeReturns();
      double total = 0;
      double first = 0;
      double lastEp = 0;
      for (int i = 0; i < b; i++) {
        for (int j = 0; j < e; j++) {
          total += ret[i * e + j];
        }
        first += ret[i * e];
        lastEp += ret[i * e + e - 1];
      }
      lastReturn = total / b;
      out.onScalar(it, TRIAL_RETURN, lastReturn);
      out.onScalar(it, FIRST_EPISODE_RETURN, first / b);
      out.onScalar(it, LAST_EPISODE_RETURN, lastEp / b);
      out.onScalar(it, STEPS, steps);
      out.onScalar(it, POLICY_LOSS, means[0]);
      out.onScalar(it, VALUE_LOSS, means[1]);
      out.onScalar(it, ENTROPY, means[2]);
      out.onScalar(it, APPROX_KL, means[3]);
      out.onScalar(it, CLIP_FRACTION, means[4]);
      if (trpo != null) {
        TrustRegion.Step st = trpo.step();
        out.onScalar(it, SURROGATE_GAIN, st.surrogate() - st.surrogateBefore());
        out.onScalar(it, STEP_FRACTION, st.fraction());
        out.onScalar(it, CG_ITERATIONS, st.cgIterations());
      }
      out.onIterationEnd(it, (System.nanoTime() - start) * 1e-9);
      if (afterIteration != null) {
        afterIteration.accept(live, it);
      }
    }
    return new Rl2Result(live, config.iterations(), steps, lastReturn,
        recorder.history(), Provenance.of(NAME, config, config.seed()));
  }

  /**
   * The Adam optimiser {@link #train} updates {@code network}'s parameters with (step size
   * {@code config.learningRate()}, core's other defaults).
   */
  public static Adam optimizer(Rl2Network network, Rl2Config config) {
    List<DMatrixRMaj> weights = new ArrayList<>();
    for (Parameter p : network.parameters()) {
      weights.add(p.value());
    }
    return new Adam(weights, Adam.Config.defaults().withLearningRate(config.learningRate()));
  }

  /**
   * One iteration's PPO update of {@code network} on a sampled {@code batch}, steps (2) and (3)
   * of {@link #train}: Â and R by GAE over each whole trial, then {@code config.epochs()} passes,
   * each shuffling the trials with {@code shuffleRng} and taking one clipped Adam step per
   * minibatch of {@code config.minibatchTrials()} trials. {@link #train} calls exactly this.
   * With {@link Rl2Config.Outer#TRPO} it takes {@link #trustRegionUpdate}'s step instead
   * ({@code adam} and {@code shuffleRng} untouched) and returns its five measurements.
   *
   * @param adam the optimiser over {@code network}'s parameters ({@link #optimizer}). Modified.
   * @param tape reused scratch tape. Reset.
   * @param iteration named in the exception's message
   * @return the means over the update's gradient steps of the policy loss, the value loss, the
   *     entropy, the approximate KL and the clip fraction, in that order
   * @throws ArithmeticException if a loss is NaN or infinite
   */
  public static double[] update(Rl2Network network, Adam adam, Tape tape, TrialBatch batch,
      Rl2Config config, Rng shuffleRng, int iteration) {
    int b = batch.trials();
    int len = batch.length();
    double[] advantages = new double[b * len];
    double[] targets = new double[b * len];
    // 2. GAE over each whole trial, V = 0 after its last step
    advantages(batch, config, advantages, targets);
    if (config.outer() == Rl2Config.Outer.TRPO) {
      Rl2TrustRegion.Update u = Rl2TrustRegion.update(network, tape, batch, advantages, targets,
          config);
      checkFinite(u, iteration);
      return new double[] {u.policyLoss(), u.valueLoss(), u.entropy(), u.kl(),
          u.clipFraction()};
    }
    int[] perm = new int[b];
    // 3. K epochs of minibatches of whole trials, BPTT over each trial
    double pl = 0;
    double vl = 0;
    double ent = 0;
    double kl = 0;
    double cf = 0;
    int gradientSteps = 0;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      for (int i = 0; i < b; i++) {
        perm[i] = i;
      }
      shuffleRng.shuffle(perm);
      for (int lo = 0; lo < b; lo += config.minibatchTrials()) {
        int hi = Math.min(b, lo + config.minibatchTrials());
        int[] idx = java.util.Arrays.copyOfRange(perm, lo, hi);
        tape.reset();
        List<Tensor> params = network.bind(tape);
        LossParts parts = loss(tape, network, params, batch, idx, advantages, targets, config);
        double value = parts.total().item();
        if (!Double.isFinite(value)) {
          throw new ArithmeticException("RL² loss is " + value + " at iteration " + iteration);
        }
        List<Tensor> grads = tape.grad(parts.total(), params, false);
        List<DMatrixRMaj> g = new ArrayList<>(grads.size());
        for (Tensor t : grads) {
          g.add(t.value());
        }
        GradClip.clipGlobalNorm(g, config.maxGradNorm());
        adam.step(g);
        pl += parts.policyLoss();
        vl += parts.valueLoss();
        ent += parts.entropy();
        kl += parts.approxKl();
        cf += parts.clipFraction();
        gradientSteps++;
      }
    }
    return new double[] {pl / gradientSteps, vl / gradientSteps, ent / gradientSteps,
        kl / gradientSteps, cf / gradientSteps};
  }

  /**
   * Step (2) of {@link #train}: Â by GAE over each whole trial (V = 0 after its last step, an
   * episode's end inside the trial cutting nothing) and R = Â + V_old, both trial-major.
   *
   * @param advantages Â. Modified.
   * @param targets R. Modified.
   */
  public static void advantages(TrialBatch batch, Rl2Config config, double[] advantages,
      double[] targets) {
    int b = batch.trials();
    int len = batch.length();
    double[] nextValues = new double[b * len];
    boolean[] last = new boolean[b * len];
    for (int i = 0; i < b; i++) {
      last[i * len + len - 1] = true;
    }
    for (int k = 0; k < b * len; k++) {
      nextValues[k] = last[k] ? 0.0 : batch.values()[k + 1];
    }
    Gae.advantages(batch.rewards(), batch.values(), nextValues, last, last, config.gamma(),
        config.lambda(), advantages);
    Gae.valueTargets(advantages, batch.values(), targets);
  }

  /**
   * The TRPO update ({@link Rl2Config.Outer#TRPO}) of {@code network} on a sampled
   * {@code batch}: Â and R by {@link #advantages}, then {@link Rl2TrustRegion#update}.
   * {@link #train} calls exactly this when the config asks for TRPO ({@link #update} too).
   *
   * @param tape reused scratch tape. Reset.
   * @param iteration named in the exception's message
   * @throws ArithmeticException if the surrogate, the KL or the value loss is NaN or infinite
   */
  public static Rl2TrustRegion.Update trustRegionUpdate(Rl2Network network, Tape tape,
      TrialBatch batch, Rl2Config config, int iteration) {
    int n = batch.trials() * batch.length();
    double[] advantages = new double[n];
    double[] targets = new double[n];
    advantages(batch, config, advantages, targets);
    Rl2TrustRegion.Update u = Rl2TrustRegion.update(network, tape, batch, advantages, targets,
        config);
    checkFinite(u, iteration);
    return u;
  }

  private static void checkFinite(Rl2TrustRegion.Update u, int iteration) {
    if (!Double.isFinite(u.policyLoss()) || !Double.isFinite(u.kl())
        || !Double.isFinite(u.valueLoss())) {
      throw new ArithmeticException("RL² TRPO update is not finite at iteration " + iteration
          + ": policy loss " + u.policyLoss() + ", KL " + u.kl() + ", value loss "
          + u.valueLoss());
    }
  }

  /**
   * Runs B trials of the current policy in lock step: per trial one task from {@code taskRng},
   * per episode one reset seed from {@code envRng}, per step one action draw from
   * {@code actionRng} (trial 0 first), one batched GRU step for all B trials per time step.
   *
   * @throws IllegalStateException if an episode ends before or after {@code episodeLength} steps
   */
  public static <O> TrialBatch sample(Rl2Network network, Rl2Tasks<O> tasks, int trials,
      Rng taskRng, Rng envRng, Rng actionRng) {
    return sampleFrom(network, source(tasks), trials, taskRng, envRng, actionRng);
  }

  /**
   * {@link #sample(Rl2Network, Rl2Tasks, int, Rng, Rng, Rng)} for a Gaussian head on continuous
   * actions: per step, a_t = μ + σ ⊙ ε with ε ~ N(0, I) drawn from {@code actionRng} trial by
   * trial, coordinate by coordinate ({@link DiagGaussian#sample}); the raw a_t is given to the
   * environment, stored, and fed back in x_{t+1}.
   */
  public static <O> TrialBatch sample(Rl2Network network, Rl2BoxTasks<O> tasks, int trials,
      Rng taskRng, Rng envRng, Rng actionRng) {
    return sampleFrom(network, source(tasks), trials, taskRng, envRng, actionRng);
  }

  private static <O, A> TrialBatch sampleFrom(Rl2Network network, Source<O, A> tasks,
      int trials, Rng taskRng, Rng envRng, Rng actionRng) {
    int b = Check.positive("trials", trials);
    tasks.check(network);
    boolean discrete = tasks.discrete();
    int len = tasks.trialLength();
    int h = tasks.episodeLength();
    int e = tasks.episodesPerTrial();
    int na = tasks.actionDim();
    int in = tasks.inputDim();
    int d = tasks.observationDim();
    List<Env<O, A>> envs = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      envs.add(tasks.tasks().sample(taskRng));
    }
    double[][] inputs = new double[len][b * in];
    int[][] actions = discrete ? new int[len][b] : null;
    double[][] continuous = discrete ? null : new double[len][b * na];
    double[] rewards = new double[b * len];
    double[] logProbs = new double[b * len];
    double[] values = new double[b * len];
    double[] episodeReturns = new double[b * e];
    double[] obs = new double[b * d];
    double[] one = new double[d];
    int[] prevAction = new int[b];
    double[] prevVector = new double[b * na];
    double[] oneAction = new double[na];
    double[] prevReward = new double[b];
    boolean[] prevDone = new boolean[b];
    java.util.Arrays.fill(prevAction, -1);
    java.util.Arrays.fill(prevDone, true);
    DMatrixRMaj state = new DMatrixRMaj(b, network.hidden());
    DMatrixRMaj x = new DMatrixRMaj(b, in);
    DMatrixRMaj draws = new DMatrixRMaj(b, na);
    double[] p = new double[na];
    Tape tape = new Tape();
    List<Tensor> params = new ArrayList<>();
    for (int t = 0; t < len; t++) {
      int episode = t / h;
      if (t % h == 0) {
        for (int i = 0; i < b; i++) {
          tasks.encoder().encode(envs.get(i).reset(envRng.nextLong()), obs, i * d);
        }
      }
      for (int i = 0; i < b; i++) {
        System.arraycopy(obs, i * d, one, 0, d);
        if (discrete) {
          Rl2Network.encodeInput(one, prevAction[i], prevReward[i], prevDone[i], na, inputs[t],
              i * in);
        } else {
          System.arraycopy(prevVector, i * na, oneAction, 0, na);
          Rl2Network.encodeInput(one, oneAction, prevReward[i], prevDone[i], inputs[t], i * in);
        }
      }
      System.arraycopy(inputs[t], 0, x.data, 0, b * in);
      tape.reset();
      network.bind(tape, params);
      Tensor hNext = network.step(tape, tape.constant(x), tape.constant(state), params);
      Tensor head = network.head(tape, hNext, params);
      double[] lp = null;
      DiagGaussian pi = null;
      if (discrete) {
        lp = tape.logSoftmax(head).value().data;
      } else {
        pi = new DiagGaussian(tape, head, network.logStd(params));
        pi.sample(actionRng, draws);
      }
      Tensor v = network.value(tape, hNext, params);
      System.arraycopy(hNext.value().data, 0, state.data, 0, state.data.length);
      for (int i = 0; i < b; i++) {
        int a = -1;
        if (discrete) {
          for (int k = 0; k < na; k++) {
            p[k] = Math.exp(lp[i * na + k]);
          }
          a = actionRng.nextCategorical(p);
        }
        Step<O> step = envs.get(i).step(tasks.actionOf().of(a, draws.data, i * na));
        boolean endOfEpisode = (t + 1) % h == 0;
        if (step.done() != endOfEpisode) {
          throw new IllegalStateException("RL² runs trials in lock step: an episode must end "
              + "after exactly " + h + " steps, but trial " + i + " step " + t + " has done = "
              + step.done());
        }
        if (discrete) {
          actions[t][i] = a;
          logProbs[i * len + t] = lp[i * na + a];
          prevAction[i] = a;
        } else {
          System.arraycopy(draws.data, i * na, continuous[t], i * na, na);
          System.arraycopy(draws.data, i * na, prevVector, i * na, na);
          logProbs[i * len + t] = pi.logProbValue(i, draws.data, i * na);
        }
        rewards[i * len + t] = step.reward();
        values[i * len + t] = v.value().data[i];
        episodeReturns[i * e + episode] += step.reward();
        prevReward[i] = step.reward();
        prevDone[i] = step.done();
        if (!endOfEpisode) {
          tasks.encoder().encode(step.observation(), obs, i * d);
        }
      }
    }
    return new TrialBatch(b, len, in, inputs, actions, rewards, logProbs, values,
        episodeReturns, continuous);
  }

  /**
   * PPO's loss on the trials {@code idx} of a batch, the GRU unrolled from h_0 = 0 over each
   * whole trial: L = L_clip + c_V ½ mean (V − R)² − c_H H̄, means over the m·T steps
   * ({@link PgLosses#ppoClip}, {@link PgLosses#valueMse}); rows are ordered step-major
   * (t·m + j for trial idx[j]). log π(a_t | h_t) and H are {@link Categorical}'s for a
   * categorical head and {@link DiagGaussian}'s (of the stored raw a_t) for a Gaussian one.
   *
   * @param params the network's parameter tensors on {@code tape}
   * @param advantages Â, trial-major (b·T + t). Not modified.
   * @param targets R = Â + V_old, trial-major. Not modified.
   */
  public static LossParts loss(Tape tape, Rl2Network network, List<Tensor> params,
      TrialBatch batch, int[] idx, double[] advantages, double[] targets, Rl2Config config) {
    int m = idx.length;
    int len = batch.length();
    int in = batch.inputDim();
    int rows = m * len;
    boolean discrete = network.discrete();
    int d = network.actionDim();
    int[] act = discrete ? new int[rows] : null;
    // the constants live in the tape's pooled nodes: replaying the same shapes allocates nothing
    Tensor oldLpT = tape.filled(rows, 1, 0.0);
    Tensor advT = tape.filled(rows, 1, 0.0);
    Tensor retT = tape.filled(rows, 1, 0.0);
    DMatrixRMaj oldLp = oldLpT.value();
    DMatrixRMaj adv = advT.value();
    DMatrixRMaj ret = retT.value();
    Tensor actT = discrete ? null : tape.filled(rows, d, 0.0);
    List<Tensor> heads = new ArrayList<>(len);
    List<Tensor> values = new ArrayList<>(len);
    Tensor h = network.gru().initialState(tape, m);
    for (int t = 0; t < len; t++) {
      Tensor xt = tape.filled(m, in, 0.0);
      DMatrixRMaj x = xt.value();
      for (int j = 0; j < m; j++) {
        int b = idx[j];
        System.arraycopy(batch.inputs()[t], b * in, x.data, j * in, in);
        int row = t * m + j;
        if (discrete) {
          act[row] = batch.actions()[t][b];
        } else {
          System.arraycopy(batch.continuousActions()[t], b * d, actT.value().data, row * d, d);
        }
        oldLp.data[row] = batch.logProbs()[b * len + t];
        adv.data[row] = advantages[b * len + t];
        ret.data[row] = targets[b * len + t];
      }
      h = network.step(tape, xt, h, params);
      heads.add(network.head(tape, h, params));
      values.add(network.value(tape, h, params));
    }
    if (config.normalizeAdvantages()) {
      Gae.normalize(adv.data, 0, rows);
    }
    Tensor logProb;
    Tensor entropyRows;
    if (discrete) {
      Categorical pi = new Categorical(tape, tape.concat(heads, 0));
      logProb = pi.logProb(act);
      entropyRows = pi.entropy();
    } else {
      DiagGaussian pi = new DiagGaussian(tape, tape.concat(heads, 0), network.logStd(params));
      logProb = pi.logProb(actT);
      entropyRows = pi.entropy();
    }
    Tensor policyLoss = PgLosses.ppoClip(tape, logProb, oldLpT, advT, config.clipRatio());
    Tensor valueLoss = PgLosses.valueMse(tape, tape.concat(values, 0), retT);
    Tensor entropy = tape.mean(entropyRows);
    Tensor total = tape.sub(tape.add(policyLoss, tape.mul(valueLoss, config.valueCoef())),
        tape.mul(entropy, config.entropyCoef()));
    double kl = 0;
    int clipped = 0;
    double[] lp = logProb.value().data;
    for (int r = 0; r < rows; r++) {
      double logRatio = lp[r] - oldLp.data[r];
      double ratio = Math.exp(logRatio);
      kl += (ratio - 1) - logRatio;
      if (Math.abs(ratio - 1) > config.clipRatio()) {
        clipped++;
      }
    }
    return new LossParts(total, policyLoss.item(), valueLoss.item(), entropy.item(), kl / rows,
        (double) clipped / rows);
  }

  /**
   * Runs {@code trials} trials of {@code policy} on new tasks without learning: per trial one
   * task from {@code Rng(seed).fork(0)}, per episode a reset seed from {@code fork(1)}, per step
   * an action draw from {@code fork(2)}; {@link Rl2Policy#startTrial} at each trial's start.
   *
   * @return the undiscounted return of every episode of every trial
   */
  public static <O> Rl2Evaluation evaluate(Rl2Policy policy, Rl2Tasks<O> tasks, int trials,
      long seed) {
    return evaluateOn(policy, source(tasks), trials, seed);
  }

  /**
   * {@link #evaluate(Rl2Policy, Rl2Tasks, int, long)} for a Gaussian-head policy on continuous
   * actions: a_t ~ N(μ(h_t), σ²) sampled ({@link Rl2Policy#actContinuous}), as in training;
   * nothing is learned (the parameters are fixed, only the hidden state adapts).
   *
   * @return the undiscounted return of every episode of every trial
   */
  public static <O> Rl2Evaluation evaluate(Rl2Policy policy, Rl2BoxTasks<O> tasks, int trials,
      long seed) {
    return evaluateOn(policy, source(tasks), trials, seed);
  }

  private static <O, A> Rl2Evaluation evaluateOn(Rl2Policy policy, Source<O, A> tasks,
      int trials, long seed) {
    Check.notNull("policy", policy);
    Check.positive("trials", trials);
    tasks.check(policy.network());
    Rng root = new Rng(seed);
    Rng taskRng = root.fork(0);
    Rng envRng = root.fork(1);
    Rng actionRng = root.fork(2);
    int e = tasks.episodesPerTrial();
    double[][] returns = new double[trials][e];
    double[] obs = new double[tasks.observationDim()];
    for (int i = 0; i < trials; i++) {
      Env<O, A> env = tasks.tasks().sample(taskRng);
      policy.startTrial();
      for (int ep = 0; ep < e; ep++) {
        tasks.encoder().encode(env.reset(envRng.nextLong()), obs, 0);
        for (int t = 0; t < tasks.episodeLength(); t++) {
          int a = -1;
          double[] u = null;
          if (tasks.discrete()) {
            a = policy.act(obs, actionRng);
          } else {
            u = policy.actContinuous(obs, actionRng);
          }
          Step<O> step = env.step(tasks.actionOf().of(a, u, 0));
          boolean end = t == tasks.episodeLength() - 1;
          if (step.done() != end) {
            throw new IllegalStateException("an episode must end after exactly "
                + tasks.episodeLength() + " steps; trial " + i + " episode " + ep + " step " + t
                + " has done = " + step.done());
          }
          returns[i][ep] += step.reward();
          if (tasks.discrete()) {
            policy.observe(a, step.reward(), step.done());
          } else {
            policy.observe(u, step.reward(), step.done());
          }
          if (!end) {
            tasks.encoder().encode(step.observation(), obs, 0);
          }
        }
      }
    }
    return new Rl2Evaluation(returns);
  }
}
