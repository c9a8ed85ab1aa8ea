package org.gridrl.benchmarks.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.SoftViKernel;
import org.gridrl.core.planning.SoftViMethod;
import org.gridrl.core.util.Check;
import picocli.CommandLine.Option;

/**
 * The solver options shared by {@code solve} and {@code render} (a picocli mixin). A command
 * calls {@link #config()} once, before reading any file, and hands the record to
 * {@link Solver}.
 */
public final class SolverOptions {

  @Option(names = "--temperature", paramLabel = "T",
      defaultValue = "" + SoftViConfig.DEFAULT_TEMPERATURE,
      description = "Soft value iteration temperature τ > 0: V(s) = τ·log Σ_a exp(Q(s,a)/τ);"
          + " small τ approaches hard value iteration. Default: ${DEFAULT-VALUE}.")
  double temperature;

  @Option(names = "--horizon", paramLabel = "H",
      description = "Solve the finite horizon H ≥ 1 by backward induction (V_H = 0) and report"
          + " the t = 0 values and policy. Default: discounted, infinite horizon (which needs"
          + " gamma < 1).")
  Integer horizon;

  @Option(names = "--discount", paramLabel = "c",
      description = "With --horizon: the per-step discount c in [0, 1] of the finite-horizon"
          + " solve, Q_t = r + c·P·V_{t+1} (1 = the undiscounted sum of rewards over H steps)."
          + " Default: the MDP's gamma.")
  Double discount;

  @Option(names = "--tolerance", paramLabel = "E",
      description = "Discounted solve: stop when max_s |V_new(s) − V(s)| < E."
          + " Default: " + SoftViConfig.DEFAULT_TOLERANCE + ".")
  Double tolerance;

  @Option(names = "--max-iterations", paramLabel = "N",
      description = "Discounted solve: at most N sweeps; stopping there before the residual is"
          + " below --tolerance is a warning on stderr. Default: "
          + SoftViConfig.DEFAULT_MAX_ITERATIONS + ".")
  Integer maxIterations;

  @Option(names = "--kernel", paramLabel = "auto|csr|grid", defaultValue = "auto",
      description = "The soft Bellman kernel. grid = the structured"
          + " uniform-slip operator (grid worlds: five loads per state instead of a sparse row"
          + " per action), csr = the generic sparse kernel, auto = grid when the MDP has that"
          + " structure. All give the same values (to about 1e-12). Default: ${DEFAULT-VALUE}.")
  String kernel;

  @Option(names = "--solver", paramLabel = "jacobi|fast",
      description = "Discounted solve: plain Jacobi sweeps, or fast = Anderson-accelerated"
          + " sweeps (same stopping rule and error bound, usually several times fewer sweeps)."
          + " Default: jacobi.")
  String solver;

  @Option(names = "--threads", paramLabel = "K", defaultValue = "1",
      description = "Worker threads for each sweep or backward step, at most the number of"
          + " cores (more is capped, with a note). The results are identical for any K."
          + " Default: ${DEFAULT-VALUE}.")
  int threads;

  /** The field names in the checks these options go through (SoftViConfig's, the discount's). */
  private static final Map<String, String> OPTION_OF_FIELD = Map.of("temperature",
      "--temperature", "tolerance", "--tolerance", "maxIterations", "--max-iterations",
      "discount", "--discount");

  /**
   * The solver's settings, built once per call (a command calls it once): every option is
   * checked, a value the record refuses names its option, and an option that does not apply to
   * the solve asked for (a discounted solve's option with {@code --horizon}, {@code --discount}
   * without it) is refused by name.
   */
  SoftViConfig config() {
    if (horizon != null && horizon < 1) {
      throw new UsageException("--horizon must be >= 1, got " + horizon);
    }
    if (discount != null) {
      if (horizon == null) {
        throw new UsageException("--discount applies to a finite-horizon solve (--horizon H);"
            + " a discounted solve uses the MDP's gamma (--gamma)");
      }
      OptionErrors.build(OPTION_OF_FIELD, () -> Check.unitInterval("discount", discount));
    }
    if (horizon != null) {
      // backward induction is exact after H steps: nothing to stop, cap or accelerate
      discountedOnly(tolerance != null, "--tolerance");
      discountedOnly(maxIterations != null, "--max-iterations");
      discountedOnly(solver != null, "--solver");
    }
    if (threads < 1) {
      throw new UsageException("--threads must be >= 1, got " + threads);
    }
    SoftViKernel k = kernel();
    SoftViMethod m = method();
    return OptionErrors.build(OPTION_OF_FIELD, () -> new SoftViConfig(temperature,
        tolerance != null ? tolerance : SoftViConfig.DEFAULT_TOLERANCE,
        maxIterations != null ? maxIterations : SoftViConfig.DEFAULT_MAX_ITERATIONS, k, m));
  }

  private static void discountedOnly(boolean given, String option) {
    if (given) {
      throw new UsageException(option + " applies to a discounted solve only (a --horizon solve"
          + " is exact after H backward steps)");
    }
  }

  /**
   * The thread count to solve on: {@code --threads}, capped at the number of cores
   * ({@link Runtime#availableProcessors()}) with a one-line note on {@code err}, as more threads
   * than cores only wait for each other (the results are the same for any count).
   */
  int threads(PrintStream err) {
    int cores = Runtime.getRuntime().availableProcessors();
    String note = threadsNote(threads, cores, "--threads");
    if (note == null) {
      return threads;
    }
    err.println(note);
    err.flush();
    return cores;
  }

  /**
   * The note for a thread count above the core count ("gridrl: note: --threads 1000 is more
   * than the 2 cores of this machine; using 2 (the results do not depend on the thread
   * count)"), or null when {@code requested <= cores}.
   */
  static String threadsNote(int requested, int cores, String option) {
    if (requested <= cores) {
      return null;
    }
    return "gridrl: note: " + option + " " + requested + " is more than the " + cores
        + (cores == 1 ? " core" : " cores") + " of this machine; using " + cores
        + " (the results do not depend on the thread count)";
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
    if (solver == null) {
      return SoftViMethod.JACOBI;
    }
    switch (solver.toLowerCase(Locale.ROOT)) {
      case "jacobi":
        return SoftViMethod.JACOBI;
      case "fast":
        return SoftViMethod.ANDERSON;
      default:
        throw new UsageException("--solver must be jacobi or fast, got '" + solver + "'");
    }
  }

  /**
   * One line naming the solver, e.g. "soft value iteration, temperature 1" or
   * "finite-horizon soft value iteration, H = 20, discount 1, temperature 1".
   *
   * @param gamma the MDP's γ (the default per-step discount of a finite-horizon solve)
   */
  String describeSolver(double gamma) {
    String t = "temperature " + Formats.number(temperature);
    return horizon == null ? "soft value iteration, " + t
        : "finite-horizon soft value iteration, H = " + horizon + ", discount "
            + Formats.number(discount(gamma)) + ", " + t;
  }

  /** The per-step discount of a finite-horizon solve: --discount, else the MDP's γ. */
  double discount(double gamma) {
    return discount != null ? discount : gamma;
  }
}
