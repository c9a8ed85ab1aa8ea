package org.gridrl.benchmarks.cli;

import java.io.PrintStream;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.UniformSlipDynamics;
import org.gridrl.core.planning.ConvergenceReport;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.SoftViKernel;
import org.gridrl.core.planning.SoftViMethod;
import org.gridrl.core.planning.Solution;

/**
 * Solves a {@link Problem} as the solver options say: discounted soft VI, or finite horizon,
 * on {@code --threads} threads (at most the cores) through {@link SoftValueIteration.Parallel}.
 */
final class Solver {

  private Solver() {
  }

  /**
   * The discounted solution, or the t = 0 slice of the finite-horizon one.
   *
   * @param config the options' settings, built once by {@link SolverOptions#config()}
   * @param err where a capped {@code --threads} is noted
   * @throws UsageException for {@code --kernel grid} on an MDP without uniform-slip dynamics
   *     (either solve), and for a discounted solve of a gamma = 1 MDP
   */
  static Solution solve(Problem problem, SolverOptions options, SoftViConfig config,
      PrintStream err) {
    TabularMdp mdp = problem.mdp();
    if (config.kernel() == SoftViKernel.GRID && UniformSlipDynamics.detect(mdp) == null) {
      throw new UsageException("--kernel grid needs uniform-slip dynamics (each action leads to"
          + " one next state, or with one slip probability for the whole MDP to the next state"
          + " of a uniformly drawn action), and " + problem.source() + " is not of that kind:"
          + " use --kernel auto or csr");
    }
    if (options.horizon == null && !(mdp.gamma() < 1)) {
      throw new UsageException(problem.source() + " has gamma 1, and a discounted solve needs"
          + " gamma < 1 (with gamma = 1 the sum of rewards over an infinite horizon need not"
          + " converge): give --horizon H for a finite-horizon solve (and --discount c), or"
          + " --gamma g < 1");
    }
    if (options.horizon != null) {
      HeapCheck.require("--horizon " + options.horizon + " (" + HeapCheck.finiteHorizonWords(
          mdp.numStates(), mdp.numActions()) + ")", HeapCheck.finiteHorizon(options.horizon,
          mdp.numStates(), mdp.numActions(), true));
    }
    try (SoftValueIteration.Parallel p = SoftValueIteration.onThreads(options.threads(err))) {
      if (options.horizon != null) {
        return p.solveFiniteHorizon(mdp, config, null, options.horizon,
            options.discount(mdp.gamma())).atStart();
      }
      return p.solve(mdp, config);
    }
  }

  /**
   * What a discounted solve that stopped at its cap says (without the "gridrl: " prefix), or
   * null if it converged (a finite-horizon solve always has): "soft value iteration stopped at
   * --max-iterations 1 unconverged: residual 99 &gt;= --tolerance 1e-10 (raise
   * --max-iterations, or use --solver fast)", the last hint only for Jacobi sweeps.
   */
  static String capMessage(ConvergenceReport report, SoftViConfig config) {
    if (report.converged()) {
      return null;
    }
    return "soft value iteration stopped at --max-iterations " + report.maxIterations()
        + " unconverged: residual " + Formats.number(report.residual()) + " >= --tolerance "
        + Formats.number(report.tolerance()) + " (raise --max-iterations"
        + (config.method() == SoftViMethod.JACOBI ? ", or use --solver fast)" : ")");
  }
}
