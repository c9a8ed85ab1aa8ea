package org.gridrl.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaGradTest extends CombinerTestBase {

  private static final int GRID = 600;
  private static final int ANGLES = 200_000;

  @Test
  void twoTasks_orthogonal_isOnePlusCTimesTheMean() {
    // g0 = (½,½), √φ = ½·‖g0‖; by symmetry w = (½,½), g_w = g0, d = (1 + c)·g0 = (¾,¾).
    CaGrad cagrad = new CaGrad();
    assertClose(new double[] {0.75, 0.75},
        combine(cagrad, new double[] {1, 0}, new double[] {0, 1}), TIGHT);
    assertClose(new double[] {0.5, 0.5}, cagrad.weights(new double[2]), TIGHT);
  }

  @Test
  void twoTasks_conflicting_handSolvedDual() {
    // g1 = (1,0), g2 = (−1,1): g0 = (0,½), √φ = ¼. With w = (p, 1−p):
    // F(p) = ½(1−p) + ¼·√(5p² − 6p + 2), F'(1) = −½ + ¼·4/2 = 0, so w* = (1,0), g_w = (1,0),
    // d = g0 + ¼·(1,0) = (¼,½), and g1·d = g2·d = ¼ = F(1).
    CaGrad cagrad = new CaGrad();
    double[] d = combine(cagrad, new double[] {1, 0}, new double[] {-1, 1});
    assertClose(new double[] {0.25, 0.5}, d, 1e-9);
    assertClose(new double[] {1, 0}, cagrad.weights(new double[2]), 1e-9);
    // The official code's rescaling divides by 1 + c² = 1.25.
    CaGrad rescaled = new CaGrad(CaGrad.Config.defaults().withRescale(true));
    assertClose(new double[] {0.2, 0.4},
        combine(rescaled, new double[] {1, 0}, new double[] {-1, 1}), 1e-9);
  }

  @Test
  void parallel_movesToTheBallsFarEnd() {
    // g1 = (1,0), g2 = (3,0): g0 = (2,0), √φ = 1; F(w) = 3·(g_w)_1, least at g_w = g1;
    // d = (2,0) + (1,0) = (3,0), the point of the ball maximising min(d1, 3·d1).
    assertClose(new double[] {3, 0},
        combine(new CaGrad(), new double[] {1, 0}, new double[] {3, 0}), 1e-9);
  }

  @Test
  void zeroGradient_givesTheMean_noNaN() {
    // g1 = 0: F(w) = ¾·(1 − w1), least at w = (1,0) where g_w = 0; d = g0 = (½, 0), which
    // attains the optimum min(0, d1) = 0.
    assertClose(new double[] {0.5, 0},
        combine(new CaGrad(), new double[] {0, 0}, new double[] {1, 0}), 1e-9);
    assertClose(new double[] {0, 0},
        combine(new CaGrad(), new double[] {0, 0}, new double[] {0, 0}), 0);
  }

  @Test
  void threeTasks_handSolved() {
    // (1,0), (0,1), (1,1): g0 = (⅔,⅔), √φ = √2/3; on symmetric w = (p,p,1−2p), g_w = (1−p)(1,1)
    // and F = 2(1−p), least at p = ½: g_w = (½,½), λ = (√2/3)/(√2/2) = ⅔, d = (1,1); the worst
    // improvement min(1, 1, 2) = 1 = F.
    CaGrad cagrad = new CaGrad();
    assertClose(new double[] {1, 1}, combine(cagrad, new double[] {1, 0},
        new double[] {0, 1}, new double[] {1, 1}), 1e-9);
    assertClose(new double[] {0.5, 0.5, 0}, cagrad.weights(new double[3]), 1e-9);
  }

  @Test
  void cZero_isTheMean_oneTask_isOnePlusC() {
    CaGrad mean = new CaGrad(CaGrad.Config.defaults().withC(0));
    assertClose(new double[] {0, 0.5},
        combine(mean, new double[] {1, 0}, new double[] {-1, 1}), TIGHT);
    assertClose(new double[] {1.5, -3}, combine(new CaGrad(), new double[] {1, -2}), TIGHT);
  }

  @Test
  void config_rejectsNegativeC() {
    assertThatThrownBy(() -> CaGrad.Config.defaults().withC(-0.1))
        .hasMessageContaining("c must be");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void threeTasksInThePlane_matchBruteForceOverBallAndSimplex(int seed) {
    Random r = new Random(345 + seed);
    double[][] g = randomGradients(r, 3, 2);
    double c = 0.5;
    CaGrad cagrad = new CaGrad();
    double[] d = combine(cagrad, g);
    assertThat(cagrad.converged()).isTrue();
    double s = scale(g);
    double[] g0 = mix(g, new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3});
    double radius = c * Math.sqrt(dot(g0, g0));
    // Feasible: ‖d − g0‖ ≤ c‖g0‖.
    double[] dev = {d[0] - g0[0], d[1] - g0[1]};
    assertThat(Math.sqrt(dot(dev, dev))).isLessThanOrEqualTo(radius * (1 + 1e-12) + 1e-15);
    double ours = worst(g, d);
    // Primal brute force: the concave min_i g_i·d over the ball, sampled on its boundary circle
    // and at its centre; ours is at least as good and close to the best sample.
    double best = worst(g, g0);
    for (int k = 0; k < ANGLES; k++) {
      double a = 2 * Math.PI * k / ANGLES;
      best = Math.max(best, worst(g, new double[] {g0[0] + radius * Math.cos(a),
          g0[1] + radius * Math.sin(a)}));
    }
    assertThat(ours).isGreaterThanOrEqualTo(best - 1e-10 * s);
    assertThat(ours - best).isLessThanOrEqualTo(2 * Math.sqrt(s) * radius * Math.PI / ANGLES);
    // Dual brute force over the simplex grid; no duality gap: F(w*) = min_i g_i·d*.
    double dualBest = Double.POSITIVE_INFINITY;
    for (int i = 0; i <= GRID; i++) {
      for (int j = 0; i + j <= GRID; j++) {
        dualBest = Math.min(dualBest, dual(g, g0, radius, new double[] {(double) i / GRID,
            (double) j / GRID, (double) (GRID - i - j) / GRID}));
      }
    }
    double dualOurs = dual(g, g0, radius, cagrad.weights(new double[3]));
    assertThat(dualOurs).isLessThanOrEqualTo(dualBest + 1e-12 * s);
    assertThat(dualOurs).isCloseTo(ours, within(1e-9 * s));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  void moreTasksAndDimensions_primalEqualsDual(int seed) {
    // Strong duality certifies the answer without a grid: a feasible d and a w with
    // min_i g_i·d = F(w) are both optimal.
    Random r = new Random(345 + seed);
    int numTasks = 2 + seed;
    double[][] g = randomGradients(r, numTasks, 7);
    CaGrad cagrad = new CaGrad();
    double[] d = combine(cagrad, g);
    assertThat(cagrad.converged()).isTrue();
    double[] uniform = new double[numTasks];
    java.util.Arrays.fill(uniform, 1.0 / numTasks);
    double[] g0 = mix(g, uniform);
    double radius = 0.5 * Math.sqrt(dot(g0, g0));
    assertThat(dual(g, g0, radius, cagrad.weights(new double[numTasks])))
        .isCloseTo(worst(g, d), within(1e-9 * scale(g)));
  }

  @Test
  void fiftyTasks_convergeAndPrimalEqualsDual() {
    Random r = new Random(345);
    double[][] g = randomGradients(r, 50, 200);
    CaGrad cagrad = new CaGrad();
    double[] d = combine(cagrad, g);
    assertThat(cagrad.converged()).isTrue();
    double[] uniform = new double[50];
    java.util.Arrays.fill(uniform, 1.0 / 50);
    double[] g0 = mix(g, uniform);
    double radius = 0.5 * Math.sqrt(dot(g0, g0));
    assertThat(dual(g, g0, radius, cagrad.weights(new double[50])))
        .isCloseTo(worst(g, d), within(1e-9 * scale(g)));
  }

  /** min_i g_i·d. */
  private static double worst(double[][] g, double[] d) {
    double m = Double.POSITIVE_INFINITY;
    for (double[] gi : g) {
      m = Math.min(m, dot(gi, d));
    }
    return m;
  }

  /** F(w) = g_w·g0 + √φ·‖g_w‖. */
  private static double dual(double[][] g, double[] g0, double radius, double[] w) {
    double[] gw = mix(g, w);
    return dot(gw, g0) + radius * Math.sqrt(dot(gw, gw));
  }
}
