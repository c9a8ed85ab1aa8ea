package org.gridrl.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.gridrl.core.mdp.MdpFormat;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.mdp.UniformSlipDynamics;
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

  static LongStream seeds() {
    return LongStream.range(0, 8);
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

  /**
   * The finite-horizon path runs the discounted kernels, SoftMath's exp within 2 ulp and log
   * within 1 ulp of the result's scale, so against the textbook recursion with Math.exp and
   * Math.log (whose own rounding counts too) V_t and Q_t agree to a few ulps of max(1, |V|) per
   * backward step: pinned at 2e-14·max(1, |x|) (about 90 ulps) for H = 10; the errors seen are
   * 1e-15 to 1e-14. π_t (Math.exp of the shifted Q) at 2e-14 absolute.
   */
  static final double FINITE_HORIZON_CSR = 2e-14;
  /**
   * The grid kernel sums the same backup in another order (r + (γε/A)ΣV + γ(1−ε)M + τ·log ΣE),
   * agreeing with the CSR kernel to about 1e-13 relative per sweep: pinned at
   * 1e-13·max(1, |x|) for H = 10 (the errors seen are 2e-15 to 1e-14).
   */
  static final double FINITE_HORIZON_GRID = 1e-13;

  private static void assertFiniteHorizonMatchesNaive(String what, TabularMdp m, double tau,
      double[] prior, double discount, FiniteHorizonSolution fh, double tol) {
    int horizon = fh.horizon();
    double[][][] naive = NaivePlanning.finiteHorizon(m, horizon, tau, prior, discount);
    for (int t = 0; t <= horizon; t++) {
      for (int s = 0; s < m.numStates(); s++) {
        double want = naive[0][t][s];
        assertThat(fh.v()[t][s]).as("%s V_%d(%d)", what, t, s)
            .isCloseTo(want, within(tol * Math.max(1, Math.abs(want))));
      }
    }
    for (int t = 0; t < horizon; t++) {
      for (int j = 0; j < naive[1][t].length; j++) {
        double want = naive[1][t][j];
        assertThat(fh.q()[t][j]).as("%s Q_%d[%d]", what, t, j)
            .isCloseTo(want, within(tol * Math.max(1, Math.abs(want))));
        assertThat(fh.policies()[t].probability(j / m.numActions(), j % m.numActions()))
            .as("%s pi_%d[%d]", what, t, j).isCloseTo(naive[2][t][j], within(tol));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void finiteHorizon_csrKernel_matchesTextbookRecursionWithinStatedTolerance(RandomMdpCase c) {
    TabularMdp m = c.mdp();
    TabularPolicy prior = c.seed() % 3 == 0 ? c.randomPolicy() : null;
    double[] pi0 = prior == null ? null : prior.toArray();
    SoftViConfig csr = SoftViConfig.defaults().with(b -> b.temperature(c.tau())
        .kernel(SoftViKernel.CSR));
    for (double discount : new double[] {m.gamma(), 1.0}) {
      FiniteHorizonSolution fh = SoftValueIteration.solveFiniteHorizon(m, csr, prior, 10,
          discount);
      assertFiniteHorizonMatchesNaive(c + " c=" + discount, m, c.tau(), pi0, discount, fh,
          FINITE_HORIZON_CSR);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void finiteHorizon_gridKernel_matchesTextbookRecursionWithinStatedTolerance(long seed) {
    UniformSlipDynamics d = seed % 4 == 3 ? SoftViEngineTest.openGrid(5, 6, 0.3, 0.9, 3, seed)
        : SoftViEngineTest.randomDynamics(seed, 30, 4);
    TabularMdp m = d.toMdp();
    assertThat(SoftValueIteration.resolveKernel(m, SoftViKernel.AUTO, false))
        .isEqualTo(SoftViKernel.GRID);
    double tau = 0.3 + 0.1 * seed;
    for (double discount : new double[] {0.9, 1.0}) {
      FiniteHorizonSolution fh = SoftValueIteration.solveFiniteHorizon(m,
          SoftViConfig.defaults().withTemperature(tau), null, 10, discount);
      assertFiniteHorizonMatchesNaive(seed + " c=" + discount, m, tau, null, discount, fh,
          FINITE_HORIZON_GRID);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void gammaOne_finiteHorizon_isSolved_andMatchesTextbookRecursion(long seed) {
    RandomMdpCase c = RandomMdpCase.of(seed);
    TabularMdp undiscounted = c.mdp().withGamma(1.0);
    // the MDP's γ = 1 is the per-step discount of the overload without one
    FiniteHorizonSolution fh = SoftValueIteration.solveFiniteHorizon(undiscounted, 8, c.tau(),
        null);
    assertFiniteHorizonMatchesNaive(c.toString(), undiscounted, c.tau(), null, 1.0, fh,
        FINITE_HORIZON_GRID);
    FiniteHorizonSolution hard = ValueIteration.solveFiniteHorizon(undiscounted, 8, 1.0);
    FiniteHorizonSolution lowTau = SoftValueIteration.solveFiniteHorizon(undiscounted, 8, 1e-3,
        null);
    // τ → 0: V_τ − V* ∈ [0, H·τ·log A]
    for (int s = 0; s < undiscounted.numStates(); s++) {
      assertThat(lowTau.v()[0][s] - hard.v()[0][s]).isBetween(-1e-9,
          8 * 1e-3 * Math.log(undiscounted.numActions()) + 1e-9);
    }
  }

  @Test
  void gammaOneFile_solvesOverAHorizon_asTheTextbookRecursion() {
    // a random MDP written with gamma 1 and read back: the file format takes it, the
    // finite-horizon solve of the file's own γ is the undiscounted recursion
    TabularMdp written = RandomMdps.random(17, 12, 3, 3, 0.5, 0.2).withGamma(1.0);
    TabularMdp m = MdpFormat.parse(MdpFormat.toText(written), "undiscounted.mdp");
    assertThat(m.gamma()).isEqualTo(1.0);
    for (SoftViKernel kernel : new SoftViKernel[] {SoftViKernel.AUTO, SoftViKernel.CSR}) {
      FiniteHorizonSolution fh = SoftValueIteration.solveFiniteHorizon(m,
          SoftViConfig.defaults().with(b -> b.temperature(0.8).kernel(kernel)), null, 15,
          m.gamma());
      assertFiniteHorizonMatchesNaive(kernel.toString(), m, 0.8, null, 1.0, fh,
          FINITE_HORIZON_CSR);
    }
    assertThatThrownBy(() -> SoftValueIteration.solve(m))
        .hasMessageStartingWith("discounted soft value iteration needs gamma < 1, got 1.0");
  }

  @Test
  void finiteHorizon_anyThreadCountAndKernel_bitIdenticalToOneThread() {
    UniformSlipDynamics d = SoftViEngineTest.openGrid(9, 7, 0.2, 0.9, 2, 4);
    TabularMdp m = d.toMdp();
    TabularPolicy prior = RandomMdpCase.randomPolicy(m.numStates(), m.numActions(), rand);
    for (SoftViKernel kernel : new SoftViKernel[] {SoftViKernel.AUTO, SoftViKernel.CSR}) {
      for (TabularPolicy pri : new TabularPolicy[] {null, prior}) {
        SoftViConfig cfg = SoftViConfig.defaults().with(b -> b.temperature(0.7).kernel(kernel));
        FiniteHorizonSolution one = SoftValueIteration.solveFiniteHorizon(m, cfg, pri, 6, 1.0);
        for (int threads : new int[] {2, 3}) {
          try (SoftValueIteration.Parallel p = SoftValueIteration.onThreads(threads, 5)) {
            assertThat(p.solveFiniteHorizon(m, cfg, pri, 6, 1.0)).as("%s %d", kernel, threads)
                .isEqualTo(one);
          }
        }
      }
    }
  }

  @Test
  void gammaOne_discountedSolves_areRejectedSayingWhy() {
    TabularMdp m = selfLoop(0.5, 1, 2).withGamma(1.0);
    String why = "needs gamma < 1, got 1.0: with gamma = 1 the sum of rewards over an infinite"
        + " horizon need not converge, so there may be no solution; solve a finite horizon"
        + " instead";
    assertThatThrownBy(() -> SoftValueIteration.solve(m))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("discounted soft value iteration " + why);
    try (SoftValueIteration.Parallel p = SoftValueIteration.onThreads(2)) {
      assertThatThrownBy(() -> p.solveValues(m, SoftViConfig.defaults(), new double[1]))
          .hasMessage("discounted soft value iteration " + why);
    }
    UniformSlipDynamics d = SoftViEngineTest.openGrid(3, 3, 0.1, 0.9, 1, 1).withGamma(1.0);
    assertThatThrownBy(() -> SoftValueIteration.solve(d, SoftViConfig.defaults(), null))
        .hasMessage("discounted soft value iteration " + why);
    assertThatThrownBy(() -> ValueIteration.solve(m))
        .hasMessage("discounted value iteration " + why);
    TabularPolicy uniform = TabularPolicy.uniform(1, 2);
    assertThatThrownBy(() -> PolicyEvaluation.evaluate(m, uniform))
        .hasMessage("policy evaluation " + why);
    assertThatThrownBy(() -> PolicyEvaluation.evaluateIterative(m, uniform, 1e-9, 10))
        .hasMessage("policy evaluation " + why);
    // the same MDP solves over a finite horizon: V_0 = H·τ·logsumexp(r/τ)
    assertClose(4 * NaivePlanning.stableLogSumExp(1.0, 1, 2),
        SoftValueIteration.solveFiniteHorizon(m, 4, 1.0, null).v()[0][0], TIGHT);
    assertClose(8.0, ValueIteration.solveFiniteHorizon(m, 4, 1.0).v()[0][0], 0);
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
        .hasMessage("soft value iteration diverged: V(1) = NaN in state 1 at sweep 2"
            + " (gamma 0.9, temperature 1.0): rewards or temperature too large for double"
            + " precision")
        .satisfies(e -> {
          DivergenceException d = (DivergenceException) e;
          assertThat(d.state()).isEqualTo(1);
          assertThat(d.sweep()).isEqualTo(2);
          assertThat(d.kind()).isEqualTo(DivergenceException.Kind.SOFT);
        });
    assertThatThrownBy(() -> ValueIteration.solve(m))
        .isInstanceOf(DivergenceException.class)
        .hasMessage("value iteration diverged: V(1) = Infinity in state 1 at sweep 2 (gamma 0.9):"
            + " rewards too large for double precision")
        .satisfies(e -> assertThat(((DivergenceException) e).kind())
            .isEqualTo(DivergenceException.Kind.HARD));
    TabularPolicy uniform = TabularPolicy.uniform(2, 2);
    assertThatThrownBy(() -> PolicyEvaluation.evaluateIterative(m, uniform, 1e-9, 100))
        .isInstanceOf(DivergenceException.class)
        .hasMessage("policy evaluation diverged: V(1) = Infinity in state 1 at sweep 2"
            + " (gamma 0.9): rewards too large for double precision");
    // the LU solve has no sweeps: the message names the state alone (here LU's NaN in state 0)
    assertThatThrownBy(() -> PolicyEvaluation.evaluateExact(m, uniform))
        .isInstanceOf(DivergenceException.class)
        .hasMessage("policy evaluation diverged: V(0) = NaN in state 0 (gamma 0.9): rewards too"
            + " large for double precision");
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
