package org.gridrl.meta.baselines;

import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * UCB1 in two forms, both a_t = argmax_i U_i(t), t the pulls so far, ties uniformly at random.
 * <ul>
 *   <li><b>Auer's</b> (Auer, Cesa-Bianchi &amp; Fischer 2002; {@link #Ucb1(double)}): pull each
 *       arm once, in order 0..k−1, then U_i = s_i/n_i + c·√(2 ln t / n_i). c = 1 is the paper's.
 *   <li><b>With prior pseudo-counts</b> ({@link #withPrior}): no initial round; with m_i =
 *       α₀ + β₀ + n_i,
 *       <pre>
 *   U_i = (α₀ + s_i)/m_i + c·√(2 ln t / m_i)   (the bonus is 0 while t ≤ 1),
 *       </pre>
 *       the Beta(α₀, β₀) posterior mean plus Auer's bonus with the prior's α₀ + β₀ pseudo-pulls
 *       added to n_i. This is the UCB1 of the baseline script of Duan et al. (2016, RL²'s
 *       Table 1), {@code evaluate_ucb_once} in rllab's
 *       {@code sandbox/rocky/neural_learner/scripts/bandits/evaluate_bandits.py}, with
 *       α₀ = β₀ = 1 ({@code ks = 1}, {@code ms = 2}, index {@code ks/ms + c·sqrt(2 log t/ms)},
 *       t the pulls so far). There the first pull (t = 0) takes arm 0 (the scores are NaN);
 *       here every score equals α₀/(α₀ + β₀) at t = 0 and the tie is broken uniformly, the same
 *       in distribution for exchangeable arms.
 * </ul>
 * Duan et al. tuned c per setting.
 */
public final class Ucb1 extends ArmStatistics {

  private final double c;
  /** α₀ and β₀, or NaN for Auer's initial round. */
  private final double priorAlpha;
  private final double priorBeta;
  private double[] score = new double[0];

  /**
   * Auer's UCB1: one pull of each arm first.
   *
   * @param c the exploration constant c ≥ 0 (1 in the paper)
   */
  public Ucb1(double c) {
    this(c, Double.NaN, Double.NaN);
  }

  /** Auer's UCB1 with c = 1. */
  public Ucb1() {
    this(1.0);
  }

  private Ucb1(double c, double priorAlpha, double priorBeta) {
    this.c = Check.nonNegativeFinite("c", c);
    this.priorAlpha = priorAlpha;
    this.priorBeta = priorBeta;
  }

  /**
   * UCB1 from Beta(α₀, β₀) pseudo-counts instead of the initial round (see the class comment).
   *
   * @param c the exploration constant c ≥ 0
   * @param priorAlpha α₀ &gt; 0, prior successes
   * @param priorBeta β₀ &gt; 0, prior failures
   */
  public static Ucb1 withPrior(double c, double priorAlpha, double priorBeta) {
    return new Ucb1(c, Check.positiveFinite("priorAlpha", priorAlpha),
        Check.positiveFinite("priorBeta", priorBeta));
  }

  /** c. */
  public double c() {
    return c;
  }

  /** Whether this is the prior pseudo-count form ({@link #withPrior}). */
  public boolean hasPrior() {
    return !Double.isNaN(priorAlpha);
  }

  @Override
  public void reset(int arms, Rng rng) {
    super.reset(arms, rng);
    score = new double[arms];
  }

  /**
   * U_i(t): s_i/n_i + c·√(2 ln t / n_i) for Auer's form (after each arm has been pulled once),
   * (α₀ + s_i)/m_i + c·√(2 ln max(t, 1) / m_i) with m_i = α₀ + β₀ + n_i for the prior form.
   */
  public double upperBound(int arm) {
    if (hasPrior()) {
      double m = priorAlpha + priorBeta + pulls[arm];
      return (priorAlpha + sums[arm]) / m + c * Math.sqrt(2 * Math.log(Math.max(total, 1)) / m);
    }
    return sums[arm] / pulls[arm] + c * Math.sqrt(2 * Math.log(total) / pulls[arm]);
  }

  @Override
  public int choose() {
    requireStarted();
    if (!hasPrior()) {
      for (int i = 0; i < pulls.length; i++) {
        if (pulls[i] == 0) {
          return i;
        }
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
