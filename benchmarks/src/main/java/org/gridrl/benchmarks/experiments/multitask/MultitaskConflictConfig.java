package org.gridrl.benchmarks.experiments.multitask;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.util.Check;

/**
 * Settings of the {@code multitask-conflict} experiment: one {@link MultitaskMethodsConfig} for
 * every world and method (the same environment steps per task for all), its seeds replaced by
 * each run seed.
 *
 * @param worlds the task pairs to run, of {@link MultitaskConflict#WORLDS} ({@code corridor},
 *     {@code rooms}), in that order
 * @param methods the methods to run, of {@link MultitaskMethods#NAMES}, in that order; the
 *     diagnostic {@link MultitaskConflict#NO_ID_SUM} always runs besides them
 * @param methodsConfig the methods' settings; its γ must be the worlds' (0.95)
 * @param threads worker threads running (seed, world, method) runs in parallel (results do not
 *     depend on it)
 * @param seeds one independent run of every world and method per seed
 */
@RecordBuilder
public record MultitaskConflictConfig(List<String> worlds, List<String> methods,
    MultitaskMethodsConfig methodsConfig, int threads, List<Long> seeds)
    implements ExperimentConfig<MultitaskConflictConfig>, MultitaskConflictConfigBuilder.With {

  /** Validates every field; messages name the value. */
  public MultitaskConflictConfig {
    worlds = MultitaskChecks.ordered("worlds", worlds, MultitaskConflict.WORLDS);
    methods = MultitaskChecks.ordered("methods", methods, MultitaskMethods.NAMES);
    Check.notNull("methodsConfig", methodsConfig);
    for (String w : worlds) {
      double g = MultitaskConflict.world(w).gamma();
      Check.argument(methodsConfig.ppo().gamma() == g,
          "methodsConfig.ppo.gamma must be world %s's %s, got %s", w, g,
          methodsConfig.ppo().gamma());
    }
    Check.positive("threads", threads);
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  /**
   * The full run: both worlds, all eight methods and the diagnostic, 5 seeds, 150 iterations ×
   * 64 steps per task (9,600 steps per task, MT10's budget in multitask-grid), minibatches of 64 (two per iteration's 128 rows, four
   * epochs: the cosine of an iteration is the mean over its 8 minibatch steps); the PPO and
   * Distral/divide-and-conquer settings of {@link MultitaskGridConfig#methods}.
   */
  public static MultitaskConflictConfig defaults() {
    return new MultitaskConflictConfig(MultitaskConflict.WORLDS, MultitaskMethods.NAMES,
        MultitaskGridConfig.methods(150, 64, 64), 2, List.of(1L, 2L, 3L, 4L, 5L));
  }

  /** The quick run: both worlds, every method, 30 × 64 steps per task, the same 5 seeds. */
  public static MultitaskConflictConfig quick() {
    return defaults().withMethodsConfig(MultitaskGridConfig.methods(30, 64, 64));
  }

  @Override
  public MultitaskConflictConfig withSeeds(List<Long> newSeeds) {
    return MultitaskConflictConfigBuilder.With.super.withSeeds(newSeeds);
  }
}
