package org.gridrl.meta.baselines;

import org.gridrl.core.util.Check;
import org.gridrl.envs.meta.HiddenGoalGrid;

/**
 * The layout of a hidden-goal trial ({@link HiddenGoalGrid}): an n×n grid, episodes of H steps,
 * E episodes a trial, the goal uniform over the K = n² − 4 cells outside the start's 2×2 block.
 *
 * @param size n ≥ 3
 * @param horizon H ≥ 1
 * @param episodes E ≥ 1
 */
public record GoalSearchSetting(int size, int horizon, int episodes) {

  /** Rejects a grid without candidates and empty episodes or trials. */
  public GoalSearchSetting {
    Check.argument(size >= 3, "size must be >= 3, got %s", size);
    Check.positive("horizon", horizon);
    Check.positive("episodes", episodes);
  }

  /** VariBAD's setting: 5×5, H = 15, E = 4. */
  public static GoalSearchSetting varibad() {
    return new GoalSearchSetting(5, 15, 4);
  }

  /** The setting of a grid task. */
  public static GoalSearchSetting of(HiddenGoalGrid grid) {
    return new GoalSearchSetting(grid.size(), grid.horizon(), grid.episodesPerTrial());
  }

  /** The candidate goal cells, increasing; candidate index i ↔ bit i of a visited mask. */
  public int[] candidates() {
    return HiddenGoalGrid.candidateGoals(size);
  }

  /** K = n² − 4. */
  public int numCandidates() {
    return size * size - 4;
  }

  /**
   * The oracle's return in one episode, in tenths (exact integers): a goal at distance d ≤ H is
   * reached at step d, so r = −0.1·(d − 1) + 1·(H − d + 1); for d > H, r = −0.1·H.
   */
  long oracleEpisodeTenths(int goal) {
    int d = HiddenGoalGrid.distance(size, HiddenGoalGrid.START, goal);
    return d <= horizon ? -(d - 1) + 10L * (horizon - d + 1) : -horizon;
  }

  /** The oracle's return in one episode for a goal (see {@link #oracleEpisodeTenths}). */
  public double oracleEpisodeReturn(int goal) {
    return oracleEpisodeTenths(goal) / 10.0;
  }
}
