package org.gridrl.irl;

import java.util.List;
import java.util.Objects;
import org.gridrl.core.nn.Activation;

/**
 * Hyperparameters of {@link DeepMaxEntIrl}.
 *
 * @param hidden hidden layer widths, each ≥ 1, at least one layer (default 32, 32)
 * @param activation hidden activation (default ReLU)
 * @param learningRate Adam step &gt; 0 (default 0.01)
 * @param weightDecay λ ≥ 0 of (λ/2)|θ|² over all network parameters (default 0.1)
 * @param maxIterations cap on gradient steps ≥ 1 (default 200)
 * @param gradientTolerance stop when |∇_θ|₂ &lt; this, &gt; 0 (default 1e-6)
 * @param horizon the finite-horizon objective (default) or the discounted variant
 * @param temperature τ &gt; 0 of soft VI (default 1)
 * @param inputScaling how features are scaled before the network (default standardise)
 * @param seed seed of the network's initial weights
 */
public record DeepMaxEntIrlConfig(List<Integer> hidden, Activation activation,
    double learningRate, double weightDecay, int maxIterations, double gradientTolerance,
    MaxEntObjective.Horizon horizon, double temperature, InputScaling inputScaling, long seed) {

  /** The map from features φ(s) to the network's input x(s) = (φ(s) − m)/σ, fitted on the
   * training states. */
  public enum InputScaling {
    /** m = mean, σ = max(standard deviation, range/4): z-scores, with a floor that keeps a
     * rare indicator feature (on in one state in a thousand) from becoming a z-score of 30. */
    STANDARDISE,
    /** m = minimum, σ = range: every input in [0, 1] (indicator features stay 0/1). */
    MIN_MAX
  }

  /** Validates every field; messages name the field and value. */
  public DeepMaxEntIrlConfig {
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(inputScaling, "inputScaling");
    if (hidden == null || hidden.isEmpty()) {
      throw new IllegalArgumentException("hidden must list at least one layer width, got "
          + hidden);
    }
    for (Integer h : hidden) {
      if (h == null || h < 1) {
        throw new IllegalArgumentException("hidden widths must be >= 1, got " + hidden);
      }
    }
    hidden = List.copyOf(hidden);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be finite and > 0, got "
          + learningRate);
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException("weightDecay must be finite and >= 0, got "
          + weightDecay);
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

  /**
   * Hidden 32, 32 ReLU, Adam 0.01, weight decay 0.1, 200 iterations, finite horizon, τ = 1,
   * standardised inputs, seed 0.
   */
  public static DeepMaxEntIrlConfig defaults() {
    return new DeepMaxEntIrlConfig(List.of(32, 32), Activation.RELU, 0.01, 0.1, 200, 1e-6,
        MaxEntObjective.Horizon.FINITE, 1.0, InputScaling.STANDARDISE, 0L);
  }

  public DeepMaxEntIrlConfig withHidden(List<Integer> v) {
    return new DeepMaxEntIrlConfig(v, activation, learningRate, weightDecay, maxIterations,
        gradientTolerance, horizon, temperature, inputScaling, seed);
  }

  public DeepMaxEntIrlConfig withActivation(Activation v) {
    return new DeepMaxEntIrlConfig(hidden, v, learningRate, weightDecay, maxIterations,
        gradientTolerance, horizon, temperature, inputScaling, seed);
  }

  public DeepMaxEntIrlConfig withLearningRate(double v) {
    return new DeepMaxEntIrlConfig(hidden, activation, v, weightDecay, maxIterations,
        gradientTolerance, horizon, temperature, inputScaling, seed);
  }

  public DeepMaxEntIrlConfig withWeightDecay(double v) {
    return new DeepMaxEntIrlConfig(hidden, activation, learningRate, v, maxIterations,
        gradientTolerance, horizon, temperature, inputScaling, seed);
  }

  public DeepMaxEntIrlConfig withMaxIterations(int v) {
    return new DeepMaxEntIrlConfig(hidden, activation, learningRate, weightDecay, v,
        gradientTolerance, horizon, temperature, inputScaling, seed);
  }

  public DeepMaxEntIrlConfig withGradientTolerance(double v) {
    return new DeepMaxEntIrlConfig(hidden, activation, learningRate, weightDecay, maxIterations,
        v, horizon, temperature, inputScaling, seed);
  }

  public DeepMaxEntIrlConfig withHorizon(MaxEntObjective.Horizon v) {
    return new DeepMaxEntIrlConfig(hidden, activation, learningRate, weightDecay, maxIterations,
        gradientTolerance, v, temperature, inputScaling, seed);
  }

  public DeepMaxEntIrlConfig withInputScaling(InputScaling v) {
    return new DeepMaxEntIrlConfig(hidden, activation, learningRate, weightDecay, maxIterations,
        gradientTolerance, horizon, temperature, v, seed);
  }

  public DeepMaxEntIrlConfig withSeed(long v) {
    return new DeepMaxEntIrlConfig(hidden, activation, learningRate, weightDecay, maxIterations,
        gradientTolerance, horizon, temperature, inputScaling, v);
  }
}
