package org.gridrl.meta.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Gittins policy against brute force: on a 2-arm Beta(1, 1)–Bernoulli bandit, the
 * Bayes-optimal expected discounted reward over H pulls, V*_H = max_a E[r + γ V*_{H−1}] by
 * backward induction over both arms' posteriors (s₁, f₁, s₂, f₂), and the Gittins policy's own
 * value V^G_H by the same exact recursion with the policy's arm in place of the max.
 *
 * <p>Gittins is optimal for H = ∞ (the index theorem); both finite-horizon values are within
 * γ^H/(1−γ) of their common infinite-horizon value (rewards are in [0, 1]), so
 * |V*_H − V^G_H| ≤ 2γ^H/(1−γ) = 6.7e−9 at γ = 0.6, H = 40. The indices' own truncation (≤ 1e−9)
 * can only swap arms whose indices agree to 1e−9. A myopic rule (highest posterior mean) loses
 * at least 3e−5 (over 10³ times the tolerance) in each case, so the check tells Gittins from
 * a plausible but wrong policy.
 */
class GittinsBayesOptimalTest {

  private static final double GAMMA = 0.6;
  private static final int HORIZON = 40;
  /** 2γ^H/(1−γ) = 6.7e−9 plus the indices' 1e−9, rounded up. */
  private static final double HORIZON_GAP = 2e-8;

  /** An arm for a belief (s₁, f₁, s₂, f₂), successes and failures of each arm. */
  private interface Rule {
    int arm(int s1, int f1, int s2, int f2);
  }

  private static long key(int s1, int f1, int s2, int f2) {
    return ((long) s1 << 48) | ((long) f1 << 32) | ((long) s2 << 16) | f2;
  }

  /** V_h at a belief: the rule's arm, or the better arm when rule is null (Bayes-optimal). */
  private static double value(int s1, int f1, int s2, int f2, int h, Rule rule,
      Map<Long, Double> memo) {
    if (h == 0) {
      return 0;
    }
    long k = key(s1, f1, s2, f2);
    Double known = memo.get(k);
    if (known != null) {
      return known;
    }
    double mu1 = (1.0 + s1) / (2 + s1 + f1);
    double mu2 = (1.0 + s2) / (2 + s2 + f2);
    double q1 = mu1 + GAMMA * (mu1 * value(s1 + 1, f1, s2, f2, h - 1, rule, memo)
        + (1 - mu1) * value(s1, f1 + 1, s2, f2, h - 1, rule, memo));
    double q2 = mu2 + GAMMA * (mu2 * value(s1, f1, s2 + 1, f2, h - 1, rule, memo)
        + (1 - mu2) * value(s1, f1, s2, f2 + 1, h - 1, rule, memo));
    double v = rule == null ? Math.max(q1, q2) : rule.arm(s1, f1, s2, f2) == 0 ? q1 : q2;
    memo.put(k, v);
    return v;
  }

  /** The policy object itself, told the belief's history, picks the arm. */
  private static Rule gittinsPolicy(GittinsPolicy policy) {
    return (s1, f1, s2, f2) -> {
      policy.reset(2, new Rng(0));
      feed(policy, 0, s1, f1);
      feed(policy, 1, s2, f2);
      return policy.choose();
    };
  }

  private static void feed(BanditPolicy policy, int arm, int successes, int failures) {
    for (int i = 0; i < successes; i++) {
      policy.observe(arm, 1);
    }
    for (int i = 0; i < failures; i++) {
      policy.observe(arm, 0);
    }
  }

  /** Start from a history: arm 2 already pulled s₂ + f₂ times (s₁ = f₁ = 0 in all cases). */
  @ParameterizedTest
  @CsvSource({"0, 0", "2, 1", "3, 5"})
  void gittinsPolicy_isBayesOptimal_toTheHorizonsTail(int s2, int f2) {
    GittinsPolicy policy = new GittinsPolicy(GAMMA);
    double optimal = value(0, 0, s2, f2, HORIZON, null, new HashMap<>());
    double gittins = value(0, 0, s2, f2, HORIZON, gittinsPolicy(policy), new HashMap<>());
    assertThat(gittins).isCloseTo(optimal, within(HORIZON_GAP));

    Rule myopic = (a, b, c, d) -> (1.0 + a) / (2 + a + b) >= (1.0 + c) / (2 + c + d) ? 0 : 1;
    double greedy = value(0, 0, s2, f2, HORIZON, myopic, new HashMap<>());
    assertThat(optimal - greedy).isGreaterThan(3e-5);
  }
}
