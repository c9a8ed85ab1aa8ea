package org.gridrl.irl.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.PolicyEvaluation;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.irl.Demonstrations;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IrlMetricsTest extends IrlTestBase {

  private static TabularMdp withTrueReward(long seed) {
    double[] r = randomVector(new Random(seed), 8, 1);
    return randomMdp(seed, 8, 3, 2, 0.9, (int) (seed % 2)).withStateRewards(r);
  }

  private static double[] trueStateReward(TabularMdp mdp) {
    double[] r = new double[mdp.numStates()];
    for (int s = 0; s < r.length; s++) {
      r[s] = mdp.reward(s, 0);
    }
    return r;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void evd_ofTrueReward_isZero_andOfShiftedScaledTrueReward_isZero(long seed) {
    TabularMdp mdp = withTrueReward(seed);
    double[] r = trueStateReward(mdp);
    assertThat(IrlMetrics.expectedValueDifference(mdp, r)).isCloseTo(0, within(1e-8));
    double[] affine = new double[r.length];
    for (int s = 0; s < r.length; s++) {
      affine[s] = 3 * r[s] + (mdp.numTerminals() == 0 ? 5 : 0);
    }
    assertThat(IrlMetrics.expectedValueDifference(mdp, affine)).isCloseTo(0, within(1e-8));
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16})
  void evd_ofRandomReward_isNonNegative_andEqualsValueGapOfItsGreedyPolicy(long seed) {
    TabularMdp mdp = withTrueReward(seed);
    double[] other = randomVector(new Random(seed + 100), 8, 1);
    double evd = IrlMetrics.expectedValueDifference(mdp, other);
    assertThat(evd).isGreaterThanOrEqualTo(-1e-8);
    TabularPolicy greedy = ValueIteration.solve(mdp.withStateRewards(other)).policy();
    double[] vStar = ValueIteration.solve(mdp).v();
    double[] vPi = PolicyEvaluation.evaluateExact(mdp, greedy);
    double expected = 0;
    for (int s = 0; s < 8; s++) {
      expected += mdp.initialDistribution()[s] * (vStar[s] - vPi[s]);
    }
    assertThat(evd).isCloseTo(expected, within(1e-8));
  }

  @Test
  void evd_twoStateHandCase() {
    // state 0 (start): action 0 stays (reward 0), action 1 moves to state 1; state 1 absorbs
    // with reward 1 per step. γ = 0.5: V*(0) = 0 + 0.5·V*(1) = 0.5·2 = 1; staying forever gives 0.
    TabularMdp mdp = TabularMdp.builder(2, 2).gamma(0.5).initialDistribution(new double[] {1, 0})
        .transition(0, 0, 0, 1).transition(0, 1, 1, 1).transition(1, 0, 1, 1)
        .transition(1, 1, 1, 1).stateReward(1, 1).build();
    assertThat(IrlMetrics.expectedValueDifference(mdp, new double[] {1, 0})).isCloseTo(1.0,
        within(1e-9));
    assertThat(IrlMetrics.expectedValueDifference(mdp, new double[] {0, 1})).isCloseTo(0.0,
        within(1e-9));
  }

  @Test
  void correlation_handCases() {
    assertThat(IrlMetrics.rewardCorrelation(new double[] {1, 2, 3}, new double[] {2, 4, 6}))
        .isCloseTo(1, within(TIGHT));
    assertThat(IrlMetrics.rewardCorrelation(new double[] {1, 2, 3}, new double[] {-1, -2, -3}))
        .isCloseTo(-1, within(TIGHT));
    // x = (1,0,-1) (mean removed), y = (1,-2,1): orthogonal
    assertThat(IrlMetrics.rewardCorrelation(new double[] {2, 1, 0}, new double[] {5, 2, 5}))
        .isCloseTo(0, within(TIGHT));
    // x = (-1, 0, 1), y = (-2, -1, 3) after removing means: 5 / sqrt(2 · 14)
    assertThat(IrlMetrics.rewardCorrelation(new double[] {0, 1, 2}, new double[] {0, 1, 5}))
        .isCloseTo(5 / Math.sqrt(28), within(TIGHT));
    assertThat(IrlMetrics.rewardCorrelation(new double[] {1, 1}, new double[] {0, 1})).isZero();
  }

  @Test
  void agreement_handCases() {
    TabularPolicy a = TabularPolicy.deterministic(new int[] {0, 1, 1, 0}, 2);
    TabularPolicy b = TabularPolicy.deterministic(new int[] {0, 0, 1, 1}, 2);
    assertThat(IrlMetrics.policyAgreement(a, b, null)).isEqualTo(0.5);
    assertThat(IrlMetrics.policyAgreement(a, b, new boolean[] {true, false, true, false}))
        .isEqualTo(1.0);
    TabularMdp mdp = withTrueReward(3);
    assertThat(IrlMetrics.optimalActionAgreement(mdp, ValueIteration.solve(mdp).policy()))
        .isEqualTo(1.0);
  }

  @Test
  void logLikelihood_handCase() {
    TabularPolicy p0 = TabularPolicy.of(2, 2, new double[] {0.25, 0.75, 0.5, 0.5});
    TabularPolicy p1 = TabularPolicy.of(2, 2, new double[] {0.1, 0.9, 0.2, 0.8});
    Demonstrations d = Demonstrations.of(2, 2, new int[][] {{0, 1, 1}, {1}},
        new int[][] {{1, 0, 1}, {0}});
    // traj 0: log .75 + 0.5 log .2 + 0.25 log .8 (π_1 reused at t = 2); traj 1: log .5
    double expected = (Math.log(0.75) + 0.5 * Math.log(0.2) + 0.25 * Math.log(0.8)
        + Math.log(0.5)) / 2;
    assertThat(IrlMetrics.logLikelihood(d, new TabularPolicy[] {p0, p1}, 0.5, null))
        .isCloseTo(expected, within(TIGHT));
  }
}
