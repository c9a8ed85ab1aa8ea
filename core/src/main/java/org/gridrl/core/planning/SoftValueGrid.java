package org.gridrl.core.planning;

import org.gridrl.core.mdp.UniformSlipDynamics;

/**
 * Kernel: the soft Bellman backup for uniform-slip dynamics ({@link UniformSlipDynamics}),
 * unchecked and allocation-free; grid-only (the sweep, Q, and the per-step policy of a
 * finite-horizon solve from the exponentials, {@link #policy}; a discounted solve extracts its
 * one policy with {@link SoftValueCsr#policy}, which needs no storage).
 * <pre>
 *   Q(s,a) = r(s,a) + γ[(1 − ε)·V(next(s,a)) + ε·mean_b V(next(s,b))]
 *   V'(s)  = τ·log Σ_a exp(Q(s,a)/τ)
 * </pre>
 * A loads of V per state instead of a sparse row per action (A² entries).
 *
 * <p><b>State reward: one exp and one log per state.</b> With r(s,a) = r(s) and
 * k = γ(1 − ε)/τ, Q(s,a)/τ = c(s)/τ + k·V(next(s,a)) with c(s) = r(s) + γε·mean_b V(next(s,b)),
 * so, for any shift M,
 * <pre>
 *   V'(s) = r(s) + (γε/A)·Σ_b V(next(s,b)) + γ(1 − ε)·M + τ·log Σ_a E(next(s,a)),
 *   E(s') = exp(k·(V(s') − M)).
 * </pre>
 * E is computed once per state per sweep (each value is read by the A states that move there),
 * by the sweep that produces V: the sweep reading (V, E with shift M_in) writes V' and
 * E' = exp(k·(V' − M_out)), where M_out, the next sweep's shift, is fixed beforehand (the solver
 * uses max_s V(s), so E ≤ 1 up to the step size). This is exact algebra, not an approximation;
 * its only risk is range: where Σ_a E(next(s,a)) falls outside [2^-64, 2^64] (underflow,
 * overflow, or an exponent so large that its rounding would cost more than ~45 ulps), the state
 * is recomputed with its own max shift, m = max_a k·V(next(s,a)),
 * V'(s) = c(s) + τ·(m + log Σ_a exp(k·V(next(s,a)) − m)), so every state is as accurate as the
 * CSR kernel. Rewards r(s,a) that depend on the action take {@link #sweepActionReward}, the
 * per-state max shift with A − 1 exps.
 *
 * <p><b>Open grid.</b> When {@link UniformSlipDynamics#openGridWidth()} is W &gt; 0, interior
 * states read their neighbours at s − W, s + 1, s + W, s − 1, s without the move tables; the
 * border rows and columns use the tables. Both paths add in action order, so they give the
 * same bits.
 *
 * <p>The discount is the dynamics' γ: a finite-horizon solve with a per-step discount c hands
 * over {@code d.withGamma(c)}. Terminal states get V' = 0. A state range is a row block: outputs
 * of other states are not touched and V'(s) depends on (V, E) alone, so any partition gives the
 * same bits. Nothing is checked here; {@link SoftValueIteration} is the checked entry point.
 */
public final class SoftValueGrid {

  /** Σ_a E below this takes the per-state max shift (2^-64). */
  static final double LOW = 0x1p-64;
  /** Σ_a E above this takes the per-state max shift (2^64). */
  static final double HIGH = 0x1p64;

  private SoftValueGrid() {
  }

  /** k = γ(1 − ε)/τ, the factor of V in the exponent. */
  public static double exponentScale(UniformSlipDynamics d, double tau) {
    return d.gamma() * (1 - d.slip()) / tau;
  }

  /**
   * E(s) = exp(k·(V(s) − shift)) for the states [stateBegin, stateEnd), k =
   * {@link #exponentScale}.
   *
   * @param v V, length S. Not modified.
   * @param e E, length S; the range is written. Modified.
   * @return max of V over the range (−∞ for an empty range)
   */
  public static double exponentials(UniformSlipDynamics d, double tau, double[] v, double shift,
      double[] e, int stateBegin, int stateEnd) {
    final double k = exponentScale(d, tau);
    double max = Double.NEGATIVE_INFINITY;
    for (int s = stateBegin; s < stateEnd; s++) {
      e[s] = SoftMath.exp(k * (v[s] - shift));
      max = Math.max(max, v[s]);
    }
    return max;
  }

  /**
   * One Jacobi sweep with a state reward over the states [stateBegin, stateEnd).
   *
   * @param d dynamics with a non-null {@link UniformSlipDynamics#stateReward()}. Not modified.
   * @param tau temperature τ &gt; 0.
   * @param v V, length S. Not modified.
   * @param e E = exp(k(V − shiftIn)), length S. Not modified.
   * @param shiftIn the shift of {@code e}.
   * @param vNew V', length S; the range is written. Modified.
   * @param eNew E' = exp(k(V' − shiftOut)), length S; the range is written; null to skip
   *     (when the next iterate is not V', as in Anderson acceleration). Modified.
   * @param shiftOut the shift of {@code eNew}.
   * @param blockMax receives max of V' over the range at {@code block}. Modified.
   * @param block index into {@code blockMax}.
   * @return max over the range of |V'(s) − V(s)|; NaN or infinite if any V'(s) is
   */
  public static double sweep(UniformSlipDynamics d, double tau, double[] v, double[] e,
      double shiftIn, double[] vNew, double[] eNew, double shiftOut, double[] blockMax,
      int block, int stateBegin, int stateEnd) {
    final int w = d.openGridWidth();
    if (w <= 0) {
      return sweepTables(d, tau, v, e, shiftIn, vNew, eNew, shiftOut, blockMax, block,
          stateBegin, stateEnd);
    }
    final int numStates = d.numStates();
    double residual = 0;
    double max = Double.NEGATIVE_INFINITY;
    int s = stateBegin;
    while (s < stateEnd) {
      final int row = s / w;
      final int rowEnd = Math.min(stateEnd, (row + 1) * w);
      if (row == 0 || (row + 1) * w == numStates) {
        residual = Math.max(residual, sweepTables(d, tau, v, e, shiftIn, vNew, eNew, shiftOut,
            blockMax, block, s, rowEnd));
        max = Math.max(max, blockMax[block]);
      } else {
        int from = s;
        if (from == row * w) {
          residual = Math.max(residual, sweepTables(d, tau, v, e, shiftIn, vNew, eNew,
              shiftOut, blockMax, block, from, from + 1));
          max = Math.max(max, blockMax[block]);
          from++;
        }
        final int to = Math.min(rowEnd, (row + 1) * w - 1);
        if (from < to) {
          residual = Math.max(residual, sweepInterior(d, tau, v, e, shiftIn, vNew, eNew,
              shiftOut, blockMax, block, from, to, w));
          max = Math.max(max, blockMax[block]);
        }
        if (to < rowEnd) {
          residual = Math.max(residual, sweepTables(d, tau, v, e, shiftIn, vNew, eNew,
              shiftOut, blockMax, block, to, rowEnd));
          max = Math.max(max, blockMax[block]);
        }
      }
      s = rowEnd;
    }
    blockMax[block] = max;
    return residual;
  }

  private static double sweepInterior(UniformSlipDynamics d, double tau, double[] v, double[] e,
      double shiftIn, double[] vNew, double[] eNew, double shiftOut, double[] blockMax,
      int block, int from, int to, int w) {
    final double[] reward = d.stateReward();
    final double gamma = d.gamma();
    final double slip = d.slip();
    final double k = gamma * (1 - slip) / tau;
    final double meanWeight = gamma * slip / 5;
    final double shiftTerm = gamma * (1 - slip) * shiftIn;
    double residual = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (int s = from; s < to; s++) {
      final double sumV = v[s - w] + v[s + 1] + v[s + w] + v[s - 1] + v[s];
      final double sumE = e[s - w] + e[s + 1] + e[s + w] + e[s - 1] + e[s];
      double vs;
      if (sumE >= LOW && sumE <= HIGH) {
        vs = reward[s] + meanWeight * sumV + shiftTerm + tau * SoftMath.log(sumE);
      } else {
        vs = reward[s] + meanWeight * sumV + ownShift(d, tau, k, v, s);
      }
      if (eNew != null) {
        eNew[s] = SoftMath.exp(k * (vs - shiftOut));
      }
      residual = Math.max(residual, Math.abs(vs - v[s]));
      max = Math.max(max, vs);
      vNew[s] = vs;
    }
    blockMax[block] = max;
    return residual;
  }

  private static double sweepTables(UniformSlipDynamics d, double tau, double[] v, double[] e,
      double shiftIn, double[] vNew, double[] eNew, double shiftOut, double[] blockMax,
      int block, int stateBegin, int stateEnd) {
    final int numActions = d.numActions();
    final int[][] next = d.nextTables();
    final int[] next0 = next[0];
    final double[] reward = d.stateReward();
    final boolean[] terminal = d.terminals();
    final double gamma = d.gamma();
    final double slip = d.slip();
    final double k = gamma * (1 - slip) / tau;
    final double meanWeight = gamma * slip / numActions;
    final double shiftTerm = gamma * (1 - slip) * shiftIn;
    double residual = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (int s = stateBegin; s < stateEnd; s++) {
      double vs;
      if (terminal[s]) {
        vs = 0;
      } else {
        final int t0 = next0[s];
        double sumV = v[t0];
        double sumE = e[t0];
        for (int a = 1; a < numActions; a++) {
          final int t = next[a][s];
          sumV += v[t];
          sumE += e[t];
        }
        if (sumE >= LOW && sumE <= HIGH) {
          vs = reward[s] + meanWeight * sumV + shiftTerm + tau * SoftMath.log(sumE);
        } else {
          vs = reward[s] + meanWeight * sumV + ownShift(d, tau, k, v, s);
        }
      }
      if (eNew != null) {
        eNew[s] = SoftMath.exp(k * (vs - shiftOut));
      }
      residual = Math.max(residual, Math.abs(vs - v[s]));
      max = Math.max(max, vs);
      vNew[s] = vs;
    }
    blockMax[block] = max;
    return residual;
  }

  /** τ·log Σ_a exp(k·V(next(s,a))) with the per-state max shift. */
  private static double ownShift(UniformSlipDynamics d, double tau, double k, double[] v, int s) {
    final int numActions = d.numActions();
    final int[][] next = d.nextTables();
    double m = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < numActions; a++) {
      m = Math.max(m, k * v[next[a][s]]);
    }
    double sum = 0;
    for (int a = 0; a < numActions; a++) {
      sum += SoftMath.exp(k * v[next[a][s]] - m);
    }
    return tau * (m + SoftMath.log(sum));
  }

  /**
   * One Jacobi sweep with action rewards r(s,a) over [stateBegin, stateEnd):
   * V'(s) = (γε/A)·Σ_b V(next(s,b)) + m + τ·log(1 + Σ_{a≠a*} exp((u_a − m)/τ)) with
   * u_a = r(s,a) + γ(1 − ε)V(next(s,a)) and m = u_{a*} = max_a u_a.
   *
   * @param d dynamics (r(s,a) from {@link UniformSlipDynamics#reward}). Not modified.
   * @param v V, length S. Not modified.
   * @param vNew V', length S; the range is written. Modified.
   * @param work workspace of length ≥ A. Modified.
   * @return max over the range of |V'(s) − V(s)|
   */
  public static double sweepActionReward(UniformSlipDynamics d, double tau, double[] v,
      double[] vNew, int stateBegin, int stateEnd, double[] work) {
    final int numActions = d.numActions();
    final int[][] next = d.nextTables();
    final boolean[] terminal = d.terminals();
    final double gamma = d.gamma();
    final double slip = d.slip();
    final double direct = gamma * (1 - slip);
    final double meanWeight = gamma * slip / numActions;
    final double invTau = 1.0 / tau;
    double residual = 0;
    for (int s = stateBegin; s < stateEnd; s++) {
      double vs;
      if (terminal[s]) {
        vs = 0;
      } else {
        double sumV = 0;
        double m = Double.NEGATIVE_INFINITY;
        int best = 0;
        for (int a = 0; a < numActions; a++) {
          final double vt = v[next[a][s]];
          sumV += vt;
          final double u = d.reward(s, a) + direct * vt;
          work[a] = u;
          if (u > m) {
            m = u;
            best = a;
          }
        }
        double rest = 0;
        for (int a = 0; a < numActions; a++) {
          if (a != best) {
            rest += SoftMath.exp((work[a] - m) * invTau);
          }
        }
        vs = meanWeight * sumV + m + tau * SoftMath.log(1 + rest);
      }
      residual = Math.max(residual, Math.abs(vs - v[s]));
      vNew[s] = vs;
    }
    return residual;
  }

  /**
   * One finite-horizon step's Q and soft-greedy policy of the backup from V with a state reward,
   * in one pass, the policy from the exponentials E of V without an exp: Q(s,a)/τ = c(s)/τ +
   * k·V(next(s,a)) (see the class comment), so
   * <pre>
   *   Q(s,a) = r(s) + (γε/A)·Σ_b V(next(s,b)) + γ(1 − ε)·V(next(s,a))   (as {@link #qValues})
   *   π(a|s) = exp((Q(s,a) − V'(s))/τ) = E(next(s,a)) / Σ_b E(next(s,b)),
   * </pre>
   * one division per state. Where Σ_b E(next(s,b)) leaves [2^-64, 2^64] the state takes its
   * own max shift, π(a|s) = exp(k·V(next(s,a)) − m) / Σ_b exp(k·V(next(s,b)) − m), as the
   * sweep does. Terminal states get Q = 0 and the uniform policy. Each E carries SoftMath's
   * ≤ 2 ulp, so π is within a few ulp of {@link SoftValueCsr#policy} of the same Q (pinned by a
   * test); a finite-horizon solve pays this instead of a Q pass and A exps per state and step.
   *
   * @param d dynamics with a state reward. Not modified.
   * @param tau temperature τ &gt; 0.
   * @param v V, the values backed up (V_{t+1} of a finite-horizon step), length S. Not
   *     modified.
   * @param e E = exp(k(V − shift)) for that V, length S, any shift. Not modified.
   * @param q Q(s,a) at s·A + a, length S·A; the rows of the range are written. Modified.
   * @param pi π(a|s) at s·A + a, length S·A; the rows of the range are written. Modified.
   */
  public static void qAndPolicy(UniformSlipDynamics d, double tau, double[] v, double[] e,
      double[] q, double[] pi, int stateBegin, int stateEnd) {
    final int w = d.openGridWidth();
    if (w <= 0) {
      for (int s = stateBegin; s < stateEnd; s++) {
        qAndPolicyTables(d, tau, v, e, q, pi, s);
      }
      return;
    }
    // open grid (A = 5, no terminals): interior states read their moves at fixed offsets
    final int lastRow = d.numStates() / w - 1;
    final double[] reward = d.stateReward();
    final double direct = d.gamma() * (1 - d.slip());
    final double meanWeight = d.gamma() * d.slip() / 5;
    int row = stateBegin / w;
    int col = stateBegin - row * w;
    for (int s = stateBegin; s < stateEnd; s++) {
      if (row == 0 || row == lastRow || col == 0 || col == w - 1) {
        qAndPolicyTables(d, tau, v, e, q, pi, s);
      } else {
        final double v0 = v[s - w];
        final double v1 = v[s + 1];
        final double v2 = v[s + w];
        final double v3 = v[s - 1];
        final double v4 = v[s];
        final double e0 = e[s - w];
        final double e1 = e[s + 1];
        final double e2 = e[s + w];
        final double e3 = e[s - 1];
        final double e4 = e[s];
        final double sumE = e0 + e1 + e2 + e3 + e4;
        if (sumE >= LOW && sumE <= HIGH) {
          final int base = 5 * s;
          final double rs = reward[s] + meanWeight * (v0 + v1 + v2 + v3 + v4);
          q[base] = rs + direct * v0;
          q[base + 1] = rs + direct * v1;
          q[base + 2] = rs + direct * v2;
          q[base + 3] = rs + direct * v3;
          q[base + 4] = rs + direct * v4;
          final double inv = 1.0 / sumE;
          pi[base] = e0 * inv;
          pi[base + 1] = e1 * inv;
          pi[base + 2] = e2 * inv;
          pi[base + 3] = e3 * inv;
          pi[base + 4] = e4 * inv;
        } else {
          qAndPolicyTables(d, tau, v, e, q, pi, s);
        }
      }
      if (++col == w) {
        col = 0;
        row++;
      }
    }
  }

  /** {@link #qAndPolicy} of one state through the move tables (any A, terminals). */
  private static void qAndPolicyTables(UniformSlipDynamics d, double tau, double[] v,
      double[] e, double[] q, double[] pi, int s) {
    final int numActions = d.numActions();
    final int[][] next = d.nextTables();
    final int base = s * numActions;
    if (d.terminals()[s]) {
      for (int a = 0; a < numActions; a++) {
        q[base + a] = 0;
        pi[base + a] = 1.0 / numActions;
      }
      return;
    }
    // one read of the move tables: Q's row holds V(next(s,a)) until rs is known
    double sumV = 0;
    double sumE = 0;
    for (int a = 0; a < numActions; a++) {
      final int t = next[a][s];
      final double vt = v[t];
      q[base + a] = vt;
      sumV += vt;
      final double ea = e[t];
      pi[base + a] = ea;
      sumE += ea;
    }
    final double gamma = d.gamma();
    final double rs = d.stateReward()[s] + gamma * d.slip() / numActions * sumV;
    final double direct = gamma * (1 - d.slip());
    for (int a = 0; a < numActions; a++) {
      q[base + a] = rs + direct * q[base + a];
    }
    if (!(sumE >= LOW && sumE <= HIGH)) {
      final double k = exponentScale(d, tau);
      double m = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < numActions; a++) {
        m = Math.max(m, k * v[next[a][s]]);
      }
      sumE = 0;
      for (int a = 0; a < numActions; a++) {
        final double ea = SoftMath.exp(k * v[next[a][s]] - m);
        pi[base + a] = ea;
        sumE += ea;
      }
    }
    final double inv = 1.0 / sumE;
    for (int a = 0; a < numActions; a++) {
      pi[base + a] *= inv;
    }
  }

  /**
   * Q(s,a) = r(s,a) + (γε/A)·Σ_b V(next(s,b)) + γ(1 − ε)·V(next(s,a)) for [stateBegin,
   * stateEnd); 0 for terminal states.
   *
   * @param v V, length S. Not modified.
   * @param q Q, length S·A; the rows of the range are written. Modified.
   */
  public static void qValues(UniformSlipDynamics d, double[] v, double[] q, int stateBegin,
      int stateEnd) {
    final int numActions = d.numActions();
    final int[][] next = d.nextTables();
    final boolean[] terminal = d.terminals();
    final double gamma = d.gamma();
    final double slip = d.slip();
    final double direct = gamma * (1 - slip);
    final double meanWeight = gamma * slip / numActions;
    for (int s = stateBegin; s < stateEnd; s++) {
      final int base = s * numActions;
      if (terminal[s]) {
        for (int a = 0; a < numActions; a++) {
          q[base + a] = 0;
        }
        continue;
      }
      double sumV = 0;
      for (int a = 0; a < numActions; a++) {
        sumV += v[next[a][s]];
      }
      final double mean = meanWeight * sumV;
      for (int a = 0; a < numActions; a++) {
        q[base + a] = d.reward(s, a) + mean + direct * v[next[a][s]];
      }
    }
  }
}
