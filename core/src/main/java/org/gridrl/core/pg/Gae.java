package org.gridrl.core.pg;

/**
 * Generalised advantage estimation (Schulman et al. 2016):
 * δ_t = r_t + γ (1 − terminated_t) V(s'_t) − V(s_t),
 * Â_t = δ_t + γλ (1 − last_t) Â_{t+1},
 * computed backwards through each segment of a {@link Batch}. λ = 0 gives the TD error δ_t;
 * λ = 1 gives the (bootstrapped) reward-to-go minus the baseline, G_t − V(s_t) (see
 * {@link Returns}). A truncated or cut segment bootstraps from V(s'_t) at its last step; a
 * terminated one does not. The value targets are R_t = Â_t + V(s_t).
 */
public final class Gae {

  private Gae() {
  }

  /**
   * Advantages Â_t for every step.
   *
   * @param rewards r_t, length N. Not modified.
   * @param values V(s_t), length N. Not modified.
   * @param nextValues V(s'_t), length N (inside a segment this equals V(s_{t+1}); only the
   *     entries at non-terminated last steps change the result beyond that). Not modified.
   * @param terminated whether s'_t is terminal. Not modified.
   * @param last whether t ends its segment. Not modified.
   * @param gamma discount in [0, 1]
   * @param lambda λ in [0, 1]
   * @param out length N, or null to allocate. Modified.
   * @return {@code out}
   */
  public static double[] advantages(double[] rewards, double[] values, double[] nextValues,
      boolean[] terminated, boolean[] last, double gamma, double lambda, double[] out) {
    int n = rewards.length;
    if (nextValues == null) {
      throw new IllegalArgumentException("GAE needs nextValues V(s'_t)");
    }
    Returns.checkLengths(n, terminated.length, last.length, nextValues, gamma, last);
    if (values.length != n) {
      throw new IllegalArgumentException("values has length " + values.length + ", need " + n);
    }
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("lambda must be in [0, 1], got " + lambda);
    }
    if (out == null) {
      out = new double[n];
    } else if (out.length != n) {
      throw new IllegalArgumentException("out has length " + out.length + ", need " + n);
    }
    double a = 0;
    double gl = gamma * lambda;
    for (int t = n - 1; t >= 0; t--) {
      double vNext = terminated[t] ? 0 : nextValues[t];
      double delta = rewards[t] + gamma * vNext - values[t];
      a = last[t] ? delta : delta + gl * a;
      out[t] = a;
    }
    return out;
  }

  /** {@link #advantages} over a batch's rewards and flags. */
  public static double[] advantages(Batch batch, double[] values, double[] nextValues,
      double gamma, double lambda, double[] out) {
    return advantages(batch.rewards(), values, nextValues, batch.terminated(), batch.last(),
        gamma, lambda, out);
  }

  /**
   * The value targets R_t = Â_t + V(s_t).
   *
   * @param out length N, or null to allocate. Modified. May be {@code advantages} itself.
   */
  public static double[] valueTargets(double[] advantages, double[] values, double[] out) {
    int n = advantages.length;
    if (values.length != n) {
      throw new IllegalArgumentException("values has length " + values.length + ", need " + n);
    }
    if (out == null) {
      out = new double[n];
    }
    for (int t = 0; t < n; t++) {
      out[t] = advantages[t] + values[t];
    }
    return out;
  }

  /**
   * Normalises x[from, to) in place to mean 0 and standard deviation 1: x ← (x − x̄) /
   * (σ + ε) with the population standard deviation σ = √((1/n) Σ (x − x̄)²) and ε = 1e-8. A
   * single entry becomes 0.
   *
   * <p><b>Convention against CleanRL.</b> CleanRL's ppo.py (which {@link Ppo} follows) divides by
   * {@code torch.std}, the unbiased σ_{n−1} = σ·√(n/(n − 1)). Ours is larger than CleanRL's
   * result by the factor √(n/(n − 1)) ≈ 1 + 1/(2n): 0.2% for PPO's minibatches of 256, 0.8% for
   * 64, 2.5% for 20, and 41% for n = 2 (x = (1, 2, 3, 4): ±1.342, ±0.447 here, ±1.162, ±0.387 in
   * CleanRL); for n = 1 CleanRL's σ_{n−1} is NaN, ours gives 0. We keep the population σ: it is
   * defined for every n, it makes the result have standard deviation exactly 1 in the sense it is
   * computed, the factor only reweights the policy term of the loss against the value and entropy
   * terms by that 1/(2n), and the experiments' numbers were made with it. Pinned by
   * {@code ReturnsGaeTest.normalize_usesPopulationStd_notCleanRlsUnbiasedStd}.
   */
  public static void normalize(double[] x, int from, int to) {
    int n = to - from;
    if (n <= 0) {
      return;
    }
    double mean = 0;
    for (int i = from; i < to; i++) {
      mean += x[i];
    }
    mean /= n;
    double var = 0;
    for (int i = from; i < to; i++) {
      double d = x[i] - mean;
      var += d * d;
    }
    double scale = 1.0 / (Math.sqrt(var / n) + 1e-8);
    for (int i = from; i < to; i++) {
      x[i] = (x[i] - mean) * scale;
    }
  }
}
