package org.gridrl.benchmarks.experiments;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.util.Check;
import org.gridrl.envs.tabular.GridWorld;

/**
 * Settings of the {@code quickstart} experiment. Vary them with the generated {@code withX}
 * methods ({@code QuickstartConfig.defaults().withRolloutEpisodes(200)}), several at once with
 * {@code with(b -> ...)}, the planning settings with
 * {@code config.withPlanning(config.planning().withTemperature(0.5))}.
 *
 * @param map a bundled map name (default {@code fourrooms})
 * @param slip probability that the chosen move is replaced by a uniformly random one, in [0, 1]
 *     (default 0.1)
 * @param gamma discount in [0, 1) (default 0.95)
 * @param stepReward reward of every step from a non-terminal cell (default −1: a cost per step)
 * @param goalReward reward for entering the goal (default 100: large enough against the
 *     entropy bonus of τ = 1, about log 4 per step, that the soft policy heads for the goal)
 * @param planning soft value iteration's settings (default {@link SoftViConfig#defaults()}:
 *     τ = 1, tolerance 1e-10, at most 100 000 sweeps, automatic kernel, Jacobi sweeps); hard
 *     value iteration stops by the same tolerance and cap
 * @param rolloutEpisodes episodes of the soft policy sampled per seed (default 1000)
 * @param rolloutMaxSteps an episode is cut after this many steps (default 500; γ^500 is
 *     negligible at γ = 0.95)
 * @param seeds one sampled rollout batch per seed (planning is deterministic) (default 1, 2, 3)
 */
@RecordBuilder
public record QuickstartConfig(String map, double slip, double gamma, double stepReward,
    double goalReward, SoftViConfig planning, int rolloutEpisodes, int rolloutMaxSteps,
    List<Long> seeds)
    implements ExperimentConfig<QuickstartConfig>, QuickstartConfigBuilder.With {

  /** Validates every field; the message names it. */
  public QuickstartConfig {
    Check.argument(map != null && GridWorld.bundledNames().contains(map),
        "map must be a bundled map (%s), got %s", String.join(", ", GridWorld.bundledNames()),
        map);
    gridOptions(slip, gamma, stepReward, goalReward);
    Check.notNull("planning", planning);
    Check.positive("rolloutEpisodes", rolloutEpisodes);
    Check.positive("rolloutMaxSteps", rolloutMaxSteps);
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  /** The full run: FourRooms, slip 0.1, γ 0.95, step −1, goal 100, τ 1, 1000 episodes × 3 seeds. */
  public static QuickstartConfig defaults() {
    return new QuickstartConfig("fourrooms", 0.1, 0.95, -1, 100, SoftViConfig.defaults(), 1000,
        500, List.of(1L, 2L, 3L));
  }

  /** The quick run: the same world and solvers, 200 episodes, one seed. */
  public static QuickstartConfig quick() {
    return defaults().with(b -> b.rolloutEpisodes(200).seeds(List.of(1L)));
  }

  /** This config with other seeds (the generated wither, named by {@link ExperimentConfig}). */
  @Override
  public QuickstartConfig withSeeds(List<Long> seeds) {
    return QuickstartConfigBuilder.With.super.withSeeds(seeds);
  }

  /** The grid world's options. */
  public GridWorld.Options gridOptions() {
    return gridOptions(slip, gamma, stepReward, goalReward);
  }

  private static GridWorld.Options gridOptions(double slip, double gamma, double stepReward,
      double goalReward) {
    GridWorld.Options d = GridWorld.Options.defaults();
    return new GridWorld.Options(slip, d.numActions(), gamma, stepReward, goalReward,
        d.goalTerminal(), d.rewardTiming(), d.lavaReward(), d.legend());
  }
}
