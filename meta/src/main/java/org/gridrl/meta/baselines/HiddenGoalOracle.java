package org.gridrl.meta.baselines;

import org.gridrl.core.util.Check;
import org.gridrl.envs.meta.HiddenGoalGrid;

/**
 * The oracle that is told the goal g: a shortest path to g, then stay. With d = |x_g| + |y_g|
 * the distance from the start (0, 0), one episode returns
 * <pre>  R_oracle(g) = −0.1·(d − 1) + 1·(H − d + 1)   (d ≤ H),   −0.1·H   (d &gt; H),</pre>
 * the d − 1 steps before arriving paying −0.1 and the arrival and every later step +1 (the
 * reward is for being on the goal after the move, as in VariBAD's {@code gridworld.py}). Every
 * episode is the same, so the trial returns E·R_oracle(g), and the expected return under the
 * uniform prior is (E/K)·Σ_g R_oracle(g): an upper bound on every agent that must find the goal.
 */
public final class HiddenGoalOracle implements HiddenGoalPolicy {

  private final int size;
  private final int goal;

  /**
   * The oracle of one task.
   *
   * @param grid the task, whose goal it is told. Not modified.
   */
  public HiddenGoalOracle(HiddenGoalGrid grid) {
    Check.notNull("grid", grid);
    this.size = grid.size();
    this.goal = grid.goal();
  }

  /** Steps towards the goal (right, then up), then stays on it. */
  @Override
  public int act(GoalBelief belief) {
    return HiddenGoalPolicy.stepTowards(size, belief.cell(), goal);
  }

  /** E[R_e] under the uniform prior for each episode e (all equal): (1/K)·Σ_g R_oracle(g). */
  public static double[] episodeReturns(GoalSearchSetting setting) {
    long sum = 0;
    for (int g : setting.candidates()) {
      sum += setting.oracleEpisodeTenths(g);
    }
    double perEpisode = sum / (10.0 * setting.numCandidates());
    double[] out = new double[setting.episodes()];
    java.util.Arrays.fill(out, perEpisode);
    return out;
  }

  /** The expected trial return (E/K)·Σ_g R_oracle(g), computed in exact tenths. */
  public static double expectedReturn(GoalSearchSetting setting) {
    long sum = 0;
    for (int g : setting.candidates()) {
      sum += setting.oracleEpisodeTenths(g);
    }
    return sum * (long) setting.episodes() / (10.0 * setting.numCandidates());
  }
}
