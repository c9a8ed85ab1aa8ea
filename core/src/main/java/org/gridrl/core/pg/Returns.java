package org.gridrl.core.pg;

/**
 * Discounted reward-to-go over the segments of a {@link Batch}:
 * G_t = r_t + γ (1 − terminated_t) · (last_t ? V(s'_t) : G_{t+1}),
 * computed backwards through each segment. On termination the future is worth 0; at a
 * truncation (time limit) or a rollout cut the future is bootstrapped from V(s'_t), the value
 * of the state the episode would have continued from (Pardo et al. 2018, "Time limits in
 * reinforcement learning"). With {@code nextValues == null} that bootstrap is 0 (a pure Monte
 * Carlo return of the observed rewards).
 */
public final class Returns {

  private Returns() {
  }

  /**
   * Reward-to-go G_t for every step.
   *
   * @param rewards r_t, length N. Not modified.
   * @param terminated whether s'_t is terminal. Not modified.
   * @param last whether t ends its segment. Not modified.
   * @param nextValues V(s'_t) (only read where last_t and not terminated_t), or null for 0.
   *     Not modified.
   * @param gamma discount in [0, 1]
   * @param out length N, or null to allocate. Modified.
   * @return {@code out}
   */
  public static double[] rewardToGo(double[] rewards, boolean[] terminated, boolean[] last,
      double[] nextValues, double gamma, double[] out) {
    int n = rewards.length;
    checkLengths(n, terminated.length, last.length, nextValues, gamma, last);
    if (out == null) {
      out = new double[n];
    } else if (out.length != n) {
      throw new IllegalArgumentException("out has length " + out.length + ", need " + n);
    }
    double g = 0;
    for (int t = n - 1; t >= 0; t--) {
      double future;
      if (terminated[t]) {
        future = 0;
      } else if (last[t]) {
        future = nextValues == null ? 0 : nextValues[t];
      } else {
        future = g;
      }
      g = rewards[t] + gamma * future;
      out[t] = g;
    }
    return out;
  }

  /** {@link #rewardToGo} over a batch's rewards and flags. */
  public static double[] rewardToGo(Batch batch, double[] nextValues, double gamma, double[] out) {
    return rewardToGo(batch.rewards(), batch.terminated(), batch.last(), nextValues, gamma, out);
  }

  static void checkLengths(int n, int term, int last, double[] nextValues, double gamma,
      boolean[] lastFlags) {
    if (term != n || last != n || (nextValues != null && nextValues.length != n)) {
      throw new IllegalArgumentException("lengths differ: rewards " + n + ", terminated " + term
          + ", last " + last + (nextValues == null ? "" : ", nextValues " + nextValues.length));
    }
    if (n > 0 && !lastFlags[n - 1]) {
      throw new IllegalArgumentException("the final step " + (n - 1) + " must end a segment");
    }
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
    }
  }
}
