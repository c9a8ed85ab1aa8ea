package org.gridrl.benchmarks.cli;

import java.util.Locale;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.SoftViKernel;
import org.gridrl.core.planning.SoftViMethod;
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

  @Option(names = "--kernel", paramLabel = "auto|csr|grid", defaultValue = "auto",
      description = "Discounted solve: the soft Bellman kernel. grid = the structured"
          + " uniform-slip operator (grid worlds: five loads per state instead of a sparse row"
          + " per action), csr = the generic sparse kernel, auto = grid when the MDP has that"
          + " structure. All reach the same fixed point. Default: ${DEFAULT-VALUE}.")
  String kernel;

  @Option(names = "--solver", paramLabel = "jacobi|fast", defaultValue = "jacobi",
      description = "Discounted solve: plain Jacobi sweeps, or fast = Anderson-accelerated"
          + " sweeps (same stopping rule and error bound, usually several times fewer sweeps)."
          + " Default: ${DEFAULT-VALUE}.")
  String solver;

  @Option(names = "--threads", paramLabel = "K", defaultValue = "1",
      description = "Discounted solve: worker threads for each sweep (results are identical for"
          + " any K). Default: ${DEFAULT-VALUE}.")
  int threads;

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
    if (threads < 1) {
      throw new UsageException("--threads must be >= 1, got " + threads);
    }
    return new SoftViConfig(temperature, tolerance, maxIterations, kernel(), method());
  }

  private SoftViKernel kernel() {
    switch (kernel.toLowerCase(Locale.ROOT)) {
      case "auto":
        return SoftViKernel.AUTO;
      case "csr":
        return SoftViKernel.CSR;
      case "grid":
        return SoftViKernel.GRID;
      default:
        throw new UsageException("--kernel must be auto, csr or grid, got '" + kernel + "'");
    }
  }

  private SoftViMethod method() {
    switch (solver.toLowerCase(Locale.ROOT)) {
      case "jacobi":
        return SoftViMethod.JACOBI;
      case "fast":
        return SoftViMethod.ANDERSON;
      default:
        throw new UsageException("--solver must be jacobi or fast, got '" + solver + "'");
    }
  }

  /** One line naming the solver, e.g. "soft value iteration, temperature 1". */
  String describeSolver() {
    String t = "temperature " + Formats.number(temperature);
    return horizon == null ? "soft value iteration, " + t
        : "finite-horizon soft value iteration, H = " + horizon + ", " + t;
  }
}
