package org.gridrl.core.pg;

import org.gridrl.core.nn.Module;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * The collect-then-update loop that REINFORCE, A2C and PPO share, and their default networks.
 * Seeding, the same for all three: the policy network from stream 0 of the config's seed, the
 * value network from stream 1, the sampler reseeded from stream 2.
 */
final class OnPolicyLoop {

  /** Step 1 of an iteration: experience from the current policy. */
  @FunctionalInterface
  interface Collect {
    Batch next(Policy policy);
  }

  /** Steps 2–4 of an iteration: the algorithm's update on that experience. */
  @FunctionalInterface
  interface Update {
    UpdateStats apply(Batch batch, long iteration);
  }

  private OnPolicyLoop() {
  }

  /** The default policy network ({@link Networks#policy}) from stream 0 of {@code seed}. */
  static Policy defaultPolicy(Sampler<?, ?> sampler, int[] hidden, double initLogStd, long seed) {
    return Networks.policy(sampler, hidden, initLogStd, new Rng(seed).fork(0));
  }

  /** The default value network ({@link Networks#value}) from stream 1 of {@code seed}. */
  static Module defaultValue(Sampler<?, ?> sampler, int[] hidden, long seed) {
    return Networks.value(sampler.observationDim(), hidden, new Rng(seed).fork(1));
  }

  /**
   * Reseeds the sampler from stream 2 of {@code seed}, then runs {@code iterations} iterations
   * of collect and update, reporting each through {@link Reporting}.
   */
  static PgResult run(Sampler<?, ?> sampler, Policy policy, Module value, long seed,
      int iterations, Collect collect, Update update, boolean ppoMetrics,
      TrainingListener listener) {
    sampler.reseed(new Rng(seed).fork(2).nextLong());
    long start = System.nanoTime();
    long steps = 0;
    double lastReturn = Double.NaN;
    for (int it = 1; it <= iterations; it++) {
      Batch batch = collect.next(policy);
      steps += batch.size();
      UpdateStats s = update.apply(batch, it);
      lastReturn = Reporting.report(listener, it, batch, steps, s, lastReturn, ppoMetrics);
      listener.onIterationEnd(it, (System.nanoTime() - start) * 1e-9);
    }
    return new PgResult(policy, value, iterations, steps, lastReturn);
  }
}
