package org.gridrl.meta.rl2;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.dist.DiagGaussian;
import org.gridrl.core.nn.ParameterIo;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * A trained RL² network acting in one trial at a time: π(a_t | h_t), h_t = GRU(x_t, h_{t−1}),
 * x_t = [o_t | enc(a_{t−1}) | r_{t−1} | d_{t−1}] ({@link Rl2Network}). The hidden state is the
 * only memory: it persists across the episodes of a trial and {@link #startTrial} resets it to 0.
 *
 * <p>Use with a categorical head: {@code startTrial()}; then per step {@code a = act(o, rng)}
 * (or {@link #probabilities}), step the environment, {@code observe(a, r, done)}; at an
 * episode's end reset the environment and keep going (the hidden state is kept). With a Gaussian
 * head the same with {@code double[] a = actContinuous(o, rng)} (or {@link #mean}) and
 * {@code observe(a, r, done)} given the raw action. {@link #save} and {@link #load} store the
 * parameters with {@link ParameterIo}. Not thread-safe.
 */
public final class Rl2Policy {

  private final Rl2Network network;
  private final Tape tape = new Tape();
  private final DMatrixRMaj h;
  private final DMatrixRMaj x;
  private final List<Tensor> params = new ArrayList<>();
  private int prevAction;
  private final double[] prevVector;
  private final DMatrixRMaj draw;
  private double prevReward;
  private boolean prevDone;
  private boolean awaitingObserve;

  /** A policy over {@code network} (shared, not copied: training it changes this policy). */
  public Rl2Policy(Rl2Network network) {
    this.network = network;
    this.h = new DMatrixRMaj(1, network.hidden());
    this.x = new DMatrixRMaj(1, network.inputDim());
    this.prevVector = new double[network.actionDim()];
    this.draw = new DMatrixRMaj(1, network.actionDim());
    startTrial();
  }

  /** The network. */
  public Rl2Network network() {
    return network;
  }

  /** Starts a trial: h_0 = 0, a_{−1} = none, r_{−1} = 0, d_{−1} = 1. */
  public void startTrial() {
    h.zero();
    prevAction = -1;
    java.util.Arrays.fill(prevVector, 0.0);
    prevReward = 0.0;
    prevDone = true;
    awaitingObserve = false;
  }

  /** The current hidden state h_t (a copy). */
  public double[] hiddenState() {
    return h.data.clone();
  }

  /**
   * Advances the hidden state with x_t built from {@code observation} and the last observed
   * (a, r, done), and returns π(·|h_t).
   *
   * @param observation the encoded o_t. Not modified.
   * @return the action probabilities, a new array
   * @throws IllegalStateException if the previous step's outcome was not {@link #observe}d
   */
  public double[] probabilities(double[] observation) {
    requireHead(true);
    Tensor p = tape.softmax(advance(observation));
    return p.value().data.clone();
  }

  /**
   * A Gaussian head's {@link #probabilities}: advances the hidden state and returns the mean
   * μ(h_t) of π(·|h_t) = N(μ(h_t), diag σ²) (σ from {@link #std}).
   *
   * @param observation the encoded o_t. Not modified.
   * @return μ(h_t), a new array of d entries
   * @throws IllegalStateException for a categorical head, or if the previous step's outcome
   *     was not {@link #observe}d
   */
  public double[] mean(double[] observation) {
    requireHead(false);
    return advance(observation).value().data.clone();
  }

  /**
   * A Gaussian head's action: advances the hidden state and samples a_t = μ(h_t) + σ ⊙ ε,
   * ε ~ N(0, I) ({@link DiagGaussian#sample}: {@code rng} advanced d times, coordinate by
   * coordinate, as in {@link Rl2#sample}).
   *
   * @return the raw a_t (unclipped), a new array; pass it to {@link #observe(double[], double,
   *     boolean)}
   */
  public double[] actContinuous(double[] observation, Rng rng) {
    requireHead(false);
    Tensor mu = advance(observation);
    new DiagGaussian(tape, mu, network.logStd(params)).sample(rng, draw);
    return draw.data.clone();
  }

  /** A Gaussian head's σ = exp(log σ), d entries (a new array). */
  public double[] std() {
    requireHead(false);
    double[] ls = network.parameters().get(Rl2Network.LOG_STD).value().data;
    double[] out = new double[ls.length];
    for (int j = 0; j < ls.length; j++) {
      out[j] = Math.exp(ls[j]);
    }
    return out;
  }

  /** Steps the GRU with x_t and returns the head's output (logits or μ), 1 × A or 1 × d. */
  private Tensor advance(double[] observation) {
    if (awaitingObserve) {
      throw new IllegalStateException("observe(a, r, done) the last action before the next step");
    }
    if (observation.length != network.observationDim()) {
      throw new IllegalArgumentException("observation has " + observation.length
          + " entries, the network expects " + network.observationDim());
    }
    if (network.discrete()) {
      Rl2Network.encodeInput(observation, prevAction, prevReward, prevDone,
          network.numActions(), x.data, 0);
    } else {
      Rl2Network.encodeInput(observation, prevVector, prevReward, prevDone, x.data, 0);
    }
    tape.reset();
    params.clear();
    network.bind(tape, params);
    Tensor hNext = network.step(tape, tape.constant(x), tape.constant(h), params);
    Tensor head = network.head(tape, hNext, params);
    System.arraycopy(hNext.value().data, 0, h.data, 0, h.data.length);
    awaitingObserve = true;
    return head;
  }

  private void requireHead(boolean discrete) {
    if (network.discrete() != discrete) {
      throw new IllegalStateException("this RL² policy has a "
          + (network.discrete() ? "categorical head: use probabilities/act"
              : "Gaussian head: use mean/actContinuous"));
    }
  }

  /** Samples a_t ~ π(·|h_t) after {@link #probabilities}; {@code rng} is advanced once. */
  public int act(double[] observation, Rng rng) {
    return rng.nextCategorical(probabilities(observation));
  }

  /**
   * Records the outcome of the last step, the next step's (a_{t−1}, r_{t−1}, d_{t−1}).
   *
   * @param done whether this step ended an episode
   */
  public void observe(int action, double reward, boolean done) {
    requireHead(true);
    if (!awaitingObserve) {
      throw new IllegalStateException("observe follows a call to probabilities or act");
    }
    if (action < 0 || action >= network.numActions()) {
      throw new IllegalArgumentException("action must be in [0, " + network.numActions()
          + "), got " + action);
    }
    prevAction = action;
    prevReward = reward;
    prevDone = done;
    awaitingObserve = false;
  }

  /**
   * A Gaussian head's {@link #observe(int, double, boolean)}: records the raw action taken (fed
   * back unclipped in x_{t+1}), its reward and whether it ended an episode.
   *
   * @param action a_t, d finite entries. Not modified.
   */
  public void observe(double[] action, double reward, boolean done) {
    requireHead(false);
    if (!awaitingObserve) {
      throw new IllegalStateException("observe follows a call to mean or actContinuous");
    }
    Check.finite("action", action);
    if (action.length != prevVector.length) {
      throw new IllegalArgumentException("action has " + action.length
          + " entries, the network expects " + prevVector.length);
    }
    System.arraycopy(action, 0, prevVector, 0, prevVector.length);
    prevReward = reward;
    prevDone = done;
    awaitingObserve = false;
  }

  /** Saves the parameters ({@link ParameterIo#save}). */
  public void save(Path file) {
    ParameterIo.save(network, file);
  }

  /**
   * A policy whose network, shaped for {@code tasks} with state size {@code hidden}, takes its
   * parameters from {@code file} ({@link ParameterIo#load}: names and shapes must match).
   */
  public static Rl2Policy load(Rl2Tasks<?> tasks, int hidden, Path file) {
    Rl2Network network = Rl2Network.forTasks(tasks, hidden, new Rng(0));
    ParameterIo.load(network, file);
    return new Rl2Policy(network);
  }

  /**
   * A Gaussian-head policy whose network, shaped for {@code tasks} with state size
   * {@code hidden}, takes its parameters (log σ included) from {@code file}
   * ({@link ParameterIo#load}: names and shapes must match).
   */
  public static Rl2Policy load(Rl2BoxTasks<?> tasks, int hidden, Path file) {
    Rl2Network network = Rl2Network.forTasks(tasks, hidden, 0.0, new Rng(0));
    ParameterIo.load(network, file);
    return new Rl2Policy(network);
  }
}
