package org.gridrl.core.planning;

import java.util.Arrays;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.util.Check;

/**
 * The result of a planning solve: state values V, action values Q, the policy and how the
 * solve ended.
 *
 * <p>The arrays are the solver's own outputs, handed over without copying (as EJML returns
 * its outputs); the solver keeps no reference to them. {@link #equals} compares contents.
 *
 * @param v V(s), length S
 * @param q Q(s,a) row-major at index s·A + a, length S·A
 * @param policy π(a|s), S×A
 * @param report sweeps, last residual and whether the solve converged
 */
public record Solution(double[] v, double[] q, TabularPolicy policy, ConvergenceReport report) {

  /** Checks that the shapes agree: |v| = S, |q| = S·A for the policy's S and A. */
  public Solution {
    Check.notNull("policy", policy);
    Check.notNull("report", report);
    Check.notNull("v", v);
    Check.notNull("q", q);
    Check.argument(v.length == policy.numStates(), "v must have length S = %s, got %s",
        policy.numStates(), v.length);
    Check.argument(q.length == policy.numStates() * policy.numActions(),
        "q must have length S*A = %s, got %s", policy.numStates() * policy.numActions(),
        q.length);
  }

  /** Number of states S. */
  public int numStates() {
    return v.length;
  }

  /** Number of actions A. */
  public int numActions() {
    return policy.numActions();
  }

  /** Q(s,a). */
  public double q(int s, int a) {
    return q[s * policy.numActions() + a];
  }

  /** The expected value Σ_s d0(s) V(s) under an initial distribution d0 (length S). */
  public double expectedValue(double[] d0) {
    Check.argument(d0.length == v.length, "d0 must have length S = %s, got %s", v.length,
        d0.length);
    double acc = 0;
    for (int s = 0; s < v.length; s++) {
      acc += d0[s] * v[s];
    }
    return acc;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Solution x && Arrays.equals(x.v, v) && Arrays.equals(x.q, q)
        && x.policy.equals(policy) && x.report.equals(report);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(v) + report.hashCode();
  }

  @Override
  public String toString() {
    return "Solution[S=" + v.length + ", A=" + policy.numActions() + ", " + report.describe()
        + "]";
  }
}
