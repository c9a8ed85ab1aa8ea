package org.gridrl.core.pg;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.dist.TanhGaussian;
import org.gridrl.core.env.Box;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * Soft actor-critic (Haarnoja et al. 2018, "Soft Actor-Critic: Off-Policy Maximum Entropy Deep
 * RL with a Stochastic Actor"; automatic temperature from Haarnoja et al. 2018b, "Soft
 * Actor-Critic Algorithms and Applications"), maximising Σ_t γ^t (r_t + α H(π(·|s_t))).
 *
 * <p>Per environment step, after {@code learningStarts} random steps, one update on a minibatch
 * (s, a, r, s', d) drawn uniformly from a {@link ReplayBuffer}:
 * <ol>
 *   <li><b>critics</b>: a' ~ π(·|s') (reparameterised, {@link TanhGaussian}),
 *       y = r + γ(1 − d)(min_i Q_targ,i(s', a') − α log π(a'|s')) (a constant), and each
 *       L_Qi = ½ mean_B (Q_i(s, a) − y)² is minimised by Adam;
 *   <li><b>actor</b>: ã ~ π(·|s) reparameterised, L_π = mean_B (α log π(ã|s) − min_i Q_i(s, ã))
 *       with the critics held fixed;
 *   <li><b>temperature</b> (if {@code autotune}): J(log α) = −log α · mean_B (log π(ã|s) + H̄)
 *       with target entropy H̄ = −dim(A), one Adam step on log α;
 *   <li><b>targets</b>: θ_targ,i ← (1 − τ)θ_targ,i + τθ_i ({@link #polyak}).
 * </ol>
 * Implementation details follow CleanRL's {@code sac_continuous_action.py}: the actor is an MLP
 * with 2·dim(A) outputs (μ, and log σ squashed into [logStdMin, logStdMax] by
 * log σ = min + (max − min)(tanh(raw) + 1)/2), critics take the concatenation [s, a], actions
 * live in (−1, 1)^d inside the learner and are mapped affinely onto the environment's
 * {@link Box}; only <em>terminated</em> stops the bootstrap (a time-limit truncation does not).
 *
 * <p>Metrics (iteration = environment step): {@code loss/q1}, {@code loss/q2},
 * {@code loss/policy}, {@code loss/alpha}, {@code charts/alpha}, {@code charts/q1_mean},
 * {@code charts/entropy} (−mean log π) every {@code logEvery} steps once updates run;
 * {@code charts/episodic_return} and {@code charts/episodic_length} when an episode ends. A NaN
 * or infinite loss or gradient stops training with an {@link ArithmeticException} naming the
 * step and the quantity.
 *
 * <p>All randomness comes from {@code config.seed()}: network initialisation, exploration noise,
 * episode reset seeds and minibatch indices use separate forks of one {@link Rng}, so a run is
 * reproducible and independent of other threads. After the first update a training step
 * allocates nothing (0 bytes per step, measured by {@code SacAllocationTest}): the tapes with
 * their pooled tensors, the minibatch, the noise, the targets, the parameter and gradient
 * lists, the distributions (rebound by {@link TanhGaussian#set}) and their samples are all
 * reused; only what the environment allocates in {@code step} and {@code reset} remains (the
 * {@link Step} record, at least). {@link #act} returns a new array. Not thread-safe: one
 * instance per thread.
 */
public final class Sac {

  private final Env<double[], double[]> env;
  private final SacConfig config;
  private final int obsDim;
  private final int actDim;
  private final double[] actionCenter;
  private final double[] actionHalfRange;
  private final double targetEntropy;

  private final Mlp actor;
  private final Mlp q1;
  private final Mlp q2;
  private final Mlp q1Target;
  private final Mlp q2Target;
  private final Adam actorOptimizer;
  private final Adam criticOptimizer;
  private final Adam alphaOptimizer;
  private final DMatrixRMaj logAlpha = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj logAlphaGrad = new DMatrixRMaj(1, 1);
  private final List<DMatrixRMaj> logAlphaGradList = List.of(logAlphaGrad);

  private final ReplayBuffer buffer;
  private final ReplayBuffer.Minibatch batch;
  private final Rng explorationRng;
  private final Rng resetRng;
  private final Rng batchRng;
  private final Rng noiseRng;
  private final Tape tape = new Tape();
  private final Tape actTape = new Tape();
  private final DMatrixRMaj epsCurrent;
  private final DMatrixRMaj epsNext;
  private final DMatrixRMaj epsOne;
  private final DMatrixRMaj obsOne;
  private final DMatrixRMaj target;
  private final DMatrixRMaj minMask;
  private final List<Tensor> criticParams = new ArrayList<>();
  private final List<Tensor> actorParams = new ArrayList<>();
  private final List<Tensor> frozen1 = new ArrayList<>();
  private final List<Tensor> frozen2 = new ArrayList<>();
  private final List<Tensor> grads = new ArrayList<>();
  private final List<DMatrixRMaj> gradValues = new ArrayList<>();
  private final List<DMatrixRMaj> q1Values;
  private final List<DMatrixRMaj> q2Values;
  private final List<DMatrixRMaj> q1TargetValues;
  private final List<DMatrixRMaj> q2TargetValues;
  private final double[] unitAction;
  private final double[] envAction;

  // distributions and samples rebound on every pass (made on the first)
  private TanhGaussian piNext;
  private TanhGaussian piCurrent;
  private TanhGaussian piAct;
  private TanhGaussian.Sample nextSample;
  private TanhGaussian.Sample currentSample;
  private TanhGaussian.Sample actSample;

  private long step;
  private double[] obs;
  private double episodeReturn;
  private int episodeLength;
  private double lossQ1 = Double.NaN;
  private double lossQ2 = Double.NaN;
  private double lossPolicy = Double.NaN;
  private double lossAlpha = Double.NaN;
  private double q1Mean = Double.NaN;
  private double entropy = Double.NaN;
  private double lastMeanLogPi = Double.NaN;
  private long startNanos = -1;

  /**
   * A learner for {@code env} with freshly initialised networks.
   *
   * @param env an environment with a {@link Box} observation space and a bounded {@link Box}
   *     action space. Modified (reset and stepped) by {@link #train}.
   * @param config hyperparameters and seed
   */
  public Sac(Env<double[], double[]> env, SacConfig config) {
    if (!(env.observationSpace() instanceof Box) || !(env.actionSpace() instanceof Box)) {
      throw new IllegalArgumentException("SAC needs Box observation and action spaces, got "
          + env.observationSpace() + " and " + env.actionSpace());
    }
    Box actions = (Box) env.actionSpace();
    this.env = env;
    this.config = config;
    this.obsDim = ((Box) env.observationSpace()).dim();
    this.actDim = actions.dim();
    this.actionCenter = new double[actDim];
    this.actionHalfRange = new double[actDim];
    for (int i = 0; i < actDim; i++) {
      double lo = actions.low(i);
      double hi = actions.high(i);
      if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
        throw new IllegalArgumentException("SAC needs a bounded action space, dimension " + i
            + " is [" + lo + ", " + hi + "]");
      }
      actionCenter[i] = 0.5 * (lo + hi);
      actionHalfRange[i] = 0.5 * (hi - lo);
    }
    this.targetEntropy = -actDim;

    Rng root = new Rng(config.seed());
    Rng init = root.fork(0);
    this.explorationRng = root.fork(1);
    this.resetRng = root.fork(2);
    this.batchRng = root.fork(3);
    this.noiseRng = root.fork(4);
    int h = config.hiddenWidth();
    this.actor = new Mlp(sizes(obsDim, h, config.hiddenLayers(), 2 * actDim), Activation.RELU,
        Init.xavierUniform(), init);
    this.q1 = new Mlp(sizes(obsDim + actDim, h, config.hiddenLayers(), 1), Activation.RELU,
        Init.xavierUniform(), init);
    this.q2 = new Mlp(sizes(obsDim + actDim, h, config.hiddenLayers(), 1), Activation.RELU,
        Init.xavierUniform(), init);
    this.q1Target = new Mlp(q1.sizes(), Activation.RELU, Init.zeros(), init);
    this.q2Target = new Mlp(q2.sizes(), Activation.RELU, Init.zeros(), init);
    this.q1Values = q1.parameterValues();
    this.q2Values = q2.parameterValues();
    this.q1TargetValues = q1Target.parameterValues();
    this.q2TargetValues = q2Target.parameterValues();
    polyak(q1Values, q1TargetValues, 1.0);
    polyak(q2Values, q2TargetValues, 1.0);
    this.actorOptimizer = new Adam(actor.parameterValues(),
        Adam.Config.defaults().withLearningRate(config.policyLearningRate()));
    List<DMatrixRMaj> criticValues = new ArrayList<>(q1Values);
    criticValues.addAll(q2Values);
    this.criticOptimizer = new Adam(criticValues,
        Adam.Config.defaults().withLearningRate(config.qLearningRate()));
    this.alphaOptimizer = new Adam(List.of(logAlpha),
        Adam.Config.defaults().withLearningRate(config.alphaLearningRate()));
    logAlpha.data[0] = Math.log(config.initialAlpha());

    this.buffer = new ReplayBuffer(config.bufferCapacity(), obsDim, actDim);
    int b = config.batchSize();
    this.batch = new ReplayBuffer.Minibatch(b, obsDim, actDim);
    this.epsCurrent = new DMatrixRMaj(b, actDim);
    this.epsNext = new DMatrixRMaj(b, actDim);
    this.epsOne = new DMatrixRMaj(1, actDim);
    this.obsOne = new DMatrixRMaj(1, obsDim);
    this.target = new DMatrixRMaj(b, 1);
    this.minMask = new DMatrixRMaj(b, 1);
    this.unitAction = new double[actDim];
    this.envAction = new double[actDim];
  }

  private static int[] sizes(int in, int width, int layers, int out) {
    int[] s = new int[layers + 2];
    s[0] = in;
    for (int l = 1; l <= layers; l++) {
      s[l] = width;
    }
    s[layers + 1] = out;
    return s;
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
    return Math.exp(logAlpha.data[0]);
  }

  /** The actor network: s ↦ [μ, raw log σ] (2·dim(A) outputs). */
  public Mlp actor() {
    return actor;
  }

  /** The first critic Q₁(s, a) on [s, a]. */
  public Mlp q1() {
    return q1;
  }

  /** The second critic Q₂(s, a). */
  public Mlp q2() {
    return q2;
  }

  /** The target copy of Q₁. */
  public Mlp q1Target() {
    return q1Target;
  }

  /** The target copy of Q₂. */
  public Mlp q2Target() {
    return q2Target;
  }

  /** The replay buffer (actions stored in (−1, 1)^d, before the map onto the action box). */
  public ReplayBuffer buffer() {
    return buffer;
  }

  /**
   * Trains until {@code config.totalSteps()} environment steps have been taken in all.
   *
   * @param listener receives the metrics listed in the class comment
   * @throws ArithmeticException if a loss or gradient is NaN or infinite
   */
  public void train(TrainingListener listener) {
    train(Math.max(0, config.totalSteps() - step), listener);
  }

  /**
   * Runs {@code steps} more environment steps (and their updates), continuing any episode in
   * progress; the first call resets the environment.
   *
   * @param steps number of environment steps, ≥ 0
   * @param listener receives the metrics listed in the class comment
   * @throws ArithmeticException if a loss or gradient is NaN or infinite
   */
  public void train(long steps, TrainingListener listener) {
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
      step++;
      if (step <= config.learningStarts()) {
        for (int i = 0; i < actDim; i++) {
          unitAction[i] = explorationRng.nextDouble(-1, 1);
        }
      } else {
        for (int i = 0; i < actDim; i++) {
          epsOne.data[i] = noiseRng.nextGaussian();
        }
        policyAction(obs, epsOne, unitAction);
      }
      for (int i = 0; i < actDim; i++) {
        envAction[i] = actionCenter[i] + actionHalfRange[i] * unitAction[i];
      }
      Step<double[]> s = env.step(envAction);
      buffer.add(obs, unitAction, s.reward(), s.observation(), s.terminated());
      episodeReturn += s.reward();
      episodeLength++;
      boolean logged = false;
      if (s.done()) {
        listener.onScalar(step, "charts/episodic_return", episodeReturn);
        listener.onScalar(step, "charts/episodic_length", episodeLength);
        logged = true;
        episodeReturn = 0;
        episodeLength = 0;
        obs = env.reset(resetRng.nextLong());
      } else {
        obs = s.observation();
      }
      if (step > config.learningStarts()) {
        update();
        if (step % config.logEvery() == 0) {
          listener.onScalar(step, "loss/q1", lossQ1);
          listener.onScalar(step, "loss/q2", lossQ2);
          listener.onScalar(step, "loss/policy", lossPolicy);
          listener.onScalar(step, "loss/alpha", lossAlpha);
          listener.onScalar(step, "charts/alpha", alpha());
          listener.onScalar(step, "charts/q1_mean", q1Mean);
          listener.onScalar(step, "charts/entropy", entropy);
          logged = true;
        }
      }
      if (logged) {
        listener.onIterationEnd(step, (System.nanoTime() - startNanos) * 1e-9);
      }
    }
  }

  /** One gradient update of critics, actor and temperature, then the targets. */
  private void update() {
    buffer.sample(batchRng, batch);
    fillGaussian(epsNext);
    fillGaussian(epsCurrent);
    double alpha = alpha();

    // 1. the soft target y = r + γ(1 − d)(min Q_targ(s', a') − α log π(a'|s'))
    tape.reset();
    piNext = policy(tape, actor, constants(tape, actor, frozen1),
        tape.constant(batch.nextObservations), config.logStdMin(), config.logStdMax(), piNext);
    nextSample = piNext.rsample(epsNext, nextSample);
    Tensor nextSa = tape.concat(tape.constant(batch.nextObservations), nextSample.action(), 1);
    Tensor q1Next = q1Target.forward(tape, nextSa, constants(tape, q1Target, frozen1));
    Tensor q2Next = q2Target.forward(tape, nextSa, constants(tape, q2Target, frozen2));
    softTarget(batch.rewards, batch.terminated, q1Next.value(), q2Next.value(),
        nextSample.logProb().value(), config.gamma(), alpha, target);

    // 2. critics: L_Qi = ½ mean (Q_i(s, a) − y)²
    tape.reset();
    criticParams.clear();
    leaves(tape, q1, criticParams);
    leaves(tape, q2, criticParams);
    int n1 = q1.parameters().size();
    Tensor sa = tape.concat(tape.constant(batch.observations), tape.constant(batch.actions), 1);
    Tensor y = tape.constant(target);
    Tensor q1v = q1.forward(tape, sa, criticParams, 0);
    Tensor q2v = q2.forward(tape, sa, criticParams, n1);
    Tensor l1 = tape.mul(tape.mean(tape.square(tape.sub(q1v, y))), 0.5);
    Tensor l2 = tape.mul(tape.mean(tape.square(tape.sub(q2v, y))), 0.5);
    lossQ1 = checkFinite(l1.item(), "loss/q1");
    lossQ2 = checkFinite(l2.item(), "loss/q2");
    q1Mean = mean(q1v.value());
    tape.grad(tape.add(l1, l2), criticParams, false, grads);
    criticOptimizer.step(checkedValues(grads, "loss/q1 + loss/q2", q1, q2));

    // 3. actor: L_π = mean (α log π(ã|s) − min_i Q_i(s, ã)), critics fixed
    tape.reset();
    actorParams.clear();
    leaves(tape, actor, actorParams);
    Tensor obsT = tape.constant(batch.observations);
    Tensor loss = actorLoss(tape, actor, actorParams, q1, constants(tape, q1, frozen1), q2,
        constants(tape, q2, frozen2), obsT, epsCurrent, alpha, config.logStdMin(),
        config.logStdMax(), minMask);
    lossPolicy = checkFinite(loss.item(), "loss/policy");
    entropy = -lastMeanLogPi;
    tape.grad(loss, actorParams, false, grads);
    actorOptimizer.step(checkedValues(grads, "loss/policy", actor, null));

    // 4. temperature: J(log α) = −log α · mean (log π + H̄)
    if (config.autotune()) {
      double meanLogPi = lastMeanLogPi;
      lossAlpha = checkFinite(-logAlpha.data[0] * (meanLogPi + targetEntropy), "loss/alpha");
      logAlphaGrad.data[0] = checkFinite(-(meanLogPi + targetEntropy),
          "gradient of loss/alpha");
      alphaOptimizer.step(logAlphaGradList);
    } else {
      lossAlpha = 0;
    }

    // 5. targets
    polyak(q1Values, q1TargetValues, config.tau());
    polyak(q2Values, q2TargetValues, config.tau());
  }

  private Tensor actorLoss(Tape t, Mlp pi, List<Tensor> piParams, Mlp c1, List<Tensor> c1Params,
      Mlp c2, List<Tensor> c2Params, Tensor obsT, DMatrixRMaj eps, double alpha, double lo,
      double hi, DMatrixRMaj mask) {
    piCurrent = policy(t, pi, piParams, obsT, lo, hi, piCurrent);
    currentSample = piCurrent.rsample(eps, currentSample);
    lastMeanLogPi = mean(currentSample.logProb().value());
    return actorLossFrom(t, currentSample, obsT, c1, c1Params, c2, c2Params, alpha, mask);
  }

  /**
   * The actor loss L_π = mean_B (α log π(ã|s) − min(Q₁(s, ã), Q₂(s, ã))), ã = tanh(μ + σε),
   * recorded on {@code tape} so that its gradient reaches {@code actorParams} (and the critics'
   * tensors, if those are parameters). The minimum is taken per row and differentiated as the
   * selected critic (a subgradient at ties).
   *
   * @param tape the tape
   * @param actor the actor network (outputs [μ, raw log σ])
   * @param actorParams its parameter tensors on the tape
   * @param q1 the first critic; {@code q1Params} its tensors (constants to hold it fixed)
   * @param q2 the second critic; {@code q2Params} its tensors
   * @param obs observations, B × obsDim
   * @param eps standard-normal noise, B × dim(A). Not modified.
   * @param alpha temperature α
   * @param logStdMin lower bound of log σ
   * @param logStdMax upper bound of log σ
   * @return the 1×1 loss
   */
  public static Tensor actorLoss(Tape tape, Mlp actor, List<Tensor> actorParams, Mlp q1,
      List<Tensor> q1Params, Mlp q2, List<Tensor> q2Params, Tensor obs, DMatrixRMaj eps,
      double alpha, double logStdMin, double logStdMax) {
    TanhGaussian dist = policy(tape, actor, actorParams, obs, logStdMin, logStdMax);
    return actorLossFrom(tape, dist.rsample(eps), obs, q1, q1Params, q2, q2Params, alpha,
        new DMatrixRMaj(obs.rows(), 1));
  }

  private static Tensor actorLossFrom(Tape tape, TanhGaussian.Sample s, Tensor obs, Mlp q1,
      List<Tensor> q1Params, Mlp q2, List<Tensor> q2Params, double alpha, DMatrixRMaj mask) {
    Tensor sa = tape.concat(obs, s.action(), 1);
    Tensor q1v = q1.forward(tape, sa, q1Params, 0);
    Tensor q2v = q2.forward(tape, sa, q2Params, 0);
    int b = obs.rows();
    mask.reshape(b, 1);
    for (int i = 0; i < b; i++) {
      mask.data[i] = q1v.value().data[i] <= q2v.value().data[i] ? 1.0 : 0.0;
    }
    Tensor m = tape.constant(mask);
    // min(q1, q2) = q2 + m (q1 − q2)
    Tensor minQ = tape.add(q2v, tape.mul(m, tape.sub(q1v, q2v)));
    return tape.mean(tape.sub(tape.mul(s.logProb(), alpha), minQ));
  }

  /**
   * The policy π(·|s) = tanh N(μ(s), σ(s)²) from the actor's outputs [μ, raw]:
   * log σ = lo + (hi − lo)(tanh(raw) + 1)/2.
   *
   * @param tape the tape
   * @param actor the actor network
   * @param params its parameter tensors (leaves or constants)
   * @param obs B × obsDim
   * @param logStdMin lo
   * @param logStdMax hi
   */
  public static TanhGaussian policy(Tape tape, Mlp actor, List<Tensor> params, Tensor obs,
      double logStdMin, double logStdMax) {
    return policy(tape, actor, params, obs, logStdMin, logStdMax, null);
  }

  /**
   * {@link #policy(Tape, Mlp, List, Tensor, double, double)} rebinding a caller-owned
   * distribution ({@link TanhGaussian#set}), so that a training loop allocates nothing per pass.
   *
   * @param out the distribution to rebind, or null for a new one. Modified.
   * @return {@code out}, or the new distribution
   */
  public static TanhGaussian policy(Tape tape, Mlp actor, List<Tensor> params, Tensor obs,
      double logStdMin, double logStdMax, TanhGaussian out) {
    Tensor y = actor.forward(tape, obs, params, 0);
    int d = y.cols() / 2;
    Tensor mu = tape.slice(y, 0, y.rows(), 0, d);
    Tensor raw = tape.slice(y, 0, y.rows(), d, 2 * d);
    Tensor logStd = tape.add(tape.mul(tape.add(tape.tanh(raw), 1.0),
        0.5 * (logStdMax - logStdMin)), logStdMin);
    return out == null ? new TanhGaussian(mu, logStd) : out.set(mu, logStd);
  }

  /**
   * The soft Bellman target y_i = r_i + γ(1 − d_i)(min(q1_i, q2_i) − α logπ_i), elementwise over
   * a B × 1 batch.
   *
   * @param rewards r. Not modified.
   * @param terminated d ∈ {0, 1}. Not modified.
   * @param q1Next Q_targ,1(s', a'). Not modified.
   * @param q2Next Q_targ,2(s', a'). Not modified.
   * @param logPiNext log π(a'|s'). Not modified.
   * @param gamma γ
   * @param alpha α
   * @param out y, B × 1. Modified.
   */
  public static void softTarget(DMatrixRMaj rewards, DMatrixRMaj terminated, DMatrixRMaj q1Next,
      DMatrixRMaj q2Next, DMatrixRMaj logPiNext, double gamma, double alpha, DMatrixRMaj out) {
    int b = rewards.getNumElements();
    if (terminated.getNumElements() != b || q1Next.getNumElements() != b
        || q2Next.getNumElements() != b || logPiNext.getNumElements() != b) {
      throw new IllegalArgumentException("softTarget: every input must have " + b + " entries");
    }
    out.reshape(b, 1);
    for (int i = 0; i < b; i++) {
      double v = Math.min(q1Next.data[i], q2Next.data[i]) - alpha * logPiNext.data[i];
      out.data[i] = rewards.data[i] + gamma * (1.0 - terminated.data[i]) * v;
    }
  }

  /**
   * Polyak averaging θ_targ ← (1 − τ)θ_targ + τθ, matrix by matrix (τ = 1 copies).
   *
   * @param online θ. Not modified.
   * @param target θ_targ, same shapes. Modified.
   * @param tau τ in (0, 1]
   */
  public static void polyak(List<DMatrixRMaj> online, List<DMatrixRMaj> target, double tau) {
    if (!(tau > 0 && tau <= 1)) {
      throw new IllegalArgumentException("tau must be in (0, 1], got " + tau);
    }
    if (online.size() != target.size()) {
      throw new IllegalArgumentException("online has " + online.size() + " matrices, target "
          + target.size());
    }
    for (int k = 0; k < online.size(); k++) {
      DMatrixRMaj src = online.get(k);
      DMatrixRMaj dst = target.get(k);
      if (src.numRows != dst.numRows || src.numCols != dst.numCols) {
        throw new IllegalArgumentException("matrix " + k + ": online " + src.numRows + "×"
            + src.numCols + ", target " + dst.numRows + "×" + dst.numCols);
      }
      double[] s = src.data;
      double[] d = dst.data;
      for (int i = 0, n = src.getNumElements(); i < n; i++) {
        d[i] = (1 - tau) * d[i] + tau * s[i];
      }
    }
  }

  /**
   * The deterministic (evaluation) action tanh(μ(s)) mapped onto the action box.
   *
   * @param observation s. Not modified.
   * @return a new array of length dim(A)
   */
  public double[] act(double[] observation) {
    double[] out = new double[actDim];
    policyAction(observation, null, out);
    for (int i = 0; i < actDim; i++) {
      out[i] = actionCenter[i] + actionHalfRange[i] * out[i];
    }
    return out;
  }

  /**
   * The undiscounted return of one episode of the deterministic policy {@link #act} on
   * {@code evalEnv} (which may be {@code env}'s twin; do not pass the training environment in
   * the middle of training).
   *
   * @param evalEnv the environment. Modified.
   * @param resetSeed the seed of its reset
   * @param maxSteps the episode is cut after this many steps
   */
  public double evaluate(Env<double[], double[]> evalEnv, long resetSeed, int maxSteps) {
    double[] o = evalEnv.reset(resetSeed);
    double ret = 0;
    for (int t = 0; t < maxSteps; t++) {
      Step<double[]> s = evalEnv.step(act(o));
      ret += s.reward();
      if (s.done()) {
        break;
      }
      o = s.observation();
    }
    return ret;
  }

  /** tanh(μ + σε) for one observation (ε = null: tanh(μ)), in (−1, 1)^d. */
  private void policyAction(double[] observation, DMatrixRMaj eps, double[] out) {
    if (observation.length != obsDim) {
      throw new IllegalArgumentException("observation must have length " + obsDim + ", got "
          + observation.length);
    }
    System.arraycopy(observation, 0, obsOne.data, 0, obsDim);
    actTape.reset();
    piAct = policy(actTape, actor, constants(actTape, actor, frozen2),
        actTape.constant(obsOne), config.logStdMin(), config.logStdMax(), piAct);
    Tensor a;
    if (eps == null) {
      a = piAct.mode();
    } else {
      actSample = piAct.rsample(eps, actSample);
      a = actSample.action();
    }
    System.arraycopy(a.value().data, 0, out, 0, actDim);
  }

  /** {@code into} cleared and filled with net's parameters as constants on {@code t}. */
  private static List<Tensor> constants(Tape t, Mlp net, List<Tensor> into) {
    into.clear();
    final List<Parameter> ps = net.parameters();
    for (int i = 0, n = ps.size(); i < n; i++) {
      into.add(t.constant(ps.get(i).value()));
    }
    return into;
  }

  /** Appends net's parameters to {@code into} as leaves on {@code t} (gradients flow in). */
  private static void leaves(Tape t, Mlp net, List<Tensor> into) {
    final List<Parameter> ps = net.parameters();
    for (int i = 0, n = ps.size(); i < n; i++) {
      into.add(t.parameter(ps.get(i).value()));
    }
  }

  private void fillGaussian(DMatrixRMaj m) {
    for (int i = 0, n = m.getNumElements(); i < n; i++) {
      m.data[i] = noiseRng.nextGaussian();
    }
  }

  private static double mean(DMatrixRMaj m) {
    double s = 0;
    int n = m.getNumElements();
    for (int i = 0; i < n; i++) {
      s += m.data[i];
    }
    return s / n;
  }

  private double checkFinite(double v, String quantity) {
    if (!Double.isFinite(v)) {
      throw new ArithmeticException("SAC: " + quantity + " is " + v + " at iteration " + step
          + " (environment step)");
    }
    return v;
  }

  private List<DMatrixRMaj> checkedValues(List<Tensor> grads, String loss, Mlp first,
      Mlp second) {
    gradValues.clear();
    int n1 = first.parameters().size();
    for (int k = 0; k < grads.size(); k++) {
      DMatrixRMaj g = grads.get(k).value();
      for (int i = 0, n = g.getNumElements(); i < n; i++) {
        if (!Double.isFinite(g.data[i])) {
          Parameter p = k < n1 ? first.parameters().get(k) : second.parameters().get(k - n1);
          String net = k < n1 ? (second == null ? "actor" : "q1") : "q2";
          throw new ArithmeticException("SAC: gradient of " + loss + " with respect to " + net
              + "." + p.name() + " is " + g.data[i] + " at iteration " + step
              + " (environment step)");
        }
      }
      gradValues.add(g);
    }
    return gradValues;
  }
}
