package org.gridrl.multitask;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.gridrl.core.util.Check;

/**
 * MGDA, the multiple-gradient descent direction (Sener &amp; Koltun 2018, "Multi-Task Learning
 * as Multi-Objective Optimization", after Désidéri 2012): the min-norm point of the convex hull
 * of the task gradients,
 *
 * <pre>  w* = argmin_{w ∈ Δ_T} ‖Σ_k w_k g_k‖² = argmin_{w ∈ Δ_T} wᵀGw,   d = Σ_k w*_k g_k,</pre>
 *
 * with G_ij = g_i·g_j. Either d = 0 (a Pareto-stationary point) or −d decreases every task's
 * loss: the optimality (KKT) conditions are g_i·d ≥ ‖d‖² for every i, with equality where
 * w*_i &gt; 0.
 *
 * <p>Solver: Frank–Wolfe on the simplex in the T-dimensional weights (the paper's Algorithm 2,
 * whose two-point line search is exact for the quadratic), here with away steps
 * (Lacoste-Julien &amp; Jaggi 2015) so that an optimum on a face is reached linearly rather than
 * by zig-zagging. Start: w = 1/T (the paper's initialisation; the authors' code starts from the
 * best pair instead). Each iteration: FW vertex t = argmin_r (Gw)_r, away vertex
 * a = argmax_{r: w_r &gt; 0} (Gw)_r; the step with the larger gap, exact line search capped at
 * the step that empties w_a.
 *
 * <p>Stopping rule: the Frank–Wolfe gap wᵀGw − min_r (Gw)_r = ‖d‖² − min_i g_i·d, which bounds
 * the suboptimality of wᵀGw and is exactly the largest violation of the KKT conditions above,
 * falls to {@code tolerance · max_k ‖g_k‖²} (default 1e-12), or {@code maxIterations} (default
 * 10 000) is reached; {@link #converged()} says which.
 *
 * <p>Scaling: the returned direction is d itself, the min-norm element, not rescaled (not
 * multiplied by T, not normalised). This is what the paper's algorithm and the authors' code
 * apply (their code scales each task loss by w*_k and back-propagates the sum, which is d);
 * with T identical gradients d = g, a T-th of the summed gradient, so an optimiser whose step
 * depends on the gradient's scale (SGD) needs a learning rate to match; Adam does not.
 * Per-task gradient normalisation (the code's "l2", "loss" options) is the caller's choice,
 * done before the call.
 */
public final class Mgda extends GramCombiner {

  /**
   * MGDA's solver settings.
   *
   * @param tolerance the relative Frank–Wolfe gap at which to stop, &gt; 0 (1e-12)
   * @param maxIterations the Frank–Wolfe iteration cap, ≥ 1 (10 000)
   */
  @RecordBuilder
  public record Config(double tolerance, int maxIterations) implements MgdaConfigBuilder.With {
    /** Validates every field; messages name the value. */
    public Config {
      Check.positiveFinite("tolerance", tolerance);
      Check.positive("maxIterations", maxIterations);
    }

    /** tolerance 1e-12, maxIterations 10 000. */
    public static Config defaults() {
      return new Config(1e-12, 10_000);
    }
  }

  private final Config config;
  private double[] w = new double[0];
  private double[] gw = new double[0];
  private int numTasks;
  private int iterations;
  private double gap;
  private boolean converged;

  /** MGDA with {@link Config#defaults()}. */
  public Mgda() {
    this(Config.defaults());
  }

  /**
   * MGDA with the given settings.
   *
   * @param config solver settings
   */
  public Mgda(Config config) {
    this.config = Check.notNull("config", config);
  }

  @Override
  void fromGram(double[][] taskGradients, int numTasks, int dim, double[] out) {
    this.numTasks = numTasks;
    solve(numTasks);
    Combiners.weightedSum(taskGradients, w, numTasks, dim, out);
  }

  /** Away-step Frank–Wolfe on min wᵀGw over the simplex, from w = 1/T. */
  private void solve(int t) {
    java.util.Arrays.fill(w, 0, t, 1.0 / t);
    final double scale = Combiners.maxDiagonal(gram, t);
    final double tol = config.tolerance() * scale;
    iterations = 0;
    converged = false;
    gap = 0;
    if (scale == 0) {
      converged = true; // every gradient is zero: d = 0 whatever w is
      return;
    }
    while (true) {
      double wgw = Combiners.quadratic(gram, w, t, gw);
      int fw = Combiners.towardVertex(gw, t);
      int away = Combiners.awayVertex(gw, w, t);
      double gapFw = wgw - gw[fw];
      double gapAway = gw[away] - wgw;
      gap = Math.max(gapFw, 0);
      if (gapFw <= tol) {
        converged = true;
        return;
      }
      if (iterations == config.maxIterations()) {
        return;
      }
      iterations++;
      if (gapFw >= gapAway) {
        // Toward vertex fw: v = e_fw − w, −vᵀGw = gapFw, vᵀGv = G_tt − 2(Gw)_t + wᵀGw.
        double curv = gram[fw * t + fw] - 2 * gw[fw] + wgw;
        double step = curv > 0 ? Math.min(gapFw / curv, 1.0) : 1.0;
        Combiners.stepToward(w, t, fw, step);
      } else {
        // Away from vertex a: v = w − e_a, −vᵀGw = gapAway, vᵀGv = wᵀGw − 2(Gw)_a + G_aa.
        double maxStep = w[away] / (1 - w[away]);
        double curv = wgw - 2 * gw[away] + gram[away * t + away];
        double step = curv > 0 ? Math.min(gapAway / curv, maxStep) : maxStep;
        Combiners.stepAway(w, t, away, step, maxStep);
      }
    }
  }

  /**
   * The weights w* of the last call.
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

  /** The last call's final Frank–Wolfe gap ‖d‖² − min_i g_i·d (absolute). */
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
  }

  @Override
  public String name() {
    return "mgda";
  }
}
