package org.gridrl.core.planning;

import java.util.Objects;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.mdp.UniformSlipDynamics;
import org.gridrl.core.util.Check;

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
 * finite non-negative vector (a distribution in the usual case). The discounted visitation
 * exists only for γ &lt; 1; an undiscounted MDP (γ = 1) takes a finite horizon.
 *
 * <p>This is the checked facade; the kernels are {@link VisitationCsr}'s. The discounted sum
 * {@link #discounted} is accumulated term by term, O(nnz) per term, until the remaining tail,
 * bounded by γ/(1−γ) times the last term's mass, is below {@value #RELATIVE_TAIL} of the total;
 * {@link #discountedSigned} likewise by default. On request ({@link Solver#EXACT}, or
 * {@link Solver#AUTO} for the cheaper of the two) it solves (I − γ P_πᵀ) d = b by banded LU
 * instead: on ObjectWorld 32×32 at γ = 0.9, 0.6 ms against 8.4 ms for the 348-term series
 * before the pull kernel and 4.4 ms with it (docs/performance.md). The series stays the default because deep
 * MaxEnt's training amplifies the last-bit differences of the exact solve into different
 * fitted rewards (issue 10: irl-objectworld's deep MaxEnt EVD moved in the second digit).
 */
public final class StateVisitation {

  /** The discounted series stops when its bounded tail is below this fraction of the total. */
  public static final double RELATIVE_TAIL = 1e-15;

  /** How {@link #discountedSigned} computes (I − γ P_πᵀ)^{-1} b. */
  public enum Solver {
    /** {@link #EXACT} when its estimated cost is below the series', else {@link #SERIES}. */
    AUTO,
    /** The series Σ_t γ^t (P_πᵀ)^t b to {@value StateVisitation#RELATIVE_TAIL} of |b|₁. */
    SERIES,
    /**
     * Banded LU of I − γ P_πᵀ without pivoting and one step of iterative refinement
     * ({@link VisitationCsr#solveDiscounted}): O(S·kl·ku) for the bandwidths kl, ku of the
     * transitions; rejected when the band does not fit in one array.
     */
    EXACT
  }

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
   * @param mdp the MDP, γ &lt; 1. Not modified.
   * @param pi the policy, S×A like the MDP. Not modified.
   * @param d0 the start, length S, finite and non-negative. Not modified.
   * @return d, length S
   * @throws IllegalArgumentException for γ = 1 (no discounted visitation exists), bad shapes
   *     or a bad start
   */
  public static double[] discounted(TabularMdp mdp, TabularPolicy pi, double[] d0) {
    PolicyEvaluation.checkShapes(mdp, pi);
    checkDiscounted(mdp.gamma());
    checkStart(mdp, d0);
    final double gamma = mdp.gamma();
    final double[] total = d0.clone();
    double totalMass = 0;
    for (double x : d0) {
      totalMass += x;
    }
    if (gamma == 0) {
      return total;
    }
    final VisitationCsr.Incoming in = VisitationCsr.incoming(mdp);
    final double[] work = new double[VisitationCsr.stepWorkspaceLength(in)];
    double[] term = d0.clone();
    double[] next = new double[d0.length];
    final double tailFactor = gamma / (1 - gamma);
    while (true) {
      double mass = VisitationCsr.propagate(in, pi, term, gamma, next, work);
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
   * needs b = D̂ − γ·E[next state]), by {@link Solver#SERIES} (the same bits as before the
   * exact solve existed; {@link #discountedSigned(TabularMdp, TabularPolicy, double[], Solver)}
   * with {@link Solver#AUTO} is about 5–10× faster on a grid). Terminals absorb as in
   * {@link #discounted}.
   *
   * @param mdp the MDP, γ &lt; 1. Not modified.
   * @param pi the policy, S×A like the MDP. Not modified.
   * @param b the signed start, length S, finite. Not modified.
   * @return d, length S
   * @throws IllegalArgumentException for γ = 1, bad shapes or a non-finite b
   */
  public static double[] discountedSigned(TabularMdp mdp, TabularPolicy pi, double[] b) {
    return discountedSigned(mdp, pi, b, Solver.SERIES);
  }

  /**
   * (I − γ P_πᵀ)^{-1} b with a chosen solver. {@link Solver#SERIES} sums Σ_t γ^t (P_πᵀ)^t b
   * until the bound on the remaining tail, γ/(1−γ)·|last term|₁ (propagation does not grow
   * |·|₁), is below {@value #RELATIVE_TAIL} of |b|₁; {@link Solver#EXACT} agrees with it to
   * about 1e-15 of |b|₁/(1−γ) (pinned in the tests at 1e-13).
   *
   * @param mdp the MDP, γ &lt; 1. Not modified.
   * @param pi the policy, S×A like the MDP. Not modified.
   * @param b the signed start, length S, finite. Not modified.
   * @param solver the method.
   * @return d, length S
   * @throws IllegalArgumentException for γ = 1, bad shapes, a non-finite b, or
   *     {@link Solver#EXACT} when the band of the transitions does not fit in one array
   */
  public static double[] discountedSigned(TabularMdp mdp, TabularPolicy pi, double[] b,
      Solver solver) {
    PolicyEvaluation.checkShapes(mdp, pi);
    checkDiscounted(mdp.gamma());
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(solver, "solver");
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
    if (gamma == 0 || norm == 0) {
      return b.clone();
    }
    final VisitationCsr.Incoming in = VisitationCsr.incoming(mdp);
    final long exactWork = VisitationCsr.discountedWorkspaceLength(in);
    final boolean fits = exactWork <= MAX_ARRAY;
    if (solver == Solver.EXACT && !fits) {
      throw new IllegalArgumentException("the exact solve needs a band of " + exactWork
          + " numbers (S = " + in.numStates() + ", bandwidths " + in.lowerBandwidth() + " and "
          + in.upperBandwidth() + "), more than one array holds; use the series");
    }
    final boolean exact = solver == Solver.EXACT
        || solver == Solver.AUTO && fits && exactCost(in) < seriesCost(in, gamma);
    if (exact) {
      final double[] out = new double[b.length];
      VisitationCsr.solveDiscounted(in, pi.toArray(), gamma, b, out, new double[(int) exactWork]);
      return out;
    }
    return series(in, pi, gamma, b, norm);
  }

  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** Mult-adds of the exact solve: factor S·kl·ku, three band solves and a step. */
  static double exactCost(VisitationCsr.Incoming in) {
    final double n = in.numStates();
    final double kl = in.lowerBandwidth();
    final double ku = in.upperBandwidth();
    return n * kl * ku + 3 * n * (kl + ku + 1) + 2.0 * in.row().length + 2 * n * in.numActions();
  }

  /** Mult-adds of the series: its expected number of terms times one step. */
  static double seriesCost(VisitationCsr.Incoming in, double gamma) {
    final double terms = Math.ceil(Math.log(RELATIVE_TAIL * (1 - gamma) / gamma)
        / Math.log(gamma));
    return Math.max(1, terms) * (in.row().length + (double) in.numStates() * in.numActions());
  }

  private static double[] series(VisitationCsr.Incoming in, TabularPolicy pi, double gamma,
      double[] b, double norm) {
    final double[] total = b.clone();
    final double[] work = new double[VisitationCsr.stepWorkspaceLength(in)];
    double[] term = b.clone();
    double[] next = new double[b.length];
    final double tailFactor = gamma / (1 - gamma);
    while (true) {
      VisitationCsr.propagate(in, pi, term, gamma, next, work);
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
    return finiteHorizon(mdp, policies, d0, discount, null, null);
  }

  /**
   * Finite-horizon visitation Σ_{t&lt;H} c^t Pr(s_t = s) into a caller's array; with both arrays
   * given nothing is allocated. The same numbers, bit for bit, as the other overloads without a
   * kernel (the CSR kernel).
   *
   * @param mdp the MDP (its γ is not used). Not modified.
   * @param policies π_0 .. π_{H−1}, H ≥ 1, each S×A like the MDP. Not modified.
   * @param d0 the start, length S, finite and non-negative. Not modified.
   * @param discount the per-step factor c in [0, 1].
   * @param out d, length S, not {@code d0}, or null to allocate. Modified.
   * @param work workspace of length ≥ {@link #finiteHorizonWorkspaceLength}(mdp), or null to
   *     allocate. Modified.
   * @return out
   */
  public static double[] finiteHorizon(TabularMdp mdp, TabularPolicy[] policies, double[] d0,
      double discount, double[] out, double[] work) {
    return finiteHorizon(mdp, policies, d0, discount, out, work, SoftViKernel.CSR);
  }

  /**
   * Finite-horizon visitation Σ_{t&lt;H} c^t Pr(s_t = s) into a caller's array, with a choice of
   * kernel: {@link SoftViKernel#CSR} ({@link VisitationCsr}, the other overloads' bits, any
   * MDP), {@link SoftViKernel#GRID} ({@link VisitationGrid}: one product per (s, a) instead of
   * one per transition, for uniform-slip dynamics, within round-off of the CSR kernel but not
   * its bits) or {@link SoftViKernel#AUTO} (GRID where {@link UniformSlipDynamics#detect}
   * recognises the dynamics, else CSR). The CSR kernel stays the default of the other overloads
   * because a regrouped sum is not the same number, and some fits (max-margin's hard planning,
   * which breaks ties between equal Q by index) amplify the last bit into another answer; MaxEnt
   * IRL takes its planning config's kernel (AUTO by default) for this pass and the backward one.
   *
   * @param kernel CSR, GRID or AUTO.
   * @throws IllegalArgumentException if GRID is asked for and the MDP is not uniform-slip
   */
  public static double[] finiteHorizon(TabularMdp mdp, TabularPolicy[] policies, double[] d0,
      double discount, double[] out, double[] work, SoftViKernel kernel) {
    Objects.requireNonNull(kernel, "kernel");
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
    final int numStates = mdp.numStates();
    // plain ifs, not Check: its boxed arguments would allocate on this allocation-free path
    if (out == null) {
      out = new double[numStates];
    } else if (out.length != numStates || out == d0) {
      throw new IllegalArgumentException("out must be an array of length S = " + numStates
          + " other than d0, got length " + out.length);
    }
    final int needed = finiteHorizonWorkspaceLength(mdp);
    if (work == null) {
      work = new double[needed];
    } else if (work.length < needed) {
      throw new IllegalArgumentException("work must have length >= " + needed
          + " (finiteHorizonWorkspaceLength), got " + work.length);
    }
    final UniformSlipDynamics grid = kernel == SoftViKernel.CSR ? null
        : UniformSlipDynamics.detect(mdp);
    if (grid == null && kernel == SoftViKernel.GRID) {
      throw new IllegalArgumentException("kernel GRID needs uniform-slip dynamics, and " + mdp
          + " is not of that kind; use CSR or AUTO");
    }
    if (grid != null) {
      VisitationGrid.finiteHorizon(grid, policies, d0, discount, out, work);
    } else {
      VisitationCsr.finiteHorizon(VisitationCsr.incoming(mdp), policies, d0, discount, out,
          work);
    }
    return out;
  }

  /** The workspace length of {@link #finiteHorizon(TabularMdp, TabularPolicy[], double[], double,
   * double[], double[])}: S·A + 2S. */
  public static int finiteHorizonWorkspaceLength(TabularMdp mdp) {
    Objects.requireNonNull(mdp, "mdp");
    return mdp.numStates() * mdp.numActions() + 2 * mdp.numStates();
  }

  /**
   * A discounted visitation needs γ &lt; 1: Σ_t γ^t Pr(s_t = s) grows without bound for γ = 1
   * unless every path ends in a terminal.
   */
  private static void checkDiscounted(double gamma) {
    Check.argument(gamma < 1, "gamma = %s: the discounted visitation sum_t gamma^t Pr(s_t = s)"
        + " does not exist for gamma = 1 (it grows without bound); use a finite horizon"
        + " (StateVisitation.finiteHorizon) or a gamma < 1", gamma);
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
