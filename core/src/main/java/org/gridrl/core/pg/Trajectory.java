package org.gridrl.core.pg;

/**
 * One contiguous piece of experience from one environment, (s_t, a_t, r_t, s'_t) for
 * t = 0..T−1, with s'_t = s_{t+1} inside the piece. Its last step ended the piece for one of
 * three reasons: the MDP {@link #terminated() terminated} at s'_{T−1} (no bootstrap), the episode
 * was {@link #truncated() truncated} by a time limit, or the rollout stopped mid-episode
 * (neither flag; the episode continues in the next batch). In the last two cases the return
 * after step T−1 is bootstrapped from V(s'_{T−1}).
 *
 * <p>Layout: flat row-major arrays, {@code observations[t*obsDim + j]},
 * {@code actions[t*actionDim + j]} (a discrete action is stored as its index, actionDim = 1),
 * {@code nextObservations[t*obsDim + j]}. The arrays are held by reference, not copied; treat
 * them as read only. Concatenate trajectories into a {@link Batch} with {@link Batch#of}.
 *
 * @param observations s_t, T × obsDim
 * @param actions a_t, T × actionDim
 * @param rewards r_t, length T
 * @param logProbs log π_old(a_t|s_t) of the behaviour policy, length T
 * @param nextObservations s'_t, T × obsDim
 * @param terminated whether s'_{T−1} is terminal
 * @param truncated whether a time limit cut the episode at step T−1 (and it did not terminate)
 * @param task index of the task (environment or task of a distribution) this came from
 */
public record Trajectory(double[] observations, double[] actions, double[] rewards,
    double[] logProbs, double[] nextObservations, boolean terminated, boolean truncated,
    int task) {

  /** Checks the lengths agree and the piece is not empty. */
  public Trajectory {
    int t = rewards.length;
    if (t == 0) {
      throw new IllegalArgumentException("a trajectory needs at least one step");
    }
    if (observations.length % t != 0 || observations.length == 0) {
      throw new IllegalArgumentException("observations has " + observations.length
          + " numbers, not a positive multiple of the " + t + " steps");
    }
    if (nextObservations.length != observations.length) {
      throw new IllegalArgumentException("nextObservations has " + nextObservations.length
          + " numbers, observations " + observations.length);
    }
    if (actions.length % t != 0 || actions.length == 0) {
      throw new IllegalArgumentException("actions has " + actions.length
          + " numbers, not a positive multiple of the " + t + " steps");
    }
    if (logProbs.length != t) {
      throw new IllegalArgumentException("logProbs has " + logProbs.length + " entries for "
          + t + " steps");
    }
    if (terminated && truncated) {
      throw new IllegalArgumentException("a trajectory is terminated or truncated, not both"
          + " (termination wins: pass truncated = false)");
    }
    if (task < 0) {
      throw new IllegalArgumentException("task must be >= 0, got " + task);
    }
  }

  /** Number of steps T. */
  public int length() {
    return rewards.length;
  }

  /** Observation dimension. */
  public int observationDim() {
    return observations.length / rewards.length;
  }

  /** Action dimension (1 for a discrete action index). */
  public int actionDim() {
    return actions.length / rewards.length;
  }

  /** Σ_t r_t, the undiscounted return of the piece. */
  public double undiscountedReturn() {
    double g = 0;
    for (double r : rewards) {
      g += r;
    }
    return g;
  }
}
