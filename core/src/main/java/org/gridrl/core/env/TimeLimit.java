package org.gridrl.core.env;

/**
 * Cuts every episode of an environment at {@code limit} steps: the step that makes the
 * {@code limit}-th action of the episode comes back with {@code truncated = true} (whatever its
 * {@code terminated}), and stepping further before a reset is an {@link IllegalStateException}.
 *
 * @param <O> observation type
 * @param <A> action type
 */
public final class TimeLimit<O, A> implements Env<O, A> {

  private final Env<O, A> env;
  private final int limit;
  private int elapsed = -1;
  private boolean ended;
  private boolean lastTerminated;

  /**
   * Wraps {@code env}.
   *
   * @param env the environment to wrap. Modified by every reset and step.
   * @param limit the maximum number of steps of an episode, ≥ 1
   */
  public TimeLimit(Env<O, A> env, int limit) {
    if (env == null) {
      throw new IllegalArgumentException("env must not be null");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("time limit must be >= 1 step, got " + limit);
    }
    this.env = env;
    this.limit = limit;
  }

  /** The wrapped environment. */
  public Env<O, A> inner() {
    return env;
  }

  /** The maximum number of steps of an episode. */
  public int limit() {
    return limit;
  }

  /** Steps taken since the last reset; −1 before the first reset. */
  public int elapsedSteps() {
    return elapsed;
  }

  @Override
  public Space observationSpace() {
    return env.observationSpace();
  }

  @Override
  public Space actionSpace() {
    return env.actionSpace();
  }

  @Override
  public O reset(long seed) {
    O first = env.reset(seed);
    elapsed = 0;
    ended = false;
    return first;
  }

  @Override
  public Step<O> step(A action) {
    if (elapsed < 0) {
      throw new IllegalStateException("step before reset: call reset(seed) to start an episode");
    }
    if (ended) {
      throw new IllegalStateException("the episode has ended ("
          + (lastTerminated ? "terminated" : "truncated at the time limit of " + limit + " steps")
          + " after " + elapsed + " steps); call reset(seed) to start a new episode");
    }
    Step<O> step = env.step(action);
    elapsed++;
    if (elapsed >= limit) {
      step = step.withTruncated(true);
    }
    ended = step.done();
    lastTerminated = step.terminated();
    return step;
  }

  @Override
  public String toString() {
    return "TimeLimit[" + limit + ", " + env + "]";
  }
}
