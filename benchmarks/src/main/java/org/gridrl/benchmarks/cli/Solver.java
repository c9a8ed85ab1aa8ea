package org.gridrl.benchmarks.cli;

import org.gridrl.core.planning.FiniteHorizonSolution;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.SoftViKernel;
import org.gridrl.core.planning.SoftViSolver;
import org.gridrl.core.planning.Solution;

/** Solves a {@link Problem} as the solver options say: discounted soft VI, or finite horizon. */
final class Solver {

  private Solver() {
  }

  /** The discounted solution, or the t = 0 slice of the finite-horizon one. */
  static Solution solve(Problem problem, SolverOptions options) {
    SoftViConfig config = options.config();
    if (options.horizon != null) {
      FiniteHorizonSolution f = SoftValueIteration.solveFiniteHorizon(problem.mdp(),
          options.horizon, config.temperature(), null);
      return f.atStart();
    }
    if (config.kernel() == SoftViKernel.GRID) {
      try {
        SoftViSolver.resolveKernel(problem.mdp(), SoftViKernel.GRID, false);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--kernel grid: " + e.getMessage());
      }
    }
    try (SoftViSolver solver = new SoftViSolver(options.threads)) {
      return solver.solve(problem.mdp(), config);
    }
  }
}
