package org.gridrl.irl.metrics;

import java.util.Objects;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.PolicyEvaluation;
import org.gridrl.core.planning.Solution;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.Check;
import org.gridrl.irl.Demonstrations;

/**
 * How well a learned reward explains an expert (Levine, Popović &amp; Koltun 2011; Wulfmeier et
 * al. 2015):
 * <pre>
 *   EVD  = Σ_s d0(s) [V*_true(s) − V_true^{π_learned}(s)],  π_learned greedy-optimal for the
 *          learned reward (hard VI), both values under the true reward and dynamics
 *   corr = Σ_s (r̂(s) − mean r̂)(r(s) − mean r) / sqrt(Σ (r̂ − mean r̂)² Σ (r − mean r)²)
 *   agreement = fraction of non-terminal states where the learned greedy action is optimal for
 *          the true reward (ties in Q* count as agreement) or equals the expert's action
 *   log-likelihood = (1/N) Σ_n Σ_t c^t log π_t(a_t|s_t)
 * </pre>
 * EVD ≥ 0 (up to the solvers' tolerance) and is 0 for the true reward; it is invariant to
 * reward shifts and positive scalings, as the correlation is.
 */
public final class IrlMetrics {

  /** Q*(s,a) within this of max_a Q*(s,a) counts as optimal in {@link #optimalActionAgreement}. */
  public static final double OPTIMAL_TOLERANCE = 1e-8;

  private IrlMetrics() {
  }

  /**
   * EVD of a learned state reward on the true MDP.
   *
   * @param trueMdp dynamics, γ, d0 and the true reward. Not modified.
   * @param learnedStateReward r̂(s), length S, finite. Not modified.
   */
  public static double expectedValueDifference(TabularMdp trueMdp, double[] learnedStateReward) {
    Check.notNull("trueMdp", trueMdp);
    Check.notNull("learnedStateReward", learnedStateReward);
    return expectedValueDifference(trueMdp, ValueIteration.solve(
        trueMdp.withStateRewards(learnedStateReward)).policy());
  }

  /**
   * The value lost by acting with a policy instead of optimally, under the true reward:
   * Σ_s d0(s) [V*(s) − V^π(s)].
   *
   * @param trueMdp the MDP with the true reward. Not modified.
   * @param pi the policy, S×A like the MDP. Not modified.
   */
  public static double expectedValueDifference(TabularMdp trueMdp, TabularPolicy pi) {
    Check.notNull("trueMdp", trueMdp);
    Check.notNull("pi", pi);
    return expectedValueDifference(trueMdp, ValueIteration.solve(trueMdp), pi);
  }

  /**
   * EVD of a learned state reward with the true MDP's optimal solution computed once by the
   * caller (for sweeps that score many rewards on one world).
   *
   * @param trueMdp the MDP with the true reward. Not modified.
   * @param optimal {@code ValueIteration.solve(trueMdp)}. Not modified.
   * @param learnedStateReward r̂(s), length S, finite. Not modified.
   */
  public static double expectedValueDifference(TabularMdp trueMdp, Solution optimal,
      double[] learnedStateReward) {
    Check.notNull("trueMdp", trueMdp);
    Check.notNull("optimal", optimal);
    Check.notNull("learnedStateReward", learnedStateReward);
    return expectedValueDifference(trueMdp, optimal, ValueIteration.solve(
        trueMdp.withStateRewards(learnedStateReward)).policy());
  }

  /**
   * Σ_s d0(s) [V*(s) − V^π(s)] with V* given.
   *
   * @param trueMdp the MDP with the true reward. Not modified.
   * @param optimal {@code ValueIteration.solve(trueMdp)}. Not modified.
   * @param pi the policy, S×A like the MDP. Not modified.
   */
  public static double expectedValueDifference(TabularMdp trueMdp, Solution optimal,
      TabularPolicy pi) {
    Check.notNull("trueMdp", trueMdp);
    Check.notNull("optimal", optimal);
    Check.notNull("pi", pi);
    checkShape(trueMdp, pi);
    Solution star = optimal;
    double[] vPi = PolicyEvaluation.evaluate(trueMdp, pi);
    double[] d0 = trueMdp.initialDistribution();
    double evd = 0;
    for (int s = 0; s < d0.length; s++) {
      evd += d0[s] * (star.v()[s] - vPi[s]);
    }
    return evd;
  }

  /**
   * Pearson correlation of two rewards over states, after removing each one's mean; 0 when
   * either is constant.
   *
   * @param a length n ≥ 1. Not modified.
   * @param b length n. Not modified.
   */
  public static double rewardCorrelation(double[] a, double[] b) {
    if (a.length != b.length || a.length == 0) {
      throw new IllegalArgumentException("rewards must have equal positive lengths, got "
          + a.length + " and " + b.length);
    }
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= a.length;
    mb /= b.length;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      double x = a[i] - ma;
      double y = b[i] - mb;
      sab += x * y;
      saa += x * x;
      sbb += y * y;
    }
    if (saa == 0 || sbb == 0) {
      return 0;
    }
    return sab / Math.sqrt(saa * sbb);
  }

  /**
   * Fraction of non-terminal states whose learned greedy action is optimal for the true reward:
   * Q*(s, argmax_a π(a|s)) ≥ max_a Q*(s,a) − {@value #OPTIMAL_TOLERANCE}·(1 + |max_a Q*|).
   * Ties in Q* (symmetric moves on an open grid) all count as the expert's action.
   *
   * @param trueMdp the MDP with the true reward. Not modified.
   * @param learned the policy to judge. Not modified.
   */
  public static double optimalActionAgreement(TabularMdp trueMdp, TabularPolicy learned) {
    Objects.requireNonNull(trueMdp, "trueMdp");
    checkShape(trueMdp, learned);
    Solution star = ValueIteration.solve(trueMdp);
    int agree = 0;
    int count = 0;
    for (int s = 0; s < trueMdp.numStates(); s++) {
      if (trueMdp.isTerminal(s)) {
        continue;
      }
      count++;
      double best = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < trueMdp.numActions(); a++) {
        best = Math.max(best, star.q(s, a));
      }
      double q = star.q(s, learned.greedyAction(s));
      if (q >= best - OPTIMAL_TOLERANCE * (1 + Math.abs(best))) {
        agree++;
      }
    }
    return count == 0 ? 1 : (double) agree / count;
  }

  /**
   * Fraction of the given states where two policies' greedy actions are equal.
   *
   * @param expert S×A. Not modified.
   * @param learned S×A. Not modified.
   * @param include which states count (null: all)
   */
  public static double policyAgreement(TabularPolicy expert, TabularPolicy learned,
      boolean[] include) {
    if (expert.numStates() != learned.numStates()
        || expert.numActions() != learned.numActions()) {
      throw new IllegalArgumentException("policies have different shapes: " + expert + " vs "
          + learned);
    }
    int agree = 0;
    int count = 0;
    for (int s = 0; s < expert.numStates(); s++) {
      if (include != null && !include[s]) {
        continue;
      }
      count++;
      if (expert.greedyAction(s) == learned.greedyAction(s)) {
        agree++;
      }
    }
    return count == 0 ? 1 : (double) agree / count;
  }

  /**
   * The discount-weighted mean log-likelihood of demonstrations under time-dependent policies:
   * (1/N) Σ_n Σ_t c^t log π_t(a_t|s_t), with π_t = policies[min(t, H − 1)] (one policy means a
   * stationary one). Steps in terminal states (no decision) are skipped when {@code mdp} is
   * given.
   *
   * @param demos demonstrations. Not modified.
   * @param policies H ≥ 1 policies. Not modified.
   * @param discount c in [0, 1]
   * @param mdp for its terminal flags, or null to count every step
   * @return the log-likelihood (−∞ if a demonstrated action has probability 0)
   */
  public static double logLikelihood(Demonstrations demos, TabularPolicy[] policies,
      double discount, TabularMdp mdp) {
    Objects.requireNonNull(demos, "demos");
    if (policies.length == 0) {
      throw new IllegalArgumentException("need at least one policy");
    }
    if (!(discount >= 0 && discount <= 1)) {
      throw new IllegalArgumentException("discount must be in [0, 1], got " + discount);
    }
    double total = 0;
    for (int n = 0; n < demos.size(); n++) {
      double c = 1;
      for (int t = 0; t < demos.length(n); t++) {
        int s = demos.state(n, t);
        if (mdp == null || !mdp.isTerminal(s)) {
          TabularPolicy pi = policies[Math.min(t, policies.length - 1)];
          total += c * Math.log(pi.probability(s, demos.action(n, t)));
        }
        c *= discount;
      }
    }
    return total / demos.size();
  }

  private static void checkShape(TabularMdp mdp, TabularPolicy pi) {
    Objects.requireNonNull(pi, "policy");
    if (pi.numStates() != mdp.numStates() || pi.numActions() != mdp.numActions()) {
      throw new IllegalArgumentException("policy is " + pi.numStates() + "x" + pi.numActions()
          + " but the MDP has S=" + mdp.numStates() + ", A=" + mdp.numActions());
    }
  }
}
