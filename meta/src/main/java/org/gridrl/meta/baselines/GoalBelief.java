package org.gridrl.meta.baselines;

import org.gridrl.core.util.Check;
import org.gridrl.envs.meta.HiddenGoalGrid;

/**
 * The sufficient statistic of a hidden-goal trial's history: b = (cell, V, t, e, g*), the cell,
 * the set V of candidate goals visited so far in the trial, the step t ∈ [0, H) of episode
 * e ∈ [0, E), and the goal g* once it was found (−1 before). Moves are deterministic and the
 * only news is the reward, so the posterior over goals is uniform on the candidates not in V
 * until a +1 reveals g* = the cell just entered: p(g | history) = [g ∉ V] / (K − |V|).
 *
 * <p>Use: {@code b = new GoalBelief(setting)} at the start of a trial; each step
 * {@code a = policy.act(b)}, step the environment, {@code b.observe(a, nextCell, reward)}. After
 * the H-th step of an episode the belief moves itself to step 0 of the next episode at the start
 * cell (the environment is reset by the caller). Not thread-safe.
 */
public final class GoalBelief {

  private final GoalSearchSetting setting;
  private final int[] candidateIndex;
  private int cell;
  private long visited;
  private int step;
  private int episode;
  private int goal = -1;

  /** The belief at the start of a trial: the start cell, V = ∅, t = 0, e = 0, goal unknown. */
  public GoalBelief(GoalSearchSetting setting) {
    this.setting = Check.notNull("setting", setting);
    int n = setting.size();
    candidateIndex = new int[n * n];
    java.util.Arrays.fill(candidateIndex, -1);
    int[] c = setting.candidates();
    for (int i = 0; i < c.length; i++) {
      candidateIndex[c[i]] = i;
    }
    cell = HiddenGoalGrid.START;
  }

  /**
   * The update after one step: V ← V ∪ {c'} if c' is a candidate, g* ← c' if r = +1; then
   * t ← t + 1, and at t = H the next episode starts at the start cell.
   *
   * @param action the action taken (checked against the move: c' = move(cell, a))
   * @param nextCell the cell observed after the step
   * @param reward the reward observed, +1 on the goal, −0.1 elsewhere
   * @throws IllegalArgumentException if nextCell is not move(cell, action), or the reward
   *     contradicts the belief (a +1 off a candidate, a −0.1 on the known goal)
   * @throws IllegalStateException after the trial's last step
   */
  public void observe(int action, int nextCell, double reward) {
    if (episode >= setting.episodes()) {
      throw new IllegalStateException("GoalBelief: the trial ended after " + setting.episodes()
          + " episodes");
    }
    int expected = HiddenGoalGrid.move(setting.size(), cell, action);
    Check.argument(nextCell == expected, "nextCell must be move(%s, %s) = %s, got %s", cell,
        action, expected, nextCell);
    boolean onGoal = reward > 0;
    int idx = candidateIndex[nextCell];
    if (onGoal) {
      Check.argument(idx >= 0 && (goal < 0 || goal == nextCell),
          "reward +1 at cell %s contradicts the belief (goal %s)", nextCell, goal);
      goal = nextCell;
    } else {
      Check.argument(goal != nextCell, "reward %s on the known goal %s", reward, goal);
    }
    if (idx >= 0) {
      visited |= 1L << idx;
    }
    cell = nextCell;
    step++;
    if (step == setting.horizon()) {
      step = 0;
      episode++;
      cell = HiddenGoalGrid.START;
    }
  }

  /** The setting. */
  public GoalSearchSetting setting() {
    return setting;
  }

  /** The current cell x·n + y. */
  public int cell() {
    return cell;
  }

  /** V as a mask: bit i set when candidate i (of {@link GoalSearchSetting#candidates()}) was visited. */
  public long visited() {
    return visited;
  }

  /** t, the step within the episode. */
  public int step() {
    return step;
  }

  /** e, the episode within the trial (E once the trial ended). */
  public int episode() {
    return episode;
  }

  /** g*, or −1 while the goal is unknown. */
  public int goal() {
    return goal;
  }

  /** Whether the goal has been found. */
  public boolean goalKnown() {
    return goal >= 0;
  }

  /** p(g | history) for a cell: 1 on a found goal, 1/(K − |V|) on an unvisited candidate, else 0. */
  public double probability(int g) {
    if (goal >= 0) {
      return g == goal ? 1 : 0;
    }
    int idx = g >= 0 && g < candidateIndex.length ? candidateIndex[g] : -1;
    if (idx < 0 || (visited >>> idx & 1) != 0) {
      return 0;
    }
    return 1.0 / (setting.numCandidates() - Long.bitCount(visited));
  }
}
