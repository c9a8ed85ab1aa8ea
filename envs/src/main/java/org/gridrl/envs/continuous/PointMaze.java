package org.gridrl.envs.continuous;

import org.gridrl.core.env.Box;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;

/**
 * AIRL's shifting-maze transfer task (Fu, Luo &amp; Levine 2018, §7.1) as a 2-D kinematic point:
 * a point in a box below a horizontal wall must reach a goal above it through a gap on the left
 * ({@link Layout#GAP_LEFT}) or, with the wall shifted, on the right ({@link Layout#GAP_RIGHT});
 * p_{t+1} = move(p_t, 0.05 · clip(a_t, −1, 1)) and r_t = −‖p_t − g‖₂ − c ‖clip(a_t, −1, 1)‖₂².
 *
 * <p>Layout and reward follow the authors' code, justinjfu/inverse_rl
 * {@code inverse_rl/envs/point_maze_env.py} ({@code PointMazeEnv}, {@code maze_length = 0.6},
 * 100-step episodes) and {@code inverse_rl/envs/dynamic_mjc/mjc_models.py}
 * ({@code point_mass_maze}), with L = 0.6:
 * <ul>
 *   <li>start p_0 = (L/2, 0) = (0.3, 0), goal g = (L/2, L − 0.1) = (0.3, 0.5);</li>
 *   <li>border walls at −0.1 and L = 0.6 on both axes; a barrier at height L/2 = 0.3 spanning
 *       x ∈ [L/3, L] = [0.2, 0.6] in the reference's {@code direction = RIGHT}
 *       ({@code PointMazeRight-v0}; gap on the left, {@link Layout#GAP_LEFT}) or
 *       x ∈ [−0.1, 2L/3] = [−0.1, 0.4] in {@code direction = LEFT} ({@code PointMazeLeft-v0};
 *       gap on the right, {@link Layout#GAP_RIGHT});</li>
 *   <li>the reward is the distance <em>before</em> the move (the reference measures it before
 *       {@code do_simulation}) plus the control cost c ‖a‖², c = 0.001 by default;</li>
 *   <li>no termination; truncation after {@link #HORIZON} = 100 steps.</li>
 * </ul>
 *
 * <p>Simplifications (documented so transfer results are read correctly): the reference is a
 * MuJoCo point mass (radius 0.03, damping 1, motors with force in [−1, 1], 5 substeps of
 * 0.01 s); here the point is kinematic: the action a ∈ [−1, 1]² (clipped) is a velocity and the
 * point moves by {@link #STEP_SIZE} · a = 0.05 a per step, the reference's terminal speed
 * (force 1 / damping 1) times its 0.05 s control period. Walls are handled in configuration
 * space: every wall (capsule radius 0.02) is grown by the 0.02 + 0.03 = 0.05 clearance, so the
 * point's centre stays in the arena [−0.05, 0.55]² and out of the barrier band
 * y ∈ (0.25, 0.35) over x &gt; 0.15 ({@code GAP_LEFT}) or x &lt; 0.45 ({@code GAP_RIGHT}); the
 * grown barrier reaches into the border, with square instead of rounded ends. Collision: a
 * move that would enter the barrier stops the blocked coordinate at the barrier's face while the
 * other coordinate moves in full (frictionless sliding, as the reference's {@code condim = 1}
 * contact); then each coordinate is clamped to the arena. The reference's start velocity noise
 * (±0.01) has no kinematic counterpart, so {@code reset(seed)} is deterministic.
 *
 * <p>Each step allocates its observation array and the {@link Step}. Not thread-safe.
 */
public final class PointMaze implements Env<double[], double[]> {

  /** Which side of the barrier is open. */
  public enum Layout {
    /** Gap on the left, barrier over x &gt; 0.15 (AIRL {@code PointMazeRight-v0}). */
    GAP_LEFT,
    /** Gap on the right, barrier over x &lt; 0.45 (AIRL {@code PointMazeLeft-v0}). */
    GAP_RIGHT
  }

  /** Displacement per unit action per step, 0.05. */
  public static final double STEP_SIZE = 0.05;
  /** Steps per episode before truncation, 100. */
  public static final int HORIZON = 100;
  /** The reference's control-cost weight c = 0.001. */
  public static final double DEFAULT_CONTROL_COST = 0.001;
  /** Lower bound of both coordinates of the point's centre, −0.05. */
  public static final double ARENA_LOW = -0.05;
  /** Upper bound of both coordinates of the point's centre, 0.55. */
  public static final double ARENA_HIGH = 0.55;
  /** Lower face of the grown barrier, y = 0.25. */
  public static final double BARRIER_LOW = 0.25;
  /** Upper face of the grown barrier, y = 0.35. */
  public static final double BARRIER_HIGH = 0.35;
  /** With {@link Layout#GAP_LEFT} the barrier covers x &gt; 0.15. */
  public static final double GAP_LEFT_BARRIER_START = 0.15;
  /** With {@link Layout#GAP_RIGHT} the barrier covers x &lt; 0.45. */
  public static final double GAP_RIGHT_BARRIER_END = 0.45;
  /** The start (0.3, 0). */
  public static final Goal START = new Goal(0.3, 0.0);
  /** The goal (0.3, 0.5). */
  public static final Goal GOAL = new Goal(0.3, 0.5);

  private static final String NAME = "PointMaze";
  private static final Box OBSERVATION_SPACE = Box.uniform(2, ARENA_LOW, ARENA_HIGH);
  private static final Box ACTION_SPACE = Box.uniform(2, -1, 1);

  private final Layout layout;
  private final double controlCost;
  // the barrier's open interior: xLo < x < xHi, BARRIER_LOW < y < BARRIER_HIGH
  private final double barrierXLo;
  private final double barrierXHi;
  private double x;
  private double y;
  private int steps = -1;

  /** The maze with the reference's control cost 0.001. */
  public PointMaze(Layout layout) {
    this(layout, DEFAULT_CONTROL_COST);
  }

  /**
   * The maze with control-cost weight c (0 gives r_t = −‖p_t − g‖₂).
   *
   * @param layout which side is open
   * @param controlCost c ≥ 0, finite
   */
  public PointMaze(Layout layout, double controlCost) {
    if (layout == null) {
      throw new IllegalArgumentException("layout must not be null");
    }
    if (!(controlCost >= 0) || Double.isInfinite(controlCost)) {
      throw new IllegalArgumentException("controlCost must be finite and >= 0, got "
          + controlCost);
    }
    this.layout = layout;
    this.controlCost = controlCost;
    if (layout == Layout.GAP_LEFT) {
      barrierXLo = GAP_LEFT_BARRIER_START;
      barrierXHi = Double.POSITIVE_INFINITY;
    } else {
      barrierXLo = Double.NEGATIVE_INFINITY;
      barrierXHi = GAP_RIGHT_BARRIER_END;
    }
  }

  /** The layout. */
  public Layout layout() {
    return layout;
  }

  /** The control-cost weight c. */
  public double controlCost() {
    return controlCost;
  }

  /** Position p_t (a new array). */
  public double[] position() {
    return new double[] {x, y};
  }

  /** Steps taken since the last reset; −1 before it. */
  public int elapsedSteps() {
    return steps;
  }

  /** The arena [−0.05, 0.55]². */
  @Override
  public Box observationSpace() {
    return OBSERVATION_SPACE;
  }

  /** [−1, 1]²; actions outside it are clipped, not rejected. */
  @Override
  public Box actionSpace() {
    return ACTION_SPACE;
  }

  /** Whether (px, py) is strictly inside the grown barrier. */
  public boolean insideBarrier(double px, double py) {
    return px > barrierXLo && px < barrierXHi && py > BARRIER_LOW && py < BARRIER_HIGH;
  }

  /** Starts at (0.3, 0); deterministic (the seed is not used). */
  @Override
  public double[] reset(long seed) {
    x = START.x();
    y = START.y();
    steps = 0;
    return new double[] {x, y};
  }

  /**
   * Pays −‖p_t − g‖₂ − c‖a‖² for a = clip(action, −1, 1), then moves by 0.05 a, stopped by the
   * barrier (sliding) and clamped to the arena.
   *
   * @param action (ax, ay), finite. Not modified.
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
    double ax = PointActions.clip(action[0], 1.0);
    double ay = PointActions.clip(action[1], 1.0);
    double reward = -GOAL.distanceTo(x, y) - controlCost * (ax * ax + ay * ay);
    move(STEP_SIZE * ax, STEP_SIZE * ay);
    steps++;
    return new Step<>(new double[] {x, y}, reward, false, steps >= HORIZON);
  }

  /**
   * Moves by (dx, dy): if the segment enters the barrier's open interior (slab test), the
   * coordinate whose face is hit stops on that face and the other moves in full; then clamps to
   * the arena. The start is never inside the barrier, so neither is the result.
   */
  private void move(double dx, double dy) {
    double nx = x + dx;
    double ny = y + dy;
    double enterX;
    double exitX;
    double enterY;
    double exitY;
    boolean hit = true;
    if (dx == 0) {
      hit = x > barrierXLo && x < barrierXHi;
      enterX = Double.NEGATIVE_INFINITY;
      exitX = Double.POSITIVE_INFINITY;
    } else {
      double t1 = (barrierXLo - x) / dx;
      double t2 = (barrierXHi - x) / dx;
      enterX = Math.min(t1, t2);
      exitX = Math.max(t1, t2);
    }
    if (dy == 0) {
      hit &= y > BARRIER_LOW && y < BARRIER_HIGH;
      enterY = Double.NEGATIVE_INFINITY;
      exitY = Double.POSITIVE_INFINITY;
    } else {
      double t1 = (BARRIER_LOW - y) / dy;
      double t2 = (BARRIER_HIGH - y) / dy;
      enterY = Math.min(t1, t2);
      exitY = Math.max(t1, t2);
    }
    double tEnter = Math.max(enterX, enterY);
    double tExit = Math.min(exitX, exitY);
    hit &= tEnter < tExit && tEnter < 1 && tExit > 0;
    // a segment that only touches the face can still end an ulp inside after rounding
    if (hit || insideBarrier(nx, ny)) {
      if (enterY >= enterX) {
        ny = dy > 0 ? BARRIER_LOW : BARRIER_HIGH;
      } else {
        nx = dx > 0 ? barrierXLo : barrierXHi;
      }
    }
    x = Math.max(ARENA_LOW, Math.min(ARENA_HIGH, nx));
    y = Math.max(ARENA_LOW, Math.min(ARENA_HIGH, ny));
  }

  @Override
  public String toString() {
    return "PointMaze[" + layout + ", controlCost=" + controlCost + "]";
  }
}
