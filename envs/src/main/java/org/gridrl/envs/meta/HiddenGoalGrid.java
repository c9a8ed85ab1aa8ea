package org.gridrl.envs.meta;

import org.gridrl.core.env.Box;
import org.gridrl.core.env.Discrete;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.util.Check;

/**
 * VariBAD's hidden-goal grid ("GridNavi", Zintgraf et al. 2020; reference code
 * {@code lmzintgraf/varibad}, {@code environments/navigation/gridworld.py}):
 * r_t = +1 if x_{t+1} = g else −0.1, on an n×n grid, the goal g hidden from the agent.
 *
 * <p>Details, as in the reference file:
 * <ul>
 *   <li>The state is the cell (x, y) ∈ {0..n−1}², observed as the {@code double[] {x, y}} (the
 *       reference's {@code Box(0, n−1, shape=(2,))}), never the goal. Cells are numbered
 *       {@code cell = x·n + y}, the reference's {@code task_to_id}.
 *   <li>Every episode starts in the corner (0, 0).
 *   <li>Actions 0 = stay (noop), 1 = up (y + 1), 2 = right (x + 1), 3 = down (y − 1),
 *       4 = left (x − 1), clamped at the border (a move off the grid stays put). This is the
 *       reference's numbering, not {@code envs.tabular}'s (north, east, south, west, stay), so
 *       that action statistics compare with VariBAD's directly.
 *   <li>The reward is for being on the goal after the move: +1 every step that ends on g,
 *       including staying there; −0.1 every other step. Reaching the goal does not end the
 *       episode ({@code terminated} is always false); the agent may stay and keep collecting.
 *   <li>The episode is truncated after {@link #horizon()} steps (15 in the reference).
 *   <li>The goal is drawn uniformly from the cells outside the start's 2×2 block
 *       {(0,0), (0,1), (1,0), (1,1)}: 21 candidates on 5×5, 5 on 3×3
 *       ({@link #candidateGoals(int)}, {@link #tasks}).
 *   <li>A trial is {@link #episodesPerTrial()} episodes (4 in VariBAD's experiments,
 *       {@code max_rollouts_per_task}) with the same goal: one task, one {@code HiddenGoalGrid},
 *       reset once per episode. The next trial draws a new task.
 * </ul>
 * The reference's belief bookkeeping and the hint action 5 are not part of the environment here
 * (the belief lives with the planners, {@code org.gridrl.meta.baselines}). Nothing is random
 * inside an episode, so {@code reset(seed)} ignores its seed. Not thread-safe.
 */
public final class HiddenGoalGrid implements Env<double[], Integer> {

  /** Action numbers, as in the reference. */
  public static final int STAY = 0;
  public static final int UP = 1;
  public static final int RIGHT = 2;
  public static final int DOWN = 3;
  public static final int LEFT = 4;
  public static final int NUM_ACTIONS = 5;
  /** The reference's rewards on and off the goal. */
  public static final double GOAL_REWARD = 1.0;
  public static final double STEP_REWARD = -0.1;
  /** The start cell (0, 0). */
  public static final int START = 0;

  private static final Discrete ACTION_SPACE = new Discrete(NUM_ACTIONS);

  private final int size;
  private final int horizon;
  private final int episodesPerTrial;
  private final int goal;
  private final Box observationSpace;
  private int cell;
  private int steps = -1;

  /**
   * A grid with a fixed goal.
   *
   * @param size n ≥ 3 (the 2×2 start block must leave a candidate)
   * @param horizon H ≥ 1, the steps of one episode
   * @param episodesPerTrial E ≥ 1, the episodes of one trial
   * @param goal the goal cell x·n + y, one of {@link #candidateGoals(int)}
   */
  public HiddenGoalGrid(int size, int horizon, int episodesPerTrial, int goal) {
    checkLayout(size, horizon, episodesPerTrial);
    Check.argument(goal >= 0 && goal < size * size && isCandidate(size, goal),
        "goal must be a cell x*n+y outside the start's 2x2 block of the %sx%s grid, got %s",
        size, size, goal);
    this.size = size;
    this.horizon = horizon;
    this.episodesPerTrial = episodesPerTrial;
    this.goal = goal;
    this.observationSpace = Box.uniform(2, 0, size - 1);
  }

  /** VariBAD's setting: 5×5, 15 steps an episode, 4 episodes a trial, the given goal. */
  public static HiddenGoalGrid varibad(int goal) {
    return new HiddenGoalGrid(5, 15, 4, goal);
  }

  /**
   * p(T): the goal uniform over {@link #candidateGoals(int)}, one {@code rng.nextInt(K)} draw.
   */
  public static TaskDistribution<HiddenGoalGrid> tasks(int size, int horizon,
      int episodesPerTrial) {
    checkLayout(size, horizon, episodesPerTrial);
    int[] candidates = candidateGoals(size);
    return rng -> new HiddenGoalGrid(size, horizon, episodesPerTrial,
        candidates[rng.nextInt(candidates.length)]);
  }

  /** The candidate goals of an n×n grid in increasing cell order: all cells with x ≥ 2 or y ≥ 2. */
  public static int[] candidateGoals(int size) {
    Check.argument(size >= 3, "size must be >= 3, got %s", size);
    int[] out = new int[size * size - 4];
    int k = 0;
    for (int c = 0; c < size * size; c++) {
      if (isCandidate(size, c)) {
        out[k++] = c;
      }
    }
    return out;
  }

  /** Whether a cell lies outside the start's 2×2 block (x ≥ 2 or y ≥ 2). */
  public static boolean isCandidate(int size, int cell) {
    return cell / size >= 2 || cell % size >= 2;
  }

  /**
   * The deterministic move, clamped at the border: the reference's {@code state_transition}.
   *
   * @param cell x·n + y
   * @param action in [0, 5)
   */
  public static int move(int size, int cell, int action) {
    int x = cell / size;
    int y = cell % size;
    switch (action) {
      case STAY -> { }
      case UP -> y = Math.min(y + 1, size - 1);
      case RIGHT -> x = Math.min(x + 1, size - 1);
      case DOWN -> y = Math.max(y - 1, 0);
      case LEFT -> x = Math.max(x - 1, 0);
      default -> throw new IllegalArgumentException("action must be in [0, 5), got " + action);
    }
    return x * size + y;
  }

  /** The shortest-path (Manhattan) distance |x − x'| + |y − y'| between two cells. */
  public static int distance(int size, int from, int to) {
    return Math.abs(from / size - to / size) + Math.abs(from % size - to % size);
  }

  private static void checkLayout(int size, int horizon, int episodesPerTrial) {
    Check.argument(size >= 3, "size must be >= 3, got %s", size);
    Check.positive("horizon", horizon);
    Check.positive("episodesPerTrial", episodesPerTrial);
  }

  /** n. */
  public int size() {
    return size;
  }

  /** H, the steps of one episode. */
  public int horizon() {
    return horizon;
  }

  /** E, the episodes of one trial. */
  public int episodesPerTrial() {
    return episodesPerTrial;
  }

  /** The hidden goal cell x·n + y (for evaluation and oracles only). */
  public int goal() {
    return goal;
  }

  /** The current cell x·n + y, or −1 before the first reset. */
  public int cell() {
    return steps < 0 ? -1 : cell;
  }

  @Override
  public Box observationSpace() {
    return observationSpace;
  }

  @Override
  public Discrete actionSpace() {
    return ACTION_SPACE;
  }

  /** Back to the start (0, 0); the goal is kept. The seed is unused (nothing is random). */
  @Override
  public double[] reset(long seed) {
    cell = START;
    steps = 0;
    return observation(cell);
  }

  /**
   * Moves (clamped), then pays +1 if the new cell is the goal, else −0.1; truncated after H
   * steps, never terminated.
   *
   * @throws IllegalArgumentException if the action is null or not in [0, 5)
   * @throws IllegalStateException before a reset or after the H-th step
   */
  @Override
  public Step<double[]> step(Integer action) {
    if (steps < 0) {
      throw new IllegalStateException("HiddenGoalGrid: step before reset");
    }
    if (steps >= horizon) {
      throw new IllegalStateException("HiddenGoalGrid: the episode ended after " + horizon
          + " steps; reset first");
    }
    if (action == null || action < 0 || action >= NUM_ACTIONS) {
      throw new IllegalArgumentException("action must be in [0, 5), got " + action);
    }
    cell = move(size, cell, action);
    steps++;
    double reward = cell == goal ? GOAL_REWARD : STEP_REWARD;
    return new Step<>(observation(cell), reward, false, steps >= horizon);
  }

  /** The observation {x, y} of a cell. */
  public double[] observation(int cellIndex) {
    return new double[] {cellIndex / size, cellIndex % size};
  }

  @Override
  public String toString() {
    return "HiddenGoalGrid[size=" + size + ", horizon=" + horizon + ", episodesPerTrial="
        + episodesPerTrial + ", goal=" + goal + "]";
  }
}
