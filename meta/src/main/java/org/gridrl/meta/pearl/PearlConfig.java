package org.gridrl.meta.pearl;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of PEARL (Rakelly et al. 2019). {@link #defaults()} are the authors'
 * {@code default_config} (katerakelly/oyster {@code configs/default.py}) with the network sizes
 * of their {@code launch_experiment.py}; {@link #sparsePointRobot()} overlays their {@code
 * configs/sparse-point-robot.json}. Vary them with the generated {@code withX} methods or
 * {@code with(b -> ...)}; every way goes through the checks.
 *
 * @param latentDim d, the size of z, ≥ 1 ({@code latent_size} 5)
 * @param klLambda β ≥ 0, the weight of KL(q(z|c) ‖ N(0, I)) in the encoder's loss ({@code
 *     kl_lambda}: 0.1 by default, 1.0 for the sparse point robot)
 * @param encoderWidth units per hidden layer of the context encoder, ≥ 1 (200)
 * @param encoderLayers hidden layers of the context encoder, ≥ 0 (3)
 * @param netWidth units per hidden layer of actor and critics, ≥ 1 ({@code net_size} 300)
 * @param netLayers hidden layers of actor and critics, ≥ 1 (3)
 * @param withNextObservation whether a context transition holds s' ({@code
 *     use_next_obs_in_context} false: s' tells tasks apart only when the dynamics differ)
 * @param iterations data-collection and training iterations, ≥ 1 ({@code num_iterations} 500)
 * @param metaBatch tasks per gradient step, ≥ 1 ({@code meta_batch} 16)
 * @param initialSteps transitions collected per training task before training, with z from the
 *     prior, ≥ 1, so that every task's buffers hold data before the first gradient step
 *     ({@code num_initial_steps} 2000; sparse point robot 200)
 * @param tasksPerIteration tasks whose data is refreshed each iteration, ≥ 1 ({@code
 *     num_tasks_sample} 5; 10)
 * @param stepsPrior transitions per refreshed task with z from the prior, kept for the encoder
 *     and the critic, ≥ 0 ({@code num_steps_prior} 400; 100)
 * @param stepsPosterior transitions per refreshed task with z from the posterior, kept for the
 *     encoder and the critic, ≥ 0 ({@code num_steps_posterior} 0; 900); stepsPrior +
 *     stepsPosterior ≥ 1, so that a refreshed task's encoder buffer is never empty
 * @param extraRlStepsPosterior transitions per refreshed task with z from the posterior, kept
 *     for the critic only, ≥ 0 ({@code num_extra_rl_steps_posterior} 400; 0)
 * @param trainStepsPerIteration gradient steps per iteration, ≥ 1 ({@code
 *     num_train_steps_per_itr} 2000; 1000)
 * @param batchSize transitions per task in the critic's and actor's minibatch, ≥ 1 ({@code
 *     batch_size} 256)
 * @param embeddingBatchSize context transitions per task the encoder sees per gradient step,
 *     ≥ 1 ({@code embedding_batch_size} 64; 1024)
 * @param maxPathLength steps per episode, ≥ 1 ({@code max_path_length} 200; 20)
 * @param gamma discount γ in [0, 1] ({@code discount} 0.99; 0.9)
 * @param polyak target-critic rate ρ in (0, 1] ({@code soft_target_tau} 0.005)
 * @param policyLearningRate Adam step of the actor, &gt; 0 ({@code policy_lr} 3e-4)
 * @param qLearningRate Adam step of the critics, &gt; 0 ({@code qf_lr} 3e-4)
 * @param contextLearningRate Adam step of the encoder, &gt; 0 ({@code context_lr} 3e-4)
 * @param rewardScale c &gt; 0, the reward scale of the authors' SAC ({@code reward_scale} 5;
 *     100): their soft Q-learning on c·r with entropy weight 1 is the same objective as entropy
 *     weight α = 1/c on r, which is how it is meant to reach {@code core.pg}'s SAC
 * @param explorationTrajectories test-time trajectories collected (z from the prior, then from
 *     the posterior of the context so far) before acting with the posterior, ≥ 1 ({@code
 *     num_exp_traj_eval} 1; 5)
 * @param bufferCapacity transitions kept per task in each of its two replay buffers (the
 *     critics' and the encoder's), oldest overwritten first, ≥ 1 (10 000; the authors'
 *     {@code replay_buffer_size} 10⁶ is never reached on their budgets, but preallocated here
 *     it would not fit 80 tasks in memory)
 * @param seed seeds the networks, the task sampling, the environments, z and the minibatches
 */
@RecordBuilder
public record PearlConfig(int latentDim, double klLambda, int encoderWidth, int encoderLayers,
    int netWidth, int netLayers, boolean withNextObservation, int iterations, int metaBatch,
    int initialSteps, int tasksPerIteration, int stepsPrior, int stepsPosterior,
    int extraRlStepsPosterior, int trainStepsPerIteration, int batchSize, int embeddingBatchSize,
    int maxPathLength, double gamma, double polyak, double policyLearningRate,
    double qLearningRate, double contextLearningRate, double rewardScale,
    int explorationTrajectories, int bufferCapacity, long seed) implements PearlConfigBuilder.With {

  /** Validates every field; the message names it and its value. */
  public PearlConfig {
    Check.positive("latentDim", latentDim);
    Check.nonNegativeFinite("klLambda", klLambda);
    Check.positive("encoderWidth", encoderWidth);
    Check.nonNegative("encoderLayers", encoderLayers);
    Check.positive("netWidth", netWidth);
    Check.positive("netLayers", netLayers);
    Check.positive("iterations", iterations);
    Check.positive("metaBatch", metaBatch);
    Check.positive("initialSteps", initialSteps);
    Check.positive("tasksPerIteration", tasksPerIteration);
    Check.nonNegative("stepsPrior", stepsPrior);
    Check.nonNegative("stepsPosterior", stepsPosterior);
    Check.argument(stepsPrior + stepsPosterior >= 1, "stepsPrior + stepsPosterior must be >= 1 "
        + "(a refreshed task's encoder buffer must not be empty), got %s + %s", stepsPrior,
        stepsPosterior);
    Check.nonNegative("extraRlStepsPosterior", extraRlStepsPosterior);
    Check.positive("trainStepsPerIteration", trainStepsPerIteration);
    Check.positive("batchSize", batchSize);
    Check.positive("embeddingBatchSize", embeddingBatchSize);
    Check.positive("maxPathLength", maxPathLength);
    Check.unitInterval("gamma", gamma);
    Check.argument(polyak > 0 && polyak <= 1, "polyak must be in (0, 1], got %s", polyak);
    Check.positiveFinite("policyLearningRate", policyLearningRate);
    Check.positiveFinite("qLearningRate", qLearningRate);
    Check.positiveFinite("contextLearningRate", contextLearningRate);
    Check.positiveFinite("rewardScale", rewardScale);
    Check.positive("explorationTrajectories", explorationTrajectories);
    Check.positive("bufferCapacity", bufferCapacity);
  }

  /**
   * The authors' defaults ({@code configs/default.py}, {@code launch_experiment.py}): d = 5,
   * β = 0.1, encoder 3 × 200, actor and critics 3 × 300, no s' in the context, 500 iterations,
   * meta-batch 16, 2000 initial steps, 5 tasks per iteration with 400 prior and 400 extra
   * posterior steps, 2000 gradient steps of 256 transitions and 64 context transitions per task,
   * 200-step paths, γ 0.99, ρ 0.005, every learning rate 3e-4, reward scale 5, one exploration
   * trajectory at test time, 10 000 transitions per replay buffer, seed 0.
   */
  public static PearlConfig defaults() {
    return new PearlConfig(5, 0.1, 200, 3, 300, 3, false, 500, 16, 2000, 5, 400, 0, 400, 2000,
        256, 64, 200, 0.99, 0.005, 3e-4, 3e-4, 3e-4, 5.0, 1, 10_000, 0L);
  }

  /**
   * {@link #defaults()} with {@code configs/sparse-point-robot.json}: β = 1.0, 200 initial
   * steps, 10 tasks per iteration with 100 prior and 900 posterior steps and no extra ones, 1000
   * gradient steps, 1024 context transitions, 20-step paths, γ 0.9, reward scale 100, five
   * exploration trajectories. (Their 80 training and 20 held-out goals are the task set's, not
   * the config's; their {@code sparse_rewards} — the encoder sees the sparse reward, the critic
   * the dense one — is the environment's.)
   */
  public static PearlConfig sparsePointRobot() {
    return defaults().with(b -> b.klLambda(1.0).initialSteps(200).tasksPerIteration(10)
        .stepsPrior(100).stepsPosterior(900).extraRlStepsPosterior(0).trainStepsPerIteration(1000)
        .embeddingBatchSize(1024).maxPathLength(20).gamma(0.9).rewardScale(100.0)
        .explorationTrajectories(5));
  }
}
