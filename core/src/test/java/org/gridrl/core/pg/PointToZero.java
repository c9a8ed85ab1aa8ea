package org.gridrl.core.pg;

import org.gridrl.core.env.Box;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;
import org.gridrl.core.util.Rng;

/**
 * A 1-D test task: x_0 ~ U(−1, 1), x_{t+1} = x_t + 0.25·clip(a_t, −1, 1), r_t = −|x_{t+1}|,
 * truncated after {@link #HORIZON} steps, never terminated. The greedy policy
 * a = clip(−4x, −1, 1) is optimal (it minimises every |x_{t+1}| at once), with return
 * −Σ_{t≥1} max(0, |x_0| − 0.25 t).
 */
final class PointToZero implements Env<double[], double[]> {

  static final int HORIZON = 16;
  static final double SPEED = 0.25;

  private double x;
  private int t;
  private final double fixedStart;
  /** A reward to return instead of −|x'| (to inject NaN), or 0 for none. */
  double rewardOverride;

  PointToZero() {
    this(Double.NaN);
  }

  PointToZero(double fixedStart) {
    this.fixedStart = fixedStart;
  }

  @Override
  public Box observationSpace() {
    return Box.uniform(1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  @Override
  public Box actionSpace() {
    return Box.uniform(1, -1, 1);
  }

  @Override
  public double[] reset(long seed) {
    x = Double.isNaN(fixedStart) ? new Rng(seed).nextDouble(-1, 1) : fixedStart;
    t = 0;
    return new double[] {x};
  }

  @Override
  public Step<double[]> step(double[] action) {
    x += SPEED * Math.max(-1, Math.min(1, action[0]));
    t++;
    double r = rewardOverride != 0 ? rewardOverride : -Math.abs(x);
    return new Step<>(new double[] {x}, r, false, t >= HORIZON);
  }

  /** The optimal undiscounted return from x_0. */
  static double optimalReturn(double x0) {
    double ret = 0;
    for (int t = 1; t <= HORIZON; t++) {
      ret -= Math.max(0, Math.abs(x0) - SPEED * t);
    }
    return ret;
  }
}
