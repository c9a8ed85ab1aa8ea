package org.gridrl.core.planning;

/**
 * Settings of discounted soft value iteration.
 *
 * @param temperature τ &gt; 0 in V(s) = τ·log Σ_a exp(Q(s,a)/τ); τ → 0 gives hard value
 *     iteration. Default 1.
 * @param tolerance stop when max_s |V_new(s) − V(s)| &lt; tolerance, &gt; 0. Default 1e-10.
 * @param maxIterations the cap on sweeps, ≥ 1. Default 100 000.
 * @param kernel which Bellman kernel sweeps: {@link SoftViKernel#AUTO} (default) picks the
 *     structured grid kernel when the MDP has uniform-slip dynamics and there is no prior.
 * @param method Jacobi sweeps (default) or Anderson-accelerated sweeps (fewer sweeps to the
 *     same fixed point).
 */
public record SoftViConfig(double temperature, double tolerance, int maxIterations,
    SoftViKernel kernel, SoftViMethod method) {

  /** Default tolerance on max_s |V_new(s) − V(s)|. */
  public static final double DEFAULT_TOLERANCE = 1e-10;
  /** Default cap on sweeps. */
  public static final int DEFAULT_MAX_ITERATIONS = 100_000;

  /** Rejects a temperature or tolerance that is not a finite positive number, and a cap &lt; 1. */
  public SoftViConfig {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature);
    }
    if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be finite and > 0, got " + tolerance);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
    if (kernel == null) {
      throw new IllegalArgumentException("kernel must not be null");
    }
    if (method == null) {
      throw new IllegalArgumentException("method must not be null");
    }
  }

  /** Settings with the automatic kernel and Jacobi sweeps. */
  public SoftViConfig(double temperature, double tolerance, int maxIterations) {
    this(temperature, tolerance, maxIterations, SoftViKernel.AUTO, SoftViMethod.JACOBI);
  }

  /** τ = 1, tolerance 1e-10, at most 100 000 sweeps, automatic kernel, Jacobi sweeps. */
  public static SoftViConfig defaults() {
    return new SoftViConfig(1.0, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
  }

  /** The same settings with another temperature. */
  public SoftViConfig withTemperature(double value) {
    return new SoftViConfig(value, tolerance, maxIterations, kernel, method);
  }

  /** The same settings with another tolerance. */
  public SoftViConfig withTolerance(double value) {
    return new SoftViConfig(temperature, value, maxIterations, kernel, method);
  }

  /** The same settings with another cap on sweeps. */
  public SoftViConfig withMaxIterations(int value) {
    return new SoftViConfig(temperature, tolerance, value, kernel, method);
  }

  /** The same settings with another kernel. */
  public SoftViConfig withKernel(SoftViKernel value) {
    return new SoftViConfig(temperature, tolerance, maxIterations, value, method);
  }

  /** The same settings with another solver method. */
  public SoftViConfig withMethod(SoftViMethod value) {
    return new SoftViConfig(temperature, tolerance, maxIterations, kernel, value);
  }
}
