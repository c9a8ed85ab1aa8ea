package org.gridrl.core.optim;

import org.gridrl.core.util.Check;

/**
 * Conjugate gradient for (A + λI) x = b, A symmetric positive semi-definite and known only
 * through products A·v (Hestenes &amp; Stiefel 1952; the loop of rllab's {@code krylov.cg},
 * "Demmel p. 312", which TRPO's and cbfinn/maml_rl's {@code ConjugateGradientOptimizer} call):
 * <pre>
 *   x₀ = 0, r₀ = p₀ = b;  for k = 0, 1, …:
 *   z = (A + λI) p_k,  a_k = r_kᵀr_k / p_kᵀz,  x_{k+1} = x_k + a_k p_k,  r_{k+1} = r_k − a_k z,
 *   p_{k+1} = r_{k+1} + (r_{k+1}ᵀr_{k+1} / r_kᵀr_k) p_k,
 * </pre>
 * stopping after {@code maxIterations} products or as soon as rᵀr &lt; {@code tolerance} (the
 * squared residual norm, as rllab's {@code residual_tol = 1e-10}). In exact arithmetic it
 * solves an n × n system in at most n iterations (as many as A + λI has distinct
 * eigenvalues). Two guards rllab does not have: a right-hand side with bᵀb &lt; tolerance
 * (or bᵀb = 0) returns x = 0 after no product (rllab divides 0 by 0), and if
 * pᵀ(A + λI)p ≤ 0 or is not finite (A not positive semi-definite along p, or a NaN) the
 * iteration stops with the current x and {@link Workspace#indefinite()} set. The loop
 * allocates nothing: its three
 * vectors live in a caller-owned {@link Workspace}.
 */
public final class ConjugateGradient {

  private ConjugateGradient() {}

  /** The product out = A·v of a symmetric operator. */
  @FunctionalInterface
  public interface LinearOperator {

    /**
     * Writes A·v.
     *
     * @param v the vector. Not modified.
     * @param out A·v, same length. Modified.
     */
    void apply(double[] v, double[] out);
  }

  /** The loop's vectors r, p, z of one size, and what the last solve reported. */
  public static final class Workspace {
    final double[] r;
    final double[] p;
    final double[] z;
    int iterations;
    double residualSquared;
    boolean indefinite;

    /** Vectors of length n ≥ 1. */
    public Workspace(int n) {
      Check.positive("n", n);
      r = new double[n];
      p = new double[n];
      z = new double[n];
    }

    /** The length n of the vectors. */
    public int size() {
      return r.length;
    }

    /** Products (A + λI)·p the last solve took. */
    public int iterations() {
      return iterations;
    }

    /** rᵀr = ‖b − (A + λI)x‖² of the last solve's x, as updated by the recurrence. */
    public double residualSquared() {
      return residualSquared;
    }

    /** Whether the last solve stopped on pᵀ(A + λI)p ≤ 0 or not finite. */
    public boolean indefinite() {
      return indefinite;
    }
  }

  /**
   * Solves (A + λI) x = b approximately; see the class comment.
   *
   * @param a the product A·v. Called with the workspace's p; must not keep it.
   * @param b the right-hand side. Not modified.
   * @param damping λ ≥ 0 (rllab's {@code reg_coeff}, 1e-5 in TRPO)
   * @param maxIterations products at most, ≥ 1 (rllab's {@code cg_iters}, 10)
   * @param tolerance stop when rᵀr &lt; tolerance, ≥ 0 (rllab's 1e-10; 0 runs every iteration)
   * @param x the solution, length n; must not be {@code b}. Modified.
   * @param work vectors of length n; reports the iterations and residual. Modified.
   * @return the number of products taken
   */
  public static int solve(LinearOperator a, double[] b, double damping, int maxIterations,
      double tolerance, double[] x, Workspace work) {
    Check.notNull("a", a);
    Check.argument(damping >= 0 && Double.isFinite(damping),
        "damping must be >= 0 and finite, got %s", damping);
    Check.positive("maxIterations", maxIterations);
    Check.argument(tolerance >= 0, "tolerance must be >= 0, got %s", tolerance);
    Check.argument(b.length == work.size() && x.length == work.size(),
        "b, x and the workspace must have one length, got %s, %s and %s", b.length, x.length,
        work.size());
    Check.argument(x != b, "x must not be b");
    return solveUnchecked(a, b, damping, maxIterations, tolerance, x, work);
  }

  static int solveUnchecked(LinearOperator a, double[] b, double damping, int maxIterations,
      double tolerance, double[] x, Workspace work) {
    final int n = b.length;
    final double[] r = work.r;
    final double[] p = work.p;
    final double[] z = work.z;
    double rr = 0;
    for (int i = 0; i < n; i++) {
      x[i] = 0;
      r[i] = b[i];
      p[i] = b[i];
      rr += b[i] * b[i];
    }
    work.indefinite = false;
    int k = 0;
    while (k < maxIterations && rr > 0 && !(rr < tolerance)) {
      a.apply(p, z);
      k++;
      double pz = 0;
      for (int i = 0; i < n; i++) {
        z[i] += damping * p[i];
        pz += p[i] * z[i];
      }
      if (!(pz > 0) || !Double.isFinite(pz)) {
        work.indefinite = true;
        break;
      }
      final double step = rr / pz;
      double rrNext = 0;
      for (int i = 0; i < n; i++) {
        x[i] += step * p[i];
        r[i] -= step * z[i];
        rrNext += r[i] * r[i];
      }
      final double beta = rrNext / rr;
      for (int i = 0; i < n; i++) {
        p[i] = r[i] + beta * p[i];
      }
      rr = rrNext;
    }
    work.iterations = k;
    work.residualSquared = rr;
    return k;
  }
}
