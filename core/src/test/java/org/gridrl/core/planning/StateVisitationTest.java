package org.gridrl.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
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

class StateVisitationTest extends TestBase {

  static Stream<RandomMdpCase> cases() {
    return RandomMdpCase.cases(30);
  }

  private static double sum(double[] x) {
    return Arrays.stream(x).sum();
  }

  private static TabularPolicy[] randomPolicies(RandomMdpCase c, int horizon) {
    Random r = new Random(c.seed());
    TabularPolicy[] p = new TabularPolicy[horizon];
    for (int t = 0; t < horizon; t++) {
      p[t] = RandomMdpCase.randomPolicy(c.mdp().numStates(), c.mdp().numActions(), r);
    }
    return p;
  }

  @Test
  void chainIntoTerminal_countsArrivalOnceThenStops() {
    // 0 -> 1 -> 2 (terminal) -> 0 (listed but ignored); from d0 = e0: d = (1, γ, γ²)
    double gamma = 0.6;
    TabularMdp m = TabularMdp.builder(3, 1).gamma(gamma).transition(0, 0, 1, 1)
        .transition(1, 0, 2, 1).transition(2, 0, 0, 1).terminal(2)
        .initialDistribution(new double[] {1, 0, 0}).build();
    TabularPolicy pi = TabularPolicy.uniform(3, 1);
    assertClose(new double[] {1, gamma, gamma * gamma}, StateVisitation.discounted(m, pi), TIGHT);
    TabularPolicy[] fh = {pi, pi, pi, pi, pi};
    assertClose(new double[] {1, 1, 1}, StateVisitation.finiteHorizon(m, fh, m
        .initialDistribution()), TIGHT);
    assertClose(new double[] {1, 0.5, 0.25}, StateVisitation.finiteHorizon(m, fh,
        m.initialDistribution(), 0.5), TIGHT);
    // starting on the terminal: counted at t = 0 only
    assertClose(new double[] {0, 0, 1}, StateVisitation.discounted(m, pi, new double[] {0, 0, 1}),
        TIGHT);
  }

  @Test
  void twoStateSwitch_matchesGeometricSeries() {
    // action 0 stays, action 1 switches; π(switch) = p in both states, from e0:
    // Pr(s_t = 0) = ½(1 + (1−2p)^t), so d(0) = ½(1/(1−γ) + 1/(1−γ(1−2p)))
    double gamma = 0.9;
    double p = 0.3;
    TabularMdp m = TabularMdp.builder(2, 2).gamma(gamma).transition(0, 0, 0, 1)
        .transition(0, 1, 1, 1).transition(1, 0, 1, 1).transition(1, 1, 0, 1).build();
    TabularPolicy pi = TabularPolicy.of(2, 2, new double[] {1 - p, p, 1 - p, p});
    double[] d = StateVisitation.discounted(m, pi, new double[] {1, 0});
    double d0 = 0.5 * (1 / (1 - gamma) + 1 / (1 - gamma * (1 - 2 * p)));
    assertClose(new double[] {d0, 1 / (1 - gamma) - d0}, d, 1e-12);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void discounted_equalsInverseOfIMinusGammaPTransposedTimesD0(RandomMdpCase c) {
    TabularPolicy pi = c.randomPolicy();
    double[] d = StateVisitation.discounted(c.mdp(), pi);
    double[] expected = NaivePlanning.discountedVisitation(c.mdp(), pi.toArray(),
        c.mdp().initialDistribution());
    assertClose(expected, d, 1e-10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void discountedSigned_isTheDifferenceOfTheVisitationsOfItsPositiveAndNegativeParts(
      RandomMdpCase c) {
    TabularPolicy pi = c.randomPolicy();
    Random r = new Random(c.seed() + 7);
    int n = c.mdp().numStates();
    double[] plus = new double[n];
    double[] minus = new double[n];
    double[] b = new double[n];
    for (int s = 0; s < n; s++) {
      plus[s] = r.nextDouble();
      minus[s] = r.nextDouble();
      b[s] = plus[s] - minus[s];
    }
    double[] expected = NaivePlanning.discountedVisitation(c.mdp(), pi.toArray(), plus);
    double[] down = NaivePlanning.discountedVisitation(c.mdp(), pi.toArray(), minus);
    for (int s = 0; s < n; s++) {
      expected[s] -= down[s];
    }
    assertClose(expected, StateVisitation.discountedSigned(c.mdp(), pi, b), 1e-10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void discounted_sumsToOneOverOneMinusGamma_withoutTerminals(RandomMdpCase c) {
    TabularMdp m = RandomMdps.random(c.seed(), c.mdp().numStates(), c.mdp().numActions(), 2,
        c.mdp().gamma(), 0.0);
    double[] d = StateVisitation.discounted(m, c.randomPolicy());
    assertClose(1 / (1 - m.gamma()), sum(d), 1e-11);
    assertThat(Arrays.stream(d).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void visitationDotPolicyReward_equalsStartDotPolicyValue(RandomMdpCase c) {
    // Σ_s d(s) r_π(s) over non-terminal s = Σ_s d0(s) V^π(s): two independent routes to the return
    TabularMdp m = c.mdp();
    TabularPolicy pi = c.randomPolicy();
    double[] d = StateVisitation.discounted(m, pi);
    double lhs = 0;
    for (int s = 0; s < m.numStates(); s++) {
      if (m.isTerminal(s)) {
        continue;
      }
      for (int a = 0; a < m.numActions(); a++) {
        lhs += d[s] * pi.probability(s, a) * m.reward(s, a);
      }
    }
    double[] v = PolicyEvaluation.evaluateExact(m, pi);
    double rhs = 0;
    for (int s = 0; s < m.numStates(); s++) {
      rhs += m.initialDistribution()[s] * v[s];
    }
    assertClose(rhs, lhs, 1e-10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void finiteHorizon_sums_withoutTerminals(RandomMdpCase c) {
    TabularMdp m = RandomMdps.random(c.seed(), c.mdp().numStates(), c.mdp().numActions(), 2,
        c.mdp().gamma(), 0.0);
    int horizon = 1 + (int) (c.seed() % 9);
    TabularPolicy[] pis = randomPolicies(c, horizon);
    double[] d0 = m.initialDistribution();
    assertClose(horizon, sum(StateVisitation.finiteHorizon(m, pis, d0)), 1e-12);
    double g = m.gamma();
    double expected = g == 0 ? 1 : (1 - Math.pow(g, horizon)) / (1 - g);
    assertClose(expected, sum(StateVisitation.finiteHorizon(m, pis, d0, g)), 1e-12);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void finiteHorizon_usesPolicyOfEachStep_likeDenseForwardPass(RandomMdpCase c) {
    TabularMdp m = c.mdp();
    int horizon = 6;
    TabularPolicy[] pis = randomPolicies(c, horizon);
    double discount = 0.8;
    double[] cur = m.initialDistribution().clone();
    double[] expected = new double[m.numStates()];
    double coef = 1;
    for (int t = 0; t < horizon; t++) {
      for (int s = 0; s < cur.length; s++) {
        expected[s] += coef * cur[s];
      }
      double[][] pp = NaivePlanning.policyTransitions(m, pis[t].toArray());
      double[] next = new double[cur.length];
      for (int s = 0; s < cur.length; s++) {
        for (int u = 0; u < cur.length; u++) {
          next[u] += cur[s] * pp[s][u];
        }
      }
      cur = next;
      coef *= discount;
    }
    assertClose(expected, StateVisitation.finiteHorizon(m, pis, m.initialDistribution(),
        discount), 1e-12);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void finiteHorizon_longStationary_matchesDiscounted(RandomMdpCase c) {
    TabularMdp m = c.mdp();
    double g = m.gamma();
    int horizon = g == 0 ? 1 : (int) Math.ceil(Math.log(1e-14) / Math.log(g));
    TabularPolicy pi = c.randomPolicy();
    TabularPolicy[] pis = new TabularPolicy[horizon];
    Arrays.fill(pis, pi);
    assertClose(StateVisitation.discounted(m, pi),
        StateVisitation.finiteHorizon(m, pis, m.initialDistribution(), g), 1e-11);
  }

  /** An undiscounted MDP (γ = 1), or null while TabularMdp still rejects γ = 1. */
  private static TabularMdp undiscounted() {
    try {
      return TabularMdp.builder(2, 1).gamma(1.0).transition(0, 0, 1, 1).transition(1, 0, 0, 1)
          .build();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Test
  void discounted_gammaOne_isRejectedAndNamesTheFiniteHorizon() {
    // TabularMdp accepts γ = 1 once finite-horizon solves take undiscounted files (issue 10,
    // item 4); until then this test has no MDP to run on and is skipped
    TabularMdp m = undiscounted();
    assumeTrue(m != null, "TabularMdp does not accept gamma = 1 yet");
    TabularPolicy pi = TabularPolicy.uniform(2, 1);
    assertThatThrownBy(() -> StateVisitation.discounted(m, pi))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gamma = 1.0: the discounted visitation")
        .hasMessageContaining("does not exist for gamma = 1")
        .hasMessageContaining("StateVisitation.finiteHorizon");
    for (StateVisitation.Solver solver : StateVisitation.Solver.values()) {
      assertThatThrownBy(() -> StateVisitation.discountedSigned(m, pi, new double[] {1, -1},
          solver)).hasMessageContaining("does not exist for gamma = 1");
    }
    // the finite horizon is the undiscounted sum: from e0, two steps visit 0 then 1
    assertClose(new double[] {1, 1}, StateVisitation.finiteHorizon(m,
        new TabularPolicy[] {pi, pi}, new double[] {1, 0}, 1.0), 0.0);
  }

  @Test
  void badArguments_areRejectedWithTheValue() {
    TabularMdp m = RandomMdps.random(1, 3, 2, 0.9);
    TabularPolicy pi = TabularPolicy.uniform(3, 2);
    assertThatThrownBy(() -> StateVisitation.discounted(m, pi, new double[] {1, 0}))
        .hasMessageContaining("d0 must have length S = 3, got 2");
    assertThatThrownBy(() -> StateVisitation.discounted(m, pi, new double[] {1, -0.5, 0.5}))
        .hasMessageContaining("d0(1) must be finite and >= 0, got -0.5");
    assertThatThrownBy(() -> StateVisitation.finiteHorizon(m, new TabularPolicy[0],
        m.initialDistribution())).hasMessageContaining("horizon >= 1");
    assertThatThrownBy(() -> StateVisitation.finiteHorizon(m, new TabularPolicy[] {pi},
        m.initialDistribution(), 1.5)).hasMessageContaining("discount must be in [0, 1], got 1.5");
  }
}
