package org.gridrl.benchmarks.experiments.meta;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.util.Check;
import org.gridrl.meta.maml.MamlConfig;

/**
 * Settings of the {@code maml-navigation} experiment (Finn et al. 2017, §5.2, 2-D navigation;
 * {@link MamlNavigation}).
 *
 * @param maml the meta-training and test-time settings shared by every method: MAML's budget
 *     (iterations × meta-batch × episodes per task), α, the test steps (α, then
 *     α·{@code laterTestStepScale}) and the episodes per test batch; its {@code seed} is replaced
 *     by each run seed, {@code firstOrder} by the method, {@code threads} by 1 (the experiment
 *     runs (seed, method) jobs in parallel instead); its outer optimiser ({@code outer}: Adam,
 *     the default here, or TRPO with its {@code trustRegion} settings) is both MAML methods'
 * @param hidden the Gaussian policy's tanh hidden layer widths, each ≥ 1 (the reference's
 *     (100, 100))
 * @param initLogStd the policy's initial log σ in the [−1, 1]² action coordinates (0: σ = 1, the
 *     reference's {@code GaussianMLPPolicy} default)
 * @param pretrainLearningRate Adam step size of the pre-trained baseline, &gt; 0 (the reference's
 *     {@code FirstOrderOptimizer} default, 1e−3)
 * @param testGoals held-out goals every method is evaluated on, ≥ 1
 * @param goalSeed the held-out goals are {@code PointNavigation.goals()} drawn from
 *     {@code new Rng(goalSeed)}: one fixed set for every seed and method
 * @param threads worker threads over (seed, method) jobs, ≥ 1; the numbers do not depend on it
 * @param seeds one independent run of every method each
 */
@RecordBuilder
public record MamlNavigationConfig(MamlConfig maml, List<Integer> hidden, double initLogStd,
    double pretrainLearningRate, int testGoals, long goalSeed, int threads, List<Long> seeds)
    implements ExperimentConfig<MamlNavigationConfig>, MamlNavigationConfigBuilder.With {

  /** Validates every field (MamlConfig validates its own); messages name the value. */
  public MamlNavigationConfig {
    Check.notNull("maml", maml);
    Check.notNull("hidden", hidden);
    for (int i = 0; i < hidden.size(); i++) {
      Check.argument(hidden.get(i) != null && hidden.get(i) >= 1,
          "hidden[%s] must be >= 1, got %s", i, hidden.get(i));
    }
    hidden = List.copyOf(hidden);
    Check.finite("initLogStd", initLogStd);
    Check.positiveFinite("pretrainLearningRate", pretrainLearningRate);
    Check.positive("testGoals", testGoals);
    Check.positive("threads", threads);
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  /**
   * MAML's settings for the full run: {@link MamlConfig#defaults()} (the reference's
   * constants: α 0.5, 20 tasks × 20 episodes, 100 iterations, one inner step at training; 3 test
   * steps of α, α/2, α/2 on 40 episodes each) with Adam 1e−2 for the outer step (the MAML
   * helper's measured point-navigation run: −41.5, −12.8, −6.2, −6.9 after 0..3 steps, against
   * −40.9, −13.2, −9.7, −9.5 with the default 1e−3; docs/algorithms/meta.md).
   */
  public static MamlConfig fullMaml() {
    return MamlConfig.defaults().withOuterLearningRate(1e-2);
  }

  /**
   * The full run: 5 seeds, {@link #fullMaml()}, a tanh (100, 100) policy with σ₀ = 1, the
   * pre-trained baseline at Adam 1e−3, 40 held-out goals from seed 1, 2 threads.
   */
  public static MamlNavigationConfig defaults() {
    return new MamlNavigationConfig(fullMaml(), List.of(100, 100), 0.0, 1e-3, 40, 1L, 2,
        List.of(1L, 2L, 3L, 4L, 5L));
  }

  /**
   * The quick run: the same code path, methods, seeds, goals and test steps on a short
   * budget: a (32, 32) policy, 20 meta-iterations of 10 tasks × 5 episodes, test batches of 10
   * episodes.
   */
  public static MamlNavigationConfig quick() {
    return defaults().withMaml(fullMaml().withIterations(20).withMetaBatchSize(10)
            .withEpisodesPerTask(5).withTestEpisodesPerTask(10))
        .withHidden(List.of(32, 32));
  }

  @Override
  public MamlNavigationConfig withSeeds(List<Long> newSeeds) {
    return MamlNavigationConfigBuilder.With.super.withSeeds(newSeeds);
  }

  /** {@link #hidden} as an array. */
  int[] hiddenWidths() {
    return hidden.stream().mapToInt(Integer::intValue).toArray();
  }
}
