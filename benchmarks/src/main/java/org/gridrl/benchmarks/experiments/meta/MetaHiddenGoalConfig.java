package org.gridrl.benchmarks.experiments.meta;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.util.Check;
import org.gridrl.meta.maml.MamlConfig;
import org.gridrl.meta.pearl.PearlConfig;
import org.gridrl.meta.rl2.Rl2Config;

/**
 * Settings of the {@code meta-hidden-goal} experiment on VariBAD's hidden-goal grid (5×5, 15
 * steps an episode, 4 episodes a trial; {@link MetaHiddenGoal#SETTING}).
 *
 * @param rl2 RL²'s training settings, the same budget for every seed; its seed is replaced by
 *     each run seed
 * @param maml MAML's meta-training settings and policy, the same budget for every seed; its seed
 *     is replaced by each run seed
 * @param pearl PEARL's meta-training settings ({@link org.gridrl.meta.pearl.Pearl#trainDiscrete}
 *     on the 21 goals), the same budget for every seed; its seed is replaced by each run seed;
 *     {@code maxPathLength} must be the episode's 15 steps
 * @param evaluationTrials fresh trials (new goals) each trained method is evaluated on, ≥ 2
 * @param threads worker threads training seeds in parallel (results do not depend on it)
 * @param seeds one RL² run per seed; seed s trains from {@code Rl2Config.seed = s} and is
 *     evaluated with {@link MetaHiddenGoal#evaluationSeed}(s)
 */
@RecordBuilder
public record MetaHiddenGoalConfig(Rl2Config rl2, MamlSettings maml, PearlConfig pearl,
    int evaluationTrials, int threads, List<Long> seeds)
    implements ExperimentConfig<MetaHiddenGoalConfig>, MetaHiddenGoalConfigBuilder.With {

  /** Validates every field; messages name the value. */
  public MetaHiddenGoalConfig {
    Check.notNull("rl2", rl2);
    Check.notNull("maml", maml);
    Check.notNull("pearl", pearl);
    Check.argument(pearl.maxPathLength() == MetaHiddenGoal.SETTING.horizon(),
        "pearl.maxPathLength must be the episode's %s steps, got %s",
        MetaHiddenGoal.SETTING.horizon(), pearl.maxPathLength());
    Check.argument(evaluationTrials >= 2, "evaluationTrials must be >= 2, got %s",
        evaluationTrials);
    Check.positive("threads", threads);
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  /**
   * RL²'s settings for a budget of {@code iterations} × 64 trials (3840 environment steps an
   * iteration): minibatches of 16 trials, 4 epochs, H = 64, η = 2e−3; the other constants
   * {@link Rl2Config#defaults()}'s (γ 0.99, λ 0.3, ε 0.1, c_H 0.01, c_V 0.5, clip 0.5). Chosen
   * over 32 trials, H = 32, η = 3e−3 (31.9 after 800 iterations, seed 1) by one measured run
   * each (35.6 after 400 iterations, seed 1; docs/results/meta-hidden-goal.md).
   */
  public static Rl2Config rl2(int iterations) {
    return Rl2Config.defaults().withIterations(iterations).withTrialsPerIteration(64)
        .withMinibatchTrials(16).withEpochs(4).withHidden(64).withLearningRate(2e-3);
  }

  /**
   * MAML's settings for the trial layout ({@link MetaHiddenGoal#mamlEpisodeReturns}).
   *
   * @param algorithm {@link org.gridrl.meta.maml.Maml#train}'s settings. At evaluation every
   *     inner step is on the one episode just played, so {@code testEpisodesPerTask} must be 1
   *     and {@code testSteps} must be the trial's episodes − 1 = 3 (before episodes 2, 3, 4)
   * @param hidden the categorical policy's tanh hidden layer widths (input the cell (x, y),
   *     output the 5 action logits), each ≥ 1
   */
  public record MamlSettings(MamlConfig algorithm, List<Integer> hidden) {

    /** Validates every field; messages name the value. */
    public MamlSettings {
      Check.notNull("algorithm", algorithm);
      Check.argument(algorithm.testEpisodesPerTask() == 1,
          "algorithm.testEpisodesPerTask must be 1 (one inner step per episode played), got %s",
          algorithm.testEpisodesPerTask());
      int steps = MetaHiddenGoal.SETTING.episodes() - 1;
      Check.argument(algorithm.testSteps() == steps,
          "algorithm.testSteps must be %s (one before each later episode of the trial), got %s",
          steps, algorithm.testSteps());
      Check.notNull("hidden", hidden);
      Check.argument(!hidden.isEmpty(), "hidden must name at least one layer");
      for (int i = 0; i < hidden.size(); i++) {
        Check.argument(hidden.get(i) != null && hidden.get(i) >= 1,
            "hidden[%s] must be >= 1, got %s", i, hidden.get(i));
      }
      hidden = List.copyOf(hidden);
    }

    /** {@link #hidden} as an array. */
    int[] hiddenWidths() {
      return hidden.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /**
   * MAML's settings for a budget of {@code iterations} meta-updates of 40 tasks: one inner step
   * of α = 0.5 on one episode per task (the evaluation adapts on single episodes too), a
   * post-update batch of one episode, second order, Adam 3e-3; at evaluation 3 steps on one
   * episode each, the later ones α/2 ({@link MamlConfig#defaults()}'s scale); γ 0.99, linear
   * baseline, standardised advantages; a 2 → 32 → 32 → 5 tanh policy. 2000 meta-updates for
   * the full run because MAML is cheap here (about 15 s a seed) and still improving: single-seed
   * probes (seed 1, docs/results/meta-hidden-goal.md) gave a trial return of −3.48 after 300
   * and −2.61 after 2000; α = 1 (−3.63) and Adam 1e-2 (−4.04) after 2000 were worse.
   */
  public static MamlSettings maml(int iterations) {
    MamlConfig c = MamlConfig.defaults().withIterations(iterations).withMetaBatchSize(40)
        .withEpisodesPerTask(1).withInnerSteps(1).withTestSteps(3).withTestEpisodesPerTask(1)
        .withOuterLearningRate(3e-3);
    return new MamlSettings(c, List.of(32, 32));
  }

  /**
   * PEARL's settings for a budget of {@code iterations} iterations of 50 gradient steps: the
   * authors' loop ({@link PearlConfig#defaults()}) scaled to the grid: d = 5, encoder and nets
   * 2 × 32, s' in the context, meta-batch 4 tasks of 32 RL and 32 context rows, 60 initial
   * steps per goal, 5 tasks refreshed per iteration with 30 prior, 30 posterior and 30 extra
   * posterior steps, 15-step paths, γ 0.9, every rate 3e−3, one exploration trajectory at test
   * time, 5000 transitions per buffer; β = 0.01 and reward scale 10 (α = 1/10 on the grid's
   * rewards) because the authors' β = 0.1 with scale 5 collapsed the posterior to the prior
   * (KL → 0; episode returns −0.58, −0.58, −0.32, −0.45 after 200 iterations, seed 1, 200
   * trials), while β = 0.01, scale 10 gave −0.86, 0.44, 0.21, 0.27 (one measured run each,
   * docs/results/meta-hidden-goal.md).
   */
  public static PearlConfig pearl(int iterations) {
    return PearlConfig.defaults().with(b -> b.iterations(iterations).latentDim(5).klLambda(0.01)
        .encoderWidth(32).encoderLayers(2).netWidth(32).netLayers(2).withNextObservation(true)
        .metaBatch(4).batchSize(32).embeddingBatchSize(32).initialSteps(60)
        .tasksPerIteration(5).stepsPrior(30).stepsPosterior(30).extraRlStepsPosterior(30)
        .trainStepsPerIteration(50).maxPathLength(MetaHiddenGoal.SETTING.horizon()).gamma(0.9)
        .rewardScale(10).policyLearningRate(3e-3).qLearningRate(3e-3).contextLearningRate(3e-3)
        .explorationTrajectories(1).bufferCapacity(5000));
  }

  /**
   * The full run: 5 seeds, {@link #rl2}(250) (960,000 environment steps a seed),
   * {@link #maml}(2000), {@link #pearl}(FULL_PEARL_ITERATIONS), 1000 evaluation trials per
   * seed, 2 threads.
   */
  public static MetaHiddenGoalConfig defaults() {
    return new MetaHiddenGoalConfig(rl2(FULL_ITERATIONS), maml(FULL_MAML_ITERATIONS),
        pearl(FULL_PEARL_ITERATIONS), 1000, 2, List.of(1L, 2L, 3L, 4L, 5L));
  }

  /**
   * The quick run: the same 5 seeds and 1000 evaluation trials, {@link #rl2}(20),
   * {@link #maml}(30), {@link #pearl}(QUICK_PEARL_ITERATIONS).
   */
  public static MetaHiddenGoalConfig quick() {
    return defaults().withRl2(rl2(QUICK_ITERATIONS)).withMaml(maml(QUICK_MAML_ITERATIONS))
        .withPearl(pearl(QUICK_PEARL_ITERATIONS));
  }

  /** Iterations of the full run. */
  static final int FULL_ITERATIONS = 250;
  /** Iterations of the quick run. */
  static final int QUICK_ITERATIONS = 20;
  /** MAML meta-updates of the full run. */
  static final int FULL_MAML_ITERATIONS = 2000;
  /** MAML meta-updates of the quick run. */
  static final int QUICK_MAML_ITERATIONS = 30;
  /** PEARL iterations (of 50 gradient steps) of the full run. */
  static final int FULL_PEARL_ITERATIONS = 400;
  /** PEARL iterations of the quick run. */
  static final int QUICK_PEARL_ITERATIONS = 10;

  @Override
  public MetaHiddenGoalConfig withSeeds(List<Long> newSeeds) {
    return MetaHiddenGoalConfigBuilder.With.super.withSeeds(newSeeds);
  }
}
