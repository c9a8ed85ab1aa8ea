package org.gridrl.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import java.util.stream.LongStream;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.mdp.UniformSlipDynamics;
import org.gridrl.core.testing.NaivePlanning;
import org.gridrl.core.testing.RandomMdpCase;
import org.gridrl.core.testing.RandomMdps;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.AllocationMeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine behind {@link SoftValueIteration.Parallel}: the grid operator against the CSR
 * operator and a naive per-state log-sum-exp, every kernel × method × thread count against the
 * naive fixed point, bit-identical results for any thread count, Anderson, the cap, uniform-slip
 * detection, and no allocation per sweep.
 */
class SoftViEngineTest extends TestBase {

  static LongStream seeds() {
    return LongStream.range(0, 12);
  }

  static LongStream fewSeeds() {
    return LongStream.range(0, 5);
  }

  /**
   * Random uniform-slip dynamics: next(s,a) uniform over the states, ε in [0, 1), γ in
   * [0.5, 0.95), ~10% terminals (seed % 3 == 0), a state reward (odd seeds) or r(s,a).
   */
  static UniformSlipDynamics randomDynamics(long seed, int numStates, int numActions) {
    Random r = new Random(seed);
    int[][] next = new int[numActions][numStates];
    for (int a = 0; a < numActions; a++) {
      for (int s = 0; s < numStates; s++) {
        next[a][s] = r.nextInt(numStates);
      }
    }
    boolean[] terminal = null;
    if (seed % 3 == 0) {
      terminal = new boolean[numStates];
      for (int s = 0; s < numStates; s++) {
        terminal[s] = r.nextDouble() < 0.1;
      }
    }
    double slip = r.nextDouble();
    double gamma = 0.5 + 0.45 * r.nextDouble();
    double[] stateReward = null;
    double[] rewardSa = null;
    if (seed % 2 == 1) {
      stateReward = new double[numStates];
      for (int s = 0; s < numStates; s++) {
        stateReward[s] = terminal != null && terminal[s] ? 0 : 2 * r.nextDouble() - 1;
      }
    } else {
      rewardSa = new double[numStates * numActions];
      for (int i = 0; i < rewardSa.length; i++) {
        rewardSa[i] = 2 * r.nextDouble() - 1;
      }
    }
    return UniformSlipDynamics.of(next, slip, gamma, stateReward, rewardSa, terminal, null);
  }

  /**
   * The open h×w grid of the grid worlds (0 = north, 1 = east, 2 = south, 3 = west, 4 = stay;
   * border moves stay put), a sparse seeded state reward scaled by {@code scale}.
   */
  static UniformSlipDynamics openGrid(int h, int w, double slip, double gamma, double scale,
      long seed) {
    int n = h * w;
    int[][] next = new int[5][n];
    for (int s = 0; s < n; s++) {
      int row = s / w;
      int col = s % w;
      next[0][s] = row > 0 ? s - w : s;
      next[1][s] = col < w - 1 ? s + 1 : s;
      next[2][s] = row < h - 1 ? s + w : s;
      next[3][s] = col > 0 ? s - 1 : s;
      next[4][s] = s;
    }
    Random r = new Random(seed);
    double[] reward = new double[n];
    for (int s = 0; s < n; s++) {
      if (r.nextDouble() < 0.1) {
        reward[s] = scale * (2 * r.nextDouble() - 1);
      }
    }
    return UniformSlipDynamics.of(next, slip, gamma, reward, null, null, null);
  }

  private static double[] randomValues(Random r, int n, double scale) {
    double[] v = new double[n];
    for (int s = 0; s < n; s++) {
      v[s] = scale * (2 * r.nextDouble() - 1);
    }
    return v;
  }

  /** One sweep of the grid kernel (state or action reward) from v, single block. */
  private static double[] gridSweep(UniformSlipDynamics d, double tau, double[] v) {
    int n = d.numStates();
    double[] vNew = new double[n];
    if (d.stateReward() == null) {
      SoftValueGrid.sweepActionReward(d, tau, v, vNew, 0, n, new double[d.numActions()]);
      return vNew;
    }
    double shift = 0;
    for (double x : v) {
      shift = Math.max(shift, x);
    }
    double[] e = new double[n];
    SoftValueGrid.exponentials(d, tau, v, shift, e, 0, n);
    SoftValueGrid.sweep(d, tau, v, e, shift, vNew, new double[n], shift, new double[1], 0, 0, n);
    return vNew;
  }

  /** One soft backup from v by the naive reference: Q = r + γPV, V' = shifted log-sum-exp. */
  private static double[] csrSweep(TabularMdp mdp, double tau, double[] v) {
    int numActions = mdp.numActions();
    double[] q = NaivePlanning.qFromV(mdp, v);
    double[] vNew = new double[v.length];
    for (int s = 0; s < v.length; s++) {
      vNew[s] = mdp.isTerminal(s) ? 0 : NaivePlanning.stableLogSumExp(tau,
          java.util.Arrays.copyOfRange(q, s * numActions, (s + 1) * numActions));
    }
    return vNew;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void gridSweep_randomDynamics_matchesCsrSweepOnEveryState(long seed) {
    UniformSlipDynamics d = randomDynamics(seed, 40, 4);
    TabularMdp mdp = d.toMdp();
    Random r = new Random(seed);
    double tau = 0.2 + r.nextDouble();
    double[] v = randomValues(r, 40, 5);
    for (int s = 0; s < 40; s++) {
      v[s] = mdp.isTerminal(s) ? 0 : v[s];
    }
    assertClose(csrSweep(mdp, tau, v), gridSweep(d, tau, v), TIGHT);
    double[] vNew = new double[40];
    SoftValueCsr.sweep(mdp, mdp.gamma(), tau, v, vNew, 0, 40,
        new double[SoftValueCsr.workspaceLength(4)]);
    assertClose(csrSweep(mdp, tau, v), vNew, TIGHT);
  }

  @Test
  void gridSweep_openGrid_matchesCsrSweepOnEveryState() {
    UniformSlipDynamics d = openGrid(9, 13, 0.3, 0.9, 1, 3);
    assertThat(d.openGridWidth()).isEqualTo(13);
    TabularMdp mdp = d.toMdp();
    double[] v = randomValues(new Random(4), d.numStates(), 20);
    assertClose(csrSweep(mdp, 1.0, v), gridSweep(d, 1.0, v), TIGHT);
  }

  @Test
  void gridSweep_valuesFarBelowTheShift_fallBackToOwnShiftAndStayExact() {
    // τ = 0.05 and values spread over ±400: exp(k·(V − max V)) underflows for most states
    UniformSlipDynamics d = openGrid(6, 7, 0.2, 0.9, 1, 5);
    TabularMdp mdp = d.toMdp();
    double[] v = randomValues(new Random(6), d.numStates(), 400);
    double[] expected = csrSweep(mdp, 0.05, v);
    double[] actual = gridSweep(d, 0.05, v);
    for (int s = 0; s < v.length; s++) {
      assertClose(expected[s], actual[s], TIGHT * Math.max(1, Math.abs(expected[s])));
    }
  }

  @ParameterizedTest
  @MethodSource("fewSeeds")
  void solve_everyKernelThreadCountAndMethod_agreesWithNaiveFixedPoint(long seed) {
    UniformSlipDynamics d = randomDynamics(seed, 30, 3);
    TabularMdp mdp = d.toMdp();
    double[] naive = NaivePlanning.softValues(mdp, 1.0, null);
    for (SoftViKernel kernel : SoftViKernel.values()) {
      for (SoftViMethod method : SoftViMethod.values()) {
        for (int threads : new int[] {1, 2, 3, 7}) {
          try (SoftValueIteration.Parallel solver = SoftValueIteration.onThreads(threads, 4)) {
            Solution sol = solver.solve(mdp, SoftViConfig.defaults().withKernel(kernel)
                .withMethod(method).withTolerance(1e-12));
            assertThat(sol.report().converged()).isTrue();
            assertClose(naive, sol.v(), SOLVE);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("fewSeeds")
  void jacobi_threadCounts_bitIdentical(long seed) {
    UniformSlipDynamics d = seed % 2 == 0 ? randomDynamics(seed, 50, 5)
        : openGrid(7, 9, 0.3, 0.9, 1, seed);
    TabularMdp mdp = d.toMdp();
    for (SoftViKernel kernel : new SoftViKernel[] {SoftViKernel.CSR, SoftViKernel.GRID}) {
      for (SoftViMethod method : SoftViMethod.values()) {
        Solution one;
        try (SoftValueIteration.Parallel solver = SoftValueIteration.onThreads(1, 5)) {
          one = solver.solve(mdp, SoftViConfig.defaults().withKernel(kernel).withMethod(method));
        }
        for (int threads : new int[] {2, 3, 7}) {
          try (SoftValueIteration.Parallel solver = SoftValueIteration.onThreads(threads, 5)) {
            Solution many = solver.solve(mdp, SoftViConfig.defaults().withKernel(kernel)
                .withMethod(method));
            assertThat(many.v()).as("%s %s %d threads", kernel, method, threads)
                .isEqualTo(one.v());
            assertThat(many.q()).isEqualTo(one.q());
            assertThat(many.report()).isEqualTo(one.report());
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void gridKernel_fullSolve_matchesCsrSolve(long seed) {
    UniformSlipDynamics d = seed % 2 == 0 ? randomDynamics(seed, 60, 5)
        : openGrid(8, 8, 0.1 * (seed % 7), 0.9, 1, seed);
    TabularMdp mdp = d.toMdp();
    try (SoftValueIteration.Parallel solver = SoftValueIteration.onThreads(2, 16)) {
      Solution csr = solver.solve(mdp, SoftViConfig.defaults().withKernel(SoftViKernel.CSR));
      Solution grid = solver.solve(d, SoftViConfig.defaults(), null);
      Solution auto = SoftValueIteration.solve(mdp);
      assertClose(csr.v(), grid.v(), 1e-11);
      assertClose(csr.q(), grid.q(), 1e-11);
      assertClose(csr.policy().toArray(), grid.policy().toArray(), 1e-11);
      assertThat(grid.report().iterations()).isEqualTo(csr.report().iterations());
      assertClose(csr.v(), auto.v(), 1e-11);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void solution_returnedPair_satisfiesSoftMaxToRoundOff(long seed) {
    UniformSlipDynamics d = randomDynamics(seed, 25, 4);
    try (SoftValueIteration.Parallel solver = SoftValueIteration.onThreads(1)) {
      for (SoftViMethod method : SoftViMethod.values()) {
        Solution sol = solver.solve(d, SoftViConfig.defaults().withMethod(method), null);
        for (int s = 0; s < 25; s++) {
          if (d.terminals()[s]) {
            assertThat(sol.v()[s]).isZero();
            continue;
          }
          double[] qs = new double[4];
          double z = 0;
          for (int a = 0; a < 4; a++) {
            qs[a] = sol.q(s, a);
          }
          assertClose(NaivePlanning.logSumExp(1.0, qs), sol.v()[s], TIGHT);
          for (int a = 0; a < 4; a++) {
            z += sol.policy().probability(s, a);
            assertClose(Math.exp(qs[a] - sol.v()[s]), sol.policy().probability(s, a), 1e-10);
          }
          assertClose(1.0, z, TIGHT);
        }
      }
    }
  }

  @Test
  void anderson_openGrid_fewerSweepsSameAnswer() {
    UniformSlipDynamics d = openGrid(24, 24, 0.3, 0.9, 1, 11);
    try (SoftValueIteration.Parallel solver = SoftValueIteration.onThreads(1)) {
      Solution jacobi = solver.solve(d, SoftViConfig.defaults(), null);
      Solution anderson = solver.solve(d,
          SoftViConfig.defaults().withMethod(SoftViMethod.ANDERSON), null);
      assertThat(anderson.report().converged()).isTrue();
      assertThat(anderson.report().residual()).isLessThan(1e-10);
      assertThat(anderson.report().iterations()).isLessThan(jacobi.report().iterations() / 2);
      assertClose(jacobi.v(), anderson.v(), SOLVE);
    }
  }

  @Test
  void anderson_withPrior_matchesJacobiWithPrior() {
    RandomMdpCase c = RandomMdpCase.of(21);
    TabularPolicy prior = c.randomPolicy();
    SoftViConfig cfg = SoftViConfig.defaults().withTemperature(c.tau());
    try (SoftValueIteration.Parallel solver = SoftValueIteration.onThreads(2, 3)) {
      Solution jacobi = solver.solve(c.mdp(), cfg, prior, null);
      Solution anderson = solver.solve(c.mdp(), cfg.withMethod(SoftViMethod.ANDERSON), prior,
          null);
      assertClose(jacobi.v(), anderson.v(), SOLVE);
      assertClose(NaivePlanning.softValues(c.mdp(), c.tau(), prior.toArray()), anderson.v(),
          SOLVE);
    }
  }

  @Test
  void cap_reportsNotConverged_likeJacobi() {
    UniformSlipDynamics d = openGrid(5, 5, 0.3, 0.9, 1, 1);
    try (SoftValueIteration.Parallel solver = SoftValueIteration.onThreads(1)) {
      for (SoftViMethod method : SoftViMethod.values()) {
        Solution sol = solver.solve(d, SoftViConfig.defaults().withMaxIterations(3)
            .withMethod(method), null);
        assertThat(sol.report().iterations()).isEqualTo(3);
        assertThat(sol.report().converged()).isFalse();
        assertThat(sol.report().maxIterations()).isEqualTo(3);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void detect_acceptsUniformSlipAndRecoversMovesAndSlip(long seed) {
    UniformSlipDynamics d = randomDynamics(seed, 30, 5);
    UniformSlipDynamics found = UniformSlipDynamics.detect(d.toMdp());
    assertThat(found).isNotNull();
    assertClose(d.slip(), found.slip(), 1e-12);
    for (int a = 0; a < 5; a++) {
      for (int s = 0; s < 30; s++) {
        if (!d.terminals()[s]) {
          assertThat(found.next(a)[s]).isEqualTo(d.next(a)[s]);
        }
      }
    }
    assertThat(found.stateReward() != null).isEqualTo(d.stateReward() != null);
  }

  @Test
  void detect_openGrid_findsWidthAndAutoPicksGrid() {
    TabularMdp mdp = openGrid(6, 8, 0.3, 0.9, 1, 2).toMdp();
    UniformSlipDynamics found = UniformSlipDynamics.detect(mdp);
    assertThat(found.openGridWidth()).isEqualTo(8);
    assertThat(SoftValueIteration.resolveKernel(mdp, SoftViKernel.AUTO, false))
        .isEqualTo(SoftViKernel.GRID);
    assertThat(SoftValueIteration.resolveKernel(mdp, SoftViKernel.AUTO, true))
        .isEqualTo(SoftViKernel.CSR);
  }

  @Test
  void detect_perturbedGrid_isRejected() {
    TabularMdp mdp = openGrid(4, 4, 0.3, 0.9, 1, 2).toMdp();
    // move 1e-9 of probability between two successors of one row: still a valid MDP
    TabularMdpBuilder b = TabularMdp.builder(16, 5).gamma(0.9);
    for (int row = 0; row < 80; row++) {
      int s = row / 5;
      int a = row % 5;
      b.reward(s, a, mdp.rewards()[row]);
      for (int k = mdp.rowStart()[row]; k < mdp.rowStart()[row + 1]; k++) {
        double p = mdp.probabilities()[k];
        if (row == 27 && k == mdp.rowStart()[row]) {
          p += 1e-9;
        } else if (row == 27 && k == mdp.rowStart()[row] + 1) {
          p -= 1e-9;
        }
        b.transition(s, a, mdp.successors()[k], p);
      }
    }
    TabularMdp perturbed = b.build();
    assertThat(UniformSlipDynamics.detect(perturbed)).isNull();
    assertThat(SoftValueIteration.resolveKernel(perturbed, SoftViKernel.AUTO, false))
        .isEqualTo(SoftViKernel.CSR);
    assertThatThrownBy(() -> SoftValueIteration.solve(perturbed,
        SoftViConfig.defaults().withKernel(SoftViKernel.GRID)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GRID");
  }

  @Test
  void detect_randomMdp_isRejected() {
    assertThat(UniformSlipDynamics.detect(RandomMdps.random(5, 20, 3, 0.9))).isNull();
  }

  @Test
  void dynamics_rejectsBadInput() {
    int[][] next = {{0, 1}, {1, 0}};
    assertThatThrownBy(() -> UniformSlipDynamics.of(next, 2.5, 0.9, new double[2], null, null,
        null)).hasMessageContaining("slip");
    assertThatThrownBy(() -> UniformSlipDynamics.of(new int[][] {{0, 2}}, 0.1, 0.9,
        new double[2], null, null, null)).hasMessageContaining("next[0][1] = 2");
    assertThatThrownBy(() -> UniformSlipDynamics.of(next, 0.1, 1.5, new double[2], null, null,
        null)).hasMessageContaining("gamma must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> UniformSlipDynamics.of(next, 0.1, 0.9, null, null, null, null))
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> SoftValueIteration.onThreads(0))
        .hasMessageContaining("threads must be >= 1, got 0");
    assertThatThrownBy(() -> SoftValueIteration.onThreads(2, 0))
        .hasMessageContaining("blockSize must be >= 1, got 0");
  }

  @Test
  void gammaZero_gridKernel_isLogSumExpOfReward() {
    double[] r = {0.5, -1.0, 2.0};
    int[][] next = {{1, 2, 0}, {2, 0, 1}};
    UniformSlipDynamics d = UniformSlipDynamics.of(next, 0.3, 0.0, r, null, null, null);
    try (SoftValueIteration.Parallel solver = SoftValueIteration.onThreads(1)) {
      Solution sol = solver.solve(d, SoftViConfig.defaults().withTemperature(0.5), null);
      for (int s = 0; s < 3; s++) {
        assertClose(r[s] + 0.5 * Math.log(2), sol.v()[s], TIGHT);
      }
    }
  }

  @Test
  void sweeps_allocateNothing() {
    assumeTrue(AllocationMeter.supported());
    UniformSlipDynamics d = openGrid(12, 12, 0.3, 0.99, 50, 7);
    TabularMdp mdp = d.toMdp();
    double[] v = new double[144];
    for (int threads : new int[] {1, 2}) {
      try (SoftValueIteration.Parallel solver = SoftValueIteration.onThreads(threads, 24)) {
        for (SoftViKernel kernel : new SoftViKernel[] {SoftViKernel.CSR, SoftViKernel.GRID}) {
          for (SoftViMethod method : SoftViMethod.values()) {
            SoftViConfig few = new SoftViConfig(1.0, Double.MIN_VALUE, 10, kernel, method);
            SoftViConfig many = few.withMaxIterations(410);
            for (int i = 0; i < 4; i++) { // let the JIT compile first
              solver.solveValues(mdp, many, v);
            }
            long before = AllocationMeter.threadBytes();
            solver.solveValues(mdp, few, v);
            long fewBytes = AllocationMeter.threadBytes() - before;
            before = AllocationMeter.threadBytes();
            ConvergenceReport rep = solver.solveValues(mdp, many, v);
            long manyBytes = AllocationMeter.threadBytes() - before;
            if (method == SoftViMethod.JACOBI) {
              assertThat(rep.iterations()).isGreaterThan(400);
            }
            // 400 more sweeps; a per-sweep allocation would show as tens of kilobytes
            assertThat(manyBytes - fewBytes).as("%s %s %d threads", kernel, method, threads)
                .isLessThan(4096);
          }
        }
      }
    }
  }
}
