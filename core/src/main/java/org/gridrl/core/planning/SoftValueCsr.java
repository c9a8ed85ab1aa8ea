package org.gridrl.core.planning;

import org.gridrl.core.mdp.TabularMdp;

/**
 * The soft Bellman backup over CSR transitions that writes V only, unchecked and
 * allocation-free: the Jacobi sweep of {@link SoftViSolver}'s CSR kernel.
 * <pre>
 *   V'(s) = m + τ·log Σ_a exp((Q(s,a) − m)/τ),   m = max_a Q(s,a),
 *   Q(s,a) = r(s,a) + γ Σ_{s'} P(s'|s,a) V(s'),
 * </pre>
 * the stable log-sum-exp (Ziebart 2010; the same backup as {@link SoftBellmanCsr}): no exponent
 * is positive and the max action's term is exactly exp(0) = 1.
 *
 * <p><b>Why it is laid out in phases.</b> A state's backup is one long dependency chain (the
 * dot products, then the max, then the exps, then the log), and with the loops over a handful
 * of actions and successors fused per state the processor can overlap little of one state with
 * the next. The sweep therefore takes {@value #CHUNK} states at a time through five flat passes
 * over a caller-owned workspace: (1) Q of every (state, action) of the chunk, stored action-major
 * (q[a·CHUNK + i]); (2) m per state; (3) exp((Q − m)/τ) over the whole chunk, a loop of
 * independent exps; (4) the sum per state, over the actions in order; (5) V' = m + τ·log(sum)
 * and the residual, a loop of independent logs. The dot product of a CSR row is
 * {@link CsrRows#dot}, written out for rows of up to five entries ({@link #qValues} uses it too,
 * so V' of a sweep from V is exactly the soft max of those Q). Measured at N = 128 on the
 * benchmark grid (docs/performance.md), the phases took the sweep from 1.4 ms to about 1.0 ms. exp and log are {@link SoftMath}'s (within 2 and 1 ulp); the
 * exponent is scaled by the precomputed 1/τ (exact for τ = 1 and any power of two; otherwise
 * within one rounding of (Q − m)/τ). Terminal states get V' = 0.
 *
 * <p>Nothing is checked but the workspace's length; {@link SoftViSolver} and
 * {@link SoftValueIteration} are the checked entry points. A state range [stateBegin, stateEnd)
 * is a row block: outputs of other states are not touched and every V'(s) depends on V alone, so
 * any partition gives the same bits.
 */
public final class SoftValueCsr {

  /** States per pass of {@link #sweep}. */
  public static final int CHUNK = 128;

  private SoftValueCsr() {
  }

  /** The workspace length {@link #sweep} needs for A actions: CHUNK·(A + 2). */
  public static int workspaceLength(int numActions) {
    return CHUNK * (numActions + 2);
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
   * @param work workspace of length ≥ {@link #workspaceLength}(A). Modified.
   * @return max over the range of |V'(s) − V(s)|; NaN or infinite if any V'(s) is
   * @throws IllegalArgumentException if the workspace is too short
   */
  public static double sweep(TabularMdp mdp, double gamma, double tau, double[] v, double[] vNew,
      int stateBegin, int stateEnd, double[] work) {
    final int numActions = mdp.numActions();
    if (work.length < workspaceLength(numActions)) {
      throw new IllegalArgumentException("workspace has length " + work.length + ", needs "
          + workspaceLength(numActions) + " (SoftValueCsr.workspaceLength(" + numActions + "))");
    }
    final int[] rowStart = mdp.rowStart();
    final int[] successors = mdp.successors();
    final double[] probabilities = mdp.probabilities();
    final double[] rewards = mdp.rewards();
    final boolean[] terminal = mdp.terminals();
    final double invTau = 1.0 / tau;
    final int maxOffset = CHUNK * numActions;
    final int sumOffset = maxOffset + CHUNK;
    double residual = 0;
    for (int s0 = stateBegin; s0 < stateEnd; s0 += CHUNK) {
      final int n = Math.min(CHUNK, stateEnd - s0);
      // (1) Q, action-major
      for (int i = 0; i < n; i++) {
        int row = (s0 + i) * numActions;
        for (int a = 0; a < numActions; a++, row++) {
          work[a * CHUNK + i] = rewards[row] + gamma
              * CsrRows.dot(probabilities, successors, v, rowStart[row], rowStart[row + 1]);
        }
      }
      // (2) m = max_a Q
      System.arraycopy(work, 0, work, maxOffset, n);
      for (int a = 1; a < numActions; a++) {
        final int o = a * CHUNK;
        for (int i = 0; i < n; i++) {
          work[maxOffset + i] = Math.max(work[maxOffset + i], work[o + i]);
        }
      }
      // (3) exp((Q − m)/τ), every exponent ≤ 0
      for (int a = 0; a < numActions; a++) {
        final int o = a * CHUNK;
        for (int i = 0; i < n; i++) {
          work[o + i] = SoftMath.expNonPositive((work[o + i] - work[maxOffset + i]) * invTau);
        }
      }
      // (4) Σ_a, actions in order
      System.arraycopy(work, 0, work, sumOffset, n);
      for (int a = 1; a < numActions; a++) {
        final int o = a * CHUNK;
        for (int i = 0; i < n; i++) {
          work[sumOffset + i] += work[o + i];
        }
      }
      // (5) V' and the residual
      for (int i = 0; i < n; i++) {
        final int s = s0 + i;
        final double vs = terminal[s] ? 0
            : work[maxOffset + i] + tau * SoftMath.log(work[sumOffset + i]);
        residual = Math.max(residual, Math.abs(vs - v[s]));
        vNew[s] = vs;
      }
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
        q[row] = terminal[s] ? 0 : rewards[row]
            + gamma * CsrRows.dot(probabilities, successors, v, rowStart[row], rowStart[row + 1]);
      }
    }
  }
}
