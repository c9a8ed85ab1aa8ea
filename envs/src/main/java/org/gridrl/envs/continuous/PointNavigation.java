package org.gridrl.envs.continuous;

import org.gridrl.core.env.Box;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.util.Rng;

/**
 * MAML's 2-D navigation task family (Finn, Abbeel &amp; Levine 2017, §5.2): a point in the
 * plane moves by its velocity, p_{t+1} = p_t + clip(a_t, −0.1, 0.1), and is paid the negative
 * distance to the goal after the move, r_t = −‖p_{t+1} − g‖₂.
 *
 * <p>Details follow the authors' code, cbfinn/maml_rl {@code maml_examples/point_env_randgoal.py}
 * ({@code PointEnvRandGoal}) run through rllab's {@code normalize} wrapper
 * ({@code rllab/envs/normalized_env.py}) as in {@code maml_trpo_point.py}:
 * <ul>
 *   <li>the start is the origin, p_0 = (0, 0); the observation is the position (x, y);</li>
 *   <li>the action is a velocity clipped coordinate-wise to [−0.1, 0.1]² (in the reference the
 *       wrapper rescales the policy's [−1, 1]² output to the bounds and clips it; here the
 *       clipping is part of the dynamics, so any finite action is valid);</li>
 *   <li>the reward is the distance after the move;</li>
 *   <li>the episode terminates when |x − g_x| &lt; 0.01 and |y − g_y| &lt; 0.01 after the move
 *       (the reference's {@code done}), and is truncated after {@link #HORIZON} = 100 steps
 *       ({@code max_path_length = 100});</li>
 *   <li>goals are uniform in [−0.5, 0.5]² ({@code sample_goals}), see {@link #goals()}.</li>
 * </ul>
 *
 * <p>A goal is fixed ({@link #withGoal(Goal)}, {@link #setTask(Goal)}) or drawn at every reset
 * from {@code Rng(seed)} ({@link #withRandomGoals()}); the dynamics are deterministic, so the
 * seed matters only in the second mode. Each step allocates its observation array and the
 * {@link Step}. Not thread-safe.
 */
public final class PointNavigation implements Env<double[], double[]> {

  /** The largest speed per coordinate, 0.1. */
  public static final double MAX_SPEED = 0.1;
  /** Steps per episode before truncation, 100. */
  public static final int HORIZON = 100;
  /** Goals are uniform in [−GOAL_RANGE, GOAL_RANGE]², GOAL_RANGE = 0.5. */
  public static final double GOAL_RANGE = 0.5;
  /** The episode terminates when both coordinates are within 0.01 of the goal. */
  public static final double GOAL_TOLERANCE = 0.01;

  private static final String NAME = "PointNavigation";
  private static final Box OBSERVATION_SPACE =
      Box.uniform(2, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  private static final Box ACTION_SPACE = Box.uniform(2, -MAX_SPEED, MAX_SPEED);
  private static final TaskDistribution<Goal> GOALS = rng -> new Goal(
      rng.nextDouble(-GOAL_RANGE, GOAL_RANGE), rng.nextDouble(-GOAL_RANGE, GOAL_RANGE));

  private Goal goal;
  private boolean randomGoals;
  private double x;
  private double y;
  private int steps = -1;
  private boolean ended;
  private boolean terminated;

  private PointNavigation(Goal goal, boolean randomGoals) {
    this.goal = goal;
    this.randomGoals = randomGoals;
  }

  /** An environment whose goal is {@code goal} until {@link #setTask(Goal)}. */
  public static PointNavigation withGoal(Goal goal) {
    if (goal == null) {
      throw new IllegalArgumentException("goal must not be null");
    }
    return new PointNavigation(goal, false);
  }

  /** {@link #withGoal(Goal)} with goal (x, y). */
  public static PointNavigation withGoal(double x, double y) {
    return withGoal(new Goal(x, y));
  }

  /**
   * An environment that draws a new goal g ~ U[−0.5, 0.5]² at every {@code reset(seed)} from
   * {@code new Rng(seed)} (so the same seed gives the same goal), until {@link #setTask(Goal)}.
   */
  public static PointNavigation withRandomGoals() {
    return new PointNavigation(null, true);
  }

  /** The task distribution p(g) = U[−0.5, 0.5]² (x drawn before y). */
  public static TaskDistribution<Goal> goals() {
    return GOALS;
  }

  /**
   * Fixes the goal. The current episode, if any, is over: the next step needs a reset.
   *
   * @param goal the new goal, not null
   */
  public void setTask(Goal goal) {
    if (goal == null) {
      throw new IllegalArgumentException("goal must not be null");
    }
    this.goal = goal;
    this.randomGoals = false;
    this.steps = -1;
  }

  /** The current goal; null before the first reset of {@link #withRandomGoals()}. */
  public Goal goal() {
    return goal;
  }

  /** Position p_t (a new array). */
  public double[] position() {
    return new double[] {x, y};
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

  @Override
  public double[] reset(long seed) {
    if (randomGoals) {
      goal = GOALS.sample(new Rng(seed));
    }
    x = 0;
    y = 0;
    steps = 0;
    ended = false;
    terminated = false;
    return new double[] {x, y};
  }

  /**
   * Moves by clip(a, −0.1, 0.1) and pays −‖p_{t+1} − g‖₂.
   *
   * @param action velocity (vx, vy), finite. Not modified.
   * @throws IllegalArgumentException if the action is null, not of length 2, NaN or infinite
   * @throws IllegalStateException before a reset or after the episode ended
   */
  @Override
  public Step<double[]> step(double[] action) {
    if (steps < 0) {
      throw PointActions.notStarted(NAME);
    }
    if (ended) {
      throw PointActions.ended(NAME, steps, terminated, HORIZON);
    }
    PointActions.check(action, NAME);
    x += PointActions.clip(action[0], MAX_SPEED);
    y += PointActions.clip(action[1], MAX_SPEED);
    steps++;
    double reward = -goal.distanceTo(x, y);
    terminated = Math.abs(x - goal.x()) < GOAL_TOLERANCE && Math.abs(y - goal.y()) < GOAL_TOLERANCE;
    boolean truncated = steps >= HORIZON;
    ended = terminated || truncated;
    return new Step<>(new double[] {x, y}, reward, terminated, truncated);
  }

  /**
   * The undiscounted return of the straight-line policy on goal g: it moves along the segment
   * from the position to the goal at the largest speed the box allows in that direction,
   * a_t = (g − p_t) · min(1, 0.1 / ‖g − p_t‖_∞), so it arrives (and the episode terminates) after
   * n = ⌈‖g‖_∞ / 0.1⌉ steps. With d = ‖g‖₂ and s = 0.1 d / ‖g‖_∞ the closed form is
   * −Σ_{t=1}^{n} max(0, d − t s) (fewer terms if a step ends within the termination tolerance
   * first); this method computes it by a deterministic rollout of this class's dynamics. This is
   * the yardstick of the {@code pg-point-navigation} experiment; see also
   * {@link #optimalReturn(Goal)}, which is never smaller (equal, for instance, when |g_x| = |g_y|
   * or a coordinate is 0, where both policies take the same path).
   */
  public static double straightLineReturn(Goal goal) {
    return straightLineReturn(goal, 1.0);
  }

  /** {@link #straightLineReturn(Goal)} with rewards discounted by γ^t, t = 0, 1, .... */
  public static double straightLineReturn(Goal goal, double discount) {
    return rollout(goal, discount, true);
  }

  /**
   * The optimal return on goal g (undiscounted): the greedy policy a_t = clip(g − p_t, −0.1, 0.1)
   * puts p_t at the Euclidean projection of g onto the set reachable in t steps,
   * p_0 + [−0.1 t, 0.1 t]², so every r_t is as large as any policy can make it and the episode
   * terminates as early as possible; hence its return (computed by a deterministic rollout) is
   * the optimum, for any discount.
   */
  public static double optimalReturn(Goal goal) {
    return optimalReturn(goal, 1.0);
  }

  /** {@link #optimalReturn(Goal)} with rewards discounted by γ^t. */
  public static double optimalReturn(Goal goal, double discount) {
    return rollout(goal, discount, false);
  }

  private static double rollout(Goal goal, double discount, boolean straight) {
    if (!(discount >= 0 && discount <= 1)) {
      throw new IllegalArgumentException("discount must be in [0, 1], got " + discount);
    }
    PointNavigation env = withGoal(goal);
    env.reset(0);
    double[] action = new double[2];
    double ret = 0;
    double weight = 1;
    boolean done = false;
    while (!done) {
      double dx = goal.x() - env.x;
      double dy = goal.y() - env.y;
      if (straight) {
        double norm = Math.max(Math.abs(dx), Math.abs(dy));
        double scale = norm > MAX_SPEED ? MAX_SPEED / norm : 1.0;
        action[0] = dx * scale;
        action[1] = dy * scale;
      } else {
        action[0] = dx;
        action[1] = dy;
      }
      Step<double[]> step = env.step(action);
      ret += weight * step.reward();
      weight *= discount;
      done = step.done();
    }
    return ret;
  }

  @Override
  public String toString() {
    return "PointNavigation[goal=" + (randomGoals ? "random per reset" : goal) + "]";
  }
}
