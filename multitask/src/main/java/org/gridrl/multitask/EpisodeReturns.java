package org.gridrl.multitask;

import java.util.Arrays;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Space;
import org.gridrl.core.env.Step;

/**
 * Passes an environment through unchanged and keeps the undiscounted return Σ_t r_t of every
 * episode that ends (terminated or truncated) since the last {@link #drain}; a reset drops the
 * episode in progress. How {@link TaskConditionedActorCritic} reports each task's returns
 * whatever the sampler does.
 */
final class EpisodeReturns<O, A> implements Env<O, A> {

  private final Env<O, A> env;
  private double running;
  private double sum;
  private int count;

  EpisodeReturns(Env<O, A> env) {
    this.env = env;
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
    running = 0;
    return env.reset(seed);
  }

  @Override
  public Step<O> step(A action) {
    Step<O> s = env.step(action);
    running += s.reward();
    if (s.terminated() || s.truncated()) {
      sum += running;
      count++;
      running = 0;
    }
    return s;
  }

  /**
   * The mean return of the episodes that ended since the last call, or NaN if none; forgets
   * them.
   */
  double drain() {
    double mean = count == 0 ? Double.NaN : sum / count;
    sum = 0;
    count = 0;
    return mean;
  }

  @Override
  public String toString() {
    return env.toString();
  }

  static double nanMean(double[] xs) {
    return Arrays.stream(xs).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
  }
}
