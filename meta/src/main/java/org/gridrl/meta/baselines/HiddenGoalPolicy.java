package org.gridrl.meta.baselines;

/**
 * A policy for a hidden-goal trial: a_t = π(b_t), a function of the trial's history through its
 * sufficient statistic {@link GoalBelief}. Implementations here are deterministic.
 */
@FunctionalInterface
public interface HiddenGoalPolicy {

  /**
   * The action for the current belief.
   *
   * @param belief the trial history so far. Not modified.
   * @return an action in [0, 5) ({@link org.gridrl.envs.meta.HiddenGoalGrid} numbering)
   */
  int act(GoalBelief belief);

  /** The greedy move towards a known cell: right, then up, then left, then down; stay on it. */
  static int stepTowards(int size, int from, int to) {
    int x = from / size;
    int y = from % size;
    int gx = to / size;
    int gy = to % size;
    if (x < gx) {
      return org.gridrl.envs.meta.HiddenGoalGrid.RIGHT;
    }
    if (y < gy) {
      return org.gridrl.envs.meta.HiddenGoalGrid.UP;
    }
    if (x > gx) {
      return org.gridrl.envs.meta.HiddenGoalGrid.LEFT;
    }
    if (y > gy) {
      return org.gridrl.envs.meta.HiddenGoalGrid.DOWN;
    }
    return org.gridrl.envs.meta.HiddenGoalGrid.STAY;
  }
}
