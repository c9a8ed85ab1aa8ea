package org.gridrl.core.pg;

import java.util.Locale;
import org.gridrl.core.nn.Module;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * The collect-then-update loop that REINFORCE, A2C and PPO share. Seeding, the same for all
 * three: the policy network from stream 0 of the config's seed, the value network from stream 1
 * ({@link Networks#defaultPolicy}, {@link Networks#defaultValue}), the sampler reseeded from
 * stream 2. Per iteration it reports {@link Metrics#EPISODIC_RETURN} and
 * {@link Metrics#EPISODIC_LENGTH} (when episodes ended), {@link Metrics#STEPS}, then the
 * update's own statistics ({@link UpdateStats#report}).
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

  /**
   * Reseeds the sampler from stream 2 of {@code seed}, then runs {@code iterations} iterations
   * of collect and update, reporting each to {@code listener} and to the result's history.
   *
   * @param algorithm the algorithm's name for the provenance
   * @param config the config record, for the provenance
   */
  static PgResult run(String algorithm, Record config, Sampler<?, ?> sampler, Policy policy,
      Module value, long seed, int iterations, Collect collect, Update update,
      TrainingListener listener) {
    MetricsRecorder history = new MetricsRecorder();
    TrainingListener out = TrainingListener.tee(history, listener);
    sampler.reseed(new Rng(seed).fork(2).nextLong());
    long start = System.nanoTime();
    long steps = 0;
    double lastReturn = Double.NaN;
    for (int it = 1; it <= iterations; it++) {
      Batch batch = collect.next(policy);
      steps += batch.size();
      UpdateStats s = update.apply(batch, it);
      lastReturn = report(out, it, batch, steps, s, lastReturn);
      out.onIterationEnd(it, (System.nanoTime() - start) * 1e-9);
    }
    return PgResult.of(policy, value, iterations, steps, lastReturn, history.history(),
        Provenance.of(algorithm.toLowerCase(Locale.ROOT), config, seed));
  }

  /** Emits the iteration's scalars; returns the latest mean episodic return. */
  private static double report(TrainingListener l, long it, Batch batch, long steps,
      UpdateStats s, double lastReturn) {
    double ret = batch.meanEpisodeReturn();
    if (!Double.isNaN(ret)) {
      lastReturn = ret;
      double len = 0;
      for (int x : batch.episodeLengths()) {
        len += x;
      }
      l.onScalar(it, Metrics.EPISODIC_RETURN, ret);
      l.onScalar(it, Metrics.EPISODIC_LENGTH, len / batch.episodeLengths().length);
    }
    l.onScalar(it, Metrics.STEPS, steps);
    s.report(l, it);
    return lastReturn;
  }
}
