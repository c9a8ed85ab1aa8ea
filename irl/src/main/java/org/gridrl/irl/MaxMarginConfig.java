package org.gridrl.irl;

import java.util.Objects;

/**
 * Hyperparameters of {@link MaxMarginIrl}.
 *
 * @param method the projection method (Abbeel &amp; Ng 2004) or structured max-margin with
 *     slack (Ratliff, Bagnell &amp; Zinkevich 2006)
 * @param maxIterations cap on iterations ≥ 1 (default 100)
 * @param tolerance projection: stop when the margin t = |μ_D − μ̄| ≤ this; structured: stop
 *     when the subgradient norm is ≤ this; &gt; 0 (default 1e-6)
 * @param slackPenalty C &gt; 0, the weight of the slack ξ in ½|w|² + C·ξ (default 10; structured
 *     only)
 * @param learningRate α &gt; 0, the length α/√i of the i-th normalised subgradient step
 *     (default 0.1; structured only)
 */
public record MaxMarginConfig(Method method, int maxIterations, double tolerance,
    double slackPenalty, double learningRate) {

  /** Which of the two max-margin forms. */
  public enum Method {
    /** Apprenticeship learning by the projection method (Abbeel &amp; Ng 2004, §3.1). */
    PROJECTION,
    /** Structured max-margin with slack and loss-augmented planning (Ratliff et al. 2006). */
    STRUCTURED
  }

  /** Validates every field; messages name the field and value. */
  public MaxMarginConfig {
    Objects.requireNonNull(method, "method");
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
    }
    if (!(slackPenalty > 0) || Double.isInfinite(slackPenalty)) {
      throw new IllegalArgumentException("slackPenalty must be finite and > 0, got "
          + slackPenalty);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be finite and > 0, got "
          + learningRate);
    }
  }

  /** The given method with 100 iterations, tolerance 1e-6, C = 10, α = 0.1. */
  public static MaxMarginConfig defaults(Method method) {
    return new MaxMarginConfig(method, 100, 1e-6, 10, 0.1);
  }

  public MaxMarginConfig withMethod(Method v) {
    return new MaxMarginConfig(v, maxIterations, tolerance, slackPenalty, learningRate);
  }

  public MaxMarginConfig withMaxIterations(int v) {
    return new MaxMarginConfig(method, v, tolerance, slackPenalty, learningRate);
  }

  public MaxMarginConfig withTolerance(double v) {
    return new MaxMarginConfig(method, maxIterations, v, slackPenalty, learningRate);
  }

  public MaxMarginConfig withSlackPenalty(double v) {
    return new MaxMarginConfig(method, maxIterations, tolerance, v, learningRate);
  }

  public MaxMarginConfig withLearningRate(double v) {
    return new MaxMarginConfig(method, maxIterations, tolerance, slackPenalty, v);
  }
}
