package org.gridrl.core.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.mdp.UniformSlipDynamics;
import org.gridrl.core.testing.RandomMdpCase;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The grid-only kernels of a finite-horizon solve against the general ones they stand in for:
 * {@link SoftValueGrid#qAndPolicy} (Q bit for bit as {@link SoftValueGrid#qValues}, π from the
 * exponentials within a few ulp of {@link SoftValueCsr#policy} of that Q) and
 * {@link VisitationGrid} (the forward pass regrouped, within round-off of
 * {@link VisitationCsr}), on random uniform-slip dynamics with terminals and on open grids.
 */
class GridFiniteHorizonTest extends TestBase {

  /** π from E against π from exp((Q − m)/τ): a few ulp of a probability. */
  private static final double POLICY_TOL = 1e-14;
  /** The regrouped forward pass, relative to max(1, |D|). */
  private static final double VISITATION_TOL = 1e-14;

  static LongStream seeds() {
    return LongStream.range(0, 12);
  }

  /** Random dynamics with a state reward (the kernel's input): odd seeds of the engine test's. */
  private static UniformSlipDynamics stateRewardDynamics(long seed) {
    return SoftViEngineTest.randomDynamics(2 * seed + 1, 40, 4);
  }

  private static double[] randomValues(Random r, int n, double scale) {
    double[] v = new double[n];
    for (int s = 0; s < n; s++) {
      v[s] = scale * (2 * r.nextDouble() - 1);
    }
    return v;
  }

  /** Q and π of one step from V through the kernel under test and through the general one. */
  private static void assertStepAgrees(UniformSlipDynamics d, double tau, double[] v) {
    int n = d.numStates();
    int a = d.numActions();
    double shift = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      shift = Math.max(shift, x);
    }
    double[] e = new double[n];
    SoftValueGrid.exponentials(d, tau, v, shift, e, 0, n);
    double[] q = new double[n * a];
    double[] pi = new double[n * a];
    SoftValueGrid.qAndPolicy(d, tau, v, e, q, pi, 0, n);
    double[] qRef = new double[n * a];
    SoftValueGrid.qValues(d, v, qRef, 0, n);
    double[] piRef = new double[n * a];
    SoftValueCsr.policy(a, d.terminals(), null, tau, qRef, piRef, 0, n);
    assertThat(q).isEqualTo(qRef);
    assertClose(piRef, pi, POLICY_TOL);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void qAndPolicy_randomDynamicsWithTerminals_matchesQValuesAndThePolicyKernel(long seed) {
    UniformSlipDynamics d = stateRewardDynamics(seed);
    Random r = new Random(seed);
    for (double tau : new double[] {0.05, 0.5, 1, 3}) {
      assertStepAgrees(d, tau, randomValues(r, d.numStates(), 5));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void qAndPolicy_openGrid_interiorAndBorder_matchQValuesAndThePolicyKernel(long seed) {
    UniformSlipDynamics d = SoftViEngineTest.openGrid(7, 9, 0.1 * (seed % 10), 0.9, 2, seed);
    assertThat(d.openGridWidth()).isEqualTo(9);
    assertStepAgrees(d, 0.7, randomValues(new Random(seed), d.numStates(), 3));
  }

  @Test
  void qAndPolicy_sumOutOfRange_takesTheStatesOwnShift() {
    // values 1e4 apart: exp(k(V − max V)) underflows to 0 for most successors, so the sum of a
    // state far below the max leaves [2^-64, 2^64] and must be recomputed with its own shift
    UniformSlipDynamics open = SoftViEngineTest.openGrid(6, 6, 0.2, 0.9, 1, 3);
    UniformSlipDynamics tables = stateRewardDynamics(4);
    for (UniformSlipDynamics d : new UniformSlipDynamics[] {open, tables}) {
      double[] v = randomValues(new Random(11), d.numStates(), 1e4);
      assertStepAgrees(d, 1.0, v);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void visitationGrid_randomDynamicsWithTerminals_matchesTheCsrForwardPass(long seed) {
    UniformSlipDynamics d = SoftViEngineTest.randomDynamics(seed, 40, 4);
    TabularMdp m = d.toMdp();
    Random r = new Random(seed + 100);
    TabularPolicy[] pis = new TabularPolicy[6];
    for (int t = 0; t < pis.length; t++) {
      pis[t] = RandomMdpCase.randomPolicy(m.numStates(), m.numActions(), r);
    }
    double[] d0 = RandomMdpCase.randomPolicy(1, m.numStates(), r).toArray();
    VisitationCsr.Incoming in = VisitationCsr.incoming(m);
    for (double discount : new double[] {1.0, 0.9, 0}) {
      double[] expected = new double[m.numStates()];
      VisitationCsr.finiteHorizon(in, pis, d0, discount, expected,
          new double[VisitationCsr.finiteHorizonWorkspaceLength(in)]);
      double[] actual = new double[m.numStates()];
      VisitationGrid.finiteHorizon(d, pis, d0, discount, actual,
          new double[VisitationGrid.finiteHorizonWorkspaceLength(d)]);
      for (int s = 0; s < expected.length; s++) {
        assertClose(expected[s], actual[s], VISITATION_TOL * Math.max(1, Math.abs(expected[s])));
      }
      // the facade takes the grid kernel, on the moves it recognises in the MDP (an equivalent
      // table where actions share a successor), exactly when it recognises them
      UniformSlipDynamics seen = UniformSlipDynamics.detect(m);
      double[] viaFacade = expected;
      if (seen != null) {
        viaFacade = new double[m.numStates()];
        VisitationGrid.finiteHorizon(seen, pis, d0, discount, viaFacade,
            new double[VisitationGrid.finiteHorizonWorkspaceLength(seen)]);
      }
      assertThat(StateVisitation.finiteHorizon(m, pis, d0, discount, null, null,
          SoftViKernel.AUTO)).isEqualTo(viaFacade);
      // without a kernel it is the CSR kernel's bits, for any MDP
      assertThat(StateVisitation.finiteHorizon(m, pis, d0, discount)).isEqualTo(expected);
    }
  }

  @Test
  void visitationGrid_throughTheFacade_allocatesNothing() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        org.gridrl.core.util.AllocationMeter.supported());
    TabularMdp m = SoftViEngineTest.openGrid(10, 10, 0.3, 0.9, 1, 17).toMdp();
    TabularPolicy[] pis = new TabularPolicy[8];
    Random r = new Random(1);
    for (int t = 0; t < 8; t++) {
      pis[t] = RandomMdpCase.randomPolicy(100, 5, r);
    }
    double[] d0 = m.initialDistribution();
    double[] out = new double[100];
    double[] work = new double[StateVisitation.finiteHorizonWorkspaceLength(m)];
    Runnable body = () -> StateVisitation.finiteHorizon(m, pis, d0, 0.9, out, work,
        SoftViKernel.AUTO);
    for (int i = 0; i < 3_000; i++) { // let the JIT compile the loops first
      body.run();
    }
    assertThat(org.gridrl.core.util.AllocationMeter.fewestBytesPerCall(body, 200, new long[4]))
        .isEqualTo(0.0);
  }

  @Test
  void visitationGridKernel_onAnMdpThatIsNotUniformSlip_isRefused() {
    TabularMdp m = org.gridrl.core.testing.RandomMdps.random(3, 6, 3, 0.9);
    assertThat(UniformSlipDynamics.detect(m)).isNull();
    TabularPolicy[] pis = {TabularPolicy.uniform(6, 3)};
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> StateVisitation.finiteHorizon(m,
        pis, m.initialDistribution(), 1.0, null, null, SoftViKernel.GRID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kernel GRID needs uniform-slip dynamics");
    assertThat(StateVisitation.finiteHorizon(m, pis, m.initialDistribution(), 1.0, null, null,
        SoftViKernel.AUTO)).isEqualTo(StateVisitation.finiteHorizon(m, pis,
        m.initialDistribution(), 1.0));
  }

  @Test
  void finiteHorizonSolve_gridAndCsrKernels_agree() {
    UniformSlipDynamics d = SoftViEngineTest.openGrid(8, 8, 0.3, 0.9, 2, 5);
    TabularMdp m = d.toMdp();
    assertThat(UniformSlipDynamics.detect(m)).isNotNull();
    double[] d0 = m.initialDistribution();
    TabularPolicy[] uniform = new TabularPolicy[5];
    java.util.Arrays.fill(uniform, TabularPolicy.uniform(m.numStates(), m.numActions()));
    VisitationCsr.Incoming in = VisitationCsr.incoming(m);
    double[] viaCsr = new double[m.numStates()];
    VisitationCsr.finiteHorizon(in, uniform, d0, 1.0, viaCsr,
        new double[VisitationCsr.finiteHorizonWorkspaceLength(in)]);
    assertClose(viaCsr, StateVisitation.finiteHorizon(m, uniform, d0, 1.0, null, null,
        SoftViKernel.GRID), VISITATION_TOL);
    SoftViConfig grid = SoftViConfig.defaults().withKernel(SoftViKernel.GRID);
    SoftViConfig csr = SoftViConfig.defaults().withKernel(SoftViKernel.CSR);
    FiniteHorizonSolution a = SoftValueIteration.solveFiniteHorizon(m, grid, null, 8, 1.0);
    FiniteHorizonSolution b = SoftValueIteration.solveFiniteHorizon(m, csr, null, 8, 1.0);
    for (int t = 0; t < 8; t++) {
      assertClose(b.policies()[t].toArray(), a.policies()[t].toArray(), POLICY_TOL);
      assertClose(b.v()[t], a.v()[t], 1e-12);
    }
  }
}
