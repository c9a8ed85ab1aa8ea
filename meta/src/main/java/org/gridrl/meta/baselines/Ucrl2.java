package org.gridrl.meta.baselines;

import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * UCRL2 (Jaksch, Ortner &amp; Auer 2010, "Near-optimal regret bounds for reinforcement learning",
 * JMLR 11), in its episodic finite-horizon form: at the start of each episode, from the counts
 * n(s,a), n(s,a,s') and reward sums of the trial so far, plan the most optimistic MDP in the
 * confidence set
 * <pre>
 *   |r̃(s,a) − r̂(s,a)| ≤ c/√max(1, n(s,a)),     ‖p̃(·|s,a) − p̂(·|s,a)‖₁ ≤ c·√(S/max(1, n(s,a)))
 * </pre>
 * by extended value iteration over the H steps: V_H = 0,
 * Q_t(s,a) = r̂(s,a) + c/√max(1,n) + max_{p̃ in the L1 ball ∩ simplex} Σ_{s'} p̃(s') V_{t+1}(s'),
 * V_t = max_a Q_t, and follow a_t = argmax_a Q_t(s_t, a) (ties to the lowest index) for the
 * episode. r̂ and p̂ are empirical (r̂ = 0 and p̂ uniform for an unvisited pair, whose widths
 * c and c·√S then cover any reward near 0 and, for c·√S ≥ 2, any distribution). The paper's
 * widths √(7 log(2SAt/δ)/(2n)) and √(14 S log(2At/δ)/n) are kept in their n- and S-dependence;
 * the log factor and constants are absorbed into the single constant c, tuned per setting as
 * RL²'s authors tuned theirs (Duan et al. 2016, Table 2). The inner maximum is Jaksch et al.'s
 * Figure 2 ({@link #optimisticExpectation}). Acting draws nothing from the generator.
 */
public final class Ucrl2 implements MdpTrialPolicy {

  /**
   * c chosen by {@link MdpBaselineTuning} for RL²'s setting (S = 10, A = 5, H = 10, n = 10
   * episodes): see the tuning table in docs/algorithms/meta.md.
   */
  public static final double TUNED_SCALE_RL2 = 2.0;

  private final double scale;
  private int numStates;
  private int numActions;
  private int episodeLength;
  private int[] transitionCounts;
  private int[] visits;
  private double[] rewardSums;
  private int[][] actions;
  private double[] pHat;
  private double[] pTilde;
  private int[] order;
  private boolean started;

  /** @param scale c ≥ 0, the confidence-width constant */
  public Ucrl2(double scale) {
    this.scale = Check.nonNegativeFinite("scale", scale);
  }

  /**
   * UCRL2 as Duan et al.'s script ran it for RL²'s Table 2: TabulaRL's agent,
   * {@link TabulaRlUcrl2} (widths κ·√(4 ln(2SA(e+1)/δ)/n) and κ·√(4S ln(2SA(e+1)/δ)/n), δ = 0.05,
   * TabulaRL's in-place extended value iteration, uniform ties).
   *
   * @param scaling κ ≥ 0, TabulaRL's {@code scaling}
   */
  public static TabulaRlUcrl2 tabulaRl(double scaling) {
    return new TabulaRlUcrl2(scaling);
  }

  /** c. */
  public double scale() {
    return scale;
  }

  @Override
  public void startTrial(int numStates, int numActions, int episodeLength, Rng rng) {
    this.numStates = Check.positive("numStates", numStates);
    this.numActions = Check.positive("numActions", numActions);
    this.episodeLength = Check.positive("episodeLength", episodeLength);
    Check.notNull("rng", rng);
    transitionCounts = new int[numStates * numActions * numStates];
    visits = new int[numStates * numActions];
    rewardSums = new double[numStates * numActions];
    actions = new int[episodeLength][numStates];
    pHat = new double[numStates];
    pTilde = new double[numStates];
    order = new int[numStates];
    started = true;
  }

  @Override
  public void startEpisode() {
    requireStarted();
    double[] vNext = new double[numStates];
    double[] v = new double[numStates];
    for (int t = episodeLength - 1; t >= 0; t--) {
      for (int s = 0; s < numStates; s++) {
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < numActions; a++) {
          int row = s * numActions + a;
          int n = visits[row];
          double width = 1 / Math.sqrt(Math.max(1, n));
          for (int next = 0; next < numStates; next++) {
            pHat[next] = n == 0 ? 1.0 / numStates
                : transitionCounts[row * numStates + next] / (double) n;
          }
          double rHat = n == 0 ? 0 : rewardSums[row] / n;
          double q = rHat + scale * width + optimisticExpectation(pHat, vNext,
              scale * Math.sqrt(numStates) * width, order, pTilde);
          if (q > best) {
            best = q;
            actions[t][s] = a;
          }
        }
        v[s] = best;
      }
      double[] swap = vNext;
      vNext = v;
      v = swap;
    }
  }

  /**
   * max Σ_i p_i v_i over distributions p with ‖p − p̂‖₁ ≤ d (Jaksch et al. 2010, Figure 2): put
   * min(1, p̂(s₁) + d/2) on the highest-value state s₁, then take the excess from the
   * lowest-value states in turn. Ties in v are ordered by index.
   *
   * @param pHat p̂, a distribution of length S. Not modified.
   * @param v the values, length S. Not modified.
   * @param d the L1 radius, ≥ 0
   * @param order workspace of length S. Modified.
   * @param p the maximiser. Modified.
   * @return Σ_i p_i v_i at the maximiser
   */
  public static double optimisticExpectation(double[] pHat, double[] v, double d, int[] order,
      double[] p) {
    int n = pHat.length;
    for (int i = 0; i < n; i++) {
      order[i] = i;
      p[i] = pHat[i];
    }
    // insertion sort by v descending (S is small), stable in the index
    for (int i = 1; i < n; i++) {
      int x = order[i];
      int j = i - 1;
      while (j >= 0 && v[order[j]] < v[x]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
    p[order[0]] = Math.min(1, pHat[order[0]] + d / 2);
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += p[i];
    }
    for (int l = n - 1; l > 0 && total > 1; l--) {
      int s = order[l];
      double cut = Math.min(p[s], total - 1);
      p[s] -= cut;
      total -= cut;
    }
    double e = 0;
    for (int i = 0; i < n; i++) {
      e += p[i] * v[i];
    }
    return e;
  }

  @Override
  public int act(int state, int t) {
    requireStarted();
    if (state < 0 || state >= numStates) {
      throw new IllegalArgumentException("state must be in [0, " + numStates + "), got "
          + state);
    }
    if (t < 0 || t >= episodeLength) {
      throw new IllegalArgumentException("t must be in [0, " + episodeLength + "), got " + t);
    }
    return actions[t][state];
  }

  @Override
  public void observe(int state, int action, double reward, int nextState) {
    requireStarted();
    if (state < 0 || state >= numStates || action < 0 || action >= numActions || nextState < 0
        || nextState >= numStates) {
      throw new IllegalArgumentException("transition (" + state + ", " + action + ", "
          + nextState + ") out of range for S = " + numStates + ", A = " + numActions);
    }
    Check.finite("reward", reward);
    int row = state * numActions + action;
    transitionCounts[row * numStates + nextState]++;
    visits[row]++;
    rewardSums[row] += reward;
  }

  private void requireStarted() {
    if (!started) {
      throw new IllegalStateException("ucrl2: used before startTrial");
    }
  }

  @Override
  public String name() {
    return "ucrl2";
  }
}
