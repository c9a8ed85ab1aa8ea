package org.gridrl.core.planning;

import java.util.Arrays;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.util.Check;

/**
 * The result of a finite-horizon solve with horizon H: time-indexed values V_t for
 * t = 0..H (V_H = 0), action values Q_t and policies π_t for t &lt; H. The policy for the
 * decision taken at step t is {@code policies[t]}.
 *
 * <p>The arrays are the solver's own outputs, handed over without copying.
 *
 * @param horizon H ≥ 1
 * @param v v[t][s] = V_t(s), H + 1 rows of length S, v[H] all 0
 * @param q q[t][s·A + a] = Q_t(s,a), H rows of length S·A
 * @param policies policies[t] = π_t, H policies
 */
public record FiniteHorizonSolution(int horizon, double[][] v, double[][] q,
    TabularPolicy[] policies) {

  /** Checks that the shapes agree with the horizon. */
  public FiniteHorizonSolution {
    Check.positive("horizon", horizon);
    Check.notNull("v", v);
    Check.notNull("q", q);
    Check.notNull("policies", policies);
    Check.argument(v.length == horizon + 1, "v must have H + 1 = %s rows, got %s", horizon + 1,
        v.length);
    Check.argument(q.length == horizon, "q must have H = %s rows, got %s", horizon, q.length);
    Check.argument(policies.length == horizon, "policies must have H = %s entries, got %s",
        horizon, policies.length);
  }

  /**
   * The t = 0 slice as a {@link Solution} (V_0, Q_0, π_0), with the report of an exact solve:
   * iterations = H, residual 0, converged.
   */
  public Solution atStart() {
    return at(0);
  }

  /** The step-t slice (V_t, Q_t, π_t) for 0 ≤ t &lt; H, with the report of an exact solve. */
  public Solution at(int t) {
    Check.argument(t >= 0 && t < horizon, "step t must be in [0, %s), got %s", horizon, t);
    return new Solution(v[t], q[t], policies[t], ConvergenceReport.exact(horizon));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FiniteHorizonSolution x && x.horizon == horizon
        && Arrays.deepEquals(x.v, v) && Arrays.deepEquals(x.q, q)
        && Arrays.equals(x.policies, policies);
  }

  @Override
  public int hashCode() {
    return 31 * horizon + Arrays.deepHashCode(v);
  }

  @Override
  public String toString() {
    return "FiniteHorizonSolution[H=" + horizon + ", S=" + v[0].length + "]";
  }
}
