package org.gridrl.meta.rl2;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.dist.DiagGaussian;
import org.gridrl.core.nn.Gru;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Linear;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * RL²'s recurrent actor-critic (Duan et al. 2016, §2.2):
 * <pre>
 *   x_t = [o_t | enc(a_{t−1}) | r_{t−1} | d_{t−1}],   h_t = GRU(x_t, h_{t−1}),  h_0 = 0,
 *   π(·|h_t) = softmax(h_t W_π + b_π)                 (categorical head, enc = one-hot),
 *   π(·|h_t) = N(h_t W_μ + b_μ, diag exp(2 log σ))    (Gaussian head, enc = the raw action),
 *   V(h_t) = h_t W_V + b_V,
 * </pre>
 * one {@link Gru} trunk shared by a linear policy head and a linear value head (the PyTorch
 * reimplementation lucaslingle/pytorch_rl2, {@code rl2/agents/...}, keeps two separate GRUs; one
 * trunk halves the cost, and the value loss is weighted by c_V as in core's PPO). At a trial's
 * first step a_{t−1} is encoded as all zeros, r_{t−1} = 0 and d_{t−1} = 1 (the reference starts
 * from action 0's one-hot, reward 0, done 1; an all-zero action says "none" without favouring
 * action 0). The Gaussian head follows rllab's {@code GaussianGRUPolicy} (the policy of the RL²
 * paper's continuous experiments): the mean is a linear read-out of the GRU's state and log σ is
 * a learned state-independent 1 × d vector (rllab's {@code learn_std=True},
 * {@code state_include_action=True}); its distribution is core's {@link DiagGaussian}.
 *
 * <p>Parameters, in order: {@code rl2.gru.*} (4, see {@link Gru}), then for the categorical
 * head {@code rl2.pi.weight}, {@code rl2.pi.bias}, {@code rl2.v.weight}, {@code rl2.v.bias}; for
 * the Gaussian head {@code rl2.mu.weight}, {@code rl2.mu.bias}, {@code rl2.v.weight},
 * {@code rl2.v.bias}, {@code rl2.log_std}. As a {@link Module} it maps [x | h] to [h' | logits
 * or μ | V(h')].
 */
public final class Rl2Network implements Module {

  /** Index of the policy head's first parameter. */
  static final int PI = 4;
  /** Index of the value head's first parameter. */
  static final int V = 6;
  /** Index of the Gaussian head's log σ. */
  static final int LOG_STD = 8;

  private final int observationDim;
  private final int numActions;
  private final boolean discrete;
  private final Gru gru;
  private final Linear pi;
  private final Linear v;
  private final List<Parameter> parameters;

  /**
   * A network with a categorical head, the GRU's default initialisation (Xavier input weights,
   * orthogonal recurrent blocks), Xavier heads and zero biases.
   *
   * @param observationDim entries of an encoded observation, ≥ 1
   * @param numActions discrete actions, ≥ 1
   * @param hidden GRU state size H, ≥ 1
   * @param rng the initialisation stream. Modified.
   */
  public Rl2Network(int observationDim, int numActions, int hidden, Rng rng) {
    this(observationDim, numActions, hidden, true, 0.0, rng);
  }

  private Rl2Network(int observationDim, int actionDim, int hidden, boolean discrete,
      double initLogStd, Rng rng) {
    this.observationDim = Check.positive("observationDim", observationDim);
    this.numActions = Check.positive(discrete ? "numActions" : "actionDim", actionDim);
    this.discrete = discrete;
    Check.positive("hidden", hidden);
    Check.finite("initLogStd", initLogStd);
    this.gru = new Gru("rl2.gru", inputDim(), hidden, rng);
    this.pi = new Linear(discrete ? "rl2.pi" : "rl2.mu", hidden, actionDim, Init.xavierUniform(),
        rng);
    this.v = new Linear("rl2.v", hidden, 1, Init.xavierUniform(), rng);
    List<Parameter> all = new ArrayList<>(gru.parameters());
    all.addAll(pi.parameters());
    all.addAll(v.parameters());
    if (!discrete) {
      DMatrixRMaj logStd = new DMatrixRMaj(1, actionDim);
      logStd.fill(initLogStd);
      all.add(new Parameter("rl2.log_std", logStd));
    }
    this.parameters = List.copyOf(all);
  }

  /**
   * A network with a diagonal Gaussian head over R^d: the GRU and the Xavier heads initialised
   * as the categorical network's (same draws from {@code rng}, in the same order), log σ filled
   * with {@code initLogStd}.
   *
   * @param observationDim entries of an encoded observation, ≥ 1
   * @param actionDim d, entries of an action, ≥ 1
   * @param hidden GRU state size H, ≥ 1
   * @param initLogStd initial log σ of every coordinate, finite
   * @param rng the initialisation stream. Modified.
   */
  public static Rl2Network gaussian(int observationDim, int actionDim, int hidden,
      double initLogStd, Rng rng) {
    return new Rl2Network(observationDim, actionDim, hidden, false, initLogStd, rng);
  }

  /** A Gaussian-head network shaped for {@code tasks}. */
  public static Rl2Network forTasks(Rl2BoxTasks<?> tasks, int hidden, double initLogStd,
      Rng rng) {
    return gaussian(tasks.observationDim(), tasks.actionDim(), hidden, initLogStd, rng);
  }

  /** A network shaped for {@code tasks}. */
  public static Rl2Network forTasks(Rl2Tasks<?> tasks, int hidden, Rng rng) {
    return new Rl2Network(tasks.observationDim(), tasks.numActions(), hidden, rng);
  }

  /** Entries of an encoded observation. */
  public int observationDim() {
    return observationDim;
  }

  /**
   * Discrete actions of a categorical head.
   *
   * @throws IllegalStateException for a Gaussian head (see {@link #actionDim})
   */
  public int numActions() {
    if (!discrete) {
      throw new IllegalStateException("a Gaussian RL² head has no discrete actions; "
          + "its action dimension is " + numActions);
    }
    return numActions;
  }

  /** Whether the head is categorical (else a diagonal Gaussian). */
  public boolean discrete() {
    return discrete;
  }

  /** Width of the action's encoding in x_t: A (one-hot) or d (the raw action). */
  public int actionDim() {
    return numActions;
  }

  /** GRU state size H. */
  public int hidden() {
    return gru.hidden();
  }

  /** Width of x_t: observationDim + actionDim + 2. */
  public int inputDim() {
    return observationDim + numActions + 2;
  }

  /** The recurrent trunk. */
  public Gru gru() {
    return gru;
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  /**
   * Writes x_t = [o_t | onehot(a_{t−1}) | r_{t−1} | d_{t−1}] into {@code out[offset ..
   * offset + observationDim + numActions + 2)}.
   *
   * @param observation the encoded o_t, {@code observationDim} entries. Not modified.
   * @param prevAction a_{t−1}, or −1 at a trial's first step (all-zero one-hot)
   * @param prevReward r_{t−1} (0 at a trial's first step)
   * @param prevDone whether step t−1 ended an episode (true at a trial's first step)
   * @param numActions A
   * @param out the input row. Modified.
   */
  public static void encodeInput(double[] observation, int prevAction, double prevReward,
      boolean prevDone, int numActions, double[] out, int offset) {
    int d = observation.length;
    if (prevAction < -1 || prevAction >= numActions) {
      throw new IllegalArgumentException("prevAction must be in [-1, " + numActions
          + "), got " + prevAction);
    }
    System.arraycopy(observation, 0, out, offset, d);
    java.util.Arrays.fill(out, offset + d, offset + d + numActions, 0.0);
    if (prevAction >= 0) {
      out[offset + d + prevAction] = 1.0;
    }
    out[offset + d + numActions] = prevReward;
    out[offset + d + numActions + 1] = prevDone ? 1.0 : 0.0;
  }

  /**
   * Writes x_t = [o_t | a_{t−1} | r_{t−1} | d_{t−1}] with the raw continuous action into
   * {@code out[offset .. offset + observationDim + d + 2)}.
   *
   * @param observation the encoded o_t. Not modified.
   * @param prevAction a_{t−1}, d entries (all zeros at a trial's first step). Not modified.
   * @param prevReward r_{t−1} (0 at a trial's first step)
   * @param prevDone whether step t−1 ended an episode (true at a trial's first step)
   * @param out the input row. Modified.
   */
  public static void encodeInput(double[] observation, double[] prevAction, double prevReward,
      boolean prevDone, double[] out, int offset) {
    int d = observation.length;
    int a = prevAction.length;
    System.arraycopy(observation, 0, out, offset, d);
    System.arraycopy(prevAction, 0, out, offset + d, a);
    out[offset + d + a] = prevReward;
    out[offset + d + a + 1] = prevDone ? 1.0 : 0.0;
  }

  /** h_t = GRU(x_t, h_{t−1}), batch × H. */
  public Tensor step(Tape tape, Tensor x, Tensor h, List<Tensor> params) {
    return gru.step(tape, x, h, params, 0);
  }

  /** The policy's logits h W_π + b_π, batch × A. */
  public Tensor logits(Tape tape, Tensor h, List<Tensor> params) {
    return pi.forward(tape, h, params, PI);
  }

  /** The policy head's output h W + b: the logits (categorical) or the mean μ (Gaussian). */
  public Tensor head(Tape tape, Tensor h, List<Tensor> params) {
    return pi.forward(tape, h, params, PI);
  }

  /**
   * The Gaussian head's log σ, 1 × d (the bound parameter itself).
   *
   * @throws IllegalStateException for a categorical head
   */
  public Tensor logStd(List<Tensor> params) {
    if (discrete) {
      throw new IllegalStateException("a categorical RL² head has no log σ");
    }
    return params.get(LOG_STD);
  }

  /** π(·|h) of the Gaussian head as core's {@link DiagGaussian}: N(h W_μ + b_μ, σ²). */
  public DiagGaussian gaussian(Tape tape, Tensor h, List<Tensor> params) {
    return new DiagGaussian(tape, head(tape, h, params), logStd(params));
  }

  /** The value V(h) = h W_V + b_V, batch × 1. */
  public Tensor value(Tape tape, Tensor h, List<Tensor> params) {
    return v.forward(tape, h, params, V);
  }

  @Override
  public Tensor forward(Tape tape, Tensor x, List<Tensor> params, int offset) {
    int in = inputDim();
    int hh = hidden();
    if (x.cols() != in + hh) {
      throw new IllegalArgumentException("Rl2Network as a Module expects [x | h] with "
          + (in + hh) + " columns, got " + x.cols());
    }
    List<Tensor> own = params.subList(offset, offset + parameters.size());
    Tensor h = step(tape, tape.slice(x, 0, x.rows(), 0, in),
        tape.slice(x, 0, x.rows(), in, in + hh), own);
    return tape.concat(List.of(h, head(tape, h, own), value(tape, h, own)), 1);
  }
}
