package org.gridrl.core.planning;

import org.gridrl.core.mdp.TabularMdp;

/**
 * The soft Bellman backup over an MDP's CSR transitions, unchecked and allocation-free: the
 * inner loop of {@link SoftValueIteration}.
 *
 * <p>One sweep computes, for every non-terminal state s,
 * <pre>
 *   Q(s,a) = r(s,a) + γ Σ_{s'} P(s'|s,a) V(s')
 *   V'(s)  = τ · log Σ_a exp(Q(s,a)/τ)                     (no prior)
 *   V'(s)  = τ · log Σ_{a: π0(a|s) &gt; 0} π0(a|s) exp(Q(s,a)/τ)  (prior π0)
 * </pre>
 * with a max-shifted log-sum-exp: with m = max_a Q(s,a) (over actions with π0 &gt; 0),
 * V'(s) = m + τ·log1p(Σ_{a≠a*} exp((Q(s,a) − m)/τ)) without a prior, so the max action a* needs
 * no exp and no exponent is positive. Terminal states get Q(s,·) = 0 and V'(s) = 0; the
 * transitions listed for them are never read. References: Ziebart, Bagnell &amp; Dey (2010),
 * "Modeling interaction via the principle of maximum causal entropy"; Haarnoja et al. (2017)
 * for the temperature; Teh et al. (2017, Distral) for the prior.
 *
 * <p>Nothing is checked here (shapes, finiteness, τ &gt; 0): {@link SoftValueIteration} is the
 * checked facade and the place to start. The kernels exist as public static methods so that
 * faster kernels, parallel drivers and benchmarks can sit beside and call them. Row-block
 * variants take a state range [stateBegin, stateEnd) and touch only those states' outputs, so
 * a fixed partition over threads gives results identical to one thread.
 *
 * <p>Array layout as in {@link TabularMdp}: Q and π0 are row-major, index s·A + a.
 */
public final class SoftBellmanCsr {

  private SoftBellmanCsr() {
  }

  /**
   * One Jacobi sweep over all states: Q from V, then V' from Q.
   *
   * @param mdp transitions, rewards, γ and terminals. Not modified.
   * @param prior π0(a|s) at s·A + a, or null for none. Not modified.
   * @param gamma the discount γ in [0, 1] (usually {@code mdp.gamma()}).
   * @param tau temperature τ &gt; 0.
   * @param v V(s), length S. Not modified.
   * @param q Q(s,a) of this sweep, length S·A. Modified.
   * @param vNew V'(s), length S, must not be {@code v}. Modified.
   * @return max_s |V'(s) − V(s)|; NaN or infinite if any V'(s) is (NaN propagates)
   */
  public static double sweep(TabularMdp mdp, double[] prior, double gamma, double tau, double[] v,
      double[] q, double[] vNew) {
    return sweep(mdp, prior, gamma, tau, v, q, vNew, 0, mdp.numStates());
  }

  /**
   * One Jacobi sweep over the states [stateBegin, stateEnd); outputs of other states are not
   * touched.
   *
   * @param mdp transitions, rewards, γ and terminals. Not modified.
   * @param prior π0(a|s) at s·A + a, or null for none. Not modified.
   * @param gamma the discount γ in [0, 1] (usually {@code mdp.gamma()}).
   * @param tau temperature τ &gt; 0.
   * @param v V(s), length S. Not modified.
   * @param q Q(s,a), length S·A; rows of the range are written. Modified.
   * @param vNew V'(s), length S; entries of the range are written. Modified.
   * @param stateBegin first state of the block, inclusive.
   * @param stateEnd last state of the block, exclusive.
   * @return max over the block of |V'(s) − V(s)|; NaN or infinite if any V'(s) is
   */
  public static double sweep(TabularMdp mdp, double[] prior, double gamma, double tau, double[] v,
      double[] q, double[] vNew, int stateBegin, int stateEnd) {
    if (prior == null) {
      return sweepNoPrior(mdp, gamma, tau, v, q, vNew, stateBegin, stateEnd);
    }
    return sweepPrior(mdp, prior, gamma, tau, v, q, vNew, stateBegin, stateEnd);
  }

  private static double sweepNoPrior(TabularMdp mdp, double gamma, double tau, double[] v,
      double[] q, double[] vNew, int stateBegin, int stateEnd) {
    final int numActions = mdp.numActions();
    final int[] rowStart = mdp.rowStart();
    final int[] successors = mdp.successors();
    final double[] probabilities = mdp.probabilities();
    final double[] rewards = mdp.rewards();
    final boolean[] terminal = mdp.terminals();
    double residual = 0;
    for (int s = stateBegin; s < stateEnd; s++) {
      final int base = s * numActions;
      double vs;
      if (terminal[s]) {
        for (int a = 0; a < numActions; a++) {
          q[base + a] = 0;
        }
        vs = 0;
      } else {
        double m = Double.NEGATIVE_INFINITY;
        int best = 0;
        for (int a = 0; a < numActions; a++) {
          final int row = base + a;
          final double acc = CsrRows.dot(probabilities, successors, v, rowStart[row],
              rowStart[row + 1]);
          final double qa = rewards[row] + gamma * acc;
          q[row] = qa;
          if (qa > m) {
            m = qa;
            best = a;
          }
        }
        double rest = 0;
        for (int a = 0; a < numActions; a++) {
          if (a != best) {
            rest += Math.exp((q[base + a] - m) / tau);
          }
        }
        vs = m + tau * Math.log1p(rest);
      }
      residual = Math.max(residual, Math.abs(vs - v[s]));
      vNew[s] = vs;
    }
    return residual;
  }

  private static double sweepPrior(TabularMdp mdp, double[] prior, double gamma, double tau,
      double[] v, double[] q, double[] vNew, int stateBegin, int stateEnd) {
    final int numActions = mdp.numActions();
    final int[] rowStart = mdp.rowStart();
    final int[] successors = mdp.successors();
    final double[] probabilities = mdp.probabilities();
    final double[] rewards = mdp.rewards();
    final boolean[] terminal = mdp.terminals();
    double residual = 0;
    for (int s = stateBegin; s < stateEnd; s++) {
      final int base = s * numActions;
      double vs;
      if (terminal[s]) {
        for (int a = 0; a < numActions; a++) {
          q[base + a] = 0;
        }
        vs = 0;
      } else {
        double m = Double.NEGATIVE_INFINITY;
        int best = -1;
        for (int a = 0; a < numActions; a++) {
          final int row = base + a;
          final double acc = CsrRows.dot(probabilities, successors, v, rowStart[row],
              rowStart[row + 1]);
          final double qa = rewards[row] + gamma * acc;
          q[row] = qa;
          if (prior[row] > 0 && (best < 0 || qa > m)) {
            m = qa;
            best = a;
          }
        }
        double sum = prior[base + best];
        for (int a = 0; a < numActions; a++) {
          final double p = prior[base + a];
          if (a != best && p > 0) {
            sum += p * Math.exp((q[base + a] - m) / tau);
          }
        }
        vs = m + tau * Math.log(sum);
      }
      residual = Math.max(residual, Math.abs(vs - v[s]));
      vNew[s] = vs;
    }
    return residual;
  }

  /**
   * The soft-greedy policy of Q: π(a|s) = π0(a|s)·exp((Q(s,a) − V(s))/τ) with
   * V(s) = τ·log Σ_a π0(a|s) exp(Q(s,a)/τ) (π0 ≡ 1 without a prior), computed as the normalised
   * max-shifted weights w_a = π0(a|s)·exp((Q(s,a) − m)/τ) / Σ_b w_b, which is the same number
   * but sums to 1 to round-off even for tiny τ. Actions with π0(a|s) = 0 get π = 0. Terminal
   * states get the uniform policy, or π0(·|s) with a prior.
   *
   * @param mdp terminals and shapes. Not modified.
   * @param prior π0(a|s) at s·A + a, or null for none. Not modified.
   * @param tau temperature τ &gt; 0.
   * @param q Q(s,a), length S·A. Not modified.
   * @param pi π(a|s), length S·A. Modified.
   */
  public static void policy(TabularMdp mdp, double[] prior, double tau, double[] q,
      double[] pi) {
    final int numStates = mdp.numStates();
    final int numActions = mdp.numActions();
    final boolean[] terminal = mdp.terminals();
    for (int s = 0; s < numStates; s++) {
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
        double w;
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
}
