package org.gridrl.core.planning;

import java.util.Locale;
import org.gridrl.core.util.Check;

/**
 * How an iterative solve ended: the number of sweeps done, the last residual
 * max_s |V_new(s) − V(s)|, and whether it fell below the tolerance ({@code converged}) or the
 * solve stopped at the cap of {@code maxIterations} sweeps.
 *
 * <p>An exact solve (finite horizon, a direct linear solve) reports {@code residual = 0},
 * {@code tolerance = 0} and {@code converged = true}.
 *
 * @param iterations sweeps done, 0 ≤ iterations ≤ maxIterations
 * @param residual the last sweep's max_s |V_new(s) − V(s)|, ≥ 0
 * @param converged whether residual &lt; tolerance (or the solve was exact)
 * @param tolerance the stopping threshold on the residual, ≥ 0 (0 for exact solves)
 * @param maxIterations the cap on sweeps, ≥ 1
 */
public record ConvergenceReport(int iterations, double residual, boolean converged,
    double tolerance, int maxIterations) {

  /** Validates the fields. */
  public ConvergenceReport {
    Check.nonNegative("iterations", iterations);
    Check.argument(residual >= 0, "residual must be >= 0, got %s", residual);
    Check.argument(tolerance >= 0, "tolerance must be >= 0, got %s", tolerance);
    Check.positive("maxIterations", maxIterations);
  }

  /** The report of an exact solve that took {@code steps} backward steps (finite horizon). */
  public static ConvergenceReport exact(int steps) {
    return new ConvergenceReport(steps, 0.0, true, 0.0, Math.max(1, steps));
  }

  /**
   * One line for people: "converged after 153 sweeps, residual 8.9e-11 &lt; 1e-10",
   * "hit the cap of 1000 sweeps, residual 3.2e-04 &gt;= 1e-10", or "exact after 20 steps".
   */
  public String describe() {
    if (tolerance == 0 && residual == 0 && converged) {
      return "exact after " + iterations + (iterations == 1 ? " step" : " steps");
    }
    if (converged) {
      return "converged after " + iterations + (iterations == 1 ? " sweep" : " sweeps")
          + ", residual " + sci(residual) + " < " + sci(tolerance);
    }
    return "hit the cap of " + maxIterations + (maxIterations == 1 ? " sweep" : " sweeps")
        + ", residual " + sci(residual) + " >= " + sci(tolerance);
  }

  /** Two significant digits in scientific notation; a mantissa of exactly one loses its ".0". */
  private static String sci(double x) {
    String s = String.format(Locale.ROOT, "%.1e", x);
    return s.replace(".0e", "e");
  }
}
