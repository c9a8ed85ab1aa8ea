package org.gridrl.core.planning;

import org.gridrl.core.mdp.TabularMdp;

/**
 * The soft Bellman backup over CSR transitions that writes V only, unchecked and
 * allocation-free: the Jacobi sweep of {@link SoftViSolver}'s CSR kernel.
 * <pre>
 *   V'(s) = m + τ·log(1 + Σ_{a≠a*} exp((Q(s,a) − m)/τ)),
 *   Q(s,a) = r(s,a) + γ Σ_{s'} P(s'|s,a) V(s'),
 * </pre>
 * with m = Q(s,a*) = max_a Q(s,a): the max action needs no exp and no exponent is positive
 * (Ziebart 2010; the stable form of {@link SoftBellmanCsr}); the exps run in two loops around
 * a*, so there is no per-action branch on which action it is. Q lives in an A-long workspace
 * only, so a sweep streams the CSR arrays once and writes S numbers; the S·A table is
 * computed once, after the last sweep, by {@link #qValues}. The exponent is scaled by the precomputed 1/τ (exact for τ = 1 and any
 * power of two; otherwise within one rounding of (Q − m)/τ). exp and log are
 * {@link SoftMath}'s table-driven versions (within 2 ulp; about twice as fast as HotSpot's
 * {@code Math.exp} and {@code Math.log} on the benchmark machine). Terminal states get V' = 0.
 *
 * <p>Nothing is checked; {@link SoftViSolver} and {@link SoftValueIteration} are the checked
 * entry points. A state range [stateBegin, stateEnd) is a row block: outputs of other states are
 * not touched and every V'(s) depends on V alone, so any partition gives the same bits.
 */
public final class SoftValueCsr {

  private SoftValueCsr() {
  }

  /**
   * One Jacobi sweep over the states [stateBegin, stateEnd) without a prior.
   *
   * @param mdp transitions, rewards and terminals. Not modified.
   * @param gamma the discount γ.
   * @param tau temperature τ &gt; 0.
   * @param v V(s), length S. Not modified.
   * @param vNew V'(s), length S, not {@code v}; entries of the range are written. Modified.
   * @param stateBegin first state, inclusive.
   * @param stateEnd last state, exclusive.
   * @param work workspace of length ≥ A. Modified.
   * @return max over the range of |V'(s) − V(s)|; NaN or infinite if any V'(s) is
   */
  public static double sweep(TabularMdp mdp, double gamma, double tau, double[] v, double[] vNew,
      int stateBegin, int stateEnd, double[] work) {
    final int numActions = mdp.numActions();
    final int[] rowStart = mdp.rowStart();
    final int[] successors = mdp.successors();
    final double[] probabilities = mdp.probabilities();
    final double[] rewards = mdp.rewards();
    final boolean[] terminal = mdp.terminals();
    final double invTau = 1.0 / tau;
    double residual = 0;
    for (int s = stateBegin; s < stateEnd; s++) {
      double vs;
      if (terminal[s]) {
        vs = 0;
      } else {
        final int base = s * numActions;
        double m = Double.NEGATIVE_INFINITY;
        int best = 0;
        int k = rowStart[base];
        for (int a = 0; a < numActions; a++) {
          final int end = rowStart[base + a + 1];
          double acc = 0;
          for (; k < end; k++) {
            acc += probabilities[k] * v[successors[k]];
          }
          final double qa = rewards[base + a] + gamma * acc;
          work[a] = qa;
          if (qa > m) {
            m = qa;
            best = a;
          }
        }
        // the max action contributes exactly 1 and needs no exp; two loops around it, so no
        // per-action branch on which action it is
        double rest = 0;
        for (int a = 0; a < best; a++) {
          rest += SoftMath.exp((work[a] - m) * invTau);
        }
        for (int a = best + 1; a < numActions; a++) {
          rest += SoftMath.exp((work[a] - m) * invTau);
        }
        vs = m + tau * SoftMath.log(1 + rest);
      }
      residual = Math.max(residual, Math.abs(vs - v[s]));
      vNew[s] = vs;
    }
    return residual;
  }

  /**
   * Q(s,a) = r(s,a) + γ Σ_{s'} P(s'|s,a) V(s') for the states [stateBegin, stateEnd), summed in
   * the order of {@link #sweep} (so V' of a sweep from V is exactly the soft max of these Q);
   * terminal states get 0.
   *
   * @param mdp transitions, rewards and terminals. Not modified.
   * @param gamma the discount γ.
   * @param v V(s), length S. Not modified.
   * @param q Q(s,a), length S·A; rows of the range are written. Modified.
   */
  public static void qValues(TabularMdp mdp, double gamma, double[] v, double[] q,
      int stateBegin, int stateEnd) {
    final int numActions = mdp.numActions();
    final int[] rowStart = mdp.rowStart();
    final int[] successors = mdp.successors();
    final double[] probabilities = mdp.probabilities();
    final double[] rewards = mdp.rewards();
    final boolean[] terminal = mdp.terminals();
    for (int s = stateBegin; s < stateEnd; s++) {
      final int base = s * numActions;
      for (int a = 0; a < numActions; a++) {
        final int row = base + a;
        if (terminal[s]) {
          q[row] = 0;
          continue;
        }
        double acc = 0;
        for (int k = rowStart[row], end = rowStart[row + 1]; k < end; k++) {
          acc += probabilities[k] * v[successors[k]];
        }
        q[row] = rewards[row] + gamma * acc;
      }
    }
  }
}
