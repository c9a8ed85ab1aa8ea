package org.gridrl.multitask;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.gridrl.core.util.Check;

/**
 * CAGrad, conflict-averse gradient descent (Liu et al. 2021, "Conflict-Averse Gradient Descent
 * for Multi-task Learning", eq. (3) and its dual): with the average gradient g0 = (1/T)·Σ_k g_k,
 * the direction maximises the worst local improvement within a ball around g0,
 *
 * <pre>  d* = argmax_{‖d − g0‖ ≤ c·‖g0‖} min_i g_i·d,</pre>
 *
 * whose dual over the simplex is, with g_w = Σ_k w_k g_k and φ = c²·‖g0‖²,
 *
 * <pre>  w* = argmin_{w ∈ Δ_T} F(w),   F(w) = g_wᵀg0 + √φ·‖g_w‖,
 *     d* = g0 + (√φ / ‖g_w*‖)·g_w*,</pre>
 *
 * and F(w*) = min_i g_i·d* (no duality gap). c = 0 gives g0; c is the paper's c (default 0.5).
 *
 * <p>Solving the dual: F is convex (linear plus a norm of a linear map), and everything in it
 * comes from the Gram matrix G: g_wᵀg0 = wᵀb with b = G·1/T, ‖g_w‖² = wᵀGw. It is minimised by
 * away-step Frank–Wolfe on the simplex from w = 1/T (as {@link Mgda}), with an exact line search:
 * along a step w + γv the objective is γ·vᵀb + √φ·√(quadratic in γ), convex in γ, and its
 * derivative is bisected on the feasible interval to machine precision. Stopping rule: the
 * Frank–Wolfe gap ∇F(w)ᵀw − min_r ∇F(w)_r, an upper bound on F(w) − F(w*), falls to
 * {@code tolerance · max_k ‖g_k‖²} (default 1e-12) or {@code maxIterations} (10 000) is reached.
 * (The official code calls SciPy's SLSQP instead, with an added 1e-8 inside the square roots;
 * the gap here certifies the answer.) Where ‖g_w*‖ ≤ 1e-12·max_k ‖g_k‖ (0 is in the hull at the
 * dual optimum and the formula is 0/0), d = g0, as the official code's guard also gives; with a
 * zero task gradient this g0 is optimal (pinned in the tests), in general it is only a fallback.
 *
 * <p>Scaling: with {@code rescale} false (the default) the paper's d* is returned as it is;
 * with {@code rescale} true it is divided by 1 + c², as the official code does by default
 * ({@code rescale=1}), which keeps the step comparable to g0's.
 */
public final class CaGrad extends GramCombiner {

  /**
   * CAGrad's settings.
   *
   * @param c the radius of the ball around g0 relative to ‖g0‖, ≥ 0 (0.5)
   * @param rescale whether to divide d* by 1 + c², as the official code does (false)
   * @param tolerance the relative Frank–Wolfe gap at which to stop, &gt; 0 (1e-12)
   * @param maxIterations the Frank–Wolfe iteration cap, ≥ 1 (10 000)
   */
  @RecordBuilder
  public record Config(double c, boolean rescale, double tolerance, int maxIterations)
      implements CaGradConfigBuilder.With {
    /** Validates every field; messages name the value. */
    public Config {
      Check.nonNegativeFinite("c", c);
      Check.positiveFinite("tolerance", tolerance);
      Check.positive("maxIterations", maxIterations);
    }

    /** c = 0.5, no rescaling, tolerance 1e-12, maxIterations 10 000. */
    public static Config defaults() {
      return new Config(0.5, false, 1e-12, 10_000);
    }
  }

  private static final int BISECTIONS = 200;

  private final Config config;
  private double[] w = new double[0];
  private double[] gw = new double[0];
  private double[] b = new double[0];
  private double[] grad = new double[0];
  private double[] alpha = new double[0];
  private int numTasks;
  private int iterations;
  private double gap;
  private boolean converged;

  /** CAGrad with {@link Config#defaults()}. */
  public CaGrad() {
    this(Config.defaults());
  }

  /**
   * CAGrad with the given settings.
   *
   * @param config settings
   */
  public CaGrad(Config config) {
    this.config = Check.notNull("config", config);
  }

  @Override
  void fromGram(double[][] taskGradients, int numTasks, int dim, double[] out) {
    this.numTasks = numTasks;
    final int t = numTasks;
    // b = G·1/T (b_i = g_i·g0) and ‖g0‖² = (1/T²)·Σ_ij G_ij.
    double g0sq = 0;
    for (int i = 0; i < t; i++) {
      double s = 0;
      for (int k = 0; k < t; k++) {
        s += gram[i * t + k];
      }
      b[i] = s / t;
      g0sq += s;
    }
    g0sq = Math.max(g0sq / ((double) t * t), 0);
    final double radius = config.c() * Math.sqrt(g0sq); // √φ
    final double scale = Combiners.maxDiagonal(gram, t);
    solve(t, radius, scale);
    double gwNorm = Math.sqrt(Math.max(Combiners.quadratic(gram, w, t, gw), 0));
    double lambda = gwNorm > 1e-12 * Math.sqrt(scale) ? radius / gwNorm : 0;
    double post = config.rescale() ? 1.0 / (1.0 + config.c() * config.c()) : 1.0;
    for (int k = 0; k < t; k++) {
      alpha[k] = (1.0 / t + lambda * w[k]) * post;
    }
    Combiners.weightedSum(taskGradients, alpha, t, dim, out);
  }

  /** Away-step Frank–Wolfe on F(w) = wᵀb + r·√(wᵀGw) over the simplex, from w = 1/T. */
  private void solve(int t, double r, double scale) {
    java.util.Arrays.fill(w, 0, t, 1.0 / t);
    final double tol = config.tolerance() * scale;
    iterations = 0;
    converged = false;
    gap = 0;
    if (scale == 0) {
      converged = true; // every gradient is zero: d = 0 whatever w is
      return;
    }
    while (true) {
      double s0 = Math.max(Combiners.quadratic(gram, w, t, gw), 0);
      double norm = Math.sqrt(s0);
      double wb = 0;
      for (int i = 0; i < t; i++) {
        wb += w[i] * b[i];
      }
      // ∇F = b + r·Gw/‖g_w‖; where g_w = 0, Gw = 0 too and the subgradient b is taken.
      double wGrad = 0;
      for (int i = 0; i < t; i++) {
        grad[i] = b[i] + (norm > 0 ? r * gw[i] / norm : 0);
        wGrad += w[i] * grad[i];
      }
      int fw = Combiners.towardVertex(grad, t);
      int away = Combiners.awayVertex(grad, w, t);
      double gapFw = wGrad - grad[fw];
      double gapAway = grad[away] - wGrad;
      gap = Math.max(gapFw, 0);
      if (gapFw <= tol) {
        converged = true;
        return;
      }
      if (iterations == config.maxIterations()) {
        return;
      }
      iterations++;
      boolean toward = gapFw >= gapAway;
      // Along v: l = vᵀb, s1 = vᵀGw, s2 = vᵀGv.
      double l;
      double s1;
      double s2;
      double maxStep;
      if (toward) {
        l = b[fw] - wb;
        s1 = gw[fw] - s0;
        s2 = gram[fw * t + fw] - 2 * gw[fw] + s0;
        maxStep = 1.0;
      } else {
        l = wb - b[away];
        s1 = s0 - gw[away];
        s2 = s0 - 2 * gw[away] + gram[away * t + away];
        maxStep = w[away] / (1 - w[away]);
      }
      double step = lineSearch(l, r, s0, s1, Math.max(s2, 0), maxStep);
      if (toward) {
        Combiners.stepToward(w, t, fw, step);
      } else {
        Combiners.stepAway(w, t, away, step, maxStep);
      }
    }
  }

  /**
   * argmin over γ in [0, γmax] of γ·l + r·√(s0 + 2γ·s1 + γ²·s2), convex in γ: bisection on the
   * derivative l + r·(s1 + γ·s2)/√(…), which is non-decreasing.
   */
  static double lineSearch(double l, double r, double s0, double s1, double s2, double maxStep) {
    if (derivative(l, r, s0, s1, s2, maxStep) <= 0) {
      return maxStep;
    }
    if (derivative(l, r, s0, s1, s2, 0) >= 0) {
      return 0;
    }
    double lo = 0;
    double hi = maxStep;
    for (int i = 0; i < BISECTIONS; i++) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) {
        break;
      }
      if (derivative(l, r, s0, s1, s2, mid) < 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  private static double derivative(double l, double r, double s0, double s1, double s2,
      double g) {
    double q = s0 + g * (2 * s1 + g * s2);
    if (!(q > 0)) {
      // The line passes through g_w = 0: a kink of ‖·‖; take the one-sided slope's subgradient.
      return l + r * Math.sqrt(s2) * Math.signum(s1 + g * s2);
    }
    return l + r * (s1 + g * s2) / Math.sqrt(q);
  }

  /**
   * The dual weights w* of the last call.
   *
   * @param out length ≥ the last call's T; receives w*. Modified.
   * @return {@code out}
   */
  public double[] weights(double[] out) {
    System.arraycopy(w, 0, out, 0, numTasks);
    return out;
  }

  /** Frank–Wolfe iterations of the last call. */
  public int iterations() {
    return iterations;
  }

  /** The last call's final Frank–Wolfe gap (absolute), a bound on F(w) − F(w*). */
  public double gap() {
    return gap;
  }

  /** Whether the last call stopped on the gap rather than on the iteration cap. */
  public boolean converged() {
    return converged;
  }

  /** The settings. */
  public Config config() {
    return config;
  }

  @Override
  void allocate(int t) {
    w = new double[t];
    gw = new double[t];
    b = new double[t];
    grad = new double[t];
    alpha = new double[t];
  }

  @Override
  public String name() {
    return "cagrad";
  }
}
