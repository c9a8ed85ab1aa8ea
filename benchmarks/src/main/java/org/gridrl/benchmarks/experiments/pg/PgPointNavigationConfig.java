package org.gridrl.benchmarks.experiments.pg;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.SacConfig;
import org.gridrl.core.util.Check;
import org.gridrl.envs.continuous.Goal;
import org.gridrl.envs.continuous.PointNavigation;

/**
 * Settings of the {@code pg-point-navigation} experiment. Vary them with the generated
 * {@code withX} methods or {@code with(b -> b.sacSteps(300).ppoIterations(2))}.
 *
 * @param goalX the fixed goal's x, in [−0.5, 0.5] (default 0.4)
 * @param goalY the fixed goal's y, in [−0.5, 0.5] (default −0.25)
 * @param tolerance the pass criterion: the learned deterministic policy's return R must satisfy
 *     R ≥ R_line − tolerance·|R_line| with R_line = {@link PointNavigation#straightLineReturn}
 *     (default 0.1, "within 10%")
 * @param sacSteps SAC environment steps per seed, ≥ 1 (default 6 000)
 * @param sacLearningStarts uniform random steps before SAC's first update, ≥ 1 (default 1 000)
 * @param sacBatchSize SAC minibatch size, ≥ 1 (default 128)
 * @param sacHiddenWidth units in each of SAC's two hidden ReLU layers, ≥ 1 (default 64)
 * @param sacGamma SAC discount in [0, 1] (default 0.9: the greedy policy is optimal for every
 *     discount here, so a short horizon only speeds learning)
 * @param sacInitialAlpha SAC's initial temperature, &gt; 0 (default 0.1, tuned automatically)
 * @param ppoIterations PPO collect-and-update iterations per seed, ≥ 1 (default 60)
 * @param ppoEnvs PPO environments sampled in parallel (sequentially, one thread), ≥ 1 (default 8)
 * @param ppoStepsPerEnv PPO steps per environment per iteration, ≥ 1 (default 128)
 * @param ppoLearningRate PPO Adam step, &gt; 0 (default 1e-3)
 * @param ppoInitLogStd the Gaussian policy's initial log σ (default −2.3, σ ≈ 0.1, the speed
 *     limit)
 * @param ppoGamma PPO discount in [0, 1] (default 0.9)
 * @param evalEvery SAC's deterministic policy is evaluated every this many steps, ≥ 1 (default
 *     250); PPO's after every iteration
 * @param threads worker threads over (seed, algorithm) runs, ≥ 1 (default 2); the numbers do not
 *     depend on it
 * @param seeds one independent SAC run and one PPO run each (default 1..5)
 */
@RecordBuilder
public record PgPointNavigationConfig(double goalX, double goalY, double tolerance,
    int sacSteps, int sacLearningStarts, int sacBatchSize, int sacHiddenWidth, double sacGamma,
    double sacInitialAlpha, int ppoIterations, int ppoEnvs, int ppoStepsPerEnv,
    double ppoLearningRate, double ppoInitLogStd, double ppoGamma, int evalEvery, int threads,
    List<Long> seeds) implements ExperimentConfig<PgPointNavigationConfig>,
    PgPointNavigationConfigBuilder.With {

  /** Validates every field (the algorithm configs validate their own); messages name the value. */
  public PgPointNavigationConfig {
    Check.argument(Math.abs(goalX) <= PointNavigation.GOAL_RANGE,
        "goalX must be in [−0.5, 0.5], got %s", goalX);
    Check.argument(Math.abs(goalY) <= PointNavigation.GOAL_RANGE,
        "goalY must be in [−0.5, 0.5], got %s", goalY);
    Check.nonNegativeFinite("tolerance", tolerance);
    Check.positive("ppoEnvs", ppoEnvs);
    Check.positive("evalEvery", evalEvery);
    Check.positive("threads", threads);
    seeds = ExperimentConfig.checkSeeds(seeds);
    // the algorithm configs validate the rest, naming the field
    sac(sacSteps, sacLearningStarts, sacBatchSize, sacHiddenWidth, sacGamma, sacInitialAlpha, 0);
    ppo(ppoIterations, ppoStepsPerEnv, ppoLearningRate, ppoInitLogStd, ppoGamma, 0);
  }

  /** The full run: 5 seeds, SAC 6 000 steps, PPO 60 iterations of 8 × 128 steps. */
  public static PgPointNavigationConfig defaults() {
    return new PgPointNavigationConfig(0.4, -0.25, 0.1, 6_000, 1_000, 128, 64, 0.9, 0.1, 60, 8,
        128, 1e-3, -2.3, 0.9, 250, 2, List.of(1L, 2L, 3L, 4L, 5L));
  }

  /**
   * The quick run: the same code path and SAC settings, 3 seeds, SAC 4 000 steps (its curve is
   * the full run's up to there), PPO 30 iterations of 4 × 128.
   */
  public static PgPointNavigationConfig quick() {
    return new PgPointNavigationConfig(0.4, -0.25, 0.1, 4_000, 1_000, 128, 64, 0.9, 0.1, 30, 4,
        128, 1e-3, -2.3, 0.9, 250, 2, List.of(1L, 2L, 3L));
  }

  @Override
  public PgPointNavigationConfig withSeeds(List<Long> newSeeds) {
    return PgPointNavigationConfigBuilder.With.super.withSeeds(newSeeds);
  }

  /** The goal. */
  public Goal goal() {
    return new Goal(goalX, goalY);
  }

  /** SAC's config for one seed (other fields at {@link SacConfig#defaults()}). */
  public SacConfig sacConfig(long seed) {
    return sac(sacSteps, sacLearningStarts, sacBatchSize, sacHiddenWidth, sacGamma,
        sacInitialAlpha, seed);
  }

  private static SacConfig sac(int steps, int starts, int batch, int width, double gamma,
      double alpha, long seed) {
    SacConfig d = SacConfig.defaults();
    return d.with(b -> b.totalSteps(steps).learningStarts(starts).batchSize(batch)
        .bufferCapacity(Math.max(d.bufferCapacity(), batch)).hiddenWidth(width).hiddenLayers(2)
        .gamma(gamma).initialAlpha(alpha).autotune(true).seed(seed));
  }

  /**
   * PPO's config for one seed: CleanRL's continuous-control settings (λ 0.95, ε 0.2, 10 epochs,
   * minibatches of 64, no entropy bonus, value coefficient 0.5, gradient clip 0.5, two hidden
   * tanh layers of 64, no value clipping) with this record's budget, step size, σ₀ and γ.
   */
  public PpoConfig ppoConfig(long seed) {
    return ppo(ppoIterations, ppoStepsPerEnv, ppoLearningRate, ppoInitLogStd, ppoGamma, seed);
  }

  private static PpoConfig ppo(int iterations, int stepsPerEnv, double lr, double initLogStd,
      double gamma, long seed) {
    return new PpoConfig(iterations, stepsPerEnv, gamma, 0.95, 0.2, 0.0, true, 10, 64, lr, 0.0,
        0.5, 0.5, List.of(64, 64), initLogStd, seed);
  }
}
