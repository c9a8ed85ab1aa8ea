package org.gridrl.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.Stream;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.testing.NaivePlanning;
import org.gridrl.core.testing.RandomMdpCase;
import org.gridrl.core.testing.RandomMdps;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyEvaluationTest extends TestBase {

  static Stream<RandomMdpCase> cases() {
    return RandomMdpCase.cases(30);
  }

  @Test
  void selfLoop_valueIsPolicyRewardOverOneMinusGamma() {
    TabularMdp m = TabularMdp.builder(1, 2).gamma(0.75).reward(0, 0, 1).reward(0, 1, -3)
        .transition(0, 0, 0, 1).transition(0, 1, 0, 1).build();
    TabularPolicy pi = TabularPolicy.of(1, 2, new double[] {0.25, 0.75});
    double expected = (0.25 * 1 - 0.75 * 3) / 0.25;
    assertClose(expected, PolicyEvaluation.evaluateExact(m, pi)[0], TIGHT);
    assertClose(expected, PolicyEvaluation.evaluateIterative(m, pi, 1e-13, 10_000)[0], 1e-11);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exactAndIterative_agree_andMatchGaussianElimination(RandomMdpCase c) {
    TabularPolicy pi = c.randomPolicy();
    double[] exact = PolicyEvaluation.evaluateExact(c.mdp(), pi);
    double[] iterative = PolicyEvaluation.evaluateIterative(c.mdp(), pi, 1e-12, 100_000);
    assertClose(NaivePlanning.policyValues(c.mdp(), pi.toArray()), exact, 1e-10);
    assertClose(exact, iterative, 1e-9);
    for (int s = 0; s < c.mdp().numStates(); s++) {
      if (c.mdp().isTerminal(s)) {
        assertThat(exact[s]).isEqualTo(0.0);
        assertThat(iterative[s]).isEqualTo(0.0);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void softOptimalPolicy_valueWithEntropyBonus_isSoftValue(RandomMdpCase c) {
    // V_τ(s) = Σ_a π(a|s)[r(s,a) − τ log π(a|s) + γ Σ P V_τ]: evaluate π under the reward
    // r − τ log π and get the soft value back
    TabularMdp m = c.mdp();
    Solution soft = SoftValueIteration.solve(m,
        SoftViConfig.defaults().withTemperature(c.tau()).withTolerance(1e-12));
    double[] r = m.rewards().clone();
    for (int j = 0; j < r.length; j++) {
      r[j] -= c.tau() * Math.log(soft.policy().toArray()[j]);
    }
    double[] v = PolicyEvaluation.evaluate(m.withRewards(r), soft.policy());
    assertClose(soft.v(), v, 1e-9);
  }

  @Test
  void evaluate_aboveThreshold_usesIterativePath_andAgreesWithExact() {
    int numStates = PolicyEvaluation.EXACT_MAX_STATES + 1;
    TabularMdp m = RandomMdps.random(5, numStates, 2, 3, 0.9, 0.05);
    TabularPolicy pi = RandomMdpCase.randomPolicy(numStates, 2, new Random(9));
    double[] auto = PolicyEvaluation.evaluate(m, pi);
    double[] iterative = PolicyEvaluation.evaluateIterative(m, pi,
        PolicyEvaluation.ITERATIVE_TOLERANCE, PolicyEvaluation.ITERATIVE_MAX_ITERATIONS);
    assertThat(auto).containsExactly(iterative);
    assertClose(PolicyEvaluation.evaluateExact(m, pi), auto, 1e-10);
  }

  @Test
  void iterativeCap_throwsFromSimpleForm_andReportsFromWarmStartForm() {
    TabularMdp m = RandomMdps.random(4, 12, 3, 0.95);
    TabularPolicy pi = TabularPolicy.uniform(12, 3);
    assertThatThrownBy(() -> PolicyEvaluation.evaluateIterative(m, pi, 1e-10, 4))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("hit the cap of 4 sweeps");
    double[] v = new double[12];
    ConvergenceReport r = PolicyEvaluation.evaluateIterative(m, pi, 1e-10, 4, v);
    assertThat(r.converged()).isFalse();
    assertThat(r.iterations()).isEqualTo(4);
    // a warm start at the answer converges in one sweep
    double[] exact = PolicyEvaluation.evaluateExact(m, pi);
    double[] warm = exact.clone();
    ConvergenceReport r2 = PolicyEvaluation.evaluateIterative(m, pi, 1e-10, 100, warm);
    assertThat(r2.converged()).isTrue();
    assertThat(r2.iterations()).isEqualTo(1);
    assertClose(exact, warm, 1e-12);
  }

  @Test
  void shapeMismatch_isRejected() {
    TabularMdp m = RandomMdps.random(4, 3, 2, 0.5);
    assertThatThrownBy(() -> PolicyEvaluation.evaluate(m, TabularPolicy.uniform(3, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("policy is 3x3 but the MDP has S=3, A=2");
  }
}
