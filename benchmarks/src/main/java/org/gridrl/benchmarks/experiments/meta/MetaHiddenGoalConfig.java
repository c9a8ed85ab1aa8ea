package org.gridrl.benchmarks.experiments.meta;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.util.Check;
import org.gridrl.meta.rl2.Rl2Config;

/**
 * Settings of the {@code meta-hidden-goal} experiment on VariBAD's hidden-goal grid (5×5, 15
 * steps an episode, 4 episodes a trial; {@link MetaHiddenGoal#SETTING}).
 *
 * @param rl2 RL²'s training settings, the same budget for every seed; its seed is replaced by
 *     each run seed
 * @param evaluationTrials fresh trials (new goals) the trained policy is evaluated on, ≥ 2
 * @param threads worker threads training seeds in parallel (results do not depend on it)
 * @param seeds one RL² run per seed; seed s trains from {@code Rl2Config.seed = s} and is
 *     evaluated with {@link MetaHiddenGoal#evaluationSeed}(s)
 */
@RecordBuilder
public record MetaHiddenGoalConfig(Rl2Config rl2, int evaluationTrials, int threads,
    List<Long> seeds)
    implements ExperimentConfig<MetaHiddenGoalConfig>, MetaHiddenGoalConfigBuilder.With {

  /** Validates every field; messages name the value. */
  public MetaHiddenGoalConfig {
    Check.notNull("rl2", rl2);
    Check.argument(evaluationTrials >= 2, "evaluationTrials must be >= 2, got %s",
        evaluationTrials);
    Check.positive("threads", threads);
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  /**
   * RL²'s settings for a budget of {@code iterations} × 64 trials (3840 environment steps an
   * iteration): minibatches of 16 trials, 4 epochs, H = 64, η = 2e−3; the other constants
   * {@link Rl2Config#defaults()}'s (γ 0.99, λ 0.3, ε 0.1, c_H 0.01, c_V 0.5, clip 0.5). Chosen
   * over 32 trials, H = 32, η = 3e−3 (31.9 after 800 iterations, seed 1) by one measured run
   * each (35.6 after 400 iterations, seed 1; docs/results/meta-hidden-goal.md).
   */
  public static Rl2Config rl2(int iterations) {
    return Rl2Config.defaults().withIterations(iterations).withTrialsPerIteration(64)
        .withMinibatchTrials(16).withEpochs(4).withHidden(64).withLearningRate(2e-3);
  }

  /**
   * The full run: 5 seeds, {@link #rl2}(250) (960,000 environment steps a seed), 1000 evaluation
   * trials per seed, 2 threads.
   */
  public static MetaHiddenGoalConfig defaults() {
    return new MetaHiddenGoalConfig(rl2(FULL_ITERATIONS), 1000, 2, List.of(1L, 2L, 3L, 4L, 5L));
  }

  /** The quick run: the same 5 seeds and 1000 evaluation trials, {@link #rl2}(20). */
  public static MetaHiddenGoalConfig quick() {
    return defaults().withRl2(rl2(QUICK_ITERATIONS));
  }

  /** Iterations of the full run. */
  static final int FULL_ITERATIONS = 250;
  /** Iterations of the quick run. */
  static final int QUICK_ITERATIONS = 20;

  @Override
  public MetaHiddenGoalConfig withSeeds(List<Long> newSeeds) {
    return MetaHiddenGoalConfigBuilder.With.super.withSeeds(newSeeds);
  }
}
