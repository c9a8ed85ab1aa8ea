package org.gridrl.meta.baselines;

import java.util.function.DoubleFunction;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.util.Argmax;
import org.gridrl.core.util.Check;
import org.gridrl.envs.mdp.RandomMdp;

/**
 * Picks a baseline's constant c (ε of ε-greedy, β of BEB) from a grid as RL²'s authors did for
 * their Table 2 (Duan et al. 2016, tuned per setting): c* = argmax_{c ∈ grid} mean total return
 * of {@link MdpTrials#run} with the tuning seed, every grid point facing the same tasks and
 * streams (common random numbers); ties go to the first grid point. Evaluate c* on a different
 * seed, so the reported number is not the maximum of noisy estimates.
 */
public final class MdpBaselineTuning {

  private MdpBaselineTuning() {
  }

  /**
   * κ_k = exp(ln 10⁻⁴ + k·(ln 1 − ln 10⁻⁴)/20) = 10^(−4 + k/5), k = 0..20: the grid Duan et al.'s
   * script searched for TabulaRL's BEB and UCRL2 {@code scaling} ({@code evaluate_pacmdp.py}:
   * {@code np.exp(np.linspace(np.log(0.0001), np.log(1.0), 21))}), picking the best mean per n
   * on the 1000 trials it reported.
   */
  public static double[] tabulaRlScalings() {
    double lo = Math.log(1e-4);
    double[] grid = new double[21];
    for (int k = 0; k < 21; k++) {
      grid[k] = Math.exp(lo + k * (0 - lo) / 20);
    }
    return grid;
  }

  /**
   * The grid and its scores.
   *
   * @param grid the constants tried, in order
   * @param meanTotalReturn the mean total return of each
   * @param standardError the standard error of each mean
   * @param bestIndex the index of the best mean (the first on ties)
   */
  public record Result(double[] grid, double[] meanTotalReturn, double[] standardError,
      int bestIndex) {

    /** c*, the chosen constant. */
    public double best() {
      return grid[bestIndex];
    }
  }

  /**
   * Scores every constant of the grid.
   *
   * @param policy the baseline for a constant, e.g. {@code b -> new Beb(MdpPrior.rl2(), b)}
   * @param grid at least one constant
   * @param tasks the task distribution
   * @param trials m ≥ 1 per grid point
   * @param episodes n ≥ 1 per trial
   * @param seed the tuning seed (use another one to report)
   */
  public static Result tune(DoubleFunction<MdpTrialPolicy> policy, double[] grid,
      TaskDistribution<RandomMdp> tasks, int trials, int episodes, long seed) {
    Check.notNull("policy", policy);
    Check.notNull("grid", grid);
    Check.argument(grid.length > 0, "grid must hold at least one constant");
    double[] means = new double[grid.length];
    double[] errors = new double[grid.length];
    for (int k = 0; k < grid.length; k++) {
      MdpTrials.Outcome o = MdpTrials.run(policy.apply(grid[k]), tasks, trials, episodes, seed);
      means[k] = o.meanTotalReturn();
      errors[k] = o.standardError();
    }
    int best = Argmax.first(means);
    return new Result(grid.clone(), means, errors, best);
  }
}
