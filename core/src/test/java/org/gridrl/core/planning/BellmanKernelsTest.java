package org.gridrl.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.testing.RandomMdpCase;
import org.gridrl.core.testing.RandomMdps;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.AllocationMeter;
import org.junit.jupiter.api.Test;

class BellmanKernelsTest extends TestBase {

  /** One prior or plain CSR sweep of [begin, end) with a fresh workspace. */
  private static double softSweep(TabularMdp m, double[] prior, double gamma, double tau,
      double[] v, double[] vNew, int begin, int end) {
    double[] work = new double[SoftValueCsr.workspaceLength(m.numActions())];
    return prior == null ? SoftValueCsr.sweep(m, gamma, tau, v, vNew, begin, end, work)
        : SoftValueCsr.sweepPrior(m, prior, gamma, tau, v, vNew, begin, end, work);
  }

  @Test
  void softSweep_rowBlocks_giveBitIdenticalResultsToOneFullSweep() {
    TabularMdp m = RandomMdps.random(21, 300, 4, 5, 0.9, 0.1);
    double[] prior = RandomMdpCase.randomPolicy(300, 4, rand).toArray();
    double[] v = new double[300];
    for (int s = 0; s < 300; s++) {
      v[s] = m.isTerminal(s) ? 0 : rand.nextGaussian();
    }
    for (double[] pri : new double[][] {null, prior}) {
      double[] vFull = new double[300];
      double resFull = softSweep(m, pri, m.gamma(), 0.7, v, vFull, 0, 300);
      double[] qFull = new double[1200];
      SoftValueCsr.qValues(m, m.gamma(), v, qFull, 0, 300);
      double[] piFull = new double[1200];
      SoftValueCsr.policy(4, m.terminals(), pri, 0.7, qFull, piFull, 0, 300);
      double[] vBlocks = new double[300];
      double[] qBlocks = new double[1200];
      double[] piBlocks = new double[1200];
      double res = 0;
      int[] cuts = {0, 13, 14, 137, 250, 300};
      for (int i = 0; i + 1 < cuts.length; i++) {
        res = Math.max(res, softSweep(m, pri, m.gamma(), 0.7, v, vBlocks, cuts[i], cuts[i + 1]));
        SoftValueCsr.qValues(m, m.gamma(), v, qBlocks, cuts[i], cuts[i + 1]);
        SoftValueCsr.policy(4, m.terminals(), pri, 0.7, qBlocks, piBlocks, cuts[i], cuts[i + 1]);
      }
      assertThat(vBlocks).containsExactly(vFull);
      assertThat(qBlocks).containsExactly(qFull);
      assertThat(piBlocks).containsExactly(piFull);
      assertThat(res).isEqualTo(resFull);
    }
  }

  @Test
  void softSweep_nonFiniteInput_propagatesToResidual() {
    TabularMdp m = RandomMdps.random(2, 6, 2, 0.9);
    double[] prior = RandomMdpCase.randomPolicy(6, 2, rand).toArray();
    double[] v = new double[6];
    double[] q = new double[12];
    double[] vNew = new double[6];
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY}) {
      Arrays.fill(v, 0);
      v[m.successors()[0]] = bad; // a successor of state 0
      assertThat(Double.isFinite(softSweep(m, null, m.gamma(), 1.0, v, vNew, 0, 6))).isFalse();
      assertThat(Double.isFinite(softSweep(m, prior, m.gamma(), 1.0, v, vNew, 0, 6))).isFalse();
      assertThat(Double.isFinite(HardBellmanCsr.sweep(m, v, q, vNew))).isFalse();
    }
  }

  @Test
  void softSweep_largeQGaps_needNoOverflowingExponent() {
    // Q gaps of 1e4 at τ = 1e-3: a naive exp(Q/τ) overflows, the shifted form gives max Q
    TabularMdp m = TabularMdp.builder(1, 3).gamma(0).reward(0, 0, 1e4).reward(0, 1, -1e4)
        .reward(0, 2, 3).transition(0, 0, 0, 1).transition(0, 1, 0, 1).transition(0, 2, 0, 1)
        .build();
    double[] vNew = new double[1];
    softSweep(m, null, 0.0, 1e-3, new double[1], vNew, 0, 1);
    assertThat(vNew[0]).isEqualTo(1e4);
    softSweep(m, new double[] {0.2, 0.3, 0.5}, 0.0, 1e-3, new double[1], vNew, 0, 1);
    assertThat(vNew[0]).isEqualTo(1e4 + 1e-3 * Math.log(0.2));
  }

  @Test
  void greedy_tiesGoToLowestAction() {
    TabularMdp m = RandomMdps.random(2, 3, 3, 0.5);
    int[] actions = new int[3];
    HardBellmanCsr.greedy(m, new double[] {1, 3, 3, 2, 2, 2, -1, -5, 0}, actions);
    assertThat(actions).containsExactly(1, 0, 2);
  }

  @Test
  void visitationStep_movesMassAndDropsTerminals() {
    // 0 -> {1: 0.25, 2: 0.75}, 1 -> 0, 2 terminal (its listed row 2 -> 0 is ignored)
    TabularMdp m = TabularMdp.builder(3, 1).transition(0, 0, 1, 0.25).transition(0, 0, 2, 0.75)
        .transition(1, 0, 0, 1).transition(2, 0, 0, 1).terminal(2).build();
    double[] out = new double[3];
    double mass = VisitationCsr.propagate(m, new double[] {1, 1, 1}, new double[] {0.5, 0.2, 0.3},
        0.9, out);
    assertClose(new double[] {0.9 * 0.2, 0.9 * 0.125, 0.9 * 0.375}, out, TIGHT);
    assertClose(0.9 * 0.7, mass, TIGHT);
  }

  @Test
  void softSweep_allocatesNothing() {
    assumeTrue(AllocationMeter.supported());
    TabularMdp m = RandomMdps.random(8, 200, 4, 0.9);
    double[] prior = RandomMdpCase.randomPolicy(200, 4, rand).toArray();
    double[] v = new double[200];
    double[] q = new double[800];
    double[] vNew = new double[200];
    double[] pi = new double[800];
    double[] d = new double[200];
    double[] dNext = new double[200];
    double[] work = new double[SoftValueCsr.workspaceLength(4)];
    for (int i = 0; i < 2_000; i++) { // let the JIT compile the loops first
      kernels(m, i % 2 == 0 ? null : prior, v, q, vNew, pi, d, dNext, work);
    }
    long before = AllocationMeter.threadBytes();
    for (int i = 0; i < 200; i++) {
      kernels(m, i % 2 == 0 ? null : prior, v, q, vNew, pi, d, dNext, work);
    }
    long allocated = AllocationMeter.threadBytes() - before;
    // 1000 kernel calls; a per-call allocation would show as tens of kilobytes
    assertThat(allocated).isLessThan(4096);
  }

  private static void kernels(TabularMdp m, double[] prior, double[] v, double[] q,
      double[] vNew, double[] pi, double[] d, double[] dNext, double[] work) {
    if (prior == null) {
      SoftValueCsr.sweep(m, 0.9, 1.0, v, vNew, 0, 200, work);
    } else {
      SoftValueCsr.sweepPrior(m, prior, 0.9, 1.0, v, vNew, 0, 200, work);
    }
    SoftValueCsr.qValues(m, 0.9, v, q, 0, 200);
    SoftValueCsr.policy(4, m.terminals(), prior, 1.0, q, pi, 0, 200);
    HardBellmanCsr.sweep(m, v, q, vNew);
    VisitationCsr.propagate(m, pi, d, 0.9, dNext);
  }
}
