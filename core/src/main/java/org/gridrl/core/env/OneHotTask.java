package org.gridrl.core.env;

import java.util.Arrays;

/**
 * Appends a one-hot task id to an environment's observation, o'_t = [o_t, e_k] ∈ R^{d+K} with
 * e_k the k-th unit vector of R^K: the input of a task-conditioned multi-task policy
 * π(a | o, k) (the lecture's template; Yu et al. 2020, Meta-World's one-hot task ids).
 *
 * <p>The observation space is the wrapped {@link Box} widened by K coordinates with bounds
 * [0, 1]. The task is fixed per wrapper or switched with {@link #setTask(int)} (the next step
 * then needs a reset). Rewards, termination and actions pass through unchanged. Each reset and
 * step allocates the widened observation. Not thread-safe.
 *
 * @param <A> action type
 */
public final class OneHotTask<A> implements Env<double[], A> {

  private final Env<double[], A> env;
  private final int numTasks;
  private final int innerDim;
  private final Box observationSpace;
  private int task;
  private boolean started;

  /**
   * Wraps {@code env} with task k of K.
   *
   * @param env an environment with a {@link Box} observation space. Modified by every reset and
   *     step.
   * @param task k, 0 ≤ k &lt; K
   * @param numTasks K ≥ 1
   */
  public OneHotTask(Env<double[], A> env, int task, int numTasks) {
    if (env == null) {
      throw new IllegalArgumentException("env must not be null");
    }
    if (numTasks < 1) {
      throw new IllegalArgumentException("numTasks must be >= 1, got " + numTasks);
    }
    if (!(env.observationSpace() instanceof Box box)) {
      throw new IllegalArgumentException("OneHotTask needs a Box observation space, got "
          + env.observationSpace());
    }
    checkTask(task, numTasks);
    this.env = env;
    this.numTasks = numTasks;
    this.task = task;
    this.innerDim = box.dim();
    double[] low = Arrays.copyOf(box.low(), innerDim + numTasks);
    double[] high = Arrays.copyOf(box.high(), innerDim + numTasks);
    Arrays.fill(high, innerDim, innerDim + numTasks, 1.0);
    this.observationSpace = new Box(low, high);
  }

  private static void checkTask(int task, int numTasks) {
    if (task < 0 || task >= numTasks) {
      throw new IllegalArgumentException("task index " + task + " out of range [0, " + numTasks
          + ")");
    }
  }

  /**
   * Writes [o, e_k] into {@code out}.
   *
   * @param observation o, length d. Not modified.
   * @param task k, 0 ≤ k &lt; K
   * @param numTasks K ≥ 1
   * @param out length d + K. Modified.
   * @return out
   */
  public static double[] append(double[] observation, int task, int numTasks, double[] out) {
    checkTask(task, numTasks);
    if (out.length != observation.length + numTasks) {
      throw new IllegalArgumentException("out must have length " + observation.length + " + "
          + numTasks + ", got " + out.length);
    }
    System.arraycopy(observation, 0, out, 0, observation.length);
    Arrays.fill(out, observation.length, out.length, 0.0);
    out[observation.length + task] = 1.0;
    return out;
  }

  /** The wrapped environment. */
  public Env<double[], A> inner() {
    return env;
  }

  /** The current task index k. */
  public int task() {
    return task;
  }

  /** K, the number of tasks. */
  public int numTasks() {
    return numTasks;
  }

  /**
   * Switches to task k; the current episode, if any, is over (the next step needs a reset).
   * Only the id changes: configure the wrapped environment for the task separately.
   */
  public void setTask(int task) {
    checkTask(task, numTasks);
    this.task = task;
    this.started = false;
  }

  /** The wrapped space widened by K coordinates in [0, 1]. */
  @Override
  public Box observationSpace() {
    return observationSpace;
  }

  @Override
  public Space actionSpace() {
    return env.actionSpace();
  }

  @Override
  public double[] reset(long seed) {
    double[] o = widen(env.reset(seed));
    started = true;
    return o;
  }

  @Override
  public Step<double[]> step(A action) {
    if (!started) {
      throw new IllegalStateException("step before reset: call reset(seed) to start an episode"
          + " (a task change also needs a new reset)");
    }
    Step<double[]> s = env.step(action);
    return new Step<>(widen(s.observation()), s.reward(), s.terminated(), s.truncated(),
        s.info());
  }

  private double[] widen(double[] o) {
    if (o == null || o.length != innerDim) {
      throw new IllegalStateException("the wrapped environment returned an observation of length "
          + (o == null ? "null" : o.length) + ", its observation space has dim " + innerDim);
    }
    return append(o, task, numTasks, new double[innerDim + numTasks]);
  }

  @Override
  public String toString() {
    return "OneHotTask[" + task + " of " + numTasks + ", " + env + "]";
  }
}
