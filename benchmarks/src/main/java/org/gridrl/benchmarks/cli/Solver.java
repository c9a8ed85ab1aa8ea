package org.gridrl.benchmarks.cli;

import org.gridrl.core.planning.FiniteHorizonSolution;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
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
    return SoftValueIteration.solve(problem.mdp(), config);
  }
}
