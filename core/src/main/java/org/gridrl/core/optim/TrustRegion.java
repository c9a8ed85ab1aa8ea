package org.gridrl.core.optim;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.util.Check;

/**
 * One trust-region step of TRPO (Schulman et al. 2015, "Trust region policy optimization",
 * appendix C) for max_x L(x) subject to D(x) ≤ δ around the current point x₀ (D(x₀) = 0,
 * ∇D(x₀) = 0, D a divergence such as the mean KL between the old and the new policy):
 * <pre>
 *   s = (H + λI)⁻¹ g                  (conjugate gradient; H = ∇²D(x₀), g = ∇L(x₀)),
 *   β = √(2δ / sᵀ(H + λI)s)          (so the quadratic model ½(βs)ᵀ(H + λI)(βs) = δ),
 *   x_k = x₀ + ρ^k β s, k = 0 … K−1   (accept the first with L(x_k) &gt; L(x₀), D(x_k) ≤ δ),
 * </pre>
 * and x stays x₀ if no x_k is accepted. This is rllab's {@code ConjugateGradientOptimizer}
 * (the outer step of cbfinn/maml_rl's {@code MAMLTRPO}) written for maximisation, with its
 * defaults in {@link Config#defaults()}. One difference: rllab takes
 * β = √(2δ / (sᵀ(H + λI)s + 10⁻⁸)) and β = 1 if that is NaN; we use the closed form and reject
 * the step when sᵀ(H + λI)s is not positive and finite (g = 0, or a NaN), so a zero gradient
 * leaves x as it is rather than taking a step of length 1 along 0.
 */
public final class TrustRegion {

  private TrustRegion() {}

  /**
   * The entries of {@code xs}, matrix after matrix in row-major order, as one vector: the x a
   * {@link Problem} works on when its parameters are a list of matrices.
   *
   * @param xs the matrices. Not modified.
   * @return a new array of their entries
   */
  public static double[] flatten(List<DMatrixRMaj> xs) {
    int size = 0;
    for (DMatrixRMaj m : xs) {
      size += m.getNumElements();
    }
    double[] out = new double[size];
    int k = 0;
    for (DMatrixRMaj m : xs) {
      System.arraycopy(m.data, 0, out, k, m.getNumElements());
      k += m.getNumElements();
    }
    return out;
  }

  /**
   * Writes a vector laid out as {@link #flatten} back into the matrices.
   *
   * @param x at least as many entries as the matrices hold. Not modified.
   * @param out the matrices. Modified.
   */
  public static void unflatten(double[] x, List<DMatrixRMaj> out) {
    int k = 0;
    for (DMatrixRMaj m : out) {
      System.arraycopy(x, k, m.data, 0, m.getNumElements());
      k += m.getNumElements();
    }
  }

  /**
   * Hyperparameters; the defaults are rllab's {@code ConjugateGradientOptimizer} and TRPO's
   * step size as cbfinn/maml_rl's {@code maml_trpo_point.py} uses them.
   *
   * @param maxKl δ &gt; 0, the bound on D (0.01: {@code meta_step_size})
   * @param cgIterations conjugate-gradient products at most, ≥ 1 (10: {@code cg_iters})
   * @param damping λ ≥ 0 added to H (1e-5: {@code reg_coeff})
   * @param cgTolerance CG stops when rᵀr &lt; this, ≥ 0 (1e-10: {@code residual_tol})
   * @param backtrackRatio ρ in (0, 1) (0.8: {@code backtrack_ratio})
   * @param maxBacktracks K ≥ 1, the step fractions tried, ρ⁰ … ρ^{K−1} (15:
   *     {@code max_backtracks}, which tries 15 fractions)
   */
  @RecordBuilder
  public record Config(double maxKl, int cgIterations, double damping, double cgTolerance,
      double backtrackRatio, int maxBacktracks) implements TrustRegionConfigBuilder.With {

    /** Validates every field; messages name the value. */
    public Config {
      Check.positiveFinite("maxKl", maxKl);
      Check.positive("cgIterations", cgIterations);
      Check.argument(damping >= 0 && Double.isFinite(damping),
          "damping must be >= 0 and finite, got %s", damping);
      Check.argument(cgTolerance >= 0, "cgTolerance must be >= 0, got %s", cgTolerance);
      Check.argument(backtrackRatio > 0 && backtrackRatio < 1,
          "backtrackRatio must be in (0, 1), got %s", backtrackRatio);
      Check.positive("maxBacktracks", maxBacktracks);
    }

    /** δ = 0.01, 10 CG iterations, λ = 1e-5, CG tolerance 1e-10, ρ = 0.8, K = 15. */
    public static Config defaults() {
      return new Config(0.01, 10, 1e-5, 1e-10, 0.8, 15);
    }
  }

  /** The problem around the current point x₀: H·v, and L and D at a trial point. */
  public interface Problem {

    /**
     * Writes H·v, H = ∇²D(x₀) (without λ; the step adds λv).
     *
     * @param v the vector. Not modified; not kept.
     * @param out H·v. Modified.
     */
    void hessianVectorProduct(double[] v, double[] out);

    /**
     * Evaluates the surrogate and the constraint at x.
     *
     * @param x a trial point. Not modified; not kept.
     * @param out out[0] = L(x), out[1] = D(x). Modified.
     */
    void evaluate(double[] x, double[] out);
  }

  /**
   * What one step did.
   *
   * @param accepted whether x moved
   * @param fraction ρ^k of the accepted trial, 0 when rejected
   * @param trials trial points evaluated (k + 1 when accepted, K when rejected after all, 0
   *     when there was no step to try)
   * @param stepSize β
   * @param surrogateBefore L(x₀)
   * @param constraintBefore D(x₀)
   * @param surrogate L at the returned x (L(x₀) when rejected)
   * @param constraint D at the returned x (D(x₀) when rejected)
   * @param cgIterations products the conjugate gradient took
   * @param cgResidualSquared its final rᵀr
   */
  public record Step(boolean accepted, double fraction, int trials, double stepSize,
      double surrogateBefore, double constraintBefore, double surrogate, double constraint,
      int cgIterations, double cgResidualSquared) {}

  /**
   * Takes one step from x₀ = {@code x}; see the class comment. Calls
   * {@code problem.evaluate} once at x₀, {@code hessianVectorProduct} up to
   * {@code cgIterations} + 1 times, then {@code evaluate} once per trial.
   *
   * @param problem H·v, L and D around x₀
   * @param gradient g = ∇L(x₀), length n. Not modified.
   * @param config δ, CG and line-search settings
   * @param x x₀ on entry, the accepted point on return (bit for bit x₀ when rejected).
   *     Modified.
   * @return what was done
   */
  public static Step step(Problem problem, double[] gradient, Config config, double[] x) {
    Check.notNull("problem", problem);
    Check.notNull("config", config);
    Check.argument(gradient.length == x.length && x.length > 0,
        "gradient and x must have one length >= 1, got %s and %s", gradient.length, x.length);
    final int n = x.length;
    double[] lossAndKl = new double[2];
    problem.evaluate(x, lossAndKl);
    final double before = lossAndKl[0];
    final double klBefore = lossAndKl[1];
    // 1. the natural-gradient direction s = (H + λI)⁻¹ g
    ConjugateGradient.Workspace work = new ConjugateGradient.Workspace(n);
    double[] s = new double[n];
    ConjugateGradient.solveUnchecked(problem::hessianVectorProduct, gradient, config.damping(),
        config.cgIterations(), config.cgTolerance(), s, work);
    // 2. β = √(2δ / sᵀ(H + λI)s)
    double[] hs = work.z; // free after the solve
    problem.hessianVectorProduct(s, hs);
    double shs = 0;
    for (int i = 0; i < n; i++) {
      shs += s[i] * (hs[i] + config.damping() * s[i]);
    }
    if (!(shs > 0) || !Double.isFinite(shs)) {
      return new Step(false, 0, 0, 0, before, klBefore, before, klBefore, work.iterations(),
          work.residualSquared());
    }
    final double beta = Math.sqrt(2 * config.maxKl() / shs);
    // 3. backtracking: the first x₀ + ρ^k β s that improves L and keeps D ≤ δ
    double[] trial = new double[n];
    for (int k = 0; k < config.maxBacktracks(); k++) {
      final double fraction = Math.pow(config.backtrackRatio(), k);
      for (int i = 0; i < n; i++) {
        trial[i] = x[i] + fraction * beta * s[i];
      }
      problem.evaluate(trial, lossAndKl);
      if (lossAndKl[0] > before && lossAndKl[1] <= config.maxKl()) {
        System.arraycopy(trial, 0, x, 0, n);
        return new Step(true, fraction, k + 1, beta, before, klBefore, lossAndKl[0],
            lossAndKl[1], work.iterations(), work.residualSquared());
      }
    }
    return new Step(false, 0, config.maxBacktracks(), beta, before, klBefore, before, klBefore,
        work.iterations(), work.residualSquared());
  }
}
