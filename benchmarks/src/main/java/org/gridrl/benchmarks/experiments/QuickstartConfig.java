package org.gridrl.benchmarks.experiments;

import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.envs.tabular.GridWorld;

/**
 * Settings of the {@code quickstart} experiment.
 *
 * @param map a bundled map name (default {@code fourrooms})
 * @param slip probability that the chosen move is replaced by a uniformly random one, in [0, 1]
 *     (default 0.1)
 * @param gamma discount in [0, 1) (default 0.95)
 * @param stepReward reward of every step from a non-terminal cell (default −1: a cost per step)
 * @param goalReward reward for entering the goal (default 100: large enough against the
 *     entropy bonus of τ = 1, about log 4 per step, that the soft policy heads for the goal)
 * @param temperature soft value iteration temperature τ &gt; 0 (default 1)
 * @param tolerance both solvers stop when max_s |V_new − V| &lt; tolerance (default 1e-10)
 * @param maxIterations cap on sweeps of both solvers (default 100 000)
 * @param rolloutEpisodes episodes of the soft policy sampled per seed (default 1000)
 * @param rolloutMaxSteps an episode is cut after this many steps (default 500; γ^500 is
 *     negligible at γ = 0.95)
 * @param seeds one sampled rollout batch per seed (planning is deterministic) (default 1, 2, 3)
 */
public record QuickstartConfig(String map, double slip, double gamma, double stepReward,
    double goalReward, double temperature, double tolerance, int maxIterations,
    int rolloutEpisodes, int rolloutMaxSteps, List<Long> seeds)
    implements ExperimentConfig<QuickstartConfig> {

  /** Validates every field; the message names it. */
  public QuickstartConfig {
    if (map == null || !GridWorld.bundledNames().contains(map)) {
      throw new IllegalArgumentException("map must be a bundled map ("
          + String.join(", ", GridWorld.bundledNames()) + "), got " + map);
    }
    gridOptions(slip, gamma, stepReward, goalReward);
    new SoftViConfig(temperature, tolerance, maxIterations);
    if (rolloutEpisodes < 1) {
      throw new IllegalArgumentException("rolloutEpisodes must be >= 1, got " + rolloutEpisodes);
    }
    if (rolloutMaxSteps < 1) {
      throw new IllegalArgumentException("rolloutMaxSteps must be >= 1, got " + rolloutMaxSteps);
    }
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  /** The full run: FourRooms, slip 0.1, γ 0.95, step −1, goal 100, τ 1, 1000 episodes × 3 seeds. */
  public static QuickstartConfig defaults() {
    return new QuickstartConfig("fourrooms", 0.1, 0.95, -1, 100, 1.0,
        SoftViConfig.DEFAULT_TOLERANCE, SoftViConfig.DEFAULT_MAX_ITERATIONS, 1000, 500,
        List.of(1L, 2L, 3L));
  }

  /** The quick run: the same world and solvers, 200 episodes, one seed. */
  public static QuickstartConfig quick() {
    return defaults().withRollouts(200).withSeeds(List.of(1L));
  }

  @Override
  public QuickstartConfig withSeeds(List<Long> newSeeds) {
    return new QuickstartConfig(map, slip, gamma, stepReward, goalReward, temperature, tolerance,
        maxIterations, rolloutEpisodes, rolloutMaxSteps, newSeeds);
  }

  /** The same settings with another number of rollout episodes per seed. */
  public QuickstartConfig withRollouts(int episodes) {
    return new QuickstartConfig(map, slip, gamma, stepReward, goalReward, temperature, tolerance,
        maxIterations, episodes, rolloutMaxSteps, seeds);
  }

  /** The grid world's options. */
  public GridWorld.Options gridOptions() {
    return gridOptions(slip, gamma, stepReward, goalReward);
  }

  /** The soft value iteration settings. */
  public SoftViConfig softViConfig() {
    return new SoftViConfig(temperature, tolerance, maxIterations);
  }

  private static GridWorld.Options gridOptions(double slip, double gamma, double stepReward,
      double goalReward) {
    return GridWorld.Options.defaults().withSlip(slip).withGamma(gamma)
        .withStepReward(stepReward).withGoalReward(goalReward);
  }
}
