package org.gridrl.benchmarks.experiments.multitask;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.util.Check;
import org.gridrl.envs.tabular.MultiGoalGrid;

/**
 * Settings of the {@code multitask-grid} experiment. Each task set has one
 * {@link MultitaskMethodsConfig}, shared by all eight methods, so every method gets the same
 * environment steps per task; the methods' own seeds are replaced by each run seed.
 *
 * @param taskSets the task sets to run, of {@link MultitaskGrid#TASK_SETS} ({@code mt10},
 *     {@code mt50}), in that order
 * @param methods the methods to run, of {@link MultitaskMethods#NAMES}, in that order
 * @param mt10 the methods' settings on {@link MultiGoalGrid#mt10()}
 * @param mt50 the methods' settings on {@link MultiGoalGrid#mt50()}
 * @param threads worker threads running (seed, set, method) runs in parallel (results do not
 *     depend on it)
 * @param seeds one independent run of every set and method per seed
 */
@RecordBuilder
public record MultitaskGridConfig(List<String> taskSets, List<String> methods,
    MultitaskMethodsConfig mt10, MultitaskMethodsConfig mt50, int threads, List<Long> seeds)
    implements ExperimentConfig<MultitaskGridConfig>, MultitaskGridConfigBuilder.With {

  /** Validates every field; messages name the value. */
  public MultitaskGridConfig {
    taskSets = MultitaskChecks.ordered("taskSets", taskSets, MultitaskGrid.TASK_SETS);
    methods = MultitaskChecks.ordered("methods", methods, MultitaskMethods.NAMES);
    Check.notNull("mt10", mt10);
    Check.notNull("mt50", mt50);
    Check.argument(mt10.ppo().gamma() == MultiGoalGrid.mt10().gamma(),
        "mt10.ppo.gamma must be the family's %s, got %s", MultiGoalGrid.mt10().gamma(),
        mt10.ppo().gamma());
    Check.argument(mt50.ppo().gamma() == MultiGoalGrid.mt50().gamma(),
        "mt50.ppo.gamma must be the family's %s, got %s", MultiGoalGrid.mt50().gamma(),
        mt50.ppo().gamma());
    Check.positive("threads", threads);
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  /**
   * The full run: both sets, all eight methods, 5 seeds, the same 150 iterations × 64 steps per
   * task (9,600 steps per task) on both; minibatches of 256 on MT10 and of 800 on MT50 (a
   * 3,200-row batch in 4 pieces: the per-task combiners' cost grows with the number of
   * minibatches × 50 tasks).
   */
  public static MultitaskGridConfig defaults() {
    return new MultitaskGridConfig(MultitaskGrid.TASK_SETS, MultitaskMethods.NAMES,
        methods(150, 64, 256), methods(150, 64, 800), 2, List.of(1L, 2L, 3L, 4L, 5L));
  }

  /** The quick run: both sets, all eight methods, MT10 30 × 64, MT50 4 × 64, 2 seeds. */
  public static MultitaskGridConfig quick() {
    return defaults().with(b -> b.mt10(methods(30, 64, 256)).mt50(methods(4, 64, 800))
        .seeds(List.of(1L, 2L)));
  }

  /**
   * The methods' settings with I iterations of {@code stepsPerEnv} steps per task: PPO with γ 0.95
   * (the families'), λ 0.95, ε 0.2, no value clip, 4 epochs of {@code minibatchSize} rows, η 3e-3,
   * c_H 0.01, one hidden layer of 64; Distral α 0.5, β 20; divide-and-conquer α 0.01,
   * distilling every 5 local iterations, its last I/4 iterations global; 20 distillation steps
   * at 3e-3.
   */
  public static MultitaskMethodsConfig methods(int iterations, int stepsPerEnv,
      int minibatchSize) {
    PpoConfig ppo = new PpoConfig(iterations, stepsPerEnv, 0.95, 0.95, 0.2, 0.0, true, 4,
        minibatchSize,
        3e-3, 0.01, 0.5, 0.5, List.of(64), 0.0, 0L);
    return MultitaskMethodsConfig.of(ppo, 0.5, 20, 0.01, 5, iterations / 4, 20, 3e-3);
  }

  @Override
  public MultitaskGridConfig withSeeds(List<Long> newSeeds) {
    return MultitaskGridConfigBuilder.With.super.withSeeds(newSeeds);
  }

  /** The settings of a task set. */
  public MultitaskMethodsConfig methodsConfig(String taskSet) {
    return switch (taskSet) {
      case "mt10" -> mt10;
      case "mt50" -> mt50;
      default -> throw new IllegalArgumentException("unknown task set " + taskSet);
    };
  }
}
