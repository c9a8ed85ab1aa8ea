package org.gridrl.core.planning;

import java.util.Objects;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;

/**
 * Expected (discounted) state visitation counts of a policy from an initial distribution d0:
 * <pre>
 *   discounted:      d(s) = Σ_{t≥0} γ^t Pr(s_t = s),   i.e.  d = (I − γ P_πᵀ)^{-1} d0
 *   finite horizon:  d(s) = Σ_{t&lt;H} c^t Pr(s_t = s)  with π_t = policies[t] at step t
 * </pre>
 * (Ziebart et al. 2008, the forward pass of MaxEnt IRL; Abbeel &amp; Ng 2004 for the discounted
 * feature expectations.) Terminal states absorb: mass that arrives at a terminal is counted
 * at its arrival step and then leaves (it propagates no further). So the discounted
 * visitation sums to 1/(1−γ) without terminals, the finite-horizon one to (1−c^H)/(1−c), or H
 * for c = 1, and less once terminals are reached. Both are linear in d0, which may be any
 * finite non-negative vector (a distribution in the usual case).
 *
 * <p>The discounted sum is accumulated term by term ({@link VisitationCsr}), O(nnz) per term,
 * until the remaining tail, bounded by γ/(1−γ) times the last term's mass, is below
 * {@value #RELATIVE_TAIL} of the total.
 */
public final class StateVisitation {

  /** The discounted series stops when its bounded tail is below this fraction of the total. */
  public static final double RELATIVE_TAIL = 1e-15;

  private StateVisitation() {
  }

  /** Discounted visitation from the MDP's own initial distribution. */
  public static double[] discounted(TabularMdp mdp, TabularPolicy pi) {
    Objects.requireNonNull(mdp, "mdp");
    return discounted(mdp, pi, mdp.initialDistribution());
  }

  /**
   * Discounted visitation d = Σ_t γ^t Pr(s_t = ·) with γ from the MDP.
   *
   * @param mdp the MDP. Not modified.
   * @param pi the policy, S×A like the MDP. Not modified.
   * @param d0 the start, length S, finite and non-negative. Not modified.
   * @return d, length S
   */
  public static double[] discounted(TabularMdp mdp, TabularPolicy pi, double[] d0) {
    PolicyEvaluation.checkShapes(mdp, pi);
    checkStart(mdp, d0);
    final double gamma = mdp.gamma();
    final double[] piTable = pi.toArray();
    final double[] total = d0.clone();
    double[] term = d0.clone();
    double[] next = new double[d0.length];
    double totalMass = 0;
    for (double x : d0) {
      totalMass += x;
    }
    if (gamma == 0) {
      return total;
    }
    final double tailFactor = gamma / (1 - gamma);
    while (true) {
      double mass = VisitationCsr.propagate(mdp, piTable, term, gamma, next);
      if (mass == 0) {
        break;
      }
      for (int s = 0; s < total.length; s++) {
        total[s] += next[s];
      }
      totalMass += mass;
      double[] t = term;
      term = next;
      next = t;
      if (mass * tailFactor <= RELATIVE_TAIL * totalMass) {
        break;
      }
    }
    return total;
  }

  /**
   * Discounted visitation of a signed start, d = Σ_t γ^t (P_πᵀ)^t b = (I − γ P_πᵀ)^{-1} b, for
   * b a difference of non-negative vectors (the likelihood gradient of a stationary soft policy
   * needs b = D̂ − γ·E[next state]). Summed in one series, which stops when the bound on the
   * remaining tail, γ/(1−γ)·|last term|₁ (propagation does not grow |·|₁), is below
   * {@value #RELATIVE_TAIL} of |b|₁. Terminals absorb as in {@link #discounted}.
   *
   * @param mdp the MDP. Not modified.
   * @param pi the policy, S×A like the MDP. Not modified.
   * @param b the signed start, length S, finite. Not modified.
   * @return d, length S
   */
  public static double[] discountedSigned(TabularMdp mdp, TabularPolicy pi, double[] b) {
    PolicyEvaluation.checkShapes(mdp, pi);
    Objects.requireNonNull(b, "b");
    if (b.length != mdp.numStates()) {
      throw new IllegalArgumentException("b must have length S = " + mdp.numStates() + ", got "
          + b.length);
    }
    double norm = 0;
    for (int s = 0; s < b.length; s++) {
      if (!Double.isFinite(b[s])) {
        throw new IllegalArgumentException("b(" + s + ") must be finite, got " + b[s]);
      }
      norm += Math.abs(b[s]);
    }
    final double gamma = mdp.gamma();
    final double[] total = b.clone();
    if (gamma == 0 || norm == 0) {
      return total;
    }
    final double[] piTable = pi.toArray();
    double[] term = b.clone();
    double[] next = new double[b.length];
    final double tailFactor = gamma / (1 - gamma);
    while (true) {
      VisitationCsr.propagate(mdp, piTable, term, gamma, next);
      double size = 0;
      for (int s = 0; s < total.length; s++) {
        total[s] += next[s];
        size += Math.abs(next[s]);
      }
      if (size * tailFactor <= RELATIVE_TAIL * norm) {
        break;
      }
      double[] t = term;
      term = next;
      next = t;
    }
    return total;
  }

  /** Undiscounted finite-horizon visitation Σ_{t&lt;H} Pr(s_t = s), H = policies.length. */
  public static double[] finiteHorizon(TabularMdp mdp, TabularPolicy[] policies, double[] d0) {
    return finiteHorizon(mdp, policies, d0, 1.0);
  }

  /**
   * Finite-horizon visitation Σ_{t&lt;H} c^t Pr(s_t = s), with policies[t] acting at step t.
   *
   * @param mdp the MDP (its γ is not used). Not modified.
   * @param policies π_0 .. π_{H−1}, H ≥ 1, each S×A like the MDP. Not modified.
   * @param d0 the start, length S, finite and non-negative. Not modified.
   * @param discount the per-step factor c in [0, 1].
   * @return d, length S
   */
  public static double[] finiteHorizon(TabularMdp mdp, TabularPolicy[] policies, double[] d0,
      double discount) {
    Objects.requireNonNull(policies, "policies");
    if (policies.length < 1) {
      throw new IllegalArgumentException("need at least one policy (horizon >= 1), got 0");
    }
    for (int t = 0; t < policies.length; t++) {
      if (policies[t] == null) {
        throw new IllegalArgumentException("policy of step " + t + " is null");
      }
      PolicyEvaluation.checkShapes(mdp, policies[t]);
    }
    checkStart(mdp, d0);
    if (!(discount >= 0 && discount <= 1)) {
      throw new IllegalArgumentException("discount must be in [0, 1], got " + discount);
    }
    final int horizon = policies.length;
    final double[] total = d0.clone();
    double[] term = d0.clone();
    double[] next = new double[d0.length];
    final double[] piTable = new double[mdp.numStates() * mdp.numActions()];
    for (int t = 0; t + 1 < horizon; t++) {
      copyTable(policies[t], piTable);
      VisitationCsr.propagate(mdp, piTable, term, discount, next);
      for (int s = 0; s < total.length; s++) {
        total[s] += next[s];
      }
      double[] x = term;
      term = next;
      next = x;
    }
    return total;
  }

  private static void copyTable(TabularPolicy pi, double[] out) {
    final int numActions = pi.numActions();
    for (int s = 0; s < pi.numStates(); s++) {
      pi.copyRow(s, out, s * numActions);
    }
  }

  private static void checkStart(TabularMdp mdp, double[] d0) {
    Objects.requireNonNull(d0, "d0");
    if (d0.length != mdp.numStates()) {
      throw new IllegalArgumentException("d0 must have length S = " + mdp.numStates() + ", got "
          + d0.length);
    }
    for (int s = 0; s < d0.length; s++) {
      if (!(d0[s] >= 0) || Double.isInfinite(d0[s])) {
        throw new IllegalArgumentException("d0(" + s + ") must be finite and >= 0, got " + d0[s]);
      }
    }
  }
}
