package org.gridrl.irl.sampled;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Module;
import org.gridrl.core.util.Check;

/**
 * The IOC loss of guided cost learning and its parts (Finn, Levine &amp; Abbeel 2016, "Guided
 * cost learning", eq. 3–4 and Sec. 5; the lecture's "IRL v4"), in reward form (r = −c):
 * <pre>
 *   L(θ) = −(1/N) Σ_{i ≤ N} R_θ(τ_i) + log Ẑ(θ) + λ_lcr g_lcr(θ) + λ_mono g_mono(θ),
 *   log Ẑ = log (1/M) Σ_{j ≤ M} exp(R_θ(τ_j)) / q̄(τ_j),     R_θ(τ) = Σ_t r_θ(s_t, a_t),
 * </pre>
 * over M trajectories: the N demonstrations first, then the background samples (the demos are
 * part of the importance-sampled pool, as in the paper, so that Ẑ grows with the demos' reward
 * and the loss stays bounded below). log Ẑ is a max-shifted log-sum-exp; its gradient gives the
 * self-normalised importance weights
 * <pre>
 *   ∇_θ L = −(1/N) Σ_i ∇R_θ(τ_i) + Σ_j w̄_j ∇R_θ(τ_j),
 *   w̄_j = exp(R_j − log q̄_j − ℓ),  ℓ = log Σ_k exp(R_k − log q̄_k)   (Σ_j w̄_j = 1).
 * </pre>
 * R_θ is undiscounted, as in the paper: with q̄(τ) = Π_t π(a_t|s_t) (the dynamics cancel, see
 * {@link #logMixtureDensity}) the estimator targets Z = Σ_τ p_dyn(τ) exp(R_θ(τ)), the partition
 * function of the MaxEnt trajectory distribution p(τ) ∝ p_dyn(τ) exp(R_θ(τ)).
 *
 * <p>The regularisers (Sec. 5 of the paper, written for the reward r_t = r_θ(s_t, a_t) of
 * step t of a trajectory, and averaged over the trajectories they run along: g_lcr over the
 * demos and the samples, g_mono over the demos only):
 * <pre>
 *   g_lcr  = (1/M) Σ_{τ} Σ_{0 &lt; t &lt; T_τ − 1} [(r_{t+1} − r_t) − (r_t − r_{t−1})]²,
 *   g_mono = (1/N) Σ_{τ demo} Σ_{0 &lt; t &lt; T_τ} max(0, r_{t−1} − r_t − 1)²,
 * </pre>
 * the local constant rate (the reward changes at a locally constant rate along a trajectory)
 * and monotonic progress (the cost c = −r decreases along a demo, up to a margin of 1).
 *
 * <p><b>Layout.</b> Trajectory j is the contiguous rows [starts[j], starts[j + 1]) of every
 * per-row array, starts[M] read as n (the row count); starts[0] = 0.
 *
 * <p>The static methods are the kernels (inputs, then scalars, then a caller-owned output); an
 * instance evaluates L and ∇_θ L for one reward network, with every buffer reused across calls
 * of the same shape. Not thread-safe: one instance per training run.
 */
public final class GuidedCostLearningObjective {

  private final Module reward;
  private final double lcrWeight;
  private final double monoWeight;
  private final Tape tape = new Tape();
  private final List<Tensor> params = new ArrayList<>();
  private final List<Tensor> grads = new ArrayList<>();
  private final DMatrixRMaj dLossDr = new DMatrixRMaj(1, 1);
  private double[] returns = new double[0];
  private double[] weights = new double[0];
  // statistics of the last evaluate
  private double loss = Double.NaN;
  private double logZ = Double.NaN;
  private double ess = Double.NaN;
  private double lcr = Double.NaN;
  private double mono = Double.NaN;
  private double demoReturn = Double.NaN;

  /**
   * The objective of a reward network.
   *
   * @param reward r_θ, inputs → 1 (what {@link GuidedCostLearningReward#input} writes). Not
   *     modified.
   * @param lcrWeight λ_lcr ≥ 0
   * @param monoWeight λ_mono ≥ 0
   */
  public GuidedCostLearningObjective(Module reward, double lcrWeight, double monoWeight) {
    this.reward = Check.notNull("reward", reward);
    this.lcrWeight = Check.nonNegativeFinite("lcrWeight", lcrWeight);
    this.monoWeight = Check.nonNegativeFinite("monoWeight", monoWeight);
  }

  /**
   * L(θ) at the network's current parameters, and ∇_θ L by one vector-Jacobian product through
   * the network: the loss's derivative in each row's reward, ∂L/∂r_t = w̄_{j(t)} − [j(t) ≤ N]/N
   * + λ_lcr ∂g_lcr/∂r_t + λ_mono ∂g_mono/∂r_t, pulled back by {@code Tape.vjp}.
   *
   * @param inputs n × inputDim, the network's input of every row (demo rows first). Not
   *     modified.
   * @param starts the first row of each trajectory, length ≥ M. Not modified.
   * @param numTrajectories M ≥ 1
   * @param numDemos N in [1, M]: trajectories 0..N−1 are the demonstrations
   * @param logQbar log q̄(τ_j) for j &lt; M. Not modified.
   * @param gradOut one matrix per network parameter, shaped like it, overwritten with ∇_θ L;
   *     null to compute the loss only. Modified.
   * @return L(θ) (NaN or infinite if the rewards overflowed: the caller checks)
   */
  public double evaluate(DMatrixRMaj inputs, int[] starts, int numTrajectories, int numDemos,
      double[] logQbar, List<DMatrixRMaj> gradOut) {
    int n = inputs.numRows;
    int m = numTrajectories;
    // checks build their messages only on failure: evaluate runs K times an iteration
    if (!(m >= 1 && starts.length >= m && logQbar.length >= m)) {
      throw new IllegalArgumentException("need M >= 1 trajectories with a start and a log q̄"
          + " each, got M = " + m + ", " + starts.length + " starts, " + logQbar.length
          + " densities");
    }
    if (!(numDemos >= 1 && numDemos <= m)) {
      throw new IllegalArgumentException("numDemos must be in [1, " + m + "], got " + numDemos);
    }
    if (returns.length < m) {
      returns = new double[m];
      weights = new double[m];
    }
    tape.reset();
    reward.bind(tape, params);
    Tensor r = reward.forward(tape, tape.constant(inputs), params, 0);
    double[] rt = r.value().data;
    trajectorySums(rt, starts, m, n, returns);
    double demo = 0;
    for (int i = 0; i < numDemos; i++) {
      demo += returns[i];
    }
    demoReturn = demo / numDemos;
    logZ = logPartition(returns, logQbar, m, weights);
    ess = effectiveSampleSize(weights, m);
    boolean grad = gradOut != null;
    double[] g = null;
    if (grad) {
      dLossDr.reshape(n, 1);
      g = dLossDr.data;
      for (int j = 0; j < m; j++) {
        int end = j + 1 < m ? starts[j + 1] : n;
        double gj = weights[j] - (j < numDemos ? 1.0 / numDemos : 0.0);
        for (int t = starts[j]; t < end; t++) {
          g[t] = gj;
        }
      }
    }
    lcr = lcrWeight > 0 ? lcr(rt, starts, m, n, lcrWeight, g) : 0.0;
    mono = monoWeight > 0 ? monotonic(rt, starts, m, numDemos, n, monoWeight, g) : 0.0;
    loss = -demoReturn + logZ + lcrWeight * lcr + monoWeight * mono;
    if (grad) {
      tape.vjp(r, tape.constant(dLossDr), params, false, grads);
      if (gradOut.size() != grads.size()) {
        throw new IllegalArgumentException("gradOut has " + gradOut.size()
            + " matrices, the network " + grads.size());
      }
      for (int k = 0; k < grads.size(); k++) {
        DMatrixRMaj src = grads.get(k).value();
        DMatrixRMaj dst = gradOut.get(k);
        dst.reshape(src.numRows, src.numCols);
        System.arraycopy(src.data, 0, dst.data, 0, src.getNumElements());
      }
    }
    tape.reset();
    return loss;
  }

  /**
   * r_θ of every row, without gradients.
   *
   * @param inputs n × inputDim. Not modified.
   * @param out length ≥ n. Modified.
   * @return out
   */
  public double[] rewards(DMatrixRMaj inputs, double[] out) {
    tape.reset();
    reward.bind(tape, params);
    Tensor r = reward.forward(tape, tape.constant(inputs), params, 0);
    System.arraycopy(r.value().data, 0, out, 0, inputs.numRows);
    tape.reset();
    return out;
  }

  /** L of the last {@link #evaluate}. */
  public double loss() {
    return loss;
  }

  /** log Ẑ of the last {@link #evaluate}. */
  public double logZ() {
    return logZ;
  }

  /** The effective sample size fraction (Σ w̄)² / (M Σ w̄²) of the last {@link #evaluate}. */
  public double ess() {
    return ess;
  }

  /** g_lcr of the last {@link #evaluate} (0 when its weight is 0), before its weight. */
  public double lcr() {
    return lcr;
  }

  /** g_mono of the last {@link #evaluate} (0 when its weight is 0), before its weight. */
  public double mono() {
    return mono;
  }

  /** (1/N) Σ_i R_θ(τ_i) over the demos, of the last {@link #evaluate}. */
  public double demoReturn() {
    return demoReturn;
  }

  /** The self-normalised weights w̄_j of the last {@link #evaluate}; read only, length ≥ M. */
  public double[] weights() {
    return weights;
  }

  // ------------------------------------------------------------------------------- kernels

  /**
   * R(τ_j) = Σ_{t ∈ τ_j} x_t: a per-row quantity (reward, log π) summed over each trajectory.
   *
   * @param perRow length ≥ n. Not modified.
   * @param starts the first row of each trajectory (see the class doc). Not modified.
   * @param numTrajectories M
   * @param n the row count (the end of the last trajectory)
   * @param out length ≥ M. Modified.
   * @return out
   */
  public static double[] trajectorySums(double[] perRow, int[] starts, int numTrajectories,
      int n, double[] out) {
    for (int j = 0; j < numTrajectories; j++) {
      int end = j + 1 < numTrajectories ? starts[j + 1] : n;
      double s = 0;
      for (int t = starts[j]; t < end; t++) {
        s += perRow[t];
      }
      out[j] = s;
    }
    return out;
  }

  /**
   * The density of the fusion distribution q̄(τ) = Σ_k α_k q_k(τ) (the paper's mixture of every
   * sampling distribution, Sec. 4.1), in log space:
   * log q̄(τ_j) = m_j + log Σ_k α_k exp(log q_k(τ_j) − m_j), m_j = max_k (log α_k + log q_k(τ_j)).
   * Each q_k(τ) = Π_t π_k(a_t|s_t): the dynamics p(s_0) Π_t p(s_{t+1}|s_t, a_t) are the same
   * factor in every component and in the target p_dyn(τ) exp(R(τ)), so they cancel from the
   * weights and are left out.
   *
   * @param logQ K × M row-major, log q_k(τ_j) at k·M + j. Not modified.
   * @param numComponents K ≥ 1
   * @param m M, the trajectories
   * @param mixtureWeights α_k ≥ 0, summing to 1 (components with α_k = 0 are skipped). Not
   *     modified.
   * @param out length ≥ M. Modified.
   * @return out
   */
  public static double[] logMixtureDensity(double[] logQ, int numComponents, int m,
      double[] mixtureWeights, double[] out) {
    for (int j = 0; j < m; j++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < numComponents; k++) {
        if (mixtureWeights[k] > 0) {
          max = Math.max(max, Math.log(mixtureWeights[k]) + logQ[k * m + j]);
        }
      }
      if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
        out[j] = max;
        continue;
      }
      double s = 0;
      for (int k = 0; k < numComponents; k++) {
        if (mixtureWeights[k] > 0) {
          s += Math.exp(Math.log(mixtureWeights[k]) + logQ[k * m + j] - max);
        }
      }
      out[j] = max + Math.log(s);
    }
    return out;
  }

  /**
   * The importance-sampled log partition function and its self-normalised weights:
   * log Ẑ = ℓ − log M with ℓ = log Σ_j exp(R_j − log q̄_j) (max-shifted), and
   * w̄_j = exp(R_j − log q̄_j − ℓ), which sum to 1 and are ∂ log Ẑ / ∂R_j.
   *
   * @param returns R(τ_j), length ≥ M. Not modified.
   * @param logQbar log q̄(τ_j), length ≥ M. Not modified.
   * @param m M ≥ 1
   * @param weightsOut length ≥ M, the w̄_j. Modified.
   * @return log Ẑ (NaN or infinite if a return is)
   */
  public static double logPartition(double[] returns, double[] logQbar, int m,
      double[] weightsOut) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < m; j++) {
      double a = returns[j] - logQbar[j];
      weightsOut[j] = a;
      if (a > max || Double.isNaN(a)) {
        max = a;
      }
    }
    if (!Double.isFinite(max)) {
      for (int j = 0; j < m; j++) {
        weightsOut[j] = Double.NaN;
      }
      return max == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : Double.NaN;
    }
    double s = 0;
    for (int j = 0; j < m; j++) {
      s += Math.exp(weightsOut[j] - max);
    }
    double lse = max + Math.log(s);
    for (int j = 0; j < m; j++) {
      weightsOut[j] = Math.exp(weightsOut[j] - lse);
    }
    return lse - Math.log(m);
  }

  /**
   * The effective sample size as a fraction of M: (Σ_j w̄_j)² / (M Σ_j w̄_j²), in [1/M, 1];
   * 1 when every weight is equal, 1/M when one sample carries all of it.
   *
   * @param weights w̄_j ≥ 0, length ≥ M. Not modified.
   * @param m M ≥ 1
   */
  public static double effectiveSampleSize(double[] weights, int m) {
    double s = 0;
    double s2 = 0;
    for (int j = 0; j < m; j++) {
      s += weights[j];
      s2 += weights[j] * weights[j];
    }
    return s * s / (m * s2);
  }

  /**
   * The local-constant-rate regulariser g_lcr = (1/M) Σ_τ Σ_{0 &lt; t &lt; T_τ − 1}
   * (r_{t+1} − 2 r_t + r_{t−1})² (Finn et al. 2016, eq. 5), second differences taken inside
   * each trajectory only; a trajectory shorter than 3 steps adds nothing.
   *
   * @param r per-row rewards, length ≥ n. Not modified.
   * @param starts the first row of each trajectory. Not modified.
   * @param numTrajectories M ≥ 1
   * @param n the row count
   * @param scale c multiplying the gradient written to {@code gradOut}
   * @param gradOut length ≥ n: c·∂g_lcr/∂r_t is added to it; null for the value only. Modified.
   * @return g_lcr
   */
  public static double lcr(double[] r, int[] starts, int numTrajectories, int n, double scale,
      double[] gradOut) {
    double value = 0;
    double c = 2 * scale / numTrajectories;
    for (int j = 0; j < numTrajectories; j++) {
      int end = j + 1 < numTrajectories ? starts[j + 1] : n;
      for (int t = starts[j] + 1; t + 1 < end; t++) {
        double d = r[t + 1] - 2 * r[t] + r[t - 1];
        value += d * d;
        if (gradOut != null) {
          gradOut[t + 1] += c * d;
          gradOut[t] -= 2 * c * d;
          gradOut[t - 1] += c * d;
        }
      }
    }
    return value / numTrajectories;
  }

  /**
   * The monotonic-progress regulariser g_mono = (1/N) Σ_τ Σ_{0 &lt; t &lt; T_τ}
   * max(0, r_{t−1} − r_t − 1)² over the first N trajectories (the demos; Finn et al. 2016,
   * eq. 6 with c = −r): the reward may fall by at most 1 from one step of a demo to the next.
   *
   * @param r per-row rewards, length ≥ n. Not modified.
   * @param starts the first row of each trajectory. Not modified.
   * @param numTrajectories M ≥ N, all the trajectories of {@code starts}
   * @param numDemos N ≥ 1, the trajectories it runs along (the first N)
   * @param n the row count
   * @param scale c multiplying the gradient written to {@code gradOut}
   * @param gradOut length ≥ n: c·∂g_mono/∂r_t is added to it; null for the value only.
   *     Modified.
   * @return g_mono
   */
  public static double monotonic(double[] r, int[] starts, int numTrajectories, int numDemos,
      int n, double scale, double[] gradOut) {
    double value = 0;
    double c = 2 * scale / numDemos;
    for (int j = 0; j < numDemos; j++) {
      int end = j + 1 < numTrajectories ? starts[j + 1] : n;
      for (int t = starts[j] + 1; t < end; t++) {
        double d = r[t - 1] - r[t] - 1;
        if (d > 0) {
          value += d * d;
          if (gradOut != null) {
            gradOut[t - 1] += c * d;
            gradOut[t] -= c * d;
          }
        }
      }
    }
    return value / numDemos;
  }
}
