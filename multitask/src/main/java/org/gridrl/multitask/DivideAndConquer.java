package org.gridrl.multitask;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.env.Env;
import org.gridrl.core.nn.Module;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.Networks;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.PolicyDistillation;
import org.gridrl.core.pg.Ppo;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.pg.UpdateStats;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * Divide-and-conquer RL (Ghosh et al. 2018, "Divide-and-conquer reinforcement learning", ICLR):
 * one local policy π_i per context (here: per task, each a base environment of the same spaces)
 * maximises
 * <pre>
 *   η_i(π_i) − α Σ_{j≠i} E_{s ~ ρ_{π_i}}[KL(π_i(·|s) ‖ π_j(·|s))]
 * </pre>
 * and the ensemble is distilled every R iterations into one global policy π_G, which sees no
 * context id, by min Σ_i E_{s ~ ρ_{π_i}}[KL(π_i(·|s) ‖ π_G(·|s))]; after the local phase π_G
 * keeps training by PPO on all contexts. The paper's pairwise penalty also contains the reverse
 * terms E_{ρ_{π_j}}[KL(π_j ‖ π_i)] (π_i's divergence measured on the other contexts' states)
 * and updates by TRPO; this implementation keeps the terms on π_i's own states, as a reward,
 * and updates by core's PPO.
 *
 * <p><b>The penalty as a reward.</b> Each local step is {@link Ppo#update} on the batch of
 * context i with r_t replaced by ({@link #penalisedRewards})
 * <pre>
 *   r'_t = r_t − α Σ_{j≠i} (log π_old(a_t|s_t) − log π_j(a_t|s_t)),   a_t ~ π_old = π_i.
 * </pre>
 * Since E_{a ~ π_i(·|s)}[log π_i(a|s) − log π_j(a|s)] = KL(π_i(·|s) ‖ π_j(·|s)), the expected
 * discounted sum of r' is η_i − α Σ_{j≠i} E_{d_{π_i}}[KL(π_i ‖ π_j)] with the discounted
 * occupancy d_{π_i}: the objective above, weighted as PPO weights its reward. The log π_i term
 * enters as a reward (an entropy bonus of weight α(T−1)): its direct gradient E[∇ log π_i]
 * vanishes, so the policy gradient of r' is the gradient of the penalised objective in π_i,
 * with the π_j fixed. No division by T − 1: the paper weights the pairs by α alone.
 *
 * <p><b>Steps</b> of local iteration n = 1..I ({@code ppo.iterations()}):
 * <ol>
 *   <li>for each context i collect {@code ppo.stepsPerEnv()} steps with π_i;</li>
 *   <li>for each i, log π_j(a_t|s_t) of every other local policy on batch i, the penalised
 *       rewards, and one {@link Ppo#update} of π_i and V_i (the π_j as at step 1);</li>
 *   <li>if R divides n or n = I: {@code distillSteps} Adam steps of
 *       {@link PolicyDistillation#klStep} of π_G on the pooled states of all batches, π_i(·|s)
 *       the teachers on batch i's states; then, if {@code resetLocals}, every π_i ← π_G. (We
 *       could not confirm from the paper whether its local policies are reset after
 *       distillation, so the reset is an option, off by default.)</li>
 * </ol>
 * Then G = {@code globalIterations} iterations of PPO of π_G and a fresh V_G on one sampler over
 * all contexts (iterations I+1..I+G of the history). Randomness: π_i, V_i from stream i of
 * {@code Rng(ppo.seed())}, π_G and V_G from stream T, the context samplers from T+1, the PPO
 * shuffles from T+2, the global sampler from T+3; the same config and contexts give the same
 * history, bit for bit.
 */
public final class DivideAndConquer {

  /** The algorithm's name in provenance and error messages: {@code dnc}. */
  public static final String ALGORITHM = "dnc";

  private DivideAndConquer() {
  }

  /**
   * r'_t = r_t − α Σ_j (log π_old(a_t|s_t) − logOthers[j][t]), log π_old from the batch's
   * {@link Batch#logProbs()}.
   *
   * @param batch context i's batch. Not modified.
   * @param logOthers log π_j(a_t|s_t) for each other local policy j, each of length ≥ N. Not
   *     modified.
   * @param out length ≥ N. Modified.
   * @return {@code out}
   */
  public static double[] penalisedRewards(Batch batch, double[][] logOthers, double alpha,
      double[] out) {
    double[] r = batch.rewards();
    double[] logPi = batch.logProbs();
    for (int t = 0, n = batch.size(); t < n; t++) {
      double penalty = 0;
      for (double[] logPj : logOthers) {
        penalty += logPi[t] - logPj[t];
      }
      out[t] = r[t] - alpha * penalty;
    }
    return out;
  }

  /** {@link #train(List, DivideAndConquerConfig, TrainingListener)} without a listener. */
  public static DivideAndConquerResult train(List<? extends Env<double[], Integer>> contexts,
      DivideAndConquerConfig config) {
    return train(contexts, config, null);
  }

  /**
   * Trains the local policies, distils them into π_G, then trains π_G on all contexts.
   *
   * @param contexts the T base environments (same spaces, discrete actions; wrap unbounded ones
   *     in a {@code TimeLimit}). Modified by stepping.
   * @param listener receives {@link DivideAndConquerMetrics} every iteration; null means none
   * @throws ArithmeticException naming the iteration if a loss or gradient is not finite
   */
  public static DivideAndConquerResult train(List<? extends Env<double[], Integer>> contexts,
      DivideAndConquerConfig config, TrainingListener listener) {
    TaskBatches.checkTasks(contexts);
    Check.notNull("config", config);
    PpoConfig ppo = config.ppo();
    int numContexts = contexts.size();
    long seed = ppo.seed();
    TaskBatches.Locals setup = TaskBatches.locals(contexts, ppo);
    List<Sampler<double[], Integer>> samplers = setup.samplers();
    List<Policy> locals = setup.policies();
    List<Ppo> learners = setup.learners();
    int obsDim = setup.obsDim();
    int numActions = setup.numActions();
    Rng root = setup.root();
    Rng shuffleSeeds = setup.shuffleSeeds();
    Rng globalInit = root.fork(numContexts);
    Policy global = setup.newPolicy(globalInit);
    Module globalValue = Networks.value(obsDim, ppo.hidden(), globalInit);
    PolicyDistillation distill = TaskBatches.distillation(global, config.distillLearningRate(),
        ALGORITHM);
    TaskBatches scratch = new TaskBatches();
    MetricsRecorder recorder = new MetricsRecorder();
    TrainingListener out = TrainingListener.tee(recorder, listener);
    long start = System.nanoTime();
    List<Batch> batches = new ArrayList<>(numContexts);
    double[][] logOthers = new double[numContexts - 1][];
    int iterations = ppo.iterations();
    for (int n = 1; n <= iterations; n++) {
      // 1. experience of every context under its local policy
      batches.clear();
      double returns = 0;
      int returning = 0;
      for (int i = 0; i < numContexts; i++) {
        Batch batch = samplers.get(i).collect(locals.get(i), ppo.stepsPerEnv());
        batches.add(batch);
        if (batch.episodeReturns().length > 0) {
          returns += batch.meanEpisodeReturn();
          returning++;
        }
      }
      // 2. the penalised reward under the other local policies (as they were at step 1), then
      // one PPO update per context
      List<double[]> shapedAll = new ArrayList<>(numContexts);
      double penalty = 0;
      int steps = 0;
      for (int i = 0; i < numContexts; i++) {
        Batch batch = batches.get(i);
        for (int j = 0, k = 0; j < numContexts; j++) {
          if (j != i) {
            logOthers[k] = scratch.logProbs(locals.get(j), batch, logOthers[k]);
            k++;
          }
        }
        double[] shaped = penalisedRewards(batch, logOthers, config.alpha(),
            new double[batch.size()]);
        shapedAll.add(shaped);
        for (int t = 0; t < batch.size(); t++) {
          penalty += batch.rewards()[t] - shaped[t];
        }
        steps += batch.size();
      }
      double policyLoss = 0;
      for (int i = 0; i < numContexts; i++) {
        UpdateStats.PpoClip stats = learners.get(i).update(
            TaskBatches.withRewards(batches.get(i), shapedAll.get(i)), n);
        policyLoss += stats.policyLoss();
      }
      // 3. every R iterations and at the end: distil the ensemble into π_G
      if (n % config.distillEvery() == 0 || n == iterations) {
        double kl = scratch.distil(distill, config.distillSteps(), batches, locals, numActions,
            n);
        out.onScalar(n, DivideAndConquerMetrics.DISTILL_KL, kl);
        if (config.resetLocals()) {
          for (Policy pi : locals) {
            TaskBatches.copyParameters(global, pi);
          }
        }
      }
      if (returning > 0) {
        out.onScalar(n, DivideAndConquerMetrics.EPISODIC_RETURN, returns / returning);
      }
      out.onScalar(n, DivideAndConquerMetrics.PENALTY, penalty / steps);
      out.onScalar(n, DivideAndConquerMetrics.POLICY_LOSS, policyLoss / numContexts);
      out.onIterationEnd(n, (System.nanoTime() - start) * 1e-9);
    }
    // 4. the global policy on all contexts, by PPO
    if (config.globalIterations() > 0) {
      // each context's episodes recorded apart, so the return is a mean over contexts (as in
      // the local phase), not over episodes, where short successful episodes would weigh more
      List<EpisodeReturns<double[], Integer>> recorders = new ArrayList<>();
      for (Env<double[], Integer> context : contexts) {
        recorders.add(new EpisodeReturns<>(context));
      }
      double[] contextReturns = new double[numContexts];
      Sampler<double[], Integer> all = Sampler.vector(recorders);
      all.reseed(root.fork(numContexts + 3).nextLong());
      Ppo globalPpo = new Ppo(global, globalValue, ppo.withSeed(shuffleSeeds.nextLong()));
      for (int g = 1; g <= config.globalIterations(); g++) {
        long n = iterations + g;
        Batch batch = all.collect(global, ppo.stepsPerEnv());
        UpdateStats.PpoClip stats = globalPpo.update(batch, n);
        for (int i = 0; i < numContexts; i++) {
          contextReturns[i] = recorders.get(i).drain();
        }
        double mean = EpisodeReturns.nanMean(contextReturns);
        if (!Double.isNaN(mean)) {
          out.onScalar(n, DivideAndConquerMetrics.EPISODIC_RETURN, mean);
        }
        out.onScalar(n, DivideAndConquerMetrics.POLICY_LOSS, stats.policyLoss());
        out.onIterationEnd(n, (System.nanoTime() - start) * 1e-9);
      }
    }
    return new DivideAndConquerResult(global, locals, config, recorder.history(),
        Provenance.of(ALGORITHM, config, seed));
  }
}
