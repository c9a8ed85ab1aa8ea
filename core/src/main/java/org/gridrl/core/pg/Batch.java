package org.gridrl.core.pg;

import java.util.Arrays;
import java.util.List;

/**
 * A batch of on-policy experience: N steps (s_t, a_t, r_t, s'_t, log π_old(a_t|s_t)) laid out as
 * consecutive {@link Trajectory trajectories} (segments), each contiguous in step order.
 *
 * <p><b>Layout</b> (all arrays row-major, held by reference; treat them as read only):
 * <ul>
 *   <li>{@link #observations()} s_t and {@link #nextObservations()} s'_t: N × obsDim,
 *       element (t, j) at {@code t*obsDim + j};
 *   <li>{@link #actions()} a_t: N × actionDim; a discrete action is its index stored as a
 *       double (actionDim = 1) and also, as an int, in {@link #actionIndices()} (null when
 *       continuous);
 *   <li>{@link #rewards()} r_t, {@link #logProbs()} log π_old(a_t|s_t), {@link #tasks()} the
 *       task/environment index of each step: length N;
 *   <li>{@link #terminated()}: s'_t is terminal, so the return after t is 0 (no bootstrap);
 *       {@link #truncated()}: a time limit cut the episode at t (bootstrap from V(s'_t));
 *       {@link #last()}: t is the last step of its segment — terminated, truncated, or the
 *       rollout stopped there mid-episode (also bootstrapped from V(s'_t)). Inside a segment
 *       s'_t = s_{t+1}.
 * </ul>
 * So the target for every estimator is y_t = r_t + γ (1 − terminated_t) · (last_t ? V(s'_t) :
 * [the estimate at t+1]); see {@link Returns} and {@link Gae}.
 *
 * <p>{@link #episodeReturns()} and {@link #episodeLengths()} hold the undiscounted return
 * Σ r and length of every episode that ended (terminated or truncated) in this batch, counted
 * from its reset (which may lie in an earlier batch of the same {@link Sampler}).
 */
public final class Batch {

  private final int size;
  private final int obsDim;
  private final int actionDim;
  private final double[] observations;
  private final double[] actions;
  private final int[] actionIndices;
  private final double[] rewards;
  private final double[] logProbs;
  private final double[] nextObservations;
  private final boolean[] terminated;
  private final boolean[] truncated;
  private final boolean[] last;
  private final int[] tasks;
  private final double[] episodeReturns;
  private final int[] episodeLengths;

  /**
   * A batch over the given arrays (not copied). Checks lengths and that the final step ends a
   * segment.
   *
   * @param actionIndices the discrete actions as ints, or null for continuous actions
   */
  public Batch(int obsDim, int actionDim, double[] observations, double[] actions,
      int[] actionIndices, double[] rewards, double[] logProbs, double[] nextObservations,
      boolean[] terminated, boolean[] truncated, boolean[] last, int[] tasks,
      double[] episodeReturns, int[] episodeLengths) {
    int n = rewards.length;
    if (n == 0) {
      throw new IllegalArgumentException("a batch needs at least one step");
    }
    if (obsDim < 1 || actionDim < 1) {
      throw new IllegalArgumentException("obsDim and actionDim must be >= 1, got " + obsDim
          + " and " + actionDim);
    }
    requireLength("observations", observations.length, n * obsDim);
    requireLength("nextObservations", nextObservations.length, n * obsDim);
    requireLength("actions", actions.length, n * actionDim);
    if (actionIndices != null) {
      requireLength("actionIndices", actionIndices.length, n);
      if (actionDim != 1) {
        throw new IllegalArgumentException("discrete actions need actionDim 1, got " + actionDim);
      }
    }
    requireLength("logProbs", logProbs.length, n);
    requireLength("terminated", terminated.length, n);
    requireLength("truncated", truncated.length, n);
    requireLength("last", last.length, n);
    requireLength("tasks", tasks.length, n);
    if (episodeReturns.length != episodeLengths.length) {
      throw new IllegalArgumentException("episodeReturns has " + episodeReturns.length
          + " entries, episodeLengths " + episodeLengths.length);
    }
    for (int t = 0; t < n; t++) {
      if ((terminated[t] || truncated[t]) && !last[t]) {
        throw new IllegalArgumentException("step " + t + " is terminated or truncated but not"
            + " marked last of its segment");
      }
    }
    if (!last[n - 1]) {
      throw new IllegalArgumentException("the final step " + (n - 1)
          + " must end a segment (last = true)");
    }
    this.size = n;
    this.obsDim = obsDim;
    this.actionDim = actionDim;
    this.observations = observations;
    this.actions = actions;
    this.actionIndices = actionIndices;
    this.rewards = rewards;
    this.logProbs = logProbs;
    this.nextObservations = nextObservations;
    this.terminated = terminated;
    this.truncated = truncated;
    this.last = last;
    this.tasks = tasks;
    this.episodeReturns = episodeReturns;
    this.episodeLengths = episodeLengths;
  }

  private static void requireLength(String name, int actual, int expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(name + " has " + actual + " entries, expected "
          + expected);
    }
  }

  /**
   * Concatenates trajectories in order. A trajectory that terminated or was truncated counts as
   * a whole episode in {@link #episodeReturns()} (it is assumed to start at a reset).
   *
   * @param trajectories at least one, all with the same observation and action dimensions.
   *     Not modified.
   * @param discrete whether the actions are discrete indices (then actionDim must be 1)
   */
  public static Batch of(List<Trajectory> trajectories, boolean discrete) {
    if (trajectories.isEmpty()) {
      throw new IllegalArgumentException("need at least one trajectory");
    }
    int obsDim = trajectories.get(0).observationDim();
    int actionDim = trajectories.get(0).actionDim();
    int n = 0;
    int episodes = 0;
    for (Trajectory tr : trajectories) {
      if (tr.observationDim() != obsDim || tr.actionDim() != actionDim) {
        throw new IllegalArgumentException("trajectory dims " + tr.observationDim() + "/"
            + tr.actionDim() + " differ from the first's " + obsDim + "/" + actionDim);
      }
      n += tr.length();
      if (tr.terminated() || tr.truncated()) {
        episodes++;
      }
    }
    double[] obs = new double[n * obsDim];
    double[] next = new double[n * obsDim];
    double[] act = new double[n * actionDim];
    int[] idx = discrete ? new int[n] : null;
    double[] rew = new double[n];
    double[] logp = new double[n];
    boolean[] term = new boolean[n];
    boolean[] trunc = new boolean[n];
    boolean[] last = new boolean[n];
    int[] tasks = new int[n];
    double[] epRet = new double[episodes];
    int[] epLen = new int[episodes];
    int t0 = 0;
    int e = 0;
    for (Trajectory tr : trajectories) {
      int len = tr.length();
      System.arraycopy(tr.observations(), 0, obs, t0 * obsDim, len * obsDim);
      System.arraycopy(tr.nextObservations(), 0, next, t0 * obsDim, len * obsDim);
      System.arraycopy(tr.actions(), 0, act, t0 * actionDim, len * actionDim);
      System.arraycopy(tr.rewards(), 0, rew, t0, len);
      System.arraycopy(tr.logProbs(), 0, logp, t0, len);
      Arrays.fill(tasks, t0, t0 + len, tr.task());
      if (discrete) {
        for (int t = 0; t < len; t++) {
          double a = tr.actions()[t];
          if (a != Math.rint(a) || a < 0) {
            throw new IllegalArgumentException("discrete action " + a + " at step " + t
                + " is not a non-negative integer");
          }
          idx[t0 + t] = (int) a;
        }
      }
      int end = t0 + len - 1;
      term[end] = tr.terminated();
      trunc[end] = tr.truncated();
      last[end] = true;
      if (tr.terminated() || tr.truncated()) {
        epRet[e] = tr.undiscountedReturn();
        epLen[e] = len;
        e++;
      }
      t0 += len;
    }
    return new Batch(obsDim, actionDim, obs, act, idx, rew, logp, next, term, trunc, last, tasks,
        epRet, epLen);
  }

  /** Number of steps N. */
  public int size() {
    return size;
  }

  /** Observation dimension. */
  public int observationDim() {
    return obsDim;
  }

  /** Action dimension (1 for discrete actions). */
  public int actionDim() {
    return actionDim;
  }

  /** Whether the actions are discrete indices ({@link #actionIndices()} is non-null). */
  public boolean discrete() {
    return actionIndices != null;
  }

  /** s_t, N × obsDim row-major. */
  public double[] observations() {
    return observations;
  }

  /** a_t, N × actionDim row-major. */
  public double[] actions() {
    return actions;
  }

  /** Discrete a_t as ints, or null for continuous actions. */
  public int[] actionIndices() {
    return actionIndices;
  }

  /** r_t. */
  public double[] rewards() {
    return rewards;
  }

  /** log π_old(a_t|s_t) recorded when the step was sampled. */
  public double[] logProbs() {
    return logProbs;
  }

  /** s'_t, N × obsDim row-major. */
  public double[] nextObservations() {
    return nextObservations;
  }

  /** Whether s'_t is terminal. */
  public boolean[] terminated() {
    return terminated;
  }

  /** Whether a time limit truncated the episode at t. */
  public boolean[] truncated() {
    return truncated;
  }

  /** Whether t is the last step of its segment. */
  public boolean[] last() {
    return last;
  }

  /** The task (environment) index of each step. */
  public int[] tasks() {
    return tasks;
  }

  /** Undiscounted returns of the episodes that ended in this batch. */
  public double[] episodeReturns() {
    return episodeReturns;
  }

  /** Lengths of the episodes that ended in this batch. */
  public int[] episodeLengths() {
    return episodeLengths;
  }

  /** Mean of {@link #episodeReturns()}, or NaN if no episode ended. */
  public double meanEpisodeReturn() {
    if (episodeReturns.length == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (double g : episodeReturns) {
      s += g;
    }
    return s / episodeReturns.length;
  }

  /** Number of segments (trajectories). */
  public int numSegments() {
    int k = 0;
    for (boolean b : last) {
      if (b) {
        k++;
      }
    }
    return k;
  }

  /** Copies segment {@code i} (in order) out as a {@link Trajectory}. */
  public Trajectory trajectory(int i) {
    int start = 0;
    int k = 0;
    for (int t = 0; t < size; t++) {
      if (last[t]) {
        if (k == i) {
          return new Trajectory(
              Arrays.copyOfRange(observations, start * obsDim, (t + 1) * obsDim),
              Arrays.copyOfRange(actions, start * actionDim, (t + 1) * actionDim),
              Arrays.copyOfRange(rewards, start, t + 1),
              Arrays.copyOfRange(logProbs, start, t + 1),
              Arrays.copyOfRange(nextObservations, start * obsDim, (t + 1) * obsDim),
              terminated[t], truncated[t] && !terminated[t], tasks[start]);
        }
        k++;
        start = t + 1;
      }
    }
    throw new IndexOutOfBoundsException("segment " + i + " of " + k);
  }
}
