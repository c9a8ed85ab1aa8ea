package org.gridrl.benchmarks.experiments.multitask;

import java.util.List;
import org.gridrl.core.util.Check;

/**
 * What {@link MultitaskGrid} and {@link MultitaskConflict} share besides their runs
 * ({@link org.gridrl.benchmarks.runner.SeedRuns}): the config check of an ordered subset and the
 * finite points of a curve.
 */
final class MultitaskChecks {

  private MultitaskChecks() {
  }

  /**
   * Checks that {@code xs} is a non-empty subset of {@code all}, distinct and in its order.
   *
   * @param name the field, for the messages
   * @return an unmodifiable copy
   */
  static List<String> ordered(String name, List<String> xs, List<String> all) {
    Check.argument(xs != null && !xs.isEmpty(), "%s must not be empty", name);
    for (String x : xs) {
      Check.argument(all.contains(x), "%s must be among %s, got %s", name, all, x);
    }
    Check.argument(all.stream().filter(xs::contains).toList().equals(xs),
        "%s must be distinct and in the order %s, got %s", name, all, xs);
    return List.copyOf(xs);
  }

  /** The points of (x, y) where y is not NaN, as {@code [x, y]}. */
  static List<double[]> finite(double[] x, double[] y) {
    int n = 0;
    for (double v : y) {
      n += Double.isNaN(v) ? 0 : 1;
    }
    double[] fx = new double[n];
    double[] fy = new double[n];
    for (int i = 0, j = 0; i < y.length; i++) {
      if (!Double.isNaN(y[i])) {
        fx[j] = x[i];
        fy[j++] = y[i];
      }
    }
    return List.of(fx, fy);
  }
}
