package org.gridrl.benchmarks.experiments.pg;

import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.pg.A2cConfig;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.ReinforceConfig;
import org.gridrl.envs.tabular.GridWorld;

/**
 * Settings of the {@code pg-fourrooms} experiment. The algorithms' own seeds are replaced by each
 * run seed.
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
public record PgFourRoomsConfig(String map, double slip, double gamma, double stepReward,
    double goalReward, int timeLimit, int numEnvs, int evalEvery, ReinforceConfig reinforce,
    A2cConfig a2c, PpoConfig ppo, double target, int threads, List<Long> seeds)
    implements ExperimentConfig<PgFourRoomsConfig> {

  /** Validates every field; messages name the value. */
  public PgFourRoomsConfig {
    if (map == null || !GridWorld.bundledNames().contains(map)) {
      throw new IllegalArgumentException("map must be a bundled map ("
          + String.join(", ", GridWorld.bundledNames()) + "), got " + map);
    }
    gridOptions(slip, gamma, stepReward, goalReward);
    if (timeLimit < 1) {
      throw new IllegalArgumentException("timeLimit must be >= 1, got " + timeLimit);
    }
    if (numEnvs < 1) {
      throw new IllegalArgumentException("numEnvs must be >= 1, got " + numEnvs);
    }
    if (evalEvery < 1) {
      throw new IllegalArgumentException("evalEvery must be >= 1, got " + evalEvery);
    }
    if (reinforce == null || a2c == null || ppo == null) {
      throw new IllegalArgumentException("reinforce, a2c and ppo settings must not be null");
    }
    if (reinforce.gamma() != gamma || a2c.gamma() != gamma || ppo.gamma() != gamma) {
      throw new IllegalArgumentException("every algorithm must use the MDP's gamma " + gamma
          + ", got " + reinforce.gamma() + ", " + a2c.gamma() + ", " + ppo.gamma());
    }
    if (!(target > 0 && target <= 1)) {
      throw new IllegalArgumentException("target must be in (0, 1], got " + target);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  /** The full run: 5 seeds. */
  public static PgFourRoomsConfig defaults() {
    double gamma = 0.95;
    ReinforceConfig reinforce = new ReinforceConfig(400, 1, gamma, true, true, 3e-3, 0.01, 0.5,
        0.5, new int[] {64}, 0.0, 0L);
    A2cConfig a2c = new A2cConfig(1500, 16, gamma, 1.0, 2e-3, 0.01, 0.5, 0.5, true,
        new int[] {64}, 0.0, 0L);
    PpoConfig ppo = new PpoConfig(80, 128, gamma, 0.95, 0.2, 0.0, true, 4, 256, 3e-3, 0.01, 0.5,
        0.5, new int[] {32}, 0.0, 0L);
    return new PgFourRoomsConfig("fourrooms", 0.1, gamma, -1, 100, 200, 8, 10, reinforce, a2c,
        ppo, 0.95, 2, List.of(1L, 2L, 3L, 4L, 5L));
  }

  /** The quick run: the same settings, two seeds. */
  public static PgFourRoomsConfig quick() {
    return defaults().withSeeds(List.of(1L, 2L));
  }

  @Override
  public PgFourRoomsConfig withSeeds(List<Long> newSeeds) {
    return new PgFourRoomsConfig(map, slip, gamma, stepReward, goalReward, timeLimit, numEnvs,
        evalEvery, reinforce, a2c, ppo, target, threads, newSeeds);
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
