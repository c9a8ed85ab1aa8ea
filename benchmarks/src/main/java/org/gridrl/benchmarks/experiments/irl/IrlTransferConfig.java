package org.gridrl.benchmarks.experiments.irl;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.util.Check;

/**
 * Settings of {@code irl-transfer}. Vary them with the generated {@code withX} methods or
 * {@code with(b -> ...)}; every way goes through the checks of the compact constructor.
 *
 * <p>The grid part ({@code grid}):
 *
 * @param parts which parts to run, from {@link IrlTransfer#PARTS} ({@code grid}: the 8×8
 *     shifting-barrier grid, exact evaluation; {@code maze}: PointMaze, PPO in the shifted maze)
 * @param numDemos expert demonstrations on the grid, ≥ 1 (default 32)
 * @param demoLength steps per grid demonstration and per learner episode, ≥ 1 (default 20)
 * @param numEnvs environments every learner samples from in lock step, both parts, ≥ 1
 *     (default 8)
 * @param policyHidden hidden layers of the grid learners' policy networks (default [64])
 * @param gclIterations GCL's iterations on the grid, ≥ 1 (default 40)
 * @param gclEpisodes GCL's episodes per environment and iteration on the grid, ≥ 1 (default 4)
 * @param gclLcrWeight GCL's lcr regulariser weight (both parts), ≥ 0 (default 0.1)
 * @param adversarialIterations GAIL's and AIRL's iterations on the grid (8 × 64 steps each),
 *     ≥ 1 (default 200)
 * @param maxEntIterations MaxEnt's cap on iterations (known dynamics), ≥ 1 (default 200)
 * @param expertTemperature τ_E of the grid expert: 0 for the optimal (value iteration) policy, as
 *     in irl-adversarial-grid, &gt; 0 for the soft-optimal policy of soft value iteration at τ_E
 *     (Fu et al.'s setting, Theorem 5.1), ≥ 0 (default 0.1)
 * @param temperature τ of the soft value iteration that re-optimises every reward in the
 *     changed grid, after the reward is scaled to unit standard deviation over (s, a), so τ means
 *     the same for every method, &gt; 0 (default 0.05)
 * @param mazeDemoEpisodes expert episodes per environment on PointMaze (100 steps each), ≥ 1
 *     (default 4: 32 demonstrations with 8 environments)
 * @param mazeExpertStd σ of the Gaussian noise on the hand-made controller's action, &gt; 0
 *     (default 0.2)
 * @param mazeStepsPerEnv PPO's steps per environment and iteration on PointMaze (learners and
 *     transfer alike), ≥ 1 (default 128)
 * @param mazeHidden hidden layers of the PointMaze policy and value networks (default [64, 64])
 * @param mazeLearningRate PPO's Adam step on PointMaze, &gt; 0 (default 1e-3)
 * @param mazeIrlIterations AIRL's and GAIL's iterations on PointMaze with the gap on the left,
 *     ≥ 1 (default 300)
 * @param mazeGclIterations GCL's iterations on PointMaze, ≥ 1 (default 120)
 * @param mazeGclEpisodes GCL's episodes per environment and iteration on PointMaze, ≥ 1
 *     (default 1)
 * @param mazeTransferIterations PPO iterations on each learned reward with the gap on the
 *     right, ≥ 1 (default 200)
 * @param threads seeds run in parallel on this many threads (results do not depend on it), ≥ 1
 * @param seeds one demonstration sample and learner seed per seed
 */
@RecordBuilder
public record IrlTransferConfig(List<String> parts, int numDemos, int demoLength, int numEnvs,
    List<Integer> policyHidden, int gclIterations, int gclEpisodes, double gclLcrWeight,
    int adversarialIterations, int maxEntIterations, double expertTemperature,
    double temperature, int mazeDemoEpisodes,
    double mazeExpertStd, int mazeStepsPerEnv, List<Integer> mazeHidden,
    double mazeLearningRate, int mazeIrlIterations, int mazeGclIterations, int mazeGclEpisodes,
    int mazeTransferIterations, int threads, List<Long> seeds)
    implements ExperimentConfig<IrlTransferConfig>, IrlTransferConfigBuilder.With {

  /** Validates every field; the message names it. */
  public IrlTransferConfig {
    Check.notNull("parts", parts);
    Check.argument(!parts.isEmpty(), "parts must not be empty");
    for (String p : parts) {
      Check.argument(IrlTransfer.PARTS.contains(p), "unknown parts entry '%s', expected one of %s",
          p, IrlTransfer.PARTS);
    }
    Check.argument(parts.stream().distinct().count() == parts.size(),
        "parts lists an entry twice: %s", parts);
    parts = List.copyOf(parts);
    Check.positive("numDemos", numDemos);
    Check.positive("demoLength", demoLength);
    Check.positive("numEnvs", numEnvs);
    policyHidden = checkHidden("policyHidden", policyHidden);
    Check.positive("gclIterations", gclIterations);
    Check.positive("gclEpisodes", gclEpisodes);
    Check.nonNegativeFinite("gclLcrWeight", gclLcrWeight);
    Check.positive("adversarialIterations", adversarialIterations);
    Check.positive("maxEntIterations", maxEntIterations);
    Check.nonNegativeFinite("expertTemperature", expertTemperature);
    Check.positiveFinite("temperature", temperature);
    Check.positive("mazeDemoEpisodes", mazeDemoEpisodes);
    Check.positiveFinite("mazeExpertStd", mazeExpertStd);
    Check.positive("mazeStepsPerEnv", mazeStepsPerEnv);
    mazeHidden = checkHidden("mazeHidden", mazeHidden);
    Check.positiveFinite("mazeLearningRate", mazeLearningRate);
    Check.positive("mazeIrlIterations", mazeIrlIterations);
    Check.positive("mazeGclIterations", mazeGclIterations);
    Check.positive("mazeGclEpisodes", mazeGclEpisodes);
    Check.positive("mazeTransferIterations", mazeTransferIterations);
    Check.positive("threads", threads);
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  private static List<Integer> checkHidden(String field, List<Integer> hidden) {
    Check.notNull(field, hidden);
    for (Integer h : hidden) {
      Check.argument(h != null && h >= 1, "%s sizes must be >= 1, got %s", field, hidden);
    }
    return List.copyOf(hidden);
  }

  /**
   * Both parts; the grid with irl-adversarial-grid's budgets (32 demonstrations of 20 steps, 8
   * environments, policy [64], GCL 40 × 4 episodes with lcr 0.1, GAIL and AIRL 200 iterations,
   * MaxEnt 200), re-optimised at τ 0.05; PointMaze with 32 controller demonstrations (σ 0.2),
   * PPO 8 × 128 steps, networks [64, 64], η 1e-3, AIRL and GAIL 300 iterations, GCL 120 of one
   * episode per environment, 200 transfer iterations; a thread per core; seeds 1..5.
   */
  public static IrlTransferConfig defaults() {
    return new IrlTransferConfig(IrlTransfer.PARTS, 32, 20, 8, List.of(64), 40, 4, 0.1, 200, 200,
        0.1, 0.05, 4, 0.2, 128, List.of(64, 64), 1e-3, 300, 120, 1, 200,
        Math.max(1, Runtime.getRuntime().availableProcessors()), List.of(1L, 2L, 3L, 4L, 5L));
  }

  /**
   * Two seeds with smaller budgets (grid: GCL 15, GAIL/AIRL 60, MaxEnt 100; maze: AIRL/GAIL 40,
   * GCL 30, transfer 60): the plumbing and the shape of the files, not the numbers of the full
   * run (60 transfer iterations are too few for PPO to leave the barrier's local optimum).
   */
  public static IrlTransferConfig quick() {
    return defaults().with(b -> b.seeds(List.of(1L, 2L)).gclIterations(15)
        .adversarialIterations(60).maxEntIterations(100).mazeIrlIterations(40)
        .mazeGclIterations(30).mazeTransferIterations(60));
  }

  @Override
  public IrlTransferConfig withSeeds(List<Long> seeds) {
    return IrlTransferConfigBuilder.With.super.withSeeds(seeds);
  }
}
