package org.gridrl.envs.continuous;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.OneHotTask;

/**
 * A fixed family of K {@link PointNavigation} tasks, task k the goal g_k: p_{t+1} = p_t +
 * clip(a_t, −0.1, 0.1), r_t = −‖p_{t+1} − g_k‖₂, from p_0 = 0, truncated after
 * {@link PointNavigation#HORIZON} = 100 steps: the continuous multi-task family of the lecture's
 * template (one policy for many tasks, the task id in the observation), here with the goals
 * fixed rather than drawn per episode as in MAML's meta-learning setting (Finn et al. 2017).
 *
 * <p>{@link #circle()} is the default family: 8 goals on the circle of radius 0.4,
 * g_k = 0.4·(cos 2πk/8, sin 2πk/8); opposite goals pull a shared policy without the id in
 * opposite directions from the shared start. {@link #of(List)} takes any goals.
 */
public final class MultiGoalPoint {

  /** The radius of the default goals, 0.4. */
  public static final double DEFAULT_RADIUS = 0.4;
  /** The number of default goals, 8. */
  public static final int DEFAULT_NUM_GOALS = 8;

  private final List<Goal> goals;

  private MultiGoalPoint(List<Goal> goals) {
    this.goals = goals;
  }

  /**
   * A family with the given goals, in task order.
   *
   * @param goals at least one goal, none null. Not modified (copied).
   */
  public static MultiGoalPoint of(List<Goal> goals) {
    if (goals == null || goals.isEmpty()) {
      throw new IllegalArgumentException("goals must hold at least one goal, got "
          + (goals == null ? "null" : "none"));
    }
    for (int k = 0; k < goals.size(); k++) {
      if (goals.get(k) == null) {
        throw new IllegalArgumentException("goal " + k + " is null");
      }
    }
    return new MultiGoalPoint(List.copyOf(goals));
  }

  /**
   * K goals evenly on the circle of the given radius, g_k = r·(cos 2πk/K, sin 2πk/K).
   *
   * @param numGoals K ≥ 1
   * @param radius r, finite and ≥ 0
   */
  public static MultiGoalPoint circle(int numGoals, double radius) {
    if (numGoals < 1) {
      throw new IllegalArgumentException("numGoals must be >= 1, got " + numGoals);
    }
    if (!(radius >= 0) || !Double.isFinite(radius)) {
      throw new IllegalArgumentException("radius must be finite and >= 0, got " + radius);
    }
    List<Goal> g = new ArrayList<>(numGoals);
    for (int k = 0; k < numGoals; k++) {
      g.add(Goal.polar(radius, 2 * Math.PI * k / numGoals));
    }
    return new MultiGoalPoint(List.copyOf(g));
  }

  /** The default family: 8 goals on the circle of radius 0.4, g_0 = (0.4, 0), counterclockwise. */
  public static MultiGoalPoint circle() {
    return circle(DEFAULT_NUM_GOALS, DEFAULT_RADIUS);
  }

  /** K, the number of tasks. */
  public int numTasks() {
    return goals.size();
  }

  /** g_k. */
  public Goal goal(int k) {
    return goals.get(checkTask(k));
  }

  /** The goals in task order (unmodifiable). */
  public List<Goal> goals() {
    return goals;
  }

  /** "goal-k". */
  public String taskName(int k) {
    return "goal-" + checkTask(k);
  }

  /** The optimal undiscounted return of task k, {@link PointNavigation#optimalReturn(Goal)}. */
  public double optimalReturn(int k) {
    return PointNavigation.optimalReturn(goal(k));
  }

  /** Task k: {@link PointNavigation#withGoal(Goal)} with g_k (a new environment each call). */
  public Env<double[], double[]> env(int k) {
    return env(k, false);
  }

  /**
   * Task k, with the one-hot task id appended when {@code withTaskId}: observation
   * [x, y, e_k] ∈ R^{2+K} ({@link OneHotTask}).
   */
  public Env<double[], double[]> env(int k, boolean withTaskId) {
    Env<double[], double[]> e = PointNavigation.withGoal(goal(k));
    return withTaskId ? new OneHotTask<>(e, k, numTasks()) : e;
  }

  /** {@link #env(int, boolean)} for every task, in task order (env i is task i). */
  public List<Env<double[], double[]>> envs(boolean withTaskId) {
    List<Env<double[], double[]>> out = new ArrayList<>(numTasks());
    for (int k = 0; k < numTasks(); k++) {
      out.add(env(k, withTaskId));
    }
    return out;
  }

  private int checkTask(int k) {
    if (k < 0 || k >= goals.size()) {
      throw new IllegalArgumentException("task index " + k + " out of range [0, " + goals.size()
          + ")");
    }
    return k;
  }

  @Override
  public String toString() {
    return "MultiGoalPoint[K=" + goals.size() + ", goals=" + goals + "]";
  }
}
