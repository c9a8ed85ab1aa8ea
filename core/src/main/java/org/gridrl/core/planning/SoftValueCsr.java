package org.gridrl.core.planning;

import org.gridrl.core.mdp.TabularMdp;

/**
 * Kernel: the soft Bellman backup over an MDP's CSR transitions, unchecked and allocation-free,
 * the one CSR family every soft solve runs on (discounted sweeps, finite-horizon backward steps,
 * with or without a prior):
 * <pre>
 *   Q(s,a)  = r(s,a) + γ Σ_{s'} P(s'|s,a) V(s')                              {@link #qValues}
 *   V'(s)   = m + τ·log Σ_a exp((Q(s,a) − m)/τ),   m = max_a Q(s,a)            {@link #sweep}
 *   V'(s)   = m + τ·log Σ_{a: π0 &gt; 0} π0(a|s) exp((Q(s,a) − m)/τ)           {@link #sweepPrior}
 *   π(a|s)  = π0(a|s) exp((Q(s,a) − m)/τ) / Σ_b π0(b|s) exp((Q(s,b) − m)/τ)    {@link #policy}
 * </pre>
 * (π0 ≡ 1 without a prior; with a prior m is the max over the actions with π0 &gt; 0.) The
 * stable log-sum-exp (Ziebart 2010; Teh et al. 2017 for the prior, the KL-regularised backup of
 * Distral): no exponent is positive and the max action's term is exactly exp(0) = 1. Terminal
 * states get V' = 0 and Q(s,·) = 0; their listed transitions are never read.
 *
 * <p><b>Why the sweeps are laid out in phases.</b> A state's backup is one long dependency chain
 * (the dot products, then the max, then the exps, then the log), and with the loops over a
 * handful of actions and successors fused per state the processor can overlap little of one
 * state with the next. The sweeps therefore take {@value #CHUNK} states at a time through five
 * flat passes over a caller-owned workspace: (1) Q of every (state, action) of the chunk, stored
 * action-major (q[a·CHUNK + i]); (2) m per state; (3) exp((Q − m)/τ) over the whole chunk, a loop
 * of independent exps (times π0 with a prior); (4) the sum per state, over the actions in order;
 * (5) V' = m + τ·log(sum) and the residual, a loop of independent logs. The dot product of a CSR
 * row is {@link CsrRows#dot}, written out for rows of up to five entries ({@link #qValues} uses it
 * too, so V' of a sweep from V is exactly the soft max of those Q). Measured at N = 128 on the
 * benchmark grid (docs/performance.md), the phases took the sweep from 1.4 ms to about 1.0 ms.
 * exp and log are {@link SoftMath}'s (within 2 and 1 ulp); the exponent is scaled by the
 * precomputed 1/τ (exact for τ = 1 and any power of two; otherwise within one rounding of
 * (Q − m)/τ). {@link #policy} alone uses {@link Math#exp}: see there.
 *
 * <p>Nothing is checked but the workspace's length; {@link SoftValueIteration} is the checked
 * entry point. A state range [stateBegin, stateEnd) is a row block: outputs of other states are
 * not touched and every output of a state depends on the inputs alone, so any partition gives the
 * same bits. Array layout as in {@link TabularMdp}: Q, π and π0 are row-major, index s·A + a.
 */
public final class SoftValueCsr {

  /** States per pass of {@link #sweep}. */
  public static final int CHUNK = 128;

  private SoftValueCsr() {
  }

  /** The workspace {@link #sweep} and {@link #sweepPrior} need for A actions: CHUNK·(A + 2). */
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
    checkWorkspace(work, numActions);
    final boolean[] terminal = mdp.terminals();
    final double invTau = 1.0 / tau;
    final int maxOffset = CHUNK * numActions;
    double residual = 0;
    for (int s0 = stateBegin; s0 < stateEnd; s0 += CHUNK) {
      final int n = Math.min(CHUNK, stateEnd - s0);
      // (1) Q, action-major
      chunkQ(mdp, gamma, v, s0, n, work);
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
      // (4) Σ_a, (5) V' and the residual
      residual = chunkValues(terminal, numActions, tau, v, vNew, s0, n, work, residual);
    }
    return residual;
  }

  /**
   * One Jacobi sweep over the states [stateBegin, stateEnd) with a prior π0: the phases of
   * {@link #sweep}, with m the max over the actions with π0(a|s) &gt; 0 and the exps weighted by
   * π0 (actions with π0 = 0 contribute nothing).
   *
   * @param mdp transitions, rewards and terminals. Not modified.
   * @param prior π0(a|s) at s·A + a, rows summing to 1. Not modified.
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
  public static double sweepPrior(TabularMdp mdp, double[] prior, double gamma, double tau,
      double[] v, double[] vNew, int stateBegin, int stateEnd, double[] work) {
    final int numActions = mdp.numActions();
    checkWorkspace(work, numActions);
    final boolean[] terminal = mdp.terminals();
    final double invTau = 1.0 / tau;
    final int maxOffset = CHUNK * numActions;
    double residual = 0;
    for (int s0 = stateBegin; s0 < stateEnd; s0 += CHUNK) {
      final int n = Math.min(CHUNK, stateEnd - s0);
      final int base = s0 * numActions;
      // (1) Q, action-major
      chunkQ(mdp, gamma, v, s0, n, work);
      // (2) m = max over the actions with π0 > 0
      for (int i = 0; i < n; i++) {
        work[maxOffset + i] = Double.NEGATIVE_INFINITY;
      }
      for (int a = 0; a < numActions; a++) {
        final int o = a * CHUNK;
        for (int i = 0; i < n; i++) {
          if (prior[base + i * numActions + a] > 0) {
            work[maxOffset + i] = Math.max(work[maxOffset + i], work[o + i]);
          }
        }
      }
      // (3) π0·exp((Q − m)/τ), every exponent of a counted action ≤ 0
      for (int a = 0; a < numActions; a++) {
        final int o = a * CHUNK;
        for (int i = 0; i < n; i++) {
          final double p = prior[base + i * numActions + a];
          work[o + i] = p > 0
              ? p * SoftMath.expNonPositive((work[o + i] - work[maxOffset + i]) * invTau) : 0;
        }
      }
      // (4) Σ_a, (5) V' and the residual
      residual = chunkValues(terminal, numActions, tau, v, vNew, s0, n, work, residual);
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

  /**
   * The soft-greedy policy of Q on the states [stateBegin, stateEnd): π(a|s) =
   * π0(a|s)·exp((Q(s,a) − V(s))/τ) with V(s) = τ·log Σ_a π0(a|s) exp(Q(s,a)/τ) (π0 ≡ 1 without a
   * prior), computed as the normalised max-shifted weights w_a = π0(a|s)·exp((Q(s,a) − m)/τ) /
   * Σ_b w_b (m over the actions with π0 &gt; 0), which is the same number but sums to 1 to
   * round-off even for tiny τ. Actions with π0(a|s) = 0 get π = 0. Terminal states get the
   * uniform policy, or π0(·|s) with a prior. Storage-free (a Q table and terminal flags), so the
   * grid kernel's solves use it too.
   *
   * <p>Its exps are {@link Math#exp}, not {@link SoftMath}'s: a discounted solve extracts the
   * policy once, off the hot path, and with {@code Math.exp} discounted policies keep the bits
   * they had before the kernels were unified (SoftMath would move them by up to 2 ulp). A
   * finite-horizon solve pays A of them per state and step.
   *
   * @param numActions A.
   * @param terminal terminal flags, length S. Not modified.
   * @param prior π0(a|s) at s·A + a, or null for none. Not modified.
   * @param tau temperature τ &gt; 0.
   * @param q Q(s,a), length S·A. Not modified.
   * @param pi π(a|s), length S·A; the rows of the range are written. Modified.
   * @param stateBegin first state, inclusive.
   * @param stateEnd last state, exclusive.
   */
  public static void policy(int numActions, boolean[] terminal, double[] prior, double tau,
      double[] q, double[] pi, int stateBegin, int stateEnd) {
    for (int s = stateBegin; s < stateEnd; s++) {
      final int base = s * numActions;
      if (terminal[s]) {
        for (int a = 0; a < numActions; a++) {
          pi[base + a] = prior == null ? 1.0 / numActions : prior[base + a];
        }
        continue;
      }
      double m = Double.NEGATIVE_INFINITY;
      int best = -1;
      for (int a = 0; a < numActions; a++) {
        if ((prior == null || prior[base + a] > 0) && (best < 0 || q[base + a] > m)) {
          m = q[base + a];
          best = a;
        }
      }
      double sum = 0;
      for (int a = 0; a < numActions; a++) {
        final double p = prior == null ? 1.0 : prior[base + a];
        final double w;
        if (a == best) {
          w = p;
        } else if (p > 0) {
          w = p * Math.exp((q[base + a] - m) / tau);
        } else {
          w = 0;
        }
        pi[base + a] = w;
        sum += w;
      }
      for (int a = 0; a < numActions; a++) {
        pi[base + a] /= sum;
      }
    }
  }

  /**
   * Phase (1) of both sweeps: Q(s,a) = r(s,a) + γ Σ_{s'} P(s'|s,a) V(s') of the n states from
   * s0, action-major into {@code work[a·CHUNK + i]} (terminal states too: phase (5) sets their V'
   * to 0 whatever their Q).
   */
  private static void chunkQ(TabularMdp mdp, double gamma, double[] v, int s0, int n,
      double[] work) {
    final int numActions = mdp.numActions();
    final int[] rowStart = mdp.rowStart();
    final int[] successors = mdp.successors();
    final double[] probabilities = mdp.probabilities();
    final double[] rewards = mdp.rewards();
    for (int i = 0; i < n; i++) {
      int row = (s0 + i) * numActions;
      for (int a = 0; a < numActions; a++, row++) {
        work[a * CHUNK + i] = rewards[row] + gamma
            * CsrRows.dot(probabilities, successors, v, rowStart[row], rowStart[row + 1]);
      }
    }
  }

  /**
   * Phases (4) and (5) of both sweeps, after (3) left each action's weight in
   * {@code work[a·CHUNK + i]} and m in the max slot: the sum per state over the actions in
   * order, then V'(s) = m + τ·log(sum) (0 at a terminal) into {@code vNew}.
   *
   * @return max({@code residual}, max over the n states of |V'(s) − V(s)|)
   */
  private static double chunkValues(boolean[] terminal, int numActions, double tau, double[] v,
      double[] vNew, int s0, int n, double[] work, double residual) {
    final int maxOffset = CHUNK * numActions;
    final int sumOffset = maxOffset + CHUNK;
    // (4) Σ_a, actions in order
    System.arraycopy(work, 0, work, sumOffset, n);
    for (int a = 1; a < numActions; a++) {
      final int o = a * CHUNK;
      for (int i = 0; i < n; i++) {
        work[sumOffset + i] += work[o + i];
      }
    }
    // (5) V' and the residual
    double r = residual;
    for (int i = 0; i < n; i++) {
      final int s = s0 + i;
      final double vs = terminal[s] ? 0
          : work[maxOffset + i] + tau * SoftMath.log(work[sumOffset + i]);
      r = Math.max(r, Math.abs(vs - v[s]));
      vNew[s] = vs;
    }
    return r;
  }

  private static void checkWorkspace(double[] work, int numActions) {
    if (work.length < workspaceLength(numActions)) {
      throw new IllegalArgumentException("workspace has length " + work.length + ", needs "
          + workspaceLength(numActions) + " (SoftValueCsr.workspaceLength(" + numActions + "))");
    }
  }
}
