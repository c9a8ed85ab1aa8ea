package org.gridrl.irl;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link MaxMarginIrl}. Vary them with the generated {@code withX} methods
 * ({@code MaxMarginConfig.defaults(STRUCTURED).withMaxIterations(300)}) or
 * {@code with(b -> ...)}; every way goes through the checks of the compact constructor. Both
 * methods plan with hard value iteration, so there is no temperature.
 *
 * @param method the projection method (Abbeel &amp; Ng 2004) or structured max-margin with
 *     slack (Ratliff, Bagnell &amp; Zinkevich 2006)
 * @param maxIterations cap on iterations ≥ 1 (default 100)
 * @param tolerance projection: stop when the margin t = |μ_D − μ̄| ≤ this; structured: stop
 *     when the subgradient norm is ≤ this; &gt; 0 (default 1e-6)
 * @param slackPenalty C &gt; 0, finite, the weight of the slack ξ in ½|w|² + C·ξ (default 10;
 *     structured only)
 * @param learningRate α &gt; 0, finite, the length α/√i of the i-th normalised subgradient step
 *     (default 0.1; structured only)
 */
@RecordBuilder
public record MaxMarginConfig(Method method, int maxIterations, double tolerance,
    double slackPenalty, double learningRate) implements MaxMarginConfigBuilder.With {

  /** Which of the two max-margin forms. */
  public enum Method {
    /** Apprenticeship learning by the projection method (Abbeel &amp; Ng 2004, §3.1). */
    PROJECTION,
    /** Structured max-margin with slack and loss-augmented planning (Ratliff et al. 2006). */
    STRUCTURED
  }

  /** Validates every field; messages name the field and value. */
  public MaxMarginConfig {
    Check.notNull("method", method);
    Check.positive("maxIterations", maxIterations);
    Check.positive("tolerance", tolerance);
    Check.positiveFinite("slackPenalty", slackPenalty);
    Check.positiveFinite("learningRate", learningRate);
  }

  /** The given method with 100 iterations, tolerance 1e-6, C = 10, α = 0.1. */
  public static MaxMarginConfig defaults(Method method) {
    return new MaxMarginConfig(method, 100, 1e-6, 10, 0.1);
  }
}
