package org.gridrl.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

/** Base for the combiner tests: tolerances, array assertions, seeded random gradients. */
abstract class CombinerTestBase {

  /** Round-off agreement on hand cases of size O(1). */
  static final double TIGHT = 1e-12;

  /** Asserts entry-wise agreement within tol, and that nothing is NaN. */
  static void assertClose(double[] expected, double[] actual, double tol) {
    assertThat(actual).as("length").hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("entry %d", i).isNotNaN().isCloseTo(expected[i], within(tol));
    }
  }

  /** Combines {@code rows} (T × dim) into a new array. */
  static double[] combine(GradientCombiner combiner, double[]... rows) {
    double[] out = new double[rows[0].length];
    combiner.combine(rows, rows.length, rows[0].length, out);
    return out;
  }

  /** T × dim entries uniform in [−1, 1]. */
  static double[][] randomGradients(Random r, int numTasks, int dim) {
    double[][] g = new double[numTasks][dim];
    for (double[] row : g) {
      for (int j = 0; j < dim; j++) {
        row[j] = 2 * r.nextDouble() - 1;
      }
    }
    return g;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Σ_k w_k g_k. */
  static double[] mix(double[][] g, double[] w) {
    double[] d = new double[g[0].length];
    for (int k = 0; k < g.length; k++) {
      for (int j = 0; j < d.length; j++) {
        d[j] += w[k] * g[k][j];
      }
    }
    return d;
  }

  /** max over (i, j) of G_ii. */
  static double scale(double[][] g) {
    double m = 0;
    for (double[] row : g) {
      m = Math.max(m, dot(row, row));
    }
    return m;
  }
}
