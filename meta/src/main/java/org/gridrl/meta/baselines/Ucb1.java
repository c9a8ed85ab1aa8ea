package org.gridrl.meta.baselines;

import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * UCB1 (Auer, Cesa-Bianchi &amp; Fischer 2002): pull each arm once, in order 0..k−1, then
 * a_t = argmax_i s_i/n_i + c·√(2 ln t / n_i), t the pulls so far (ties uniformly at random).
 * c = 1 is the paper's; Duan et al. (2016) tuned c per setting.
 */
public final class Ucb1 extends ArmStatistics {

  private final double c;
  private double[] score = new double[0];

  /**
   * @param c the exploration constant c ≥ 0 (1 in the paper)
   */
  public Ucb1(double c) {
    this.c = Check.nonNegativeFinite("c", c);
  }

  /** UCB1 with c = 1. */
  public Ucb1() {
    this(1.0);
  }

  /** c. */
  public double c() {
    return c;
  }

  @Override
  public void reset(int arms, Rng rng) {
    super.reset(arms, rng);
    score = new double[arms];
  }

  /** s_i/n_i + c·√(2 ln t / n_i) for every arm (after each has been pulled once). */
  public double upperBound(int arm) {
    return sums[arm] / pulls[arm] + c * Math.sqrt(2 * Math.log(total) / pulls[arm]);
  }

  @Override
  public int choose() {
    requireStarted();
    for (int i = 0; i < pulls.length; i++) {
      if (pulls[i] == 0) {
        return i;
      }
    }
    for (int i = 0; i < score.length; i++) {
      score[i] = upperBound(i);
    }
    return argmax(score);
  }

  @Override
  public String name() {
    return "ucb1";
  }
}
