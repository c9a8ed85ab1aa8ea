package org.gridrl.multitask;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.env.Env;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.PolicyDistillation;
import org.gridrl.core.pg.Ppo;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.pg.UpdateStats;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.TrainingListener;

/**
 * Distral with neural policies on core.pg's kernels (Teh et al. 2017, "Distral: Robust multitask
 * reinforcement learning", eq. 2, in the paper's one-column form: π0 and π_i separate networks):
 * a distilled policy π0 and one policy π_i per task maximise
 * <pre>
 *   J(π0, {π_i}) = Σ_i E_{π_i}[Σ_t γ^t (r_t + (α/β) log π0(a_t|s_t) − (1/β) log π_i(a_t|s_t))]
 * </pre>
 * by alternating, as {@link DistralTabular} does in closed form (same α, β; see
 * docs/algorithms/distral.md), a policy-gradient step of each π_i for fixed π0 and a distillation
 * step of π0 for fixed π_i. The tasks have discrete actions; π0 sees the base observation only.
 *
 * <p><b>Steps</b> of iteration n = 1..{@code ppo.iterations()}:
 * <ol>
 *   <li>for each task i, collect {@code ppo.stepsPerEnv()} steps with π_i (π_old), which
 *       records log π_old(a_t|s_t) in the batch;</li>
 *   <li>replace its rewards by the regularised reward ({@link #regularisedRewards})
 *       r'_t = r_t + (α/β) log π0(a_t|s_t) − (1/β) log π_old(a_t|s_t), with π0 the current prior;
 *       E_{a~π_i}[−log π_i] is the entropy, so the reward carries the entropy bonus and PPO's
 *       own is off ({@code ppo.entropyCoef() = 0}); the term −(1/β) log π_old is a reward, as in
 *       soft policy gradients: its direct gradient E[∇ log π_i] vanishes;</li>
 *   <li>one {@link Ppo#update} of π_i and V_i on that batch (core's PPO, unchanged);</li>
 *   <li>π0: {@code distillSteps} full-batch Adam steps of {@link PolicyDistillation#klStep} on
 *       (1/N) Σ_i Σ_{t ∈ batch i} KL(π_i(·|s_t) ‖ π0(·|s_t)) over the pooled states of every
 *       task, the updated π_i as teachers. Up to a constant this is −Σ_i Ê_{π_i}[log π0(a|s)],
 *       J's dependence on π0 (with the a-sum done exactly instead of by the sampled a_t); its
 *       minimiser over a free π0 is π0(a|s) = Σ_i n_i(s) π_i(a|s) / Σ_i n_i(s), n_i(s) the
 *       visits of s in batch i: DistralTabular's π0 with sample counts for the occupancies.</li>
 * </ol>
 * Each iteration reports {@link DistralPgMetrics}. Randomness: π_i and V_i from stream i of
 * {@code Rng(ppo.seed())}, π0 from stream T, the samplers from stream T + 1, the PPO shuffles
 * from stream T + 2; the same config and tasks give the same history, bit for bit.
 */
public final class Distral {

  /** The algorithm's name in provenance and error messages: {@code distral}. */
  public static final String ALGORITHM = "distral";

  private Distral() {
  }

  /**
   * r'_t = r_t + (α/β) log π0(a_t|s_t) − (1/β) log π_old(a_t|s_t), the last from the batch's
   * {@link Batch#logProbs()}.
   *
   * @param batch the task's batch. Not modified.
   * @param logPrior log π0(a_t|s_t), length ≥ N. Not modified.
   * @param out length ≥ N. Modified.
   * @return {@code out}
   */
  public static double[] regularisedRewards(Batch batch, double[] logPrior, double alpha,
      double beta, double[] out) {
    double[] r = batch.rewards();
    double[] logPi = batch.logProbs();
    double a = alpha / beta;
    double b = 1 / beta;
    for (int t = 0, n = batch.size(); t < n; t++) {
      out[t] = r[t] + a * logPrior[t] - b * logPi[t];
    }
    return out;
  }

  /** {@link #train(List, DistralPgConfig, TrainingListener)} without a listener. */
  public static DistralPgResult train(List<? extends Env<double[], Integer>> tasks,
      DistralPgConfig config) {
    return train(tasks, config, null);
  }

  /**
   * Trains π0 and the π_i from fresh networks (hidden layers {@code ppo.hidden()}).
   *
   * @param tasks the T base environments (same spaces, discrete actions; wrap unbounded ones in
   *     a {@code TimeLimit}). Modified by stepping.
   * @param listener receives {@link DistralPgMetrics} every iteration; null means none
   * @throws ArithmeticException naming the iteration if a loss or gradient is not finite
   */
  public static DistralPgResult train(List<? extends Env<double[], Integer>> tasks,
      DistralPgConfig config, TrainingListener listener) {
    TaskBatches.checkTasks(tasks);
    Check.notNull("config", config);
    PpoConfig ppo = config.ppo();
    int numTasks = tasks.size();
    long seed = ppo.seed();
    TaskBatches.Locals locals = TaskBatches.locals(tasks, ppo);
    List<Sampler<double[], Integer>> samplers = locals.samplers();
    List<Policy> policies = locals.policies();
    List<Ppo> learners = locals.learners();
    int numActions = locals.numActions();
    Policy prior = locals.newPolicy(locals.root().fork(numTasks));
    PolicyDistillation distill = TaskBatches.distillation(prior, config.distillLearningRate(),
        ALGORITHM);
    TaskBatches scratch = new TaskBatches();
    MetricsRecorder recorder = new MetricsRecorder();
    TrainingListener out = TrainingListener.tee(recorder, listener);
    long start = System.nanoTime();
    List<Batch> batches = new ArrayList<>(numTasks);
    double[] logPrior = new double[0];
    for (int n = 1; n <= ppo.iterations(); n++) {
      batches.clear();
      double returns = 0;
      int returning = 0;
      double reward = 0;
      double policyLoss = 0;
      int steps = 0;
      for (int i = 0; i < numTasks; i++) {
        // 1. experience of task i under π_old = π_i
        Batch batch = samplers.get(i).collect(policies.get(i), ppo.stepsPerEnv());
        batches.add(batch);
        if (batch.episodeReturns().length > 0) {
          returns += batch.meanEpisodeReturn();
          returning++;
        }
        // 2. the regularised reward, with the current π0
        logPrior = scratch.logProbs(prior, batch, logPrior);
        double[] shaped = regularisedRewards(batch, logPrior, config.alpha(), config.beta(),
            new double[batch.size()]);
        for (double r : shaped) {
          reward += r;
        }
        steps += batch.size();
        // 3. core's PPO on the regularised batch
        UpdateStats.PpoClip stats = learners.get(i).update(TaskBatches.withRewards(batch, shaped),
            n);
        policyLoss += stats.policyLoss();
      }
      // 4. distil the updated π_i into π0 on the pooled states
      double kl = scratch.distil(distill, config.distillSteps(), batches, policies, numActions,
          n);
      if (returning > 0) {
        out.onScalar(n, DistralPgMetrics.EPISODIC_RETURN, returns / returning);
      }
      out.onScalar(n, DistralPgMetrics.REGULARISED_REWARD, reward / steps);
      out.onScalar(n, DistralPgMetrics.POLICY_LOSS, policyLoss / numTasks);
      out.onScalar(n, DistralPgMetrics.DISTILL_KL, kl);
      out.onIterationEnd(n, (System.nanoTime() - start) * 1e-9);
    }
    return new DistralPgResult(prior, policies, locals.values(), config, recorder.history(),
        Provenance.of(ALGORITHM, config, seed));
  }
}
