package org.gridrl.benchmarks.cli;

import org.gridrl.core.planning.SoftViConfig;
import picocli.CommandLine.Option;

/** The solver options shared by {@code solve} and {@code render} (a picocli mixin). */
public final class SolverOptions {

  @Option(names = "--temperature", paramLabel = "T", defaultValue = "1",
      description = "Soft value iteration temperature τ > 0: V(s) = τ·log Σ_a exp(Q(s,a)/τ);"
          + " small τ approaches hard value iteration. Default: ${DEFAULT-VALUE}.")
  double temperature;

  @Option(names = "--horizon", paramLabel = "H",
      description = "Solve the finite horizon H ≥ 1 by backward induction (V_H = 0) and report"
          + " the t = 0 values and policy. Default: discounted, infinite horizon.")
  Integer horizon;

  @Option(names = "--tolerance", paramLabel = "E", defaultValue = "1e-10",
      description = "Discounted solve: stop when max_s |V_new(s) − V(s)| < E."
          + " Default: ${DEFAULT-VALUE}.")
  double tolerance;

  @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "100000",
      description = "Discounted solve: at most N sweeps (the report says if the cap was hit)."
          + " Default: ${DEFAULT-VALUE}.")
  int maxIterations;

  /** The discounted solver's settings; a bad value names its option (checked one at a time). */
  SoftViConfig config() {
    if (horizon != null && horizon < 1) {
      throw new UsageException("--horizon must be >= 1, got " + horizon);
    }
    SoftViConfig d = SoftViConfig.defaults();
    OptionErrors.naming("--temperature", "temperature", () -> d.withTemperature(temperature));
    OptionErrors.naming("--tolerance", "tolerance", () -> d.withTolerance(tolerance));
    OptionErrors.naming("--max-iterations", "maxIterations",
        () -> d.withMaxIterations(maxIterations));
    return new SoftViConfig(temperature, tolerance, maxIterations);
  }

  /** One line naming the solver, e.g. "soft value iteration, temperature 1". */
  String describeSolver() {
    String t = "temperature " + Formats.number(temperature);
    return horizon == null ? "soft value iteration, " + t
        : "finite-horizon soft value iteration, H = " + horizon + ", " + t;
  }
}
