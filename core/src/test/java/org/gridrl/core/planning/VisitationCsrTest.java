package org.gridrl.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.testing.NaivePlanning;
import org.gridrl.core.testing.RandomMdpCase;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.AllocationMeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pull kernels of {@link VisitationCsr} against the push form they replace: the step, the
 * finite-horizon forward pass and both discounted series must give the same bits as verbatim
 * copies of the code before the change ({@link PushReference}); the exact discounted solve
 * agrees with the series and with a dense solve to a stated tolerance.
 */
class VisitationCsrTest extends TestBase {

  /** |exact − series|∞ ≤ this · |b|₁/(1 − γ); measured ≤ 8.1e-16 over 400 random cases. */
  static final double EXACT_VS_SERIES = 1e-13;

  static Stream<RandomMdpCase> cases() {
    return RandomMdpCase.cases(40);
  }

  /**
   * The code of StateVisitation and VisitationCsr before the pull kernels (commit 2e1ae92),
   * verbatim but for names: the slow trusted version the new kernels are pinned against.
   */
  static final class PushReference {

    static double[] finiteHorizon(TabularMdp mdp, TabularPolicy[] policies, double[] d0,
        double discount) {
      final int horizon = policies.length;
      final double[] total = d0.clone();
      double[] term = d0.clone();
      double[] next = new double[d0.length];
      final double[] piTable = new double[mdp.numStates() * mdp.numActions()];
      for (int t = 0; t + 1 < horizon; t++) {
        copyTable(policies[t], piTable);
        VisitationCsr.propagate(mdp, piTable, term, discount, next);
        for (int s = 0; s < total.length; s++) {
          total[s] += next[s];
        }
        double[] x = term;
        term = next;
        next = x;
      }
      return total;
    }

    static double[] discounted(TabularMdp mdp, TabularPolicy pi, double[] d0) {
      final double gamma = mdp.gamma();
      final double[] piTable = pi.toArray();
      final double[] total = d0.clone();
      double[] term = d0.clone();
      double[] next = new double[d0.length];
      double totalMass = 0;
      for (double x : d0) {
        totalMass += x;
      }
      if (gamma == 0) {
        return total;
      }
      final double tailFactor = gamma / (1 - gamma);
      while (true) {
        double mass = VisitationCsr.propagate(mdp, piTable, term, gamma, next);
        if (mass == 0) {
          break;
        }
        for (int s = 0; s < total.length; s++) {
          total[s] += next[s];
        }
        totalMass += mass;
        double[] t = term;
        term = next;
        next = t;
        if (mass * tailFactor <= StateVisitation.RELATIVE_TAIL * totalMass) {
          break;
        }
      }
      return total;
    }

    static double[] discountedSigned(TabularMdp mdp, TabularPolicy pi, double[] b) {
      double norm = 0;
      for (int s = 0; s < b.length; s++) {
        norm += Math.abs(b[s]);
      }
      final double gamma = mdp.gamma();
      final double[] total = b.clone();
      if (gamma == 0 || norm == 0) {
        return total;
      }
      final double[] piTable = pi.toArray();
      double[] term = b.clone();
      double[] next = new double[b.length];
      final double tailFactor = gamma / (1 - gamma);
      while (true) {
        VisitationCsr.propagate(mdp, piTable, term, gamma, next);
        double size = 0;
        for (int s = 0; s < total.length; s++) {
          total[s] += next[s];
          size += Math.abs(next[s]);
        }
        if (size * tailFactor <= StateVisitation.RELATIVE_TAIL * norm) {
          break;
        }
        double[] t = term;
        term = next;
        next = t;
      }
      return total;
    }

    private static void copyTable(TabularPolicy pi, double[] out) {
      final int numActions = pi.numActions();
      for (int s = 0; s < pi.numStates(); s++) {
        pi.copyRow(s, out, s * numActions);
      }
    }
  }

  /**
   * The open W×H grid with five actions (north, east, south, west, stay; border moves stay)
   * and uniform slip ε: P(s'|s,a) = (1 − ε)[s' = next(s,a)] + (ε/5)·#{b : next(s,b) = s'}, as
   * ObjectWorld; the listed states are terminal.
   */
  static TabularMdp slipGrid(int width, int height, double slip, double gamma,
      int... terminals) {
    final int n = width * height;
    TabularMdpBuilder b = TabularMdp.builder(n, 5).gamma(gamma);
    for (int s = 0; s < n; s++) {
      final int r = s / width;
      final int c = s % width;
      final int[] next = {r > 0 ? s - width : s, c < width - 1 ? s + 1 : s,
          r < height - 1 ? s + width : s, c > 0 ? s - 1 : s, s};
      for (int a = 0; a < 5; a++) {
        double[] p = new double[n];
        for (int m = 0; m < 5; m++) {
          p[next[m]] += slip / 5 + (m == a ? 1 - slip : 0);
        }
        for (int t = 0; t < n; t++) {
          if (p[t] > 0) {
            b.transition(s, a, t, p[t]);
          }
        }
      }
    }
    for (int t : terminals) {
      b.terminal(t);
    }
    return b.build();
  }

  private static TabularPolicy[] randomPolicies(TabularMdp m, int horizon, long seed) {
    Random r = new Random(seed);
    TabularPolicy[] p = new TabularPolicy[horizon];
    for (int t = 0; t < horizon; t++) {
      p[t] = RandomMdpCase.randomPolicy(m.numStates(), m.numActions(), r);
    }
    return p;
  }

  private static TabularPolicy sparsePolicy(TabularMdp m, long seed) {
    // some π(a|s) = 0 exactly, so that the push form's skip of zero weights is exercised
    Random r = new Random(seed);
    int n = m.numStates();
    int na = m.numActions();
    double[] pi = new double[n * na];
    for (int s = 0; s < n; s++) {
      double sum = 0;
      for (int a = 0; a < na; a++) {
        pi[s * na + a] = a > 0 && r.nextInt(3) == 0 ? 0 : r.nextDouble() + 0.01;
        sum += pi[s * na + a];
      }
      for (int a = 0; a < na; a++) {
        pi[s * na + a] /= sum;
      }
    }
    return TabularPolicy.of(n, na, pi);
  }

  private static double[] signed(int n, long seed) {
    Random r = new Random(seed);
    double[] b = new double[n];
    for (int s = 0; s < n; s++) {
      b[s] = r.nextInt(5) == 0 ? 0 : r.nextDouble() - 0.5;
    }
    return b;
  }

  private static void assertSameBits(double[] expected, double[] actual) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(Double.doubleToRawLongBits(actual[i])).as("entry %d: %s vs %s", i, actual[i],
          expected[i]).isEqualTo(Double.doubleToRawLongBits(expected[i]));
    }
  }

  // ---------------------------------------------------------------- the incoming structure

  @Test
  void incoming_listsEachTargetsSourcesInRowOrder_withoutTerminalRows() {
    // 0 -a0-> {1: 0.25, 2: 0.75}, 0 -a1-> 2, 1 -a0-> 0, 1 -a1-> {0: .5, 2: .5}, 2 terminal
    TabularMdp m = TabularMdp.builder(3, 2).transition(0, 0, 1, 0.25).transition(0, 0, 2, 0.75)
        .transition(0, 1, 2, 1).transition(1, 0, 0, 1).transition(1, 1, 0, 0.5)
        .transition(1, 1, 2, 0.5).transition(2, 0, 0, 1).transition(2, 1, 1, 1).terminal(2)
        .build();
    VisitationCsr.Incoming in = VisitationCsr.incoming(m);
    assertThat(in.start()).containsExactly(0, 2, 3, 6);
    assertThat(in.row()).containsExactly(2, 3, 0, 0, 1, 3);
    assertThat(in.state()).containsExactly(1, 1, 0, 0, 0, 1);
    assertThat(in.probability()).containsExactly(1, 0.5, 0.25, 0.75, 1, 0.5);
    // P_πᵀ entries (target, source): (0,1), (1,0), (2,0), (2,1): kl = 2, ku = 1
    assertThat(in.lowerBandwidth()).isEqualTo(2);
    assertThat(in.upperBandwidth()).isEqualTo(1);
  }

  @Test
  void incoming_isSharedByDerivedMdps_andRebuiltForOtherTransitions() {
    TabularMdp m = slipGrid(4, 3, 0.3, 0.9);
    VisitationCsr.Incoming in = VisitationCsr.incoming(m);
    assertThat(VisitationCsr.incoming(m.withStateRewards(new double[12]))).isSameAs(in);
    assertThat(VisitationCsr.incoming(m.withGamma(0.5))).isSameAs(in);
    TabularMdp other = slipGrid(4, 3, 0.3, 0.9);
    assertThat(VisitationCsr.incoming(other)).isNotSameAs(in);
    assertThat(VisitationCsr.incoming(other).row()).containsExactly(in.row());
    assertThat(in.lowerBandwidth()).isEqualTo(4);
    assertThat(in.upperBandwidth()).isEqualTo(4);
  }

  // ---------------------------------------------------------------- pull = push, bit for bit

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pullStep_equalsPushStep_bitForBit_signedStartsAndZeroWeightsToo(RandomMdpCase c) {
    TabularMdp m = c.mdp();
    int n = m.numStates();
    VisitationCsr.Incoming in = VisitationCsr.incoming(m);
    double[] work = new double[VisitationCsr.stepWorkspaceLength(in)];
    for (TabularPolicy pi : new TabularPolicy[] {c.randomPolicy(), sparsePolicy(m, c.seed())}) {
      double[] table = pi.toArray();
      for (double[] d : new double[][] {m.initialDistribution(), signed(n, c.seed() + 1)}) {
        double[] push = new double[n];
        double[] pullTable = new double[n];
        double[] pullPolicy = new double[n];
        double massPush = VisitationCsr.propagate(m, table, d, 0.7, push);
        double massTable = VisitationCsr.propagate(in, table, d, 0.7, pullTable, work);
        double massPolicy = VisitationCsr.propagate(in, pi, d, 0.7, pullPolicy, work);
        assertSameBits(push, pullTable);
        assertSameBits(push, pullPolicy);
        assertThat(massTable).isEqualTo(massPush);
        assertThat(massPolicy).isEqualTo(massPush);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void finiteHorizon_equalsThePushForwardPass_bitForBit(RandomMdpCase c) {
    TabularMdp m = c.mdp();
    int horizon = 1 + (int) (c.seed() % 9);
    TabularPolicy[] pis = randomPolicies(m, horizon, c.seed());
    pis[horizon / 2] = sparsePolicy(m, c.seed());
    double[] d0 = m.initialDistribution();
    for (double discount : new double[] {1.0, m.gamma(), 0.0}) {
      double[] expected = PushReference.finiteHorizon(m, pis, d0, discount);
      assertSameBits(expected, StateVisitation.finiteHorizon(m, pis, d0, discount));
      // the kernel itself, into a dirty caller-owned output and workspace
      VisitationCsr.Incoming in = VisitationCsr.incoming(m);
      double[] out = new double[m.numStates()];
      double[] work = new double[VisitationCsr.finiteHorizonWorkspaceLength(in) + 3];
      Arrays.fill(out, Double.NaN);
      Arrays.fill(work, Double.NaN);
      VisitationCsr.finiteHorizon(in, pis, d0, discount, out, work);
      assertSameBits(expected, out);
    }
  }

  @Test
  void finiteHorizon_onAGridWithTerminals_equalsThePushForwardPass_bitForBit() {
    TabularMdp m = slipGrid(9, 7, 0.375, 0.9, 10, 40, 62);
    TabularPolicy[] pis = randomPolicies(m, 8, 3);
    // the CSR kernel itself: StateVisitation sends uniform-slip MDPs to VisitationGrid
    VisitationCsr.Incoming in = VisitationCsr.incoming(m);
    double[] work = new double[VisitationCsr.finiteHorizonWorkspaceLength(in)];
    for (double discount : new double[] {1.0, 0.9}) {
      double[] out = new double[m.numStates()];
      VisitationCsr.finiteHorizon(in, pis, m.initialDistribution(), discount, out, work);
      assertSameBits(PushReference.finiteHorizon(m, pis, m.initialDistribution(), discount),
          out);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void discounted_equalsThePushSeries_bitForBit(RandomMdpCase c) {
    TabularMdp m = c.mdp();
    TabularPolicy pi = sparsePolicy(m, c.seed() + 3);
    assertSameBits(PushReference.discounted(m, pi, m.initialDistribution()),
        StateVisitation.discounted(m, pi));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void discountedSigned_defaultSeries_equalsThePushSeries_bitForBit(RandomMdpCase c) {
    TabularMdp m = c.mdp();
    TabularPolicy pi = c.randomPolicy();
    double[] b = signed(m.numStates(), c.seed() + 5);
    double[] expected = PushReference.discountedSigned(m, pi, b);
    assertSameBits(expected,
        StateVisitation.discountedSigned(m, pi, b, StateVisitation.Solver.SERIES));
    assertSameBits(expected, StateVisitation.discountedSigned(m, pi, b));
  }

  // ---------------------------------------------------------------- the exact discounted solve

  private static double maxAbsDiff(double[] x, double[] y) {
    double d = 0;
    for (int i = 0; i < x.length; i++) {
      d = Math.max(d, Math.abs(x[i] - y[i]));
    }
    return d;
  }

  private static double scale(double[] b, double gamma) {
    return Arrays.stream(b).map(Math::abs).sum() / (1 - gamma);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exactSolve_agreesWithTheSeriesAndADenseSolve(RandomMdpCase c) {
    TabularMdp m = c.mdp();
    TabularPolicy pi = sparsePolicy(m, c.seed() + 11);
    double[] b = signed(m.numStates(), c.seed() + 13);
    double[] exact = StateVisitation.discountedSigned(m, pi, b, StateVisitation.Solver.EXACT);
    double[] series = StateVisitation.discountedSigned(m, pi, b, StateVisitation.Solver.SERIES);
    double tol = EXACT_VS_SERIES * Math.max(scale(b, m.gamma()), 1e-300);
    assertThat(maxAbsDiff(exact, series)).isLessThanOrEqualTo(tol);
    double[] dense = NaivePlanning.discountedVisitation(m, pi.toArray(), b);
    assertThat(maxAbsDiff(exact, dense)).isLessThanOrEqualTo(tol);
  }

  @Test
  void exactSolve_onAGridWithTerminals_agreesWithTheSeries() {
    // ObjectWorld's shape (32×32, ε = 0.375) at γ = 0.9 and 0.99, a few terminals
    for (double gamma : new double[] {0.9, 0.99}) {
      TabularMdp m = slipGrid(32, 32, 0.375, gamma, 5, 500, 1000);
      TabularPolicy pi = sparsePolicy(m, 7);
      double[] b = signed(m.numStates(), 8);
      double[] exact = StateVisitation.discountedSigned(m, pi, b, StateVisitation.Solver.EXACT);
      double[] series = StateVisitation.discountedSigned(m, pi, b,
          StateVisitation.Solver.SERIES);
      assertThat(maxAbsDiff(exact, series))
          .isLessThanOrEqualTo(EXACT_VS_SERIES * scale(b, gamma));
      // AUTO takes the exact solve here: its cost model says ~5–50× fewer mult-adds
      VisitationCsr.Incoming in = VisitationCsr.incoming(m);
      assertThat(StateVisitation.exactCost(in) * 5)
          .isLessThan(StateVisitation.seriesCost(in, gamma));
      assertSameBits(exact, StateVisitation.discountedSigned(m, pi, b,
          StateVisitation.Solver.AUTO));
      // the default is the series, whose bits the experiments were fitted with
      assertSameBits(series, StateVisitation.discountedSigned(m, pi, b));
    }
  }

  @Test
  void exactSolve_ofTheStartDistribution_isTheDiscountedVisitation() {
    TabularMdp m = slipGrid(6, 5, 0.2, 0.8, 13);
    TabularPolicy pi = sparsePolicy(m, 2);
    double[] d0 = m.initialDistribution();
    assertClose(StateVisitation.discounted(m, pi),
        StateVisitation.discountedSigned(m, pi, d0, StateVisitation.Solver.EXACT), 1e-13);
  }

  // ---------------------------------------------------------------- nothing allocated

  @Test
  void pullKernels_allocateNothing() {
    assumeTrue(AllocationMeter.supported());
    TabularMdp m = slipGrid(10, 10, 0.3, 0.9, 17);
    VisitationCsr.Incoming in = VisitationCsr.incoming(m);
    TabularPolicy[] pis = randomPolicies(m, 8, 1);
    double[][] tables = new double[8][];
    for (int t = 0; t < 8; t++) {
      tables[t] = pis[t].toArray();
    }
    double[] d0 = m.initialDistribution();
    double[] out = new double[100];
    double[] b = signed(100, 4);
    double[] stepWork = new double[VisitationCsr.stepWorkspaceLength(in)];
    double[] fhWork = new double[VisitationCsr.finiteHorizonWorkspaceLength(in)];
    double[] exactWork = new double[(int) VisitationCsr.discountedWorkspaceLength(in)];
    Runnable body = () -> {
      VisitationCsr.propagate(in, tables[0], d0, 0.9, out, stepWork);
      VisitationCsr.propagate(in, pis[1], d0, 0.9, out, stepWork);
      VisitationCsr.finiteHorizon(in, pis, d0, 0.9, out, fhWork);
      StateVisitation.finiteHorizon(m, pis, d0, 0.9, out, fhWork);
      VisitationCsr.solveDiscounted(in, tables[2], 0.9, b, out, exactWork);
    };
    for (int i = 0; i < 3_000; i++) { // let the JIT compile the loops first
      body.run();
    }
    assertThat(AllocationMeter.fewestBytesPerCall(body, 200, new long[4])).isEqualTo(0.0);
  }

  @Test
  void shortWorkspaces_areRejected() {
    TabularMdp m = slipGrid(3, 3, 0.3, 0.9);
    VisitationCsr.Incoming in = VisitationCsr.incoming(m);
    double[] pi = TabularPolicy.uniform(9, 5).toArray();
    assertThatThrownBy(() -> VisitationCsr.propagate(in, pi, new double[9], 1, new double[9],
        new double[44])).hasMessageContaining("workspace has length 44, needs 45");
    assertThatThrownBy(() -> VisitationCsr.solveDiscounted(in, pi, 0.9, new double[9],
        new double[9], new double[10])).hasMessageContaining("workspace has length 10");
  }
}
