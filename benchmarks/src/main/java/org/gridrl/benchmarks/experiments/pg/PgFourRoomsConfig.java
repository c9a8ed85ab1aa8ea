package org.gridrl.benchmarks.experiments.pg;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.pg.A2cConfig;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.ReinforceConfig;
import org.gridrl.core.util.Check;
import org.gridrl.envs.tabular.GridWorld;

/**
 * Settings of the {@code pg-fourrooms} experiment. The algorithms' own seeds are replaced by each
 * run seed. Vary them with the generated {@code withX} methods (nested ones too:
 * {@code config.withPpo(config.ppo().withLearningRate(1e-3))}) or {@code with(b -> ...)}.
 *
 * @param map a bundled map name (fourrooms)
 * @param slip probability that the chosen move is replaced by a uniformly random one (0.1)
 * @param gamma discount of the MDP and of every algorithm (0.95)
 * @param stepReward reward of every step (−1)
 * @param goalReward reward for entering the goal (100)
 * @param timeLimit episodes are truncated after this many steps (200); the MDP's γ^200 ≈ 3.5e-5
 *     makes the truncated return indistinguishable from the infinite-horizon one the
 *     evaluation computes
 * @param numEnvs environments sampled in parallel by each algorithm (8)
 * @param evalEvery the learned policy is evaluated exactly every this many iterations (and at
 *     the end)
 * @param reinforce REINFORCE settings
 * @param a2c A2C settings
 * @param ppo PPO settings
 * @param target the normalised score each algorithm must reach (0.95)
 * @param threads worker threads running seeds in parallel (results do not depend on it)
 * @param seeds one independent run of all three algorithms per seed
 */
@RecordBuilder
public record PgFourRoomsConfig(String map, double slip, double gamma, double stepReward,
    double goalReward, int timeLimit, int numEnvs, int evalEvery, ReinforceConfig reinforce,
    A2cConfig a2c, PpoConfig ppo, double target, int threads, List<Long> seeds)
    implements ExperimentConfig<PgFourRoomsConfig>, PgFourRoomsConfigBuilder.With {

  /** Validates every field; messages name the value. */
  public PgFourRoomsConfig {
    Check.argument(map != null && GridWorld.bundledNames().contains(map),
        "map must be a bundled map (%s), got %s", String.join(", ", GridWorld.bundledNames()),
        map);
    gridOptions(slip, gamma, stepReward, goalReward);
    Check.positive("timeLimit", timeLimit);
    Check.positive("numEnvs", numEnvs);
    Check.positive("evalEvery", evalEvery);
    Check.argument(reinforce != null && a2c != null && ppo != null,
        "reinforce, a2c and ppo settings must not be null");
    Check.argument(reinforce.gamma() == gamma && a2c.gamma() == gamma && ppo.gamma() == gamma,
        "every algorithm must use the MDP's gamma %s, got %s, %s, %s", gamma, reinforce.gamma(),
        a2c.gamma(), ppo.gamma());
    Check.argument(target > 0 && target <= 1, "target must be in (0, 1], got %s", target);
    Check.positive("threads", threads);
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  /** The full run: 5 seeds. */
  public static PgFourRoomsConfig defaults() {
    double gamma = 0.95;
    ReinforceConfig reinforce = new ReinforceConfig(600, 1, gamma, true, true, 2e-3, 0.01, 0.5,
        0.5, List.of(64), 0.0, 0L);
    A2cConfig a2c = new A2cConfig(1500, 16, gamma, 1.0, 2e-3, 0.01, 0.5, 0.5, true,
        List.of(64), 0.0, 0L);
    PpoConfig ppo = new PpoConfig(80, 128, gamma, 0.95, 0.2, 0.0, true, 4, 256, 3e-3, 0.01, 0.5,
        0.5, List.of(32), 0.0, 0L);
    return new PgFourRoomsConfig("fourrooms", 0.1, gamma, -1, 100, 200, 8, 10, reinforce, a2c,
        ppo, 0.95, 2, List.of(1L, 2L, 3L, 4L, 5L));
  }

  /** The quick run: the same settings, two seeds. */
  public static PgFourRoomsConfig quick() {
    return defaults().withSeeds(List.of(1L, 2L));
  }

  @Override
  public PgFourRoomsConfig withSeeds(List<Long> newSeeds) {
    return PgFourRoomsConfigBuilder.With.super.withSeeds(newSeeds);
  }

  /** The grid world's options. */
  public GridWorld.Options gridOptions() {
    return gridOptions(slip, gamma, stepReward, goalReward);
  }

  private static GridWorld.Options gridOptions(double slip, double gamma, double stepReward,
      double goalReward) {
    return GridWorld.Options.defaults().withSlip(slip).withGamma(gamma)
        .withStepReward(stepReward).withGoalReward(goalReward);
  }
}
