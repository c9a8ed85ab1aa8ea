package org.gridrl.benchmarks.runner;

/**
 * A metric came out NaN or infinite. The message is one line naming the metric, the seed and the
 * iteration, e.g. {@code metric 'planning/residual' is NaN at seed 3, iteration 12}.
 */
public final class NonFiniteMetricException extends ArithmeticException {

  private final String metric;
  private final long seed;
  private final long iteration;
  private final double value;

  /** The metric {@code metric} had the non-finite {@code value} at (seed, iteration). */
  public NonFiniteMetricException(String metric, long seed, long iteration, double value) {
    this("metric '" + metric + "' is " + value + " at seed " + seed + ", iteration " + iteration,
        metric, seed, iteration, value);
  }

  private NonFiniteMetricException(String message, String metric, long seed, long iteration,
      double value) {
    super(message);
    this.metric = metric;
    this.seed = seed;
    this.iteration = iteration;
    this.value = value;
  }

  /** A seed's final metric {@code metric} was the non-finite {@code value} (iteration −1). */
  public static NonFiniteMetricException finalMetric(String metric, long seed, double value) {
    return new NonFiniteMetricException("final metric '" + metric + "' of seed " + seed + " is "
        + value, metric, seed, -1, value);
  }

  /** The metric's name. */
  public String metric() {
    return metric;
  }

  /** The seed whose run produced it. */
  public long seed() {
    return seed;
  }

  /** The iteration that produced it; −1 for a final metric. */
  public long iteration() {
    return iteration;
  }

  /** The offending value (NaN or ±infinity). */
  public double value() {
    return value;
  }
}
