package org.gridrl.multitask;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link DistralTabular}, in the notation of Teh et al. (2017): each task
 * maximises E[Σ_t γ^t (R_i + (α/β) log π0 − (1/β) log π_i)]. Vary them with the generated
 * {@code withX} methods ({@code DistralConfig.defaults().withAlpha(0.5)}); every way goes
 * through the checks of the compact constructor.
 *
 * @param alpha α in [0, 1], the weight of the prior: α = 0 is entropy regularisation alone (no
 *     distillation), α = 1 a pure KL(π_i ‖ π0) penalty (default 0.5)
 * @param beta β &gt; 0, finite, the inverse temperature; each task's soft value iteration runs
 *     at τ = 1/β (default 5)
 * @param tolerance stop when π0 moves less than this, max_{s,a} |π0_new − π0| &lt; tolerance,
 *     &gt; 0 (default 1e-10)
 * @param maxIterations cap on alternations (task solves + distillation), ≥ 1 (default 10 000)
 * @param planningTolerance the tolerance of every soft value iteration solve, max_s |V_new − V|,
 *     &gt; 0 (default 1e-12: tighter than {@code tolerance}, so that π0's change measures the
 *     alternation, not the inner solves)
 */
@RecordBuilder
public record DistralConfig(double alpha, double beta, double tolerance, int maxIterations,
    double planningTolerance) implements DistralConfigBuilder.With {

  /** Validates every field; messages name the field and value. */
  public DistralConfig {
    Check.unitInterval("alpha", alpha);
    Check.positiveFinite("beta", beta);
    Check.positiveFinite("tolerance", tolerance);
    Check.positive("maxIterations", maxIterations);
    Check.positiveFinite("planningTolerance", planningTolerance);
  }

  /** α = 0.5, β = 5, tolerance 1e-10, at most 10 000 alternations, planning tolerance 1e-12. */
  public static DistralConfig defaults() {
    return new DistralConfig(0.5, 5, 1e-10, 10_000, 1e-12);
  }

  /** τ = 1/β, the temperature of each task's soft value iteration. */
  public double temperature() {
    return 1 / beta;
  }
}
