package org.gridrl.envs.continuous;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.env.Box;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TaskDistribution;

/**
 * PEARL's sparse point robot (Rakelly et al. 2019, §6.3): a point starts at the origin, moves by
 * p_{t+1} = p_t + clip(a_t, −0.1, 0.1), and is paid only near the goal:
 * r_t = 1 − ‖p_{t+1} − g‖₂ if ‖p_{t+1} − g‖₂ ≤ 0.2, else 0; goals lie on the unit upper
 * half-circle, g = (cos θ, sin θ), θ ∈ [0, π].
 *
 * <p>Details follow the authors' code, katerakelly/oyster {@code rlkit/envs/point_robot.py}
 * ({@code SparsePointEnv}) and {@code configs/sparse-point-robot.json}:
 * <ul>
 *   <li>start p_0 = (0, 0) ({@code reset_model}); the observation is the position;</li>
 *   <li>the action bound is [−0.1, 0.1]² (clipped by rlkit's {@code NormalizedBoxEnv}; here the
 *       clipping is part of the dynamics);</li>
 *   <li>the distance is taken after the move; the sparse reward is the dense reward −d masked
 *       to d ≤ {@link #GOAL_RADIUS} = 0.2 plus 1 inside ({@code sparsify_rewards} and "make
 *       sparse rewards positive"), i.e. 1 − d inside, 0 outside. The reference returns the
 *       dense reward from {@code step} and puts the sparse one in {@code info}; this class
 *       returns the sparse one and keeps the distance in {@link #lastDistance()};</li>
 *   <li>no termination; truncation after {@link #HORIZON} = 20 steps ({@code max_path_length});
 *       </li>
 *   <li>the reference's goals are {@code n_tasks = 100} evenly spaced angles
 *       {@code linspace(0, π, n)}, shuffled with NumPy seed 1337 and split 80/20 into train and
 *       test tasks: {@link #referenceGoals(int)} gives the same set unshuffled;
 *       {@link #goals()} is its continuous version, θ ~ U[0, π].</li>
 * </ul>
 *
 * <p>The dynamics are deterministic, so {@code reset(seed)} does not use the seed. Each step
 * allocates its observation array and the {@link Step}. Not thread-safe.
 */
public final class SparsePointRobot implements Env<double[], double[]> {

  /** The largest speed per coordinate, 0.1. */
  public static final double MAX_SPEED = 0.1;
  /** Steps per episode before truncation, 20. */
  public static final int HORIZON = 20;
  /** Reward is paid within this distance of the goal, 0.2. */
  public static final double GOAL_RADIUS = 0.2;

  private static final String NAME = "SparsePointRobot";
  private static final Box OBSERVATION_SPACE =
      Box.uniform(2, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  private static final Box ACTION_SPACE = Box.uniform(2, -MAX_SPEED, MAX_SPEED);
  private static final TaskDistribution<Goal> GOALS =
      rng -> Goal.polar(1.0, rng.nextDouble(0, Math.PI));

  private Goal goal;
  private double x;
  private double y;
  private double lastDistance = Double.NaN;
  private int steps = -1;

  /** An environment with goal {@code goal} until {@link #setTask(Goal)}. */
  public SparsePointRobot(Goal goal) {
    if (goal == null) {
      throw new IllegalArgumentException("goal must not be null");
    }
    this.goal = goal;
  }

  /** The task distribution: g = (cos θ, sin θ), θ ~ U[0, π]. */
  public static TaskDistribution<Goal> goals() {
    return GOALS;
  }

  /**
   * The reference's goal set: g_k = (cos θ_k, sin θ_k), θ_k = kπ/(n − 1), k = 0..n−1 (n = 1 gives
   * θ = 0, as {@code linspace} does), unshuffled.
   *
   * @param n the number of goals, ≥ 1 (the reference uses 100)
   */
  public static List<Goal> referenceGoals(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("number of goals must be >= 1, got " + n);
    }
    List<Goal> goals = new ArrayList<>(n);
    double step = n == 1 ? 0.0 : Math.PI / (n - 1);
    for (int k = 0; k < n; k++) {
      // as numpy.linspace: start + k·step, the last one exactly π (so no y is below 0)
      goals.add(Goal.polar(1.0, k == n - 1 && n > 1 ? Math.PI : k * step));
    }
    return goals;
  }

  /**
   * The sparse reward at distance d from the goal: 1 − d if d ≤ 0.2, else 0.
   *
   * @param distance d ≥ 0
   */
  public static double sparseReward(double distance) {
    return distance <= GOAL_RADIUS ? 1.0 - distance : 0.0;
  }

  /**
   * Changes the goal. The current episode, if any, is over: the next step needs a reset.
   *
   * @param goal the new goal, not null
   */
  public void setTask(Goal goal) {
    if (goal == null) {
      throw new IllegalArgumentException("goal must not be null");
    }
    this.goal = goal;
    this.steps = -1;
  }

  /** The current goal. */
  public Goal goal() {
    return goal;
  }

  /** Position p_t (a new array). */
  public double[] position() {
    return new double[] {x, y};
  }

  /** ‖p_t − g‖₂ after the last step (the dense reward is its negative); NaN before a step. */
  public double lastDistance() {
    return lastDistance;
  }

  /** Steps taken since the last reset; −1 before it. */
  public int elapsedSteps() {
    return steps;
  }

  @Override
  public Box observationSpace() {
    return OBSERVATION_SPACE;
  }

  /** [−0.1, 0.1]²; actions outside it are clipped, not rejected. */
  @Override
  public Box actionSpace() {
    return ACTION_SPACE;
  }

  /** Starts at the origin; deterministic (the seed is not used). */
  @Override
  public double[] reset(long seed) {
    x = 0;
    y = 0;
    steps = 0;
    lastDistance = Double.NaN;
    return new double[] {x, y};
  }

  /**
   * Moves by clip(a, −0.1, 0.1) and pays {@link #sparseReward}(‖p_{t+1} − g‖₂).
   *
   * @param action velocity (vx, vy), finite. Not modified.
   * @throws IllegalArgumentException if the action is null, not of length 2, NaN or infinite
   * @throws IllegalStateException before a reset or after the episode was truncated
   */
  @Override
  public Step<double[]> step(double[] action) {
    if (steps < 0) {
      throw PointActions.notStarted(NAME);
    }
    if (steps >= HORIZON) {
      throw PointActions.ended(NAME, steps, false, HORIZON);
    }
    PointActions.check(action, NAME);
    x += PointActions.clip(action[0], MAX_SPEED);
    y += PointActions.clip(action[1], MAX_SPEED);
    steps++;
    lastDistance = goal.distanceTo(x, y);
    return new Step<>(new double[] {x, y}, sparseReward(lastDistance), false, steps >= HORIZON);
  }

  @Override
  public String toString() {
    return "SparsePointRobot[goal=" + goal + "]";
  }
}
