package org.gridrl.benchmarks.experiments.irl;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.util.Check;
import org.gridrl.irl.DeepMaxEntIrlConfig;

/**
 * Settings of {@code irl-gridworld}: the bundled open 5×5 map with a goal reward. Vary them with
 * the generated {@code withX} methods or {@code with(b -> ...)}; every way goes through the
 * checks of the compact constructor.
 *
 * @param slip probability that the chosen move is replaced by a uniform one, in [0, 1]
 *     (default 0.3)
 * @param gamma discount in [0, 1) (default 0.9)
 * @param numDemos demonstrations per seed ≥ 1 (default 512)
 * @param demoLength steps per demonstration ≥ 1, also the horizon T (default 15)
 * @param methods names from {@code IrlMethods.NAMES} (default all)
 * @param l2 MaxEnt's λ ≥ 0, finite (default 0.01)
 * @param learningRate MaxEnt's Adam step &gt; 0, finite (default 0.1)
 * @param maxEntIterations MaxEnt's and deep MaxEnt's cap ≥ 1 (default 300; deep MaxEnt otherwise
 *     uses {@code DeepMaxEntIrlConfig.defaults()} seeded with the run's seed, with the one-hot
 *     features as 0/1 inputs (MIN_MAX) and weight decay 0.3, as for ObjectWorld's indicators).
 *     Both MaxEnt methods fit the finite-horizon objective with
 *     {@code SoftViConfig.defaults()} (τ = 1).
 * @param maxMarginIterations the max-margin methods' cap ≥ 1 (default 300)
 * @param seeds one demonstration sample per seed (default 1..5)
 */
@RecordBuilder
public record IrlGridWorldConfig(double slip, double gamma, int numDemos, int demoLength,
    List<String> methods, double l2, double learningRate, int maxEntIterations,
    int maxMarginIterations, List<Long> seeds)
    implements ExperimentConfig<IrlGridWorldConfig>, IrlGridWorldConfigBuilder.With {

  /** Validates every field; the message names it. */
  public IrlGridWorldConfig {
    Check.unitInterval("slip", slip);
    Check.unitIntervalOpen("gamma", gamma);
    Check.positive("numDemos", numDemos);
    Check.positive("demoLength", demoLength);
    methods = IrlMethods.check(methods);
    Check.nonNegativeFinite("l2", l2);
    Check.positiveFinite("learningRate", learningRate);
    Check.positive("maxEntIterations", maxEntIterations);
    Check.positive("maxMarginIterations", maxMarginIterations);
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  /** Slip 0.3, γ 0.9, 512 demonstrations of 15 steps, every method, seeds 1..5. */
  public static IrlGridWorldConfig defaults() {
    return new IrlGridWorldConfig(0.3, 0.9, 512, 15, IrlMethods.NAMES, 0.01, 0.1, 300, 300,
        List.of(1L, 2L, 3L, 4L, 5L));
  }

  /** The same with two seeds. */
  public static IrlGridWorldConfig quick() {
    return defaults().withSeeds(List.of(1L, 2L));
  }

  /** The methods' configs for one seed. */
  IrlMethods.Settings settings(long seed) {
    return IrlMethods.Settings.of(l2, learningRate, maxEntIterations, maxMarginIterations,
        DeepMaxEntIrlConfig.defaults().with(b -> b.maxIterations(maxEntIterations).seed(seed)
            .inputScaling(DeepMaxEntIrlConfig.InputScaling.MIN_MAX).weightDecay(0.3)));
  }

  @Override
  public IrlGridWorldConfig withSeeds(List<Long> seeds) {
    return IrlGridWorldConfigBuilder.With.super.withSeeds(seeds);
  }
}
