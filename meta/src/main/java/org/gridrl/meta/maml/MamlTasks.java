package org.gridrl.meta.maml;

import java.util.List;
import java.util.function.Function;
import org.gridrl.core.env.Box;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.util.Check;

/**
 * The task family MAML meta-trains on: p(T), how a task becomes a fresh environment (called once
 * per task and batch of episodes, possibly from several threads at once, so it must build a new
 * environment each time), and how observations become the policy's input.
 *
 * @param distribution p(T)
 * @param environment T ↦ a new environment for T (wrap it in a {@code TimeLimit} if it has no
 *     horizon of its own)
 * @param encoder observation → obsDim doubles
 * @param observationDim obsDim
 * @param <T> the task type
 * @param <O> observation type
 * @param <A> action type
 */
public record MamlTasks<T, O, A>(TaskDistribution<T> distribution,
    Function<? super T, ? extends Env<O, A>> environment,
    Sampler.ObservationEncoder<O> encoder, int observationDim) {

  /** Checks presence and the dimension. */
  public MamlTasks {
    Check.notNull("distribution", distribution);
    Check.notNull("environment", environment);
    Check.notNull("encoder", encoder);
    Check.positive("observationDim", observationDim);
  }

  /**
   * Tasks over vector observations used as they are; obsDim is read from an environment of
   * {@code probe}'s observation space (a {@link Box}).
   */
  public static <T, A> MamlTasks<T, double[], A> vector(TaskDistribution<T> distribution,
      Function<? super T, ? extends Env<double[], A>> environment, T probe) {
    Env<double[], A> env = environment.apply(probe);
    Check.argument(env.observationSpace() instanceof Box,
        "vector tasks need a Box observation space, got %s", env.observationSpace());
    return new MamlTasks<>(distribution, environment, Sampler.ObservationEncoder.identity(),
        ((Box) env.observationSpace()).dim());
  }

  /** A sampler over one new environment of task {@code task}, reseeded with {@code seed}. */
  public Sampler<O, A> sampler(T task, long seed) {
    Sampler<O, A> s = new Sampler<>(List.of(environment.apply(task)), encoder, observationDim);
    s.reseed(seed);
    return s;
  }
}
