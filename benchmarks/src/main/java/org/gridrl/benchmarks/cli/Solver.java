package org.gridrl.benchmarks.cli;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.SoftViKernel;
import org.gridrl.core.planning.Solution;

/**
 * Solves a {@link Problem} as the solver options say: discounted soft VI, or finite horizon,
 * on {@code --threads} threads through {@link SoftValueIteration.Parallel}.
 */
final class Solver {

  private Solver() {
  }

  /**
   * The discounted solution, or the t = 0 slice of the finite-horizon one.
   *
   * @param config the options' settings, built once by {@link SolverOptions#config()}
   * @throws UsageException for {@code --kernel grid} on an MDP without uniform-slip dynamics,
   *     and for a discounted solve of a gamma = 1 MDP
   */
  static Solution solve(Problem problem, SolverOptions options, SoftViConfig config) {
    TabularMdp mdp = problem.mdp();
    if (config.kernel() == SoftViKernel.GRID) {
      try {
        SoftValueIteration.resolveKernel(mdp, SoftViKernel.GRID, false);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--kernel grid: " + e.getMessage());
      }
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
    try (SoftValueIteration.Parallel p = SoftValueIteration.onThreads(options.threads)) {
      if (options.horizon != null) {
        return p.solveFiniteHorizon(mdp, config, null, options.horizon,
            options.discount(mdp.gamma())).atStart();
      }
      return p.solve(mdp, config);
    }
  }
}
