package org.gridrl.envs.continuous;

import java.util.Arrays;

/**
 * A goal position g = (x, y) in the plane: the task of {@link PointNavigation} and
 * {@link SparsePointRobot}, and the fixed target of {@link PointMaze}.
 *
 * @param x first coordinate, finite
 * @param y second coordinate, finite
 */
public record Goal(double x, double y) {

  /** Rejects NaN and infinite coordinates. */
  public Goal {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("goal coordinates must be finite, got (" + x + ", " + y
          + ")");
    }
  }

  /**
   * The goal {@code (xy[0], xy[1])}.
   *
   * @param xy a position of length 2. Not modified.
   */
  public static Goal of(double[] xy) {
    if (xy == null || xy.length != 2) {
      throw new IllegalArgumentException("a goal needs 2 coordinates (x, y), got "
          + (xy == null ? "null" : xy.length + ": " + Arrays.toString(xy)));
    }
    return new Goal(xy[0], xy[1]);
  }

  /** The goal {@code (r cos θ, r sin θ)}. */
  public static Goal polar(double radius, double angle) {
    return new Goal(radius * Math.cos(angle), radius * Math.sin(angle));
  }

  /** The Euclidean distance ‖(px, py) − g‖₂. */
  public double distanceTo(double px, double py) {
    return Math.hypot(px - x, py - y);
  }

  /** {@code {x, y}} (a new array). */
  public double[] toArray() {
    return new double[] {x, y};
  }
}
