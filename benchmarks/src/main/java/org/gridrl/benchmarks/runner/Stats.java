package org.gridrl.benchmarks.runner;

/**
 * Mean and sample standard deviation of one metric across seeds, as {@code summary.json} reports
 * it: mean = Σ x_i / n, std = √(Σ (x_i − mean)² / (n − 1)) (the sample form; {@code null} for
 * n = 1, where it is undefined), plus min and max.
 *
 * @param n the number of seeds
 * @param mean the mean
 * @param std the sample standard deviation, {@code null} when n = 1
 * @param min the smallest value
 * @param max the largest value
 */
public record Stats(int n, double mean, Double std, double min, double max) {

  /**
   * The statistics of {@code values}: two passes, each over x_i − x_0 (so equal values give
   * exactly their value and std 0, and the variance is not a difference of large squares).
   *
   * @param values at least one finite value. Not modified.
   */
  public static Stats of(double[] values) {
    int n = values.length;
    if (n == 0) {
      throw new IllegalArgumentException("need at least one value");
    }
    double x0 = values[0];
    double shiftedSum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      shiftedSum += v - x0;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double shiftedMean = shiftedSum / n;
    double mean = x0 + shiftedMean;
    Double std = null;
    if (n > 1) {
      double ss = 0;
      for (double v : values) {
        double d = (v - x0) - shiftedMean;
        ss += d * d;
      }
      std = Math.sqrt(ss / (n - 1));
    }
    return new Stats(n, mean, std, min, max);
  }

  /** "mean ± std" with 6 significant digits, or just the mean for one seed. */
  public String format() {
    String m = String.format("%.6g", mean);
    return std == null ? m : m + " ± " + String.format("%.2g", std);
  }
}
