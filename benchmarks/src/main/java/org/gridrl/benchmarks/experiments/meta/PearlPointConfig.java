package org.gridrl.benchmarks.experiments.meta;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.util.Check;
import org.gridrl.envs.continuous.SparsePointRobot;
import org.gridrl.meta.maml.MamlConfig;
import org.gridrl.meta.pearl.PearlConfig;
import org.gridrl.meta.rl2.Rl2Config;

/**
 * Settings of the {@code pearl-point} experiment on PEARL's sparse point robot (Rakelly et al.
 * 2019, §6.3; {@link PearlPoint}): 80 training goals, 20 held out.
 *
 * @param pearl PEARL's meta-training settings ({@link org.gridrl.meta.pearl.Pearl#train} on the
 *     80 training goals, critics on the dense reward −‖p − g‖ as the authors'); its seed is
 *     replaced by each run seed; {@code maxPathLength} must be the robot's 20 steps, and its
 *     {@code explorationTrajectories} (5, the authors' {@code num_exp_traj_eval}) are the
 *     test-time trajectories before the first inference
 * @param pearlTestTrajectories trajectories per held-out goal at each PEARL evaluation, at least
 *     {@code pearl.explorationTrajectories}; the score is the last one's return (the authors'
 *     {@code AverageReturn_all_test_tasks}: {@code num_steps_per_eval} 400 = 20 trajectories)
 * @param maml MAML's meta-training and test settings ({@link org.gridrl.meta.maml.Maml#train} with
 *     the 80 training goals as p(T)); its seed is replaced by each run seed and its threads by 1;
 *     at test time {@code testSteps} inner steps (α, then α·{@code laterTestStepScale}), each on
 *     {@code testEpisodesPerTask} episodes, then one more batch of that size scored
 * @param mamlHidden MAML's Gaussian policy's tanh hidden layer widths, each ≥ 1
 * @param mamlInitLogStd its initial log σ in the [−1, 1]² action coordinates (the policy acts
 *     through {@code NormalizeAction}, as in {@code maml-navigation})
 * @param rl2 RL²'s training settings (a GRU with a diagonal Gaussian head,
 *     {@link org.gridrl.meta.rl2.Rl2Network#gaussian}, on trials over the 80 training goals,
 *     actions in [−1, 1]² through {@code NormalizeAction}); its seed is replaced by each run seed
 * @param rl2EpisodesPerTrial episodes of one goal per RL² trial (the hidden state carries over
 *     between them, reset between trials), ≥ 2; the last one is scored
 * @param rl2TestTrials RL²'s trials per held-out goal at each evaluation, ≥ 1
 * @param evaluations evaluation points per method, spread evenly over its iterations (the last
 *     one at the end of training), ≥ 1 and at most each method's iterations
 * @param randomEpisodes episodes per held-out goal of the uniformly random policy, ≥ 1
 * @param threads worker threads over (seed, method) jobs, ≥ 1; the numbers do not depend on it
 * @param seeds one independent run of every method each
 */
@RecordBuilder
public record PearlPointConfig(PearlConfig pearl, int pearlTestTrajectories, MamlConfig maml,
    List<Integer> mamlHidden, double mamlInitLogStd, Rl2Config rl2, int rl2EpisodesPerTrial,
    int rl2TestTrials, int evaluations, int randomEpisodes,
    int threads, List<Long> seeds)
    implements ExperimentConfig<PearlPointConfig>, PearlPointConfigBuilder.With {

  /** Validates every field (PearlConfig and MamlConfig validate their own). */
  public PearlPointConfig {
    Check.notNull("pearl", pearl);
    Check.argument(pearl.maxPathLength() == SparsePointRobot.HORIZON,
        "pearl.maxPathLength must be the robot's %s steps, got %s", SparsePointRobot.HORIZON,
        pearl.maxPathLength());
    Check.argument(pearlTestTrajectories >= pearl.explorationTrajectories(),
        "pearlTestTrajectories must be >= pearl.explorationTrajectories (%s), got %s",
        pearl.explorationTrajectories(), pearlTestTrajectories);
    Check.notNull("maml", maml);
    Check.notNull("mamlHidden", mamlHidden);
    for (int i = 0; i < mamlHidden.size(); i++) {
      Check.argument(mamlHidden.get(i) != null && mamlHidden.get(i) >= 1,
          "mamlHidden[%s] must be >= 1, got %s", i, mamlHidden.get(i));
    }
    mamlHidden = List.copyOf(mamlHidden);
    Check.finite("mamlInitLogStd", mamlInitLogStd);
    Check.notNull("rl2", rl2);
    Check.argument(rl2EpisodesPerTrial >= 2, "rl2EpisodesPerTrial must be >= 2, got %s",
        rl2EpisodesPerTrial);
    Check.positive("rl2TestTrials", rl2TestTrials);
    Check.positive("evaluations", evaluations);
    Check.argument(evaluations <= pearl.iterations() && evaluations <= maml.iterations()
        && evaluations <= rl2.iterations(), "evaluations must be <= every method's iterations"
        + " (pearl %s, maml %s, rl2 %s), got %s", pearl.iterations(), maml.iterations(),
        rl2.iterations(), evaluations);
    Check.positive("randomEpisodes", randomEpisodes);
    Check.positive("threads", threads);
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  /**
   * PEARL for a budget of {@code iterations} iterations: {@link PearlConfig#sparsePointRobot()}
   * (the authors' json: β = 1, 200 initial steps per goal, 10 goals refreshed per iteration with
   * 100 prior and 900 posterior steps, 20-step paths, γ 0.9, reward scale 100, 5 exploration
   * trajectories at test) with what fits one core: {@code trainSteps} gradient steps an
   * iteration (the authors' 1000), meta-batch 8 (16), 64 RL rows and 64 context transitions per
   * goal (256 and 1024), encoder and networks 2 × 64 (3 × 200 and 3 × 300); the reduced run of
   * docs/algorithms/meta.md ("Measured") is {@code pearl(150, 200)}.
   */
  public static PearlConfig pearl(int iterations, int trainSteps) {
    return PearlConfig.sparsePointRobot().with(b -> b.iterations(iterations)
        .trainStepsPerIteration(trainSteps).metaBatch(8).batchSize(64).embeddingBatchSize(64)
        .encoderWidth(64).encoderLayers(2).netWidth(64).netLayers(2));
  }

  /**
   * MAML for a budget of {@code iterations} meta-updates of {@code tasks} goals ×
   * {@code episodes} episodes: {@link MamlConfig#defaults()} (α 0.5 in the [−1, 1]² action
   * coordinates, one inner step, γ 0.99, linear baseline) with Adam 1e−2 for the outer step (the
   * {@code maml-navigation} choice); at test one step on 20 episodes, scored on 20 more.
   */
  public static MamlConfig maml(int iterations, int tasks, int episodes) {
    return MamlConfig.defaults().withIterations(iterations).withMetaBatchSize(tasks)
        .withEpisodesPerTask(episodes).withOuterLearningRate(1e-2).withTestSteps(1)
        .withTestEpisodesPerTask(20);
  }

  /**
   * RL² for a budget of {@code iterations} PPO iterations of 64 trials: minibatches of 16
   * trials, 4 epochs, H = 64, η = 1e−3, log σ₀ = 0 (σ = 1 in the [−1, 1]² coordinates, rllab's
   * {@code init_std}); the other constants {@link Rl2Config#defaults()}'s (γ 0.99, λ 0.3,
   * ε 0.1, c_H 0.01, c_V 0.5, clip 0.5). Not tuned: one choice for this experiment.
   */
  public static Rl2Config rl2(int iterations) {
    return Rl2Config.defaults().withIterations(iterations).withTrialsPerIteration(64)
        .withMinibatchTrials(16).withEpochs(4).withHidden(64).withLearningRate(1e-3)
        .withInitLogStd(0.0);
  }

  /**
   * The full run: 5 seeds, {@link #pearl}(150, 200) (1.5 M environment steps, 30 000 gradient
   * steps a seed), 20 test trajectories per goal; {@link #maml}(100, 20, 20) (1.6 M steps) on a
   * tanh (100, 100) policy with σ₀ = 1; {@link #rl2}(600) on trials of 2 episodes (1.5 M steps),
   * 10 test trials per goal; 10 evaluation points; 1000 random episodes per goal; 2 threads.
   */
  public static PearlPointConfig defaults() {
    return new PearlPointConfig(pearl(150, 200), 20, maml(100, 20, 20), List.of(100, 100), 0.0,
        rl2(600), 2, 10, 10, 1000, 2, List.of(1L, 2L, 3L, 4L, 5L));
  }

  /**
   * The quick run: the same code path, seeds and goals on a short budget: {@link #pearl}(6, 20)
   * with 20 initial steps per goal and 2 goals refreshed per iteration of 20 prior and 40
   * posterior steps, networks 2 × 32, 6 test trajectories; {@link #maml}(6, 10, 5) on a (32, 32)
   * policy with test batches of 10; {@link #rl2}(12) with 3 test trials per goal; 3 evaluation
   * points; 20 random episodes per goal.
   */
  public static PearlPointConfig quick() {
    PearlConfig p = pearl(6, 20).with(b -> b.initialSteps(20).tasksPerIteration(2)
        .stepsPrior(20).stepsPosterior(40).encoderWidth(32).netWidth(32).bufferCapacity(1000));
    return defaults().withEvaluations(3).withPearl(p).withPearlTestTrajectories(6)
        .withMaml(maml(6, 10, 5).withTestEpisodesPerTask(10)).withMamlHidden(List.of(32, 32))
        .withRl2(rl2(12)).withRl2TestTrials(3).withRandomEpisodes(20);
  }

  @Override
  public PearlPointConfig withSeeds(List<Long> newSeeds) {
    return PearlPointConfigBuilder.With.super.withSeeds(newSeeds);
  }

  /** {@link #mamlHidden} as an array. */
  int[] mamlHiddenWidths() {
    return mamlHidden.stream().mapToInt(Integer::intValue).toArray();
  }
}
