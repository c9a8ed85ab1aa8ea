package org.gridrl.envs.continuous;

import java.util.Arrays;

/** Validation and clipping of 2-D actions, shared by the point environments. */
final class PointActions {

  private PointActions() {}

  /**
   * Checks that {@code action} is a finite vector of length 2.
   *
   * @param action the action to check. Not modified.
   * @param env the environment's name, for the message
   * @throws IllegalArgumentException naming the bad value
   */
  static void check(double[] action, String env) {
    if (action == null) {
      throw new IllegalArgumentException(env + ": action must not be null");
    }
    if (action.length != 2) {
      throw new IllegalArgumentException(env + ": action must have 2 coordinates (vx, vy), got "
          + action.length + ": " + Arrays.toString(action));
    }
    for (int i = 0; i < 2; i++) {
      if (!Double.isFinite(action[i])) {
        throw new IllegalArgumentException(env + ": action[" + i + "] must be finite, got "
            + action[i] + " in " + Arrays.toString(action));
      }
    }
  }

  /** v clipped to [−bound, bound]. */
  static double clip(double v, double bound) {
    return v > bound ? bound : (v < -bound ? -bound : v);
  }

  /** The message for a step after the end of an episode. */
  static IllegalStateException ended(String env, int steps, boolean terminated, int horizon) {
    return new IllegalStateException(env + ": the episode has ended ("
        + (terminated ? "terminated at the goal" : "truncated at the horizon of " + horizon
        + " steps") + " after " + steps + " steps); call reset(seed) to start a new episode");
  }

  /** The message for a step before the first reset (or after a task change). */
  static IllegalStateException notStarted(String env) {
    return new IllegalStateException(env + ": step before reset: call reset(seed) to start an "
        + "episode (a task change also needs a new reset)");
  }
}
