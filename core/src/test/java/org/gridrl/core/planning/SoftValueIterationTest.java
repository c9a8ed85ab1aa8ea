package org.gridrl.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.testing.NaivePlanning;
import org.gridrl.core.testing.RandomMdpCase;
import org.gridrl.core.testing.RandomMdps;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.MetricsRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SoftValueIterationTest extends TestBase {

  /** Tight stopping rule for comparisons at 1e-9 even with γ = 0.95. */
  private static final SoftViConfig TIGHT_SOLVE = SoftViConfig.defaults().withTolerance(1e-12);

  static Stream<RandomMdpCase> cases() {
    return RandomMdpCase.cases(30);
  }

  /** One state, A actions that all loop back, rewards r(0,a). */
  private static TabularMdp selfLoop(double gamma, double... r) {
    TabularMdpBuilder b = TabularMdp.builder(1, r.length).gamma(gamma);
    for (int a = 0; a < r.length; a++) {
      b.reward(0, a, r[a]).transition(0, a, 0, 1);
    }
    return b.build();
  }

  // ---------------------------------------------------------------- closed forms

  @Test
  void softBackup_gammaZero_isLogSumExpOfReward() {
    double tau = 0.7;
    double[][] r = {{0.3, -1.2, 2.0}, {0, 0, 0}, {-5, 1, 1}};
    TabularMdpBuilder b = TabularMdp.builder(3, 3).gamma(0.0);
    for (int s = 0; s < 3; s++) {
      for (int a = 0; a < 3; a++) {
        b.reward(s, a, r[s][a]).transition(s, a, (s + a) % 3, 1);
      }
    }
    Solution sol = SoftValueIteration.solve(b.build(),
        SoftViConfig.defaults().withTemperature(tau));
    for (int s = 0; s < 3; s++) {
      double v = tau * Math.log(Math.exp(r[s][0] / tau) + Math.exp(r[s][1] / tau)
          + Math.exp(r[s][2] / tau));
      assertClose(v, sol.v()[s], TIGHT);
      for (int a = 0; a < 3; a++) {
        assertClose(r[s][a], sol.q(s, a), TIGHT);
        assertClose(Math.exp((r[s][a] - v) / tau), sol.policy().probability(s, a), TIGHT);
      }
    }
    assertThat(sol.report().converged()).isTrue();
    assertThat(sol.report().iterations()).isEqualTo(2);
  }

  @Test
  void selfLoop_valueIsLogSumExpOverOneMinusGamma() {
    double tau = 0.5;
    double gamma = 0.9;
    Solution sol = SoftValueIteration.solve(selfLoop(gamma, 0.3, -1, 2), TIGHT_SOLVE
        .withTemperature(tau));
    double expected = NaivePlanning.stableLogSumExp(tau, 0.3, -1, 2) / (1 - gamma);
    assertClose(expected, sol.v()[0], 1e-10);
    // the policy of a self-loop is the softmax of r/τ (γV cancels)
    double z = Math.exp(0.3 / tau) + Math.exp(-1 / tau) + Math.exp(2 / tau);
    assertClose(Math.exp(2 / tau) / z, sol.policy().probability(0, 2), TIGHT);
  }

  @Test
  void twoStateChain_matchesHandSolution() {
    // 0 -> 1 under both actions, 1 -> 1; V1 = logsumexp(r1)/(1-γ), V0 = logsumexp(r0) + γ V1
    double gamma = 0.8;
    TabularMdp m = TabularMdp.builder(2, 2).gamma(gamma)
        .reward(0, 0, 1).reward(0, 1, 0).reward(1, 0, 0.5).reward(1, 1, -0.5)
        .transition(0, 0, 1, 1).transition(0, 1, 1, 1)
        .transition(1, 0, 1, 1).transition(1, 1, 1, 1).build();
    Solution sol = SoftValueIteration.solve(m, TIGHT_SOLVE);
    double v1 = Math.log(Math.exp(0.5) + Math.exp(-0.5)) / (1 - gamma);
    double v0 = Math.log(Math.exp(1) + 1) + gamma * v1;
    assertClose(new double[] {v0, v1}, sol.v(), 1e-10);
    assertClose(1 / (1 + Math.exp(-1)), sol.policy().probability(0, 0), 1e-12);
  }

  @Test
  void loopOrTerminal_solvesQuadraticByHand() {
    // state 0: action 0 stays (r = 0), action 1 moves to terminal 1 (r = 1); γ = 1/2, τ = 1:
    // e^{V0} = e^{V0/2} + e, so y = e^{V0/2} solves y² − y − e = 0.
    TabularMdp m = TabularMdp.builder(2, 2).gamma(0.5)
        .reward(0, 1, 1).transition(0, 0, 0, 1).transition(0, 1, 1, 1)
        .transition(1, 0, 0, 1).transition(1, 1, 0, 1).reward(1, 0, 7).terminal(1).build();
    Solution sol = SoftValueIteration.solve(m, TIGHT_SOLVE);
    double y = (1 + Math.sqrt(1 + 4 * Math.E)) / 2;
    assertClose(2 * Math.log(y), sol.v()[0], 1e-10);
    assertClose(0.0, sol.v()[1], 0.0);
  }

  @Test
  void terminalStates_reportZeroQAndUniformPolicy_orThePrior() {
    TabularMdp m = TabularMdp.builder(2, 3).gamma(0.9)
        .transition(0, 0, 1, 1).transition(0, 1, 0, 1).transition(0, 2, 1, 1)
        .reward(1, 0, 5).reward(1, 2, -3).transition(1, 0, 0, 1).transition(1, 1, 1, 1)
        .transition(1, 2, 0, 1).terminal(1).build();
    Solution sol = SoftValueIteration.solve(m);
    assertThat(sol.v()[1]).isEqualTo(0.0);
    assertThat(new double[] {sol.q(1, 0), sol.q(1, 1), sol.q(1, 2)}).containsOnly(0.0);
    for (int a = 0; a < 3; a++) {
      assertClose(1.0 / 3, sol.policy().probability(1, a), TIGHT);
    }
    TabularPolicy prior = TabularPolicy.of(2, 3, new double[] {0.2, 0.3, 0.5, 0.6, 0.4, 0});
    Solution withPrior = SoftValueIteration.solve(m, SoftViConfig.defaults(), prior, null);
    assertThat(withPrior.policy().probability(1, 0)).isEqualTo(0.6);
    assertThat(withPrior.policy().probability(1, 2)).isEqualTo(0.0);
  }

  @Test
  void priorWithZeros_skipsThoseActions() {
    // γ = 0, one state: V = τ log(½ e^{1/τ} + ½ e^{2/τ}); the excluded action 0 has r = 10
    double tau = 0.8;
    TabularPolicy prior = TabularPolicy.of(1, 3, new double[] {0, 0.5, 0.5});
    Solution sol = SoftValueIteration.solve(selfLoop(0.0, 10, 1, 2),
        SoftViConfig.defaults().withTemperature(tau), prior, null);
    double v = tau * Math.log(0.5 * Math.exp(1 / tau) + 0.5 * Math.exp(2 / tau));
    assertClose(v, sol.v()[0], TIGHT);
    assertThat(sol.policy().probability(0, 0)).isEqualTo(0.0);
    assertClose(0.5 * Math.exp((1 - v) / tau), sol.policy().probability(0, 1), TIGHT);
    assertClose(10.0, sol.q(0, 0), TIGHT);
  }

  @Test
  void finiteHorizon_selfLoop_isGeometricPartialSum() {
    double gamma = 0.7;
    double tau = 1.3;
    int horizon = 6;
    FiniteHorizonSolution sol = SoftValueIteration.solveFiniteHorizon(selfLoop(gamma, 1, -2),
        horizon, tau, null);
    double c = NaivePlanning.stableLogSumExp(tau, 1, -2);
    for (int t = 0; t <= horizon; t++) {
      assertClose(c * (1 - Math.pow(gamma, horizon - t)) / (1 - gamma), sol.v()[t][0], TIGHT);
    }
    assertThat(sol.q()).hasNumberOfRows(horizon);
    assertThat(sol.policies()).hasSize(horizon);
    Solution start = sol.atStart();
    assertThat(start.v()).isSameAs(sol.v()[0]);
    assertThat(start.report()).isEqualTo(new ConvergenceReport(horizon, 0, true, 0, horizon));
    assertThat(start.report().describe()).isEqualTo("exact after 6 steps");
  }

  @Test
  void finiteHorizon_undiscounted_addsTheSoftMaxRewardEachStep() {
    // discount 1 (not expressible as an MDP γ): V_t = (H − t)·τ·logsumexp(r/τ) on a self-loop
    double tau = 0.4;
    FiniteHorizonSolution sol = SoftValueIteration.solveFiniteHorizon(selfLoop(0.3, 2, 1, -1),
        5, tau, null, 1.0);
    for (int t = 0; t <= 5; t++) {
      assertClose((5 - t) * NaivePlanning.stableLogSumExp(tau, 2, 1, -1), sol.v()[t][0], TIGHT);
    }
    assertThatThrownBy(() -> SoftValueIteration.solveFiniteHorizon(selfLoop(0.3, 2), 5, tau,
        null, 1.01)).hasMessageContaining("discount must be in [0, 1], got 1.01");
  }

  // ---------------------------------------------------------------- against brute force

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void randomMdp_matchesNaiveDenseFixedPoint(RandomMdpCase c) {
    Solution sol = SoftValueIteration.solve(c.mdp(), TIGHT_SOLVE.withTemperature(c.tau()));
    assertThat(sol.report().converged()).isTrue();
    assertClose(NaivePlanning.softValues(c.mdp(), c.tau(), null), sol.v(), 1e-9);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void randomMdpWithPrior_matchesNaiveDenseFixedPoint(RandomMdpCase c) {
    TabularPolicy prior = c.randomPolicy();
    Solution sol = SoftValueIteration.solve(c.mdp(), TIGHT_SOLVE.withTemperature(c.tau()), prior,
        null);
    assertClose(NaivePlanning.softValues(c.mdp(), c.tau(), prior.toArray()), sol.v(), 1e-9);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void returnedSolution_satisfiesSoftBellmanEquations(RandomMdpCase c) {
    TabularMdp m = c.mdp();
    double tau = c.tau();
    Solution sol = SoftValueIteration.solve(m, SoftViConfig.defaults().withTemperature(tau));
    int numActions = m.numActions();
    // Q = r + γPV holds to within γ·residual (Q is from the V before the last sweep)
    assertClose(NaivePlanning.qFromV(m, sol.v()), sol.q(), 1e-9);
    for (int s = 0; s < m.numStates(); s++) {
      double[] qs = new double[numActions];
      double rowSum = 0;
      for (int a = 0; a < numActions; a++) {
        qs[a] = sol.q(s, a);
        rowSum += sol.policy().probability(s, a);
      }
      assertClose(1.0, rowSum, 1e-12);
      if (m.isTerminal(s)) {
        continue;
      }
      // V = τ logsumexp(Q/τ) and π = exp((Q − V)/τ) hold to round-off for the returned triple
      assertClose(NaivePlanning.stableLogSumExp(tau, qs), sol.v()[s], 1e-12);
      for (int a = 0; a < numActions; a++) {
        assertClose(Math.exp((qs[a] - sol.v()[s]) / tau), sol.policy().probability(s, a), 1e-12);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void policy_isRowStochasticAndStrictlyPositive(RandomMdpCase c) {
    Solution sol = SoftValueIteration.solve(c.mdp(),
        SoftViConfig.defaults().withTemperature(c.tau()));
    TabularMdp m = c.mdp();
    for (int s = 0; s < m.numStates(); s++) {
      double sum = 0;
      for (int a = 0; a < m.numActions(); a++) {
        assertThat(sol.policy().probability(s, a)).isPositive();
        sum += sol.policy().probability(s, a);
      }
      assertClose(1.0, sum, 1e-13);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void lowTemperature_approachesHardValueIteration(RandomMdpCase c) {
    TabularMdp m = c.mdp();
    double tau = 1e-4;
    Solution soft = SoftValueIteration.solve(m, SoftViConfig.defaults().withTemperature(tau));
    Solution hard = ValueIteration.solve(m);
    // max ≤ τ·logsumexp(Q/τ) ≤ max + τ log A at every backup, so 0 ≤ V_τ − V* ≤ τ log A/(1−γ)
    double bound = tau * Math.log(m.numActions()) / (1 - m.gamma());
    for (int s = 0; s < m.numStates(); s++) {
      double gap = soft.v()[s] - hard.v()[s];
      assertThat(gap).as("state %d", s).isBetween(-1e-8, bound + 1e-8);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void uniformPrior_shiftsValuesByTauLogAOverOneMinusGamma(RandomMdpCase c) {
    TabularMdp m = RandomMdps.random(c.seed(), c.mdp().numStates(), c.mdp().numActions(), 3,
        c.mdp().gamma(), 0.0);
    SoftViConfig cfg = TIGHT_SOLVE.withTemperature(c.tau());
    Solution plain = SoftValueIteration.solve(m, cfg);
    Solution prior = SoftValueIteration.solve(m, cfg,
        TabularPolicy.uniform(m.numStates(), m.numActions()), null);
    double shift = c.tau() * Math.log(m.numActions()) / (1 - m.gamma());
    for (int s = 0; s < m.numStates(); s++) {
      assertClose(plain.v()[s] - shift, prior.v()[s], 1e-9);
    }
    assertClose(plain.policy().toArray(), prior.policy().toArray(), 1e-9);
  }

  // ---------------------------------------------------------------- finite horizon

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void finiteHorizon_withTinyGammaToTheH_matchesDiscounted(RandomMdpCase c) {
    TabularMdp m = c.mdp();
    double gamma = m.gamma();
    int horizon = gamma == 0 ? 1 : (int) Math.ceil(Math.log(1e-13) / Math.log(gamma));
    FiniteHorizonSolution fh = SoftValueIteration.solveFiniteHorizon(m, horizon, c.tau(), null);
    Solution inf = SoftValueIteration.solve(m, TIGHT_SOLVE.withTemperature(c.tau()));
    assertClose(inf.v(), fh.v()[0], 1e-9);
    assertClose(inf.q(), fh.q()[0], 1e-9);
    assertClose(inf.policy().toArray(), fh.policies()[0].toArray(), 1e-9);
    assertThat(fh.v()[horizon]).containsOnly(0.0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void finiteHorizon_matchesNaiveBackwardRecursion(RandomMdpCase c) {
    TabularMdp m = c.mdp();
    int horizon = 7;
    TabularPolicy prior = c.seed() % 3 == 0 ? c.randomPolicy() : null;
    double[] pi0 = prior == null ? null : prior.toArray();
    FiniteHorizonSolution fh = SoftValueIteration.solveFiniteHorizon(m, horizon, c.tau(), prior);
    int numActions = m.numActions();
    double[] next = new double[m.numStates()];
    for (int t = horizon - 1; t >= 0; t--) {
      double[] q = NaivePlanning.qFromV(m, next);
      double[] v = new double[m.numStates()];
      for (int s = 0; s < m.numStates(); s++) {
        if (m.isTerminal(s)) {
          continue;
        }
        double z = 0;
        for (int a = 0; a < numActions; a++) {
          z += (pi0 == null ? 1 : pi0[s * numActions + a]) * Math.exp(q[s * numActions + a]
              / c.tau());
        }
        v[s] = c.tau() * Math.log(z);
        for (int a = 0; a < numActions; a++) {
          double p = (pi0 == null ? 1 : pi0[s * numActions + a])
              * Math.exp((q[s * numActions + a] - v[s]) / c.tau());
          assertClose(p, fh.policies()[t].probability(s, a), 1e-11);
        }
      }
      assertClose(q, fh.q()[t], 1e-11);
      assertClose(v, fh.v()[t], 1e-11);
      next = v;
    }
  }

  // ---------------------------------------------------------------- convergence reporting

  @Test
  void hittingTheCap_reportsNotConverged() {
    TabularMdp m = RandomMdps.random(3, 10, 3, 0.9);
    MetricsRecorder rec = new MetricsRecorder();
    Solution sol = SoftValueIteration.solve(m, SoftViConfig.defaults().withMaxIterations(5), null,
        rec);
    ConvergenceReport r = sol.report();
    assertThat(r.converged()).isFalse();
    assertThat(r.iterations()).isEqualTo(5);
    assertThat(r.maxIterations()).isEqualTo(5);
    assertThat(r.residual()).isEqualTo(rec.series(Metrics.RESIDUAL)[4])
        .isGreaterThan(1e-10);
    assertThat(r.describe()).startsWith("hit the cap of 5 sweeps, residual ")
        .endsWith(" >= 1e-10");
  }

  @Test
  void listener_receivesOneResidualPerSweep_shrinkingByAtMostGamma() {
    TabularMdp m = RandomMdps.random(11, 20, 4, 0.85);
    MetricsRecorder rec = new MetricsRecorder();
    Solution sol = SoftValueIteration.solve(m, SoftViConfig.defaults(), null, rec);
    double[] res = rec.series(Metrics.RESIDUAL);
    assertThat(res).hasSize(sol.report().iterations());
    assertThat(rec.rows()).extracting(MetricsRecorder.Row::iteration)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, res.length).boxed().toList());
    assertThat(res[res.length - 1]).isEqualTo(sol.report().residual()).isLessThan(1e-10);
    assertThat(res[res.length - 2]).isGreaterThanOrEqualTo(1e-10);
    // a Jacobi sweep contracts by γ in the max norm, up to round-off of |V| ~ 10
    for (int k = 1; k < res.length; k++) {
      assertThat(res[k]).as("sweep %d", k + 1).isLessThanOrEqualTo(0.85 * res[k - 1] + 1e-13);
    }
    // the first sweep from V = 0 moves each state to τ·logsumexp(r(s,·)/τ)
    double first = 0;
    for (int s = 0; s < 20; s++) {
      first = Math.max(first, Math.abs(NaivePlanning.stableLogSumExp(1.0, m.reward(s, 0),
          m.reward(s, 1), m.reward(s, 2), m.reward(s, 3))));
    }
    assertClose(first, res[0], TIGHT);
  }

  @Test
  void convergedReport_describesSweepsAndResidual() {
    Solution sol = SoftValueIteration.solve(selfLoop(0.5, 1, 2));
    assertThat(sol.report().describe()).matches(
        "converged after \\d+ sweeps, residual \\d\\.\\de-\\d\\d < 1e-10");
    assertThat(sol.report().tolerance()).isEqualTo(1e-10);
    assertThat(sol.report().maxIterations()).isEqualTo(100_000);
  }

  // ---------------------------------------------------------------- errors

  @Test
  void hugeRewards_overflow_throwDivergenceNamingStateAndSweep() {
    TabularMdp m = TabularMdp.builder(2, 2).gamma(0.9)
        .transition(0, 0, 0, 1).transition(0, 1, 0, 1).transition(1, 0, 1, 1)
        .transition(1, 1, 1, 1).stateReward(1, 1e308).build();
    assertThatThrownBy(() -> SoftValueIteration.solve(m))
        .isInstanceOf(DivergenceException.class).isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("state 1").hasMessageContaining("sweep 2")
        .satisfies(e -> {
          assertThat(((DivergenceException) e).state()).isEqualTo(1);
          assertThat(((DivergenceException) e).sweep()).isEqualTo(2);
        });
    assertThatThrownBy(() -> ValueIteration.solve(m))
        .isInstanceOf(DivergenceException.class).hasMessageContaining("state 1");
  }

  @Test
  void hugeTemperature_overflow_throwDivergence() {
    // rewards 0: V_k = τ log 2 (1 + γ + ... + γ^{k−1}) passes Double.MAX_VALUE at sweep 3
    TabularMdp m = selfLoop(0.9, 0, 0);
    assertThatThrownBy(() -> SoftValueIteration.solve(m,
        SoftViConfig.defaults().withTemperature(1e308)))
        .isInstanceOf(DivergenceException.class)
        .hasMessageContaining("state 0").hasMessageContaining("sweep 3")
        .hasMessageContaining("temperature 1.0E308");
  }

  @Test
  void finiteHorizonOverflow_namesStateAndStep() {
    TabularMdp m = selfLoop(0.9, 1e308, 1e308);
    assertThatThrownBy(() -> SoftValueIteration.solveFiniteHorizon(m, 4, 1.0, null))
        .isInstanceOf(DivergenceException.class)
        .hasMessageContaining("state 0").hasMessageContaining("step t = 2");
  }

  @Test
  void badArguments_areRejectedWithTheValue() {
    TabularMdp m = selfLoop(0.5, 1, 2);
    assertThatThrownBy(() -> SoftValueIteration.solveFiniteHorizon(m, 0, 1.0, null))
        .hasMessageContaining("horizon must be >= 1, got 0");
    assertThatThrownBy(() -> SoftValueIteration.solveFiniteHorizon(m, 3, Double.NaN, null))
        .hasMessageContaining("temperature must be finite and > 0, got NaN");
    assertThatThrownBy(() -> SoftValueIteration.solve(m, SoftViConfig.defaults(),
        TabularPolicy.uniform(2, 2), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prior policy is 2x2 but the MDP has S=1, A=2");
  }
}
