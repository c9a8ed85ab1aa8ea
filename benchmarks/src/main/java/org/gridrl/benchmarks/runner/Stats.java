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
   * The statistics of {@code values} (two-pass, so the variance is not a difference of squares).
   *
   * @param values at least one finite value. Not modified.
   */
  public static Stats of(double[] values) {
    int n = values.length;
    if (n == 0) {
      throw new IllegalArgumentException("need at least one value");
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double mean = sum / n;
    Double std = null;
    if (n > 1) {
      double ss = 0;
      for (double v : values) {
        ss += (v - mean) * (v - mean);
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
