package org.gridrl.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MgdaTest extends CombinerTestBase {

  /** The brute-force simplex grid: w = (i, j, N − i − j)/N. */
  private static final int GRID = 600;

  @Test
  void twoTasks_orthogonal_isTheMidpoint() {
    Mgda mgda = new Mgda();
    assertClose(new double[] {0.5, 0.5},
        combine(mgda, new double[] {1, 0}, new double[] {0, 1}), TIGHT);
    assertClose(new double[] {0.5, 0.5}, mgda.weights(new double[2]), TIGHT);
  }

  @Test
  void twoTasks_conflicting_closedFormOfTheSegment() {
    // min over w of ‖w·g1 + (1−w)·g2‖², G = [[1,−1],[−1,2]]: w = (G22 − G12)/(G11 − 2G12 + G22)
    // = 3/5; d = (3/5)(1,0) + (2/5)(−1,1) = (1/5, 2/5), and g1·d = g2·d = ‖d‖² = 1/5.
    Mgda mgda = new Mgda();
    assertClose(new double[] {0.2, 0.4},
        combine(mgda, new double[] {1, 0}, new double[] {-1, 1}), TIGHT);
    assertClose(new double[] {0.6, 0.4}, mgda.weights(new double[2]), TIGHT);
  }

  @Test
  void twoTasks_notConflicting_minNormIsAVertex() {
    // g1·g2 = 1 ≥ ‖g1‖² = 1: the segment's closest point to 0 is g1.
    Mgda mgda = new Mgda();
    assertClose(new double[] {1, 0},
        combine(mgda, new double[] {1, 0}, new double[] {1, 1}), TIGHT);
    assertClose(new double[] {1, 0}, mgda.weights(new double[2]), TIGHT);
  }

  @Test
  void parallel_isTheShorter() {
    assertClose(new double[] {1, 0},
        combine(new Mgda(), new double[] {1, 0}, new double[] {2, 0}), TIGHT);
  }

  @Test
  void zeroGradient_givesZero_noNaN() {
    assertClose(new double[] {0, 0},
        combine(new Mgda(), new double[] {0, 0}, new double[] {1, 2}), TIGHT);
    Mgda mgda = new Mgda();
    assertClose(new double[] {0, 0},
        combine(mgda, new double[] {0, 0}, new double[] {0, 0}), 0);
    assertThat(mgda.converged()).isTrue();
  }

  @Test
  void threeTasks_handCases() {
    // (1,0), (0,1), (1,1): the hull's closest point is (½,½) on the first edge, w = (½,½,0).
    Mgda mgda = new Mgda();
    assertClose(new double[] {0.5, 0.5}, combine(mgda, new double[] {1, 0},
        new double[] {0, 1}, new double[] {1, 1}), TIGHT);
    assertClose(new double[] {0.5, 0.5, 0}, mgda.weights(new double[3]), TIGHT);
    // (1,0), (−1,1), (0,−1): 0 = (g1 + g2 + g3)/3 is in the hull, uniquely at w = 1/3.
    assertClose(new double[] {0, 0}, combine(mgda, new double[] {1, 0},
        new double[] {-1, 1}, new double[] {0, -1}), TIGHT);
    assertClose(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, mgda.weights(new double[3]), TIGHT);
  }

  @Test
  void oneTask_isItsGradient() {
    assertClose(new double[] {3, -4}, combine(new Mgda(), new double[] {3, -4}), 0);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void threeTasks_minNormMatchesBruteForceGrid_andKkt(int seed) {
    Random r = new Random(345 + seed);
    int dim = 2 + seed % 3; // 2: zero is often in the hull; 3, 4: it rarely is
    double[][] g = randomGradients(r, 3, dim);
    Mgda mgda = new Mgda();
    double[] d = combine(mgda, g);
    double s = scale(g);
    assertThat(mgda.converged()).isTrue();
    // The min-norm value: no grid point beats it; the best grid point is within the grid's
    // error bound ‖∇‖·h-ish: 2·s·(2/N) + s·(2/N)².
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i <= GRID; i++) {
      for (int j = 0; i + j <= GRID; j++) {
        double[] w = {(double) i / GRID, (double) j / GRID, (double) (GRID - i - j) / GRID};
        double[] x = mix(g, w);
        best = Math.min(best, dot(x, x));
      }
    }
    double ours = dot(d, d);
    assertThat(ours).isLessThanOrEqualTo(best + 1e-12 * s);
    assertThat(best - ours).isLessThanOrEqualTo(4 * s / GRID + 4 * s / ((double) GRID * GRID));
    // KKT: every g_i·d ≥ ‖d‖² − tol, with equality on the support of w.
    double[] w = mgda.weights(new double[3]);
    for (int i = 0; i < 3; i++) {
      assertThat(dot(g[i], d)).as("g_%d·d", i).isGreaterThanOrEqualTo(ours - 1e-10 * s);
      if (w[i] > 1e-9) {
        assertThat(dot(g[i], d)).as("g_%d·d on the support", i)
            .isCloseTo(ours, within(1e-9 * s));
      }
    }
    // d is the mix of the reported weights.
    assertClose(mix(g, w), d, 1e-12);
  }

  @Test
  void manyTasks_convergesAndSatisfiesKkt() {
    Random r = new Random(345);
    double[][] g = randomGradients(r, 50, 200);
    Mgda mgda = new Mgda();
    double[] d = combine(mgda, g);
    assertThat(mgda.converged()).isTrue();
    double s = scale(g);
    for (int i = 0; i < 50; i++) {
      assertThat(dot(g[i], d)).isGreaterThanOrEqualTo(dot(d, d) - 1e-10 * s);
    }
  }
  @Test
  void iterationCap_isReportedAsNotConverged_andStillAMixOfTheGradients() {
    Random r = new Random(345);
    double[][] g = randomGradients(r, 6, 4);
    Mgda capped = new Mgda(Mgda.Config.defaults().withMaxIterations(1));
    double[] d = combine(capped, g);
    assertThat(capped.converged()).isFalse();
    assertThat(capped.iterations()).isEqualTo(1);
    double[] w = capped.weights(new double[6]);
    assertThat(java.util.Arrays.stream(w).sum()).isCloseTo(1, within(TIGHT));
    assertClose(mix(g, w), d, 1e-12);
  }
}
