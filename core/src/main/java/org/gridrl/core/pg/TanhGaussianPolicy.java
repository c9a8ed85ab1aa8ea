package org.gridrl.core.pg;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.dist.TanhGaussian;
import org.gridrl.core.env.Box;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.util.Rng;

/**
 * SAC's policy (Haarnoja et al. 2018, appendix C; the parameterisation of CleanRL's
 * {@code sac_continuous_action.py}): an MLP actor s ↦ [μ(s), r(s)] with 2·d outputs,
 * log σ = lo + (hi − lo)(tanh(r) + 1)/2 (bounded), u ~ N(μ, σ²), a = tanh(u) ∈ (−1, 1)^d
 * ({@link TanhGaussian}), and the environment's action x = c + h ⊙ a, the affine map of the unit
 * box onto the action {@link Box} (c its centre, h its half-widths).
 *
 * <p>SAC learns in the unit box: its replay buffer holds a, and its losses use log π(a|s) of
 * {@link TanhGaussian}. As a {@link Policy}, this class acts and evaluates in the environment's
 * units: log π(x|s) = log π(a|s) − Σ_i log h_i (the Jacobian of the fixed map). SAC's
 * temperature targets the unit-box entropy (CleanRL's includes log h: a departure by the
 * constant Σ_i log h_i, kept because the experiments' numbers were made with it).
 *
 * <p>{@link #sampleUnit} and {@link #deterministicUnit} act on one observation and allocate
 * nothing after the first call (a kept tape, distribution and sample): not thread-safe, one
 * instance per thread.
 */
public final class TanhGaussianPolicy implements Policy {

  private final Mlp actor;
  private final double logStdMin;
  private final double logStdMax;
  private final double[] center;
  private final double[] halfRange;
  private final double logJacobian;
  // one-observation scratch of sampleUnit and deterministicUnit
  private final Tape tape = new Tape();
  private final DMatrixRMaj obsOne;
  private final List<Tensor> constants = new ArrayList<>();
  private TanhGaussian one;
  private TanhGaussian.Sample oneSample;

  /**
   * A policy over the given actor.
   *
   * @param actor obsDim → … → 2·dim(actions) (μ, then the raw log σ)
   * @param logStdMin lo, the least log σ
   * @param logStdMax hi &gt; lo, the largest log σ
   * @param actions the environment's action box; every bound finite
   */
  public TanhGaussianPolicy(Mlp actor, double logStdMin, double logStdMax, Box actions) {
    int d = actions.dim();
    int[] sizes = actor.sizes();
    if (sizes[sizes.length - 1] != 2 * d) {
      throw new IllegalArgumentException("the actor must have 2·" + d + " outputs (μ and log σ),"
          + " got " + sizes[sizes.length - 1]);
    }
    if (!(logStdMax > logStdMin)) {
      throw new IllegalArgumentException("logStdMax must be > logStdMin (" + logStdMin
          + "), got " + logStdMax);
    }
    this.actor = actor;
    this.logStdMin = logStdMin;
    this.logStdMax = logStdMax;
    this.center = new double[d];
    this.halfRange = new double[d];
    double lj = 0;
    for (int i = 0; i < d; i++) {
      double lo = actions.low(i);
      double hi = actions.high(i);
      if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
        throw new IllegalArgumentException("SAC needs a bounded action space, dimension " + i
            + " is [" + lo + ", " + hi + "]");
      }
      center[i] = 0.5 * (lo + hi);
      halfRange[i] = 0.5 * (hi - lo);
      lj += Math.log(halfRange[i]);
    }
    this.logJacobian = lj;
    this.obsOne = new DMatrixRMaj(1, sizes[0]);
  }

  /**
   * SAC's default actor: {@code layers} hidden ReLU layers of {@code width} units, Xavier-uniform
   * initialisation, as {@link Sac} builds it.
   *
   * @param init the initialisation stream. Modified.
   */
  public static TanhGaussianPolicy mlp(int obsDim, Box actions, int width, int layers,
      double logStdMin, double logStdMax, Rng init) {
    Mlp actor = new Mlp(sizes(obsDim, width, layers, 2 * actions.dim()), Activation.RELU,
        Init.xavierUniform(), init);
    return new TanhGaussianPolicy(actor, logStdMin, logStdMax, actions);
  }

  /** in → width × layers → out. */
  static int[] sizes(int in, int width, int layers, int out) {
    int[] s = new int[layers + 2];
    s[0] = in;
    for (int l = 1; l <= layers; l++) {
      s[l] = width;
    }
    s[layers + 1] = out;
    return s;
  }

  /**
   * π(·|s) = tanh N(μ(s), σ(s)²) for a batch of observations, from the actor's outputs [μ, r]:
   * log σ = lo + (hi − lo)(tanh(r) + 1)/2, recorded on {@code tape}.
   *
   * @param obs B × obsDim
   * @param params the actor's parameter tensors (leaves for its gradient, constants to hold it)
   * @param out a distribution to rebind ({@link TanhGaussian#set}), or null for a new one.
   *     Modified.
   * @return {@code out}, or the new distribution
   */
  public TanhGaussian distribution(Tape tape, Tensor obs, List<Tensor> params,
      TanhGaussian out) {
    Tensor y = actor.forward(tape, obs, params, 0);
    int d = y.cols() / 2;
    Tensor mu = tape.slice(y, 0, y.rows(), 0, d);
    Tensor raw = tape.slice(y, 0, y.rows(), d, 2 * d);
    Tensor logStd = tape.add(tape.mul(tape.add(tape.tanh(raw), 1.0),
        0.5 * (logStdMax - logStdMin)), logStdMin);
    return out == null ? new TanhGaussian(mu, logStd) : out.set(mu, logStd);
  }

  /**
   * a = tanh(μ(s) + σ(s)·ε) in the unit box, for one observation.
   *
   * @param observation s, length obsDim. Not modified.
   * @param eps ε, 1 × d standard-normal noise. Not modified.
   * @param out a, length d. Modified.
   */
  public void sampleUnit(double[] observation, DMatrixRMaj eps, double[] out) {
    unit(observation, eps, out);
  }

  /**
   * The deterministic action tanh(μ(s)) in the unit box, for one observation.
   *
   * @param observation s, length obsDim. Not modified.
   * @param out a, length d. Modified.
   */
  public void deterministicUnit(double[] observation, double[] out) {
    unit(observation, null, out);
  }

  /**
   * The deterministic (evaluation) action c + h ⊙ tanh(μ(s)) in the environment's units.
   *
   * @param observation s. Not modified.
   * @return a new array of length dim(A)
   */
  public double[] deterministicAction(double[] observation) {
    double[] out = new double[center.length];
    deterministicUnit(observation, out);
    toEnvironment(out, out);
    return out;
  }

  /**
   * x = c + h ⊙ a: a unit-box action onto the environment's box.
   *
   * @param unit a, length d. Not modified.
   * @param out x, length d (may be {@code unit}). Modified.
   */
  public void toEnvironment(double[] unit, double[] out) {
    for (int i = 0; i < center.length; i++) {
      out[i] = center[i] + halfRange[i] * unit[i];
    }
  }

  /** tanh(μ + σε) for one observation (ε = null: tanh(μ)), in (−1, 1)^d. */
  private void unit(double[] observation, DMatrixRMaj eps, double[] out) {
    if (observation.length != obsOne.numCols) {
      throw new IllegalArgumentException("observation must have length " + obsOne.numCols
          + ", got " + observation.length);
    }
    System.arraycopy(observation, 0, obsOne.data, 0, obsOne.numCols);
    tape.reset();
    one = distribution(tape, tape.constant(obsOne), constants(tape, actor, constants), one);
    Tensor a;
    if (eps == null) {
      a = one.mode();
    } else {
      oneSample = one.rsample(eps, oneSample);
      a = oneSample.action();
    }
    System.arraycopy(a.value().data, 0, out, 0, center.length);
  }

  /** {@code into} cleared and filled with net's parameters as constants on {@code t}. */
  static List<Tensor> constants(Tape t, Module net, List<Tensor> into) {
    into.clear();
    final List<Parameter> ps = net.parameters();
    for (int i = 0, n = ps.size(); i < n; i++) {
      into.add(t.constant(ps.get(i).value()));
    }
    return into;
  }

  @Override
  public int observationDim() {
    return actor.sizes()[0];
  }

  @Override
  public int actionDim() {
    return center.length;
  }

  @Override
  public boolean discrete() {
    return false;
  }

  /** The actor network s ↦ [μ, raw log σ]. */
  @Override
  public Mlp network() {
    return actor;
  }

  @Override
  public List<Parameter> parameters() {
    return actor.parameters();
  }

  @Override
  public Tensor forward(Tape tape, Tensor x, List<Tensor> params, int offset) {
    return actor.forward(tape, x, params, offset);
  }

  /**
   * log π(x_i|s_i) of environment actions, m × 1: a = (x − c)/h, u = atanh(a) (a constant),
   * log π = log N(u; μ, σ) − Σ log(1 − tanh(u)²) − Σ log h. An a that rounds to ±1 (a saturated
   * tanh) is moved inside by one ulp first, so it gets the density of u ≈ ±18.7. The entropy,
   * which a tanh-Gaussian has in no closed form, is the one-sample estimate −log π(x_i|s_i) at
   * the given actions (unbiased when they were drawn from π_θ).
   */
  @Override
  public Evaluation evaluate(Tape tape, Tensor obs, List<Tensor> params, DMatrixRMaj actions,
      int[] actionIndices) {
    int m = obs.rows();
    int d = center.length;
    if (actions == null || actions.numRows != m || actions.numCols != d) {
      throw new IllegalArgumentException("a tanh-Gaussian policy needs " + m + " × " + d
          + " continuous actions");
    }
    DMatrixRMaj u = new DMatrixRMaj(m, d);
    double limit = Math.nextDown(1.0);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < d; j++) {
        double a = (actions.get(i, j) - center[j]) / halfRange[j];
        a = Math.max(-limit, Math.min(limit, a));
        u.set(i, j, 0.5 * Math.log((1 + a) / (1 - a)));
      }
    }
    TanhGaussian pi = distribution(tape, obs, params, null);
    Tensor logProb = tape.add(pi.logProbOfPreTanh(tape.constant(u)), -logJacobian);
    return new Evaluation(logProb, tape.neg(logProb));
  }

  /**
   * Samples x_i = c + h ⊙ tanh(μ(s_i) + σ(s_i)·ε_i) with ε drawn from {@code rng} row by row, and
   * writes log π(x_i|s_i) in the environment's units.
   */
  @Override
  public void act(Tape tape, DMatrixRMaj obs, Rng rng, DMatrixRMaj actionsOut,
      double[] logProbOut) {
    int m = obs.numRows;
    int d = center.length;
    DMatrixRMaj eps = new DMatrixRMaj(m, d);
    for (int i = 0; i < m * d; i++) {
      eps.data[i] = rng.nextGaussian();
    }
    TanhGaussian pi = distribution(tape, tape.constant(obs),
        constants(tape, actor, new ArrayList<>()), null);
    TanhGaussian.Sample s = pi.rsample(eps);
    double[] a = s.action().value().data;
    double[] lp = s.logProb().value().data;
    actionsOut.reshape(m, d);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < d; j++) {
        actionsOut.data[i * d + j] = center[j] + halfRange[j] * a[i * d + j];
      }
      logProbOut[i] = lp[i] - logJacobian;
    }
  }
}
