package org.gridrl.core.env;

/**
 * Lets a policy act in [−1, 1]^d on an environment whose actions lie in the box [l, u]:
 * a_env[i] = clip(l[i] + (a[i] + 1) · 0.5 · (u[i] − l[i]), l[i], u[i]), so −1 ↦ l, 0 ↦ the
 * centre, 1 ↦ u, and anything outside [−1, 1] (a Gaussian policy's tails) is clipped to the
 * nearer bound. The map and its order of operations are rllab's {@code normalize}
 * ({@code NormalizedEnv.step}, {@code rllab/envs/normalized_env.py}, as vendored in cbfinn/maml_rl,
 * whose point-navigation experiments wrap {@code PointEnvRandGoal} in it); only the action part
 * is taken here (rllab's optional observation and reward normalisation are off by default there,
 * and {@link NormalizeObservation} covers the former).
 *
 * <p>The action space becomes [−1, 1]^d; observations, rewards and episode ends pass through.
 * Sampling algorithms record the policy's own action a (before the map), so the policy gradient
 * is that of the [−1, 1]^d policy. Each step allocates the rescaled action (the wrapped
 * environment may keep it). Not thread-safe.
 *
 * @param <O> observation type
 */
public final class NormalizeAction<O> implements Env<O, double[]> {

  private final Env<O, double[]> env;
  private final double[] low;
  private final double[] high;
  private final Box actionSpace;

  /**
   * Wraps {@code env}.
   *
   * @param env an environment with a {@link Box} action space of finite bounds. Modified by
   *     every reset and step.
   */
  public NormalizeAction(Env<O, double[]> env) {
    if (env == null) {
      throw new IllegalArgumentException("env must not be null");
    }
    if (!(env.actionSpace() instanceof Box box)) {
      throw new IllegalArgumentException("NormalizeAction needs a Box action space, got "
          + env.actionSpace());
    }
    for (int i = 0; i < box.dim(); i++) {
      if (!Double.isFinite(box.low(i)) || !Double.isFinite(box.high(i))) {
        throw new IllegalArgumentException("NormalizeAction needs finite action bounds, got ["
            + box.low(i) + ", " + box.high(i) + "] in coordinate " + i);
      }
    }
    this.env = env;
    this.low = box.low();
    this.high = box.high();
    this.actionSpace = Box.uniform(box.dim(), -1, 1);
  }

  /** The wrapped environment. */
  public Env<O, double[]> inner() {
    return env;
  }

  /**
   * Writes clip(l + (a + 1) · 0.5 · (u − l), l, u) into {@code out}.
   *
   * @param action a in the policy's coordinates, length d, no NaN (±∞ is clipped). Not
   *     modified.
   * @param out length d; may be {@code action}. Modified.
   * @return out
   */
  public double[] rescale(double[] action, double[] out) {
    int d = low.length;
    if (action == null || action.length != d) {
      throw new IllegalArgumentException("action must have length " + d + ", got "
          + (action == null ? "null" : action.length));
    }
    if (out.length != d) {
      throw new IllegalArgumentException("out must have length " + d + ", got " + out.length);
    }
    for (int i = 0; i < d; i++) {
      if (Double.isNaN(action[i])) {
        throw new IllegalArgumentException("action[" + i + "] is NaN");
      }
      double scaled = low[i] + (action[i] + 1.0) * 0.5 * (high[i] - low[i]);
      out[i] = Math.min(high[i], Math.max(low[i], scaled));
    }
    return out;
  }

  @Override
  public Space observationSpace() {
    return env.observationSpace();
  }

  /** [−1, 1]^d. */
  @Override
  public Box actionSpace() {
    return actionSpace;
  }

  @Override
  public O reset(long seed) {
    return env.reset(seed);
  }

  @Override
  public Step<O> step(double[] action) {
    return env.step(rescale(action, new double[low.length]));
  }

  @Override
  public String toString() {
    return "NormalizeAction[" + env + "]";
  }
}
