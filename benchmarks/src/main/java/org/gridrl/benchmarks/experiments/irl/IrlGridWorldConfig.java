package org.gridrl.benchmarks.experiments.irl;

import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.irl.DeepMaxEntIrlConfig;

/**
 * Settings of {@code irl-gridworld}: the bundled open 5×5 map with a goal reward.
 *
 * @param slip probability that the chosen move is replaced by a uniform one (default 0.3)
 * @param gamma discount (default 0.9)
 * @param numDemos demonstrations per seed (default 512)
 * @param demoLength steps per demonstration, also the horizon T (default 15)
 * @param methods names from {@code IrlMethods.NAMES} (default all)
 * @param l2 MaxEnt's λ (default 0.01)
 * @param learningRate MaxEnt's Adam step (default 0.1)
 * @param maxEntIterations MaxEnt's and deep MaxEnt's cap (default 300; deep MaxEnt otherwise
 *     uses {@code DeepMaxEntIrlConfig.defaults()} seeded with the run's seed, with the one-hot
 *     features as 0/1 inputs (MIN_MAX) and weight decay 0.3, as for ObjectWorld's indicators)
 * @param maxMarginIterations the max-margin methods' cap (default 300)
 * @param seeds one demonstration sample per seed (default 1..5)
 */
public record IrlGridWorldConfig(double slip, double gamma, int numDemos, int demoLength,
    List<String> methods, double l2, double learningRate, int maxEntIterations,
    int maxMarginIterations, List<Long> seeds) implements ExperimentConfig<IrlGridWorldConfig> {

  /** Validates every field; the message names it. */
  public IrlGridWorldConfig {
    if (!(slip >= 0 && slip <= 1)) {
      throw new IllegalArgumentException("slip must be in [0, 1], got " + slip);
    }
    if (!(gamma >= 0 && gamma < 1)) {
      throw new IllegalArgumentException("gamma must be in [0, 1), got " + gamma);
    }
    if (numDemos < 1) {
      throw new IllegalArgumentException("numDemos must be >= 1, got " + numDemos);
    }
    if (demoLength < 1) {
      throw new IllegalArgumentException("demoLength must be >= 1, got " + demoLength);
    }
    methods = IrlMethods.check(methods);
    if (!(l2 >= 0)) {
      throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
    }
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
    }
    if (maxEntIterations < 1) {
      throw new IllegalArgumentException("maxEntIterations must be >= 1, got " + maxEntIterations);
    }
    if (maxMarginIterations < 1) {
      throw new IllegalArgumentException("maxMarginIterations must be >= 1, got "
          + maxMarginIterations);
    }
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

  /** The settings the methods share. */
  IrlMethods.Settings settings(long seed) {
    return new IrlMethods.Settings(l2, learningRate, maxEntIterations, maxMarginIterations,
        DeepMaxEntIrlConfig.defaults().withMaxIterations(maxEntIterations).withSeed(seed)
            .withInputScaling(DeepMaxEntIrlConfig.InputScaling.MIN_MAX).withWeightDecay(0.3));
  }

  @Override
  public IrlGridWorldConfig withSeeds(List<Long> newSeeds) {
    return new IrlGridWorldConfig(slip, gamma, numDemos, demoLength, methods, l2, learningRate,
        maxEntIterations, maxMarginIterations, newSeeds);
  }

  /** This config with other methods. */
  public IrlGridWorldConfig withMethods(List<String> v) {
    return new IrlGridWorldConfig(slip, gamma, numDemos, demoLength, v, l2, learningRate,
        maxEntIterations, maxMarginIterations, seeds);
  }
}
