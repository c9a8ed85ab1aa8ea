package org.gridrl.irl;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.StateVisitation;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link MaxEntIrl}. Vary them with the generated {@code withX} methods
 * ({@code MaxEntIrlConfig.defaults().withL2(0.01)}), several at once with
 * {@code with(b -> b.l2(0.01).maxIterations(300))}, the planning settings with
 * {@code withPlanning(c.planning().withTemperature(0.5))}; every way goes through the checks of
 * the compact constructor (and τ through {@link SoftViConfig}'s).
 *
 * @param horizon the finite-horizon objective (pinned default), the discounted variant or the
 *     stationary likelihood ({@link MaxEntObjective.Horizon})
 * @param optimizer Adam (default) or exponentiated gradient
 * @param learningRate step size &gt; 0, finite (default 0.1)
 * @param l2 λ ≥ 0, finite, the weight of (λ/2)|w|² added to the dual (default 0)
 * @param maxIterations cap on gradient steps ≥ 1 (default 200)
 * @param gradientTolerance stop when |∇_w (g + λ/2 |w|²)|₂ &lt; this, &gt; 0 (default 1e-6)
 * @param planning soft value iteration of the backward pass: its temperature τ for every
 *     horizon; its tolerance, cap, kernel and method for the DISCOUNTED and STATIONARY
 *     objectives, whose backward pass is a discounted solve (default
 *     {@link SoftViConfig#defaults()}: τ = 1, the pinned objective, tolerance 1e-10, Jacobi
 *     sweeps)
 * @param visitationSolver how the STATIONARY objective solves its visitation
 *     D = (I − γP_πᵀ)^{-1} b ({@link MaxEntObjective#MaxEntObjective(IrlProblem,
 *     MaxEntObjective.Horizon, SoftViConfig, StateVisitation.Solver)}): AUTO (default) the
 *     exact banded solve where it is cheaper, SERIES the series the published sweeps ran
 */
@RecordBuilder
public record MaxEntIrlConfig(MaxEntObjective.Horizon horizon, Optimizer optimizer,
    double learningRate, double l2, int maxIterations, double gradientTolerance,
    SoftViConfig planning, StateVisitation.Solver visitationSolver)
    implements MaxEntIrlConfigBuilder.With {

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
    Check.notNull("horizon", horizon);
    Check.notNull("optimizer", optimizer);
    Check.positiveFinite("learningRate", learningRate);
    Check.nonNegativeFinite("l2", l2);
    Check.positive("maxIterations", maxIterations);
    Check.positive("gradientTolerance", gradientTolerance);
    Check.notNull("planning", planning);
    Check.notNull("visitationSolver", visitationSolver);
  }

  /**
   * Finite horizon, Adam, learning rate 0.1, no L2, 200 iterations, tolerance 1e-6, planning
   * {@link SoftViConfig#defaults()} (τ = 1), the stationary visitation solved AUTO.
   *
   * <p>The cap binds more often than the tolerance: Adam's steps of 0.1 bring the gradient
   * norm to about 1e-5 in 200 iterations on small problems, not below 1e-6 (IrlResultTest pins
   * one: 8.6e-06 after 200). Such a fit ends with {@code converged() == false}; check it, or
   * print {@link IrlResult#describeEnd()}, and raise {@code maxIterations} for a converged fit.
   */
  public static MaxEntIrlConfig defaults() {
    return new MaxEntIrlConfig(MaxEntObjective.Horizon.FINITE, Optimizer.ADAM, 0.1, 0, 200, 1e-6,
        SoftViConfig.defaults(), StateVisitation.Solver.AUTO);
  }
}
