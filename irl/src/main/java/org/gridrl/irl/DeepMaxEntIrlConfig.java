package org.gridrl.irl;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.StateVisitation;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link DeepMaxEntIrl}. Vary them with the generated {@code withX} methods
 * ({@code DeepMaxEntIrlConfig.defaults().withSeed(3)}) or {@code with(b -> ...)}; every way goes
 * through the checks of the compact constructor (and τ through {@link SoftViConfig}'s).
 *
 * @param hidden hidden layer widths, each ≥ 1, at least one layer (default 32, 32)
 * @param activation hidden activation (default ReLU)
 * @param learningRate Adam step &gt; 0, finite (default 0.01)
 * @param weightDecay λ ≥ 0, finite, of (λ/2)|θ|² over all network parameters (default 0.1)
 * @param maxIterations cap on gradient steps ≥ 1 (default 200)
 * @param gradientTolerance stop when |∇_θ|₂ &lt; this, &gt; 0 (default 1e-6)
 * @param horizon the finite-horizon objective (default), the discounted variant or the
 *     stationary likelihood ({@link MaxEntObjective.Horizon})
 * @param planning soft value iteration of the backward pass, as in
 *     {@link MaxEntIrlConfig#planning()} (default {@link SoftViConfig#defaults()}: τ = 1,
 *     tolerance 1e-10, Jacobi sweeps; a stationary fit is faster with
 *     {@code SoftViMethod.ANDERSON}, same fixed point)
 * @param visitationSolver how the STATIONARY objective solves its visitation, as in
 *     {@link MaxEntIrlConfig#visitationSolver()} (default AUTO: on ObjectWorld 32×32 a step
 *     takes ~3 ms instead of ~6.4 with the series)
 * @param inputScaling how features are scaled before the network (default standardise)
 * @param seed seed of the network's initial weights (default 0)
 */
@RecordBuilder
public record DeepMaxEntIrlConfig(List<Integer> hidden, Activation activation,
    double learningRate, double weightDecay, int maxIterations, double gradientTolerance,
    MaxEntObjective.Horizon horizon, SoftViConfig planning,
    StateVisitation.Solver visitationSolver, InputScaling inputScaling, long seed)
    implements DeepMaxEntIrlConfigBuilder.With {

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
    Check.argument(hidden != null && !hidden.isEmpty(),
        "hidden must list at least one layer width, got %s", hidden);
    Check.argument(hidden.stream().allMatch(h -> h != null && h >= 1),
        "hidden widths must be >= 1, got %s", hidden);
    hidden = List.copyOf(hidden);
    Check.notNull("activation", activation);
    Check.positiveFinite("learningRate", learningRate);
    Check.nonNegativeFinite("weightDecay", weightDecay);
    Check.positive("maxIterations", maxIterations);
    Check.positive("gradientTolerance", gradientTolerance);
    Check.notNull("horizon", horizon);
    Check.notNull("planning", planning);
    Check.notNull("visitationSolver", visitationSolver);
    Check.notNull("inputScaling", inputScaling);
  }

  /**
   * Hidden 32, 32 ReLU, Adam 0.01, weight decay 0.1, 200 iterations, tolerance 1e-6, finite
   * horizon, planning {@link SoftViConfig#defaults()} (τ = 1), the stationary visitation
   * solved AUTO, standardised inputs, seed 0.
   */
  public static DeepMaxEntIrlConfig defaults() {
    return new DeepMaxEntIrlConfig(List.of(32, 32), Activation.RELU, 0.01, 0.1, 200, 1e-6,
        MaxEntObjective.Horizon.FINITE, SoftViConfig.defaults(), StateVisitation.Solver.AUTO,
        InputScaling.STANDARDISE, 0L);
  }
}
