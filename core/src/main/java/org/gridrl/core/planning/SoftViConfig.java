package org.gridrl.core.planning;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.gridrl.core.util.Check;

/**
 * Settings of soft value iteration, discounted or finite-horizon. Vary them with the generated
 * {@code withX} methods ({@code SoftViConfig.defaults().withTemperature(0.1)}), several at once
 * with {@code with(b -> b.temperature(0.1).tolerance(1e-8))}, or build one with
 * {@code SoftViConfigBuilder.builder(SoftViConfig.defaults())}; every way goes through the
 * checks of the compact constructor.
 *
 * @param temperature τ &gt; 0 in V(s) = τ·log Σ_a exp(Q(s,a)/τ); τ → 0 gives hard value
 *     iteration. Default {@value #DEFAULT_TEMPERATURE}.
 * @param tolerance stop when max_s |V_new(s) − V(s)| &lt; tolerance, &gt; 0. Default
 *     {@value #DEFAULT_TOLERANCE}. Not used by finite-horizon solves.
 * @param maxIterations the cap on sweeps, ≥ 1. Default {@value #DEFAULT_MAX_ITERATIONS}. Not
 *     used by finite-horizon solves.
 * @param kernel which Bellman kernel sweeps: {@link SoftViKernel#AUTO} (default) picks the
 *     structured grid kernel when the MDP has uniform-slip dynamics and there is no prior.
 * @param method Jacobi sweeps (default) or Anderson-accelerated sweeps (fewer sweeps to the
 *     same fixed point). Not used by finite-horizon solves.
 */
@RecordBuilder
public record SoftViConfig(double temperature, double tolerance, int maxIterations,
    SoftViKernel kernel, SoftViMethod method) implements SoftViConfigBuilder.With {

  /** Default temperature τ: the one place the library's default lives. */
  public static final double DEFAULT_TEMPERATURE = 1.0;
  /** Default tolerance on max_s |V_new(s) − V(s)|. */
  public static final double DEFAULT_TOLERANCE = 1e-10;
  /** Default cap on sweeps. */
  public static final int DEFAULT_MAX_ITERATIONS = 100_000;

  /** Rejects a temperature or tolerance that is not a finite positive number, and a cap &lt; 1. */
  public SoftViConfig {
    Check.positiveFinite("temperature", temperature);
    Check.positiveFinite("tolerance", tolerance);
    Check.positive("maxIterations", maxIterations);
    Check.notNull("kernel", kernel);
    Check.notNull("method", method);
  }

  /** Settings with the automatic kernel and Jacobi sweeps. */
  public SoftViConfig(double temperature, double tolerance, int maxIterations) {
    this(temperature, tolerance, maxIterations, SoftViKernel.AUTO, SoftViMethod.JACOBI);
  }

  /** τ = 1, tolerance 1e-10, at most 100 000 sweeps, automatic kernel, Jacobi sweeps. */
  public static SoftViConfig defaults() {
    return new SoftViConfig(DEFAULT_TEMPERATURE, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
  }
}
