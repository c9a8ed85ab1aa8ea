package org.gridrl.meta.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * The TabulaRL forms of PSRL, BEB and UCRL2 (Osband's {@code finite_tabular_agents.py}, as Duan et
 * al.'s {@code evaluate_pacmdp.py} ran them), against values computed by hand from its formulas.
 */
class TabulaRlBaselinesTest {

  private static final double TIGHT = 1e-12;

  @Test
  void observeReward_updatesTheRewardPosteriorOnly() {
    MdpPosterior post = new MdpPosterior(MdpPrior.tabulaRl(), 2, 2);
    post.observe(0, 1, 2.0, 1);
    post.observeReward(0, 1, 1.0);
    // λ = 1 + 2, m = (0 + 3)/3; n(0,1) = 1, α(0,1,·) = (1, 2)
    assertThat(post.rewardCount(0, 1)).isEqualTo(2);
    assertThat(post.visits(0, 1)).isEqualTo(1);
    assertThat(post.rewardPrecision(0, 1)).isCloseTo(3, within(TIGHT));
    assertThat(post.rewardMean(0, 1)).isCloseTo(1, within(TIGHT));
    assertThat(post.transitionMean(0, 1, 1)).isCloseTo(2.0 / 3, within(TIGHT));
    assertThatThrownBy(() -> post.observeReward(2, 0, 1.0)).hasMessageContaining("state");
  }

  @Test
  void tabulaRlPsrl_usesTheAgentDefaultPrior_andDropsTheLastTransitionOfAnEpisode() {
    Psrl psrl = Psrl.tabulaRl();
    assertThat(psrl.prior()).isEqualTo(new MdpPrior(1, 0, 1, 1));
    psrl.startTrial(2, 2, 2, new Rng(1));
    psrl.startEpisode();
    psrl.act(0, 0);
    psrl.observe(0, 1, 2.0, 1);
    psrl.act(1, 1);
    psrl.observe(1, 0, 1.0, 0);
    MdpPosterior post = psrl.posterior();
    assertThat(post.visits(0, 1)).isEqualTo(1);
    assertThat(post.visits(1, 0)).isZero();
    assertThat(post.rewardCount(1, 0)).isEqualTo(1);
    assertThat(post.rewardMean(1, 0)).isCloseTo(0.5, within(TIGHT));
    // the Bayesian form counts both transitions
    Psrl bayes = new Psrl(MdpPrior.tabulaRl());
    bayes.startTrial(2, 2, 2, new Rng(1));
    bayes.startEpisode();
    bayes.act(1, 1);
    bayes.observe(1, 0, 1.0, 0);
    assertThat(bayes.posterior().visits(1, 0)).isEqualTo(1);
  }

  /**
   * S = A = H = 2, κ = 0.1: β = 2·2²·0.1 = 0.8, transition bonus β·H/(1 + S + n) = 1.6/(3 + n)
   * per step left. History (0,1,r=2,→1) at t = 0 and (1,0,r=1) at t = 1 (reward only): m(0,1) =
   * 2/2, λ = 2, P̄(·|0,1) = (1, 2)/3; m(1,0) = 1/2, λ = 2, n = 0; others m = 0, λ = 1, P̄ uniform.
   * Q_1 = m + 1/(λ + 1) = (1/2, 4/3 | 5/6, 1/2), V_1 = (4/3, 5/6);
   * Q_0 = Q_1 + P̄·V_1 + 1.6/(3 + n).
   */
  @Test
  void tabulaRlBeb_planMatchesHandComputedBonuses() {
    TabulaRlBeb beb = Beb.tabulaRl(0.1);
    beb.startTrial(2, 2, 2, new Rng(3));
    beb.startEpisode();
    beb.act(0, 0);
    beb.observe(0, 1, 2.0, 1);
    beb.act(1, 1);
    beb.observe(1, 0, 1.0, 0);
    double[][] q = beb.plan(0);
    assertThat(q[1]).containsExactly(new double[] {0.5, 4.0 / 3, 5.0 / 6, 0.5}, within(TIGHT));
    double uniformNext = (4.0 / 3 + 5.0 / 6) / 2;
    assertThat(q[0]).containsExactly(new double[] {
        0.5 + uniformNext + 1.6 / 3,
        4.0 / 3 + (4.0 / 3 + 2 * 5.0 / 6) / 3 + 1.6 / 4,
        5.0 / 6 + uniformNext + 1.6 / 3,
        0.5 + uniformNext + 1.6 / 3}, within(TIGHT));
    beb.startEpisode();
    assertThat(beb.act(0, 0)).isEqualTo(1);
    assertThat(beb.act(1, 1)).isZero();
  }

  /** Before any data every action of a state ties exactly: one uniform nextInt(A) per act. */
  @Test
  void tabulaRlBeb_breaksExactTiesWithTheTrialGenerator() {
    TabulaRlBeb beb = Beb.tabulaRl(0.01);
    beb.startTrial(3, 4, 2, new Rng(11));
    beb.startEpisode();
    Rng replay = new Rng(11);
    for (int i = 0; i < 20; i++) {
      assertThat(beb.act(i % 3, i % 2)).isEqualTo(replay.nextInt(4));
    }
  }

  @Test
  void tabulaRlUcrl2_slacksFollowGetSlack() {
    TabulaRlUcrl2 ucrl2 = Ucrl2.tabulaRl(0.5);
    ucrl2.startTrial(2, 2, 3, new Rng(1));
    ucrl2.startEpisode();
    ucrl2.act(0, 0);
    ucrl2.observe(0, 1, 2.0, 1);
    ucrl2.act(1, 1);
    ucrl2.observe(0, 1, 1.0, 0);
    ucrl2.act(0, 2);
    ucrl2.observe(1, 0, 4.0, 0); // last step: reward only
    double l3 = Math.log(2.0 * 2 * 2 * 4 / 0.05); // episode e = 3
    assertThat(ucrl2.rewardSlack(0, 1, 3)).isCloseTo(0.5 * Math.sqrt(4 * l3 / 2), within(1e-9));
    assertThat(ucrl2.transitionSlack(0, 1, 3))
        .isCloseTo(0.5 * Math.sqrt(4 * 2 * l3 / (2 + 1e-5)), within(1e-9));
    // (1,0): one reward, no counted transition; max(S·α_0 − α_0, 1) = 1
    assertThat(ucrl2.rewardSlack(1, 0, 3)).isCloseTo(0.5 * Math.sqrt(4 * l3), within(1e-9));
    assertThat(ucrl2.transitionSlack(1, 0, 3)).isCloseTo(0.5 * Math.sqrt(8 * l3), within(1e-9));
    // r̂ = S_r/(1e-4 + n_r)
    assertThat(ucrl2.posterior().rewardMean(0, 1)).isCloseTo(3 / (2 + 1e-4), within(TIGHT));
    assertThat(ucrl2.posterior().rewardMean(1, 0)).isCloseTo(4 / (1 + 1e-4), within(TIGHT));
  }

  /**
   * w = (0.2, 0.3, 0.5), V = (1, 3, 2), slack 0.4: w(1) += 0.2, then w(0) = max(0, 1 − 1.2 +
   * 0.2) = 0, E = 0.5·3 + 0.5·2 = 2.5. Again on the updated w: w(1) = 0.7, w(0) stays 0, w(2) =
   * 1 − 1.2 + 0.5 = 0.3, E = 2.7 (TabulaRL's in-place compounding). At w(1) + slack/2 &gt; 1 the
   * step is δ at the best state and w is kept.
   */
  @Test
  void tabulaRlUcrl2_optimisticStepMatchesComputeQValsEvi() {
    double[] v = {1, 3, 2};
    int[] order = new int[3];
    TabulaRlUcrl2.stableAscendingOrder(v, order);
    assertThat(order).containsExactly(0, 2, 1);
    double[] w = {0.2, 0.3, 0.5};
    assertThat(TabulaRlUcrl2.optimisticStep(w, 0.4, v, order, 1)).isCloseTo(2.5, within(TIGHT));
    assertThat(w).containsExactly(new double[] {0, 0.5, 0.5}, within(TIGHT));
    assertThat(TabulaRlUcrl2.optimisticStep(w, 0.4, v, order, 1)).isCloseTo(2.7, within(TIGHT));
    assertThat(w).containsExactly(new double[] {0, 0.7, 0.3}, within(TIGHT));
    assertThat(TabulaRlUcrl2.optimisticStep(w, 0.8, v, order, 1)).isEqualTo(3.0);
    assertThat(w).containsExactly(new double[] {0, 0.7, 0.3}, within(TIGHT));
    // ties sort by index: V = 0 everywhere gives the identity, the best state is the last
    TabulaRlUcrl2.stableAscendingOrder(new double[] {0, 0, 0}, order);
    assertThat(order).containsExactly(0, 1, 2);
  }

  /**
   * κ = 1 saturates every transition step on S = A = H = 2 (p-slack ≥ √(8·ln 160) &gt; 2), so
   * Q_1 = r̂ + r-slack and Q_0 = Q_1 + max V_1 (one counted transition (0,1,r=3,→1); e = 1).
   */
  @Test
  void tabulaRlUcrl2_saturatedPlanIsOptimisticRewardPlusBestValue() {
    TabulaRlUcrl2 ucrl2 = Ucrl2.tabulaRl(1);
    ucrl2.startTrial(2, 2, 2, new Rng(5));
    ucrl2.startEpisode();
    ucrl2.act(0, 0);
    ucrl2.observe(0, 1, 3.0, 1);
    double l = Math.log(2.0 * 2 * 2 * 2 / 0.05); // e = 1
    double[][] q = ucrl2.plan(1);
    double unvisited = Math.sqrt(4 * l);
    double r01 = 3 / (1 + 1e-4) + Math.sqrt(4 * l);
    assertThat(q[1]).containsExactly(new double[] {unvisited, r01, unvisited, unvisited},
        within(1e-9));
    // V_1 = (r01, unvisited), best state 0
    assertThat(q[0]).containsExactly(new double[] {unvisited + r01, 2 * r01, unvisited + r01,
        unvisited + r01}, within(1e-9));
  }

  @Test
  void scriptGrid_isTwentyOneLogSpacedScalingsFrom1e4To1() {
    double[] grid = MdpBaselineTuning.tabulaRlScalings();
    assertThat(grid).hasSize(21);
    for (int k = 0; k < 21; k++) {
      assertThat(grid[k]).isCloseTo(Math.pow(10, -4 + k / 5.0), within(1e-12 * grid[k] + 1e-16));
    }
  }
}
