package org.gridrl.irl;

import java.util.Objects;

/**
 * Hyperparameters of {@link MaxEntIrl}.
 *
 * @param horizon the finite-horizon objective (pinned default) or the discounted variant
 * @param optimizer Adam (default) or exponentiated gradient
 * @param learningRate step size &gt; 0 (default 0.1)
 * @param l2 λ ≥ 0, the weight of (λ/2)|w|² added to the dual (default 0)
 * @param maxIterations cap on gradient steps ≥ 1 (default 200)
 * @param gradientTolerance stop when |∇_w (g + λ/2 |w|²)|₂ &lt; this, &gt; 0 (default 1e-6)
 * @param temperature τ &gt; 0 of soft VI (default 1, the pinned objective)
 */
public record MaxEntIrlConfig(MaxEntObjective.Horizon horizon, Optimizer optimizer,
    double learningRate, double l2, int maxIterations, double gradientTolerance,
    double temperature) {

  /** The weight update. */
  public enum Optimizer {
    /** Adam (Kingma &amp; Ba 2015; core.optim.Adam), β1 = 0.9, β2 = 0.999, ε = 1e-8. */
    ADAM,
    /**
     * Exponentiated gradient ± (Kivinen &amp; Warmuth 1997): w = u − v with u, v &gt; 0 starting
     * at 1, u ← u·exp(−η∇), v ← v·exp(η∇).
     */
    EXPONENTIATED_GRADIENT
  }

  /** Validates every field; messages name the field and value. */
  public MaxEntIrlConfig {
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(optimizer, "optimizer");
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be finite and > 0, got "
          + learningRate);
    }
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
    if (!(gradientTolerance > 0)) {
      throw new IllegalArgumentException("gradientTolerance must be > 0, got "
          + gradientTolerance);
    }
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and > 0, got "
          + temperature);
    }
  }

  /** Finite horizon, Adam, learning rate 0.1, no L2, 200 iterations, tolerance 1e-6, τ = 1. */
  public static MaxEntIrlConfig defaults() {
    return new MaxEntIrlConfig(MaxEntObjective.Horizon.FINITE, Optimizer.ADAM, 0.1, 0, 200, 1e-6,
        1.0);
  }

  public MaxEntIrlConfig withHorizon(MaxEntObjective.Horizon v) {
    return new MaxEntIrlConfig(v, optimizer, learningRate, l2, maxIterations, gradientTolerance,
        temperature);
  }

  public MaxEntIrlConfig withOptimizer(Optimizer v) {
    return new MaxEntIrlConfig(horizon, v, learningRate, l2, maxIterations, gradientTolerance,
        temperature);
  }

  public MaxEntIrlConfig withLearningRate(double v) {
    return new MaxEntIrlConfig(horizon, optimizer, v, l2, maxIterations, gradientTolerance,
        temperature);
  }

  public MaxEntIrlConfig withL2(double v) {
    return new MaxEntIrlConfig(horizon, optimizer, learningRate, v, maxIterations,
        gradientTolerance, temperature);
  }

  public MaxEntIrlConfig withMaxIterations(int v) {
    return new MaxEntIrlConfig(horizon, optimizer, learningRate, l2, v, gradientTolerance,
        temperature);
  }

  public MaxEntIrlConfig withGradientTolerance(double v) {
    return new MaxEntIrlConfig(horizon, optimizer, learningRate, l2, maxIterations, v,
        temperature);
  }

  public MaxEntIrlConfig withTemperature(double v) {
    return new MaxEntIrlConfig(horizon, optimizer, learningRate, l2, maxIterations,
        gradientTolerance, v);
  }
}
