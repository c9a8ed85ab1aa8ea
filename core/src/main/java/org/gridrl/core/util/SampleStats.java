package org.gridrl.core.util;

/**
 * The mean x̄ = (1/m) Σ x_i of a sample and the standard error of that mean,
 * s/√m with s² = Σ (x_i − x̄)²/(m − 1), each summed in index order (so the same sample gives the
 * same bits). Nothing is allocated.
 */
public final class SampleStats {

  private SampleStats() {
  }

  /**
   * x̄ = (1/m) Σ x_i.
   *
   * @param x the sample, m ≥ 1 values. Not modified.
   */
  public static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  /**
   * s/√m, the standard error of the mean, with the sample variance s² (divisor m − 1); NaN for
   * m = 1, where it is undefined.
   *
   * @param x the sample, m ≥ 1 values. Not modified.
   */
  public static double standardError(double[] x) {
    int m = x.length;
    double mean = mean(x);
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / (m - 1) / m);
  }
}
