package org.gridrl.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.testing.NaivePlanning;
import org.gridrl.core.testing.RandomMdpCase;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.MetricsRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValueIterationTest extends TestBase {

  static Stream<RandomMdpCase> cases() {
    return RandomMdpCase.cases(30);
  }

  @Test
  void twoStateChoice_matchesHandSolution_andTiesGoToLowestAction() {
    // state 0: action 0 stays (r = 1), action 1 goes to 1 (r = 0), action 2 same as 1;
    // state 1 stays with r = 2 under both of its equal actions. γ = 0.5:
    // V1 = 2/(1−γ) = 4, V0 = max(1 + γV0, 0 + γV1) = max(2, 2) -> tie between a0 and a1/a2.
    TabularMdp m = TabularMdp.builder(2, 3).gamma(0.5)
        .reward(0, 0, 1).transition(0, 0, 0, 1).transition(0, 1, 1, 1).transition(0, 2, 1, 1)
        .stateReward(1, 2).transition(1, 0, 1, 1).transition(1, 1, 1, 1).transition(1, 2, 1, 1)
        .build();
    Solution sol = ValueIteration.solve(m, 1e-13, 10_000);
    assertClose(new double[] {2, 4}, sol.v(), 1e-12);
    assertClose(new double[] {2, 2, 2, 4, 4, 4}, sol.q(), 1e-12);
    assertThat(sol.policy().probability(0, 0)).isEqualTo(1.0);
    assertThat(sol.policy().probability(1, 0)).isEqualTo(1.0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void randomMdp_matchesNaiveFixedPoint_andGreedyPolicyValue(RandomMdpCase c) {
    TabularMdp m = c.mdp();
    Solution sol = ValueIteration.solve(m, 1e-12, 100_000);
    assertThat(sol.report().converged()).isTrue();
    assertClose(NaivePlanning.hardValues(m), sol.v(), 1e-9);
    // V = max_a Q exactly for the returned pair, and the policy picks the first maximiser
    for (int s = 0; s < m.numStates(); s++) {
      double best = Double.NEGATIVE_INFINITY;
      int arg = 0;
      for (int a = 0; a < m.numActions(); a++) {
        if (sol.q(s, a) > best) {
          best = sol.q(s, a);
          arg = a;
        }
      }
      assertThat(sol.v()[s]).isEqualTo(m.isTerminal(s) ? 0.0 : best);
      assertThat(sol.policy().probability(s, arg)).isEqualTo(1.0);
    }
    // the greedy policy is optimal: its own value is V*
    assertClose(sol.v(), NaivePlanning.policyValues(m, sol.policy().toArray()), 1e-9);
  }

  @Test
  void cap_andListener_reportEverySweep() {
    TabularMdp m = RandomMdpCase.of(2).mdp().withGamma(0.9);
    MetricsRecorder rec = new MetricsRecorder();
    Solution sol = ValueIteration.solve(m, 1e-10, 3, rec);
    assertThat(sol.report().converged()).isFalse();
    assertThat(rec.series(Metrics.RESIDUAL)).hasSize(3)
        .endsWith(sol.report().residual());
    assertThatThrownBy(() -> ValueIteration.solve(m, 0, 3))
        .hasMessageContaining("tolerance must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> ValueIteration.solve(m, 1e-3, 0))
        .hasMessageContaining("maxIterations must be >= 1, got 0");
  }
}
