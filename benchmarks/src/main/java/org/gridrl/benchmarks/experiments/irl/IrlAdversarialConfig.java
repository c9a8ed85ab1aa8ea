package org.gridrl.benchmarks.experiments.irl;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.util.Check;

/**
 * Settings of {@code irl-adversarial-grid}. Vary them with the generated {@code withX} methods or
 * {@code with(b -> ...)}; every way goes through the checks of the compact constructor.
 *
 * @param worlds which worlds to run, from {@link IrlAdversarial#WORLDS} ({@code grid}: the 8×8
 *     map with walls and lava; {@code objectworld}: ObjectWorld 16×16 drawn with the seed)
 * @param methods which methods, from {@link IrlAdversarial#METHODS}
 * @param expertTemperature τ of the expert: 0 for the optimal policy of value iteration
 *     (deterministic), τ &gt; 0 for the soft-optimal policy of soft value iteration at that
 *     temperature (stochastic with full support, the expert AIRL's theory assumes) (default 0)
 * @param numDemos expert demonstrations per seed and world, ≥ 1 (default 32)
 * @param demoLength steps per demonstration and per learner episode (the time limit), ≥ 1
 *     (default 20)
 * @param numEnvs environments the learners sample from in lock step, ≥ 1 (default 8)
 * @param policyHidden hidden layers of every method's policy network (the same for all, so
 *     behaviour cloning is the floor of the same model) (default [64])
 * @param bcEpochs behaviour cloning's epochs, ≥ 1 (default 100)
 * @param gclIterations guided cost learning's iterations, ≥ 1 (default 80)
 * @param gclEpisodes GCL's episodes per environment and iteration, ≥ 1 (default 4)
 * @param gclLcrWeight GCL's lcr regulariser weight, ≥ 0 (default 0.1)
 * @param adversarialIterations GAIL's and AIRL's iterations (8 × 64 steps each), ≥ 1
 *     (default 600: at 200, GAIL's policy on ObjectWorld reached 0.21 of the way from uniform to
 *     optimal, at 600 0.89)
 * @param maxEntIterations MaxEnt's cap on iterations (known dynamics, the reference), ≥ 1
 *     (default 200)
 * @param threads seeds run in parallel on this many threads (results do not depend on it), ≥ 1
 * @param seeds one world draw (ObjectWorld), demonstration sample and learner seed per seed
 */
@RecordBuilder
public record IrlAdversarialConfig(List<String> worlds, List<String> methods,
    double expertTemperature, int numDemos,
    int demoLength, int numEnvs, List<Integer> policyHidden, int bcEpochs, int gclIterations,
    int gclEpisodes, double gclLcrWeight, int adversarialIterations, int maxEntIterations,
    int threads, List<Long> seeds)
    implements ExperimentConfig<IrlAdversarialConfig>, IrlAdversarialConfigBuilder.With {

  /** Validates every field; the message names it. */
  public IrlAdversarialConfig {
    worlds = checkNames("worlds", worlds, IrlAdversarial.WORLDS);
    methods = checkNames("methods", methods, IrlAdversarial.METHODS);
    Check.nonNegativeFinite("expertTemperature", expertTemperature);
    Check.positive("numDemos", numDemos);
    Check.positive("demoLength", demoLength);
    Check.positive("numEnvs", numEnvs);
    Check.notNull("policyHidden", policyHidden);
    for (int h : policyHidden) {
      Check.argument(h >= 1, "policyHidden sizes must be >= 1, got %s", policyHidden);
    }
    policyHidden = List.copyOf(policyHidden);
    Check.positive("bcEpochs", bcEpochs);
    Check.positive("gclIterations", gclIterations);
    Check.positive("gclEpisodes", gclEpisodes);
    Check.nonNegativeFinite("gclLcrWeight", gclLcrWeight);
    Check.positive("adversarialIterations", adversarialIterations);
    Check.positive("maxEntIterations", maxEntIterations);
    Check.positive("threads", threads);
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  private static List<String> checkNames(String field, List<String> names, List<String> known) {
    Check.notNull(field, names);
    Check.argument(!names.isEmpty(), "%s must not be empty", field);
    for (String n : names) {
      Check.argument(known.contains(n), "unknown %s entry '%s', expected one of %s", field, n,
          known);
    }
    Check.argument(names.stream().distinct().count() == names.size(),
        "%s lists an entry twice: %s", field, names);
    return List.copyOf(names);
  }

  /**
   * Both worlds, every method, the optimal expert, 32 demonstrations of 20 steps, 8
   * environments, policy [64], BC 100 epochs, GCL 80 iterations of 4 episodes per environment with lcr 0.1, GAIL and AIRL 600
   * iterations, MaxEnt 200, a thread per core, seeds 1..5.
   */
  public static IrlAdversarialConfig defaults() {
    return new IrlAdversarialConfig(IrlAdversarial.WORLDS, IrlAdversarial.METHODS, 0.0, 32, 20,
        8,
        List.of(64), 100, 80, 4, 0.1, 600, 200,
        Math.max(1, Runtime.getRuntime().availableProcessors()), List.of(1L, 2L, 3L, 4L, 5L));
  }

  /** Two seeds with smaller budgets (BC 50 epochs, GCL 15, GAIL/AIRL 100, MaxEnt 100). */
  public static IrlAdversarialConfig quick() {
    return defaults().with(b -> b.seeds(List.of(1L, 2L)).bcEpochs(50).gclIterations(15)
        .adversarialIterations(100).maxEntIterations(100));
  }

  @Override
  public IrlAdversarialConfig withSeeds(List<Long> seeds) {
    return IrlAdversarialConfigBuilder.With.super.withSeeds(seeds);
  }
}
