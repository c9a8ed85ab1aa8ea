package org.gridrl.meta.rl2;

import org.gridrl.core.env.Box;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TaskDistribution;

/**
 * A 1-D point with a hidden goal g ∈ {−1, +1}, for RL²'s learning test: each episode is one
 * move from the origin to x = a, paid r = −(a − g)²; the observation is the constant 1.
 * Closed forms: E[r] = −(E[a²] + 1) − 2 E[a] E[g] for an action independent of g, so a policy
 * that has not seen this task's rewards earns at most −1 per episode (standing still, a = 0);
 * one that knows g earns −Var(a) − (E[a] − g)², at most 0 (a = g).
 */
final class SignPoint implements Env<double[], double[]> {

  private static final Box OBSERVATIONS = Box.uniform(1, 1, 1);
  private static final Box ACTIONS =
      Box.uniform(1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

  private final double goal;
  private boolean started;

  SignPoint(double goal) {
    this.goal = goal;
  }

  /** g = ±1 with probability ½ each. */
  static TaskDistribution<SignPoint> goals() {
    return rng -> new SignPoint(rng.nextBernoulli(0.5) ? 1.0 : -1.0);
  }

  /** Trials of {@code episodes} one-step episodes. */
  static Rl2BoxTasks<double[]> tasks(int episodes) {
    return new Rl2BoxTasks<>(goals(), 1, 1, 1, episodes, (o, out, off) -> out[off] = o[0]);
  }

  double goal() {
    return goal;
  }

  @Override
  public Box observationSpace() {
    return OBSERVATIONS;
  }

  @Override
  public Box actionSpace() {
    return ACTIONS;
  }

  @Override
  public double[] reset(long seed) {
    started = true;
    return new double[] {1.0};
  }

  @Override
  public Step<double[]> step(double[] action) {
    if (!started) {
      throw new IllegalStateException("reset first");
    }
    started = false;
    double miss = action[0] - goal;
    return new Step<>(new double[] {1.0}, -miss * miss, false, true);
  }
}
