package org.gridrl.benchmarks.experiments.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gridrl.benchmarks.experiments.multitask.ConflictingToy.Variant;
import org.junit.jupiter.api.Test;

class PcGradToyTest {

  private static double[] losses(Variant v, double t1, double t2) {
    double[] l = new double[2];
    ConflictingToy.evaluate(v, t1, t2, l, null);
    return l;
  }

  @Test
  void log10Losses_matchHandValues() {
    // (0, 0): |0.5·0 + tanh 0| = 0 is clamped to 5e-6; |0 − 0 + 2| = 2
    assertThat(losses(Variant.LOG10, 0, 0)[0]).isCloseTo(20 * Math.log10(5e-6), within(1e-12));
    assertThat(losses(Variant.LOG10, 0, 0)[0]).isCloseTo(-106.0206, within(1e-4));
    assertThat(losses(Variant.LOG10, 0, 0)[1]).isCloseTo(7.52575, within(1e-5));
    // (2, 0): |1| → 0; |1 + 2| = 3 → 25·log10 3
    assertThat(losses(Variant.LOG10, 2, 0)[0]).isCloseTo(0, within(1e-15));
    assertThat(losses(Variant.LOG10, 2, 0)[1]).isCloseTo(11.92803, within(1e-5));
  }

  @Test
  void gatedLosses_matchHandValues() {
    // θ2 = 0: both gates tanh(0) = 0
    assertThat(losses(Variant.GATED, 3, 0)).containsExactly(0.0, 0.0);
    // (7, −8): c1 = 0, c2 = tanh 4; q1 = 0/10 − 20, q2 = 14²/10 − 20 = −0.4
    double c2 = Math.tanh(4);
    assertThat(losses(Variant.GATED, 7, -8)[0]).isCloseTo(-20 * c2, within(1e-12));
    assertThat(losses(Variant.GATED, 7, -8)[1]).isCloseTo(-0.4 * c2, within(1e-12));
    // (0, 2): c1 = tanh 1, f1 = ln|−3.5 + tanh 2| + 6, f2 = ln|3.5 − tanh 2| + 6, no bowl
    double f1 = Math.log(Math.abs(-3.5 + Math.tanh(2))) + 6;
    double f2 = Math.log(Math.abs(3.5 - Math.tanh(2))) + 6;
    assertThat(losses(Variant.GATED, 0, 2)[0]).isCloseTo(Math.tanh(1) * f1, within(1e-12));
    assertThat(losses(Variant.GATED, 0, 2)[1]).isCloseTo(Math.tanh(1) * f2, within(1e-12));
  }

  @Test
  void gradients_matchCentralFiniteDifferences() {
    double[][] points = {{0.5, -3}, {-8.5, 7.5}, {-8.5, -5}, {9, 9}, {6, -8}, {1.3, 0.7},
        {-2.2, -0.4}, {0, -8.3552}};
    double h = 1e-6;
    for (Variant v : Variant.values()) {
      for (double[] p : points) {
        double[] l = new double[2];
        double[][] g = new double[2][2];
        ConflictingToy.evaluate(v, p[0], p[1], l, g);
        for (int k = 0; k < 2; k++) {
          for (int d = 0; d < 2; d++) {
            double[] plus = p.clone();
            double[] minus = p.clone();
            plus[d] += h;
            minus[d] -= h;
            double fd = (losses(v, plus[0], plus[1])[k] - losses(v, minus[0], minus[1])[k])
                / (2 * h);
            assertThat(g[k][d]).as("%s at (%s, %s): dL%d/dθ%d", v, p[0], p[1], k + 1, d + 1)
                .isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
          }
        }
      }
    }
  }

  @Test
  void gatedMinimum_isStationaryForTheSum() {
    double[] l = new double[2];
    double[][] g = new double[2][2];
    ConflictingToy.evaluate(Variant.GATED, 0, -8.3552, l, g);
    assertThat(g[0][0] + g[1][0]).isCloseTo(0, within(1e-12));
    assertThat(g[0][1] + g[1][1]).isCloseTo(0, within(1e-4));
  }

  /**
   * From the reimplementation's start (0.5, −3), 500 000 Adam steps (lr 0.001): the summed
   * gradient stalls on L1's valley floor near (1.83, −1.56), where L2 ≈ 14.6 (measured: max(L1,
   * L2) = 14.58); PCGrad crosses into the joint valley near (−2.00, 6.13) (measured: max(L1, L2)
   * = −53.4). Pinned with wide margins against the −20 threshold.
   */
  @Test
  void log10_fromTheReferenceStart_sumStalls_pcgradGetsThrough() {
    PcGradToyConfig config = PcGradToyConfig.defaults();
    double[] start = PcGradToy.start(config, 1);
    assertThat(start).containsExactly(0.5, -3.0);
    PcGradToy.Run sum = PcGradToy.simulate(Variant.LOG10, "sum", 1, start, config);
    PcGradToy.Run pc = PcGradToy.simulate(Variant.LOG10, "pcgrad", 1, start, config);
    int last = sum.theta1().length - 1;
    assertThat(sum.reached()).isFalse();
    assertThat(sum.stepsToReach()).isEqualTo(-1);
    assertThat(Math.max(sum.l1()[last], sum.l2()[last])).isGreaterThan(5);
    assertThat(sum.theta1()[last]).isCloseTo(1.83, within(0.2));
    assertThat(sum.theta2()[last]).isCloseTo(-1.56, within(0.3));
    assertThat(pc.reached()).isTrue();
    assertThat(Math.max(pc.l1()[last], pc.l2()[last])).isLessThan(-35);
    assertThat(pc.theta1()[last]).isCloseTo(-2.0, within(0.05));
    assertThat(pc.theta2()[last]).isGreaterThan(4);
    assertThat(pc.steps()[last]).isEqualTo(500_000);
  }

  @Test
  void sameSeed_sameTrajectory() {
    PcGradToyConfig config = PcGradToyConfig.defaults().withGatedSteps(3000);
    double[] s = PcGradToy.start(config, 99);
    assertThat(s[0]).isBetween(-10.0, 10.0);
    PcGradToy.Run a = PcGradToy.simulate(Variant.GATED, "cagrad", 99, s, config);
    PcGradToy.Run b = PcGradToy.simulate(Variant.GATED, "cagrad", 99, PcGradToy.start(config, 99),
        config);
    assertThat(a.theta1()).containsExactly(b.theta1());
    assertThat(a.theta2()).containsExactly(b.theta2());
  }

  @Test
  void config_rejectsABadStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PcGradToyConfig.defaults()
        .withStarts(List.of(List.of(1.0)))).hasMessageContaining("two finite numbers");
  }
}
