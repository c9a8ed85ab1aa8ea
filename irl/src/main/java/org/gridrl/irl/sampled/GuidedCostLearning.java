package org.gridrl.irl.sampled;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.nn.Module;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.optim.GradClip;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.Networks;
import org.gridrl.core.pg.Policy;
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
 * Guided cost learning (Finn, Levine &amp; Abbeel 2016, "Guided cost learning: deep inverse
 * optimal control via policy optimization", Algorithms 1 and 2; the lecture's "IRL v4"):
 * sample-based MaxEnt IRL whose partition function is importance-sampled from a policy that is
 * improved on the current reward, never solved to optimality,
 * <pre>
 *   min_θ L(θ) = −(1/N) Σ_{demo} R_θ(τ) + log (1/M) Σ_j exp(R_θ(τ_j)) / q̄(τ_j)  (+ regularisers),
 * </pre>
 * with R_θ(τ) = Σ_t r_θ(s_t, a_t) (undiscounted) and q̄ the fusion of the sampling
 * distributions ({@link GuidedCostLearningObjective} has the loss, its gradient and the
 * regularisers; {@link GuidedCostLearningPool} the background samples, the demos' density and
 * q̄).
 *
 * <p>Each iteration k, as the paper's Algorithm 1:
 * <ol>
 *   <li>sample D_traj, whole episodes from q_k ({@code Sampler.collectEpisodes});</li>
 *   <li>append them to the background samples D_samp (the last W iterations), with q_k's
 *       parameters, and recompute log q̄ of every kept trajectory and demo;</li>
 *   <li>update the cost (Algorithm 2): K full-batch Adam steps on L(θ) over the demos and
 *       D_samp, its gradient through {@code core.autodiff};</li>
 *   <li>improve q_k on the current reward: PPO updates ({@code core.pg.Ppo}) on D_traj with its
 *       rewards replaced by r_θ, then on fresh episodes for any further update.</li>
 * </ol>
 * The paper improves q by guided policy search with time-varying linear models; here q is a
 * neural policy and the improvement is PPO's clipped step with an entropy bonus, which keeps q
 * stochastic (a MaxEnt policy) and q_k(τ) = Π_t π_k(a_t|s_t) computable for the weights.
 *
 * <p><b>Seeding.</b> The policy from stream 0 of the seed and the value network from stream 1
 * ({@code Networks.defaultPolicy}/{@code defaultValue}), the sampler reseeded from stream 2,
 * PPO's minibatch shuffles from stream 3 (inside {@code Ppo}), the reward network from
 * stream 4. The same seed, environments and demos give the same history, bit for bit, on any
 * thread.
 *
 * <p><b>Metrics</b> (one row per iteration): {@value Metrics#REWARD_LOSS},
 * {@value Metrics#REWARD_LOG_Z}, {@value Metrics#REWARD_ESS} (of the last reward step, before
 * its Adam update), {@value Metrics#REWARD_LCR} and {@value Metrics#REWARD_MONO} (when their
 * weight is &gt; 0), {@value Metrics#REWARD_MEAN} (r_θ over the rows the policy learner saw),
 * {@value Metrics#POLICY_RETURN} (the true return of D_traj's episodes), then the last PPO
 * update's keys ({@code losses/...}, {@link UpdateStats#report}).
 */
public final class GuidedCostLearning {

  /** The algorithm's name in provenance. */
  public static final String NAME = "gcl";

  /** How an infinite or NaN reward gradient is named in the exception. */
  static final String GRADIENT_NORM = "the gradient norm of " + Metrics.REWARD_LOSS;

  private GuidedCostLearning() {
  }

  /**
   * Learns r_θ and the sampling policy q from the demos.
   *
   * @param sampler the environments q is rolled out in (tabular or continuous; wrap unbounded
   *     ones in a {@code TimeLimit}); reseeded from the config's seed. Modified.
   * @param expert the demonstrations, with the sampler's observation and action spaces. Not
   *     modified.
   * @param config the hyperparameters
   * @param listener receives every iteration's metrics; null for none
   * @return q, r_θ ({@link LearnedReward.Inputs#STATE_ACTION}), the history and the provenance
   * @throws ArithmeticException if the IOC loss, log Ẑ, the reward gradient or a PPO loss is
   *     NaN or infinite, naming the iteration and the quantity
   */
  public static SampledIrlResult<GuidedCostLearningConfig> train(Sampler<?, ?> sampler,
      Transitions expert, GuidedCostLearningConfig config, TrainingListener listener) {
    Check.notNull("sampler", sampler);
    Check.notNull("expert", expert);
    Check.notNull("config", config);
    checkSpaces(sampler, expert);
    long seed = config.seed();
    PpoConfig ppoConfig = config.ppo();
    Policy q = Networks.defaultPolicy(sampler, ppoConfig.hidden(), ppoConfig.initLogStd(), seed);
    Module value = Networks.defaultValue(sampler, ppoConfig.hidden(), seed);
    Ppo ppo = new Ppo(q, value, ppoConfig);
    int numActions = sampler.discrete() ? sampler.numActions() : 0;
    GuidedCostLearningReward reward = GuidedCostLearningReward.create(
        sampler.observationDim(), sampler.actionDim(), numActions, config.rewardHidden(),
        config.rewardActivation(), new Rng(seed).fork(4));
    List<DMatrixRMaj> theta = reward.network().parameterValues();
    Adam adam = new Adam(theta, Adam.Config.defaults().withLearningRate(
        config.rewardLearningRate()));
    List<DMatrixRMaj> gradTheta = new ArrayList<>();
    for (DMatrixRMaj p : theta) {
      gradTheta.add(new DMatrixRMaj(p.numRows, p.numCols));
    }
    GuidedCostLearningObjective objective = new GuidedCostLearningObjective(reward.network(),
        config.lcrWeight(), config.monoWeight());
    GuidedCostLearningPool pool = new GuidedCostLearningPool(q, expert,
        config.backgroundIterations());
    sampler.reseed(new Rng(seed).fork(2).nextLong());

    MetricsRecorder history = new MetricsRecorder();
    TrainingListener out = TrainingListener.tee(history, listener);
    DMatrixRMaj stepInputs = new DMatrixRMaj(1, 1);
    double[] stepRewards = new double[0];
    long steps = 0;
    long start = System.nanoTime();
    for (int it = 1; it <= config.iterations(); it++) {
      // 1. D_traj: whole episodes from the current sampling policy q_k
      Batch batch = sampler.collectEpisodes(q, config.episodesPerIteration());
      steps += batch.size();
      // 2. D_samp ← D_samp ∪ D_traj, with q_k for the fusion density q̄
      pool.add(batch);
      // 3. the cost update: K Adam steps on L(θ) over the demos and D_samp
      for (int k = 0; k < config.rewardSteps(); k++) {
        objective.evaluate(pool.inputs(), pool.starts(), pool.numTrajectories(),
            pool.numDemos(), pool.logQbar(), gradTheta);
        requireFinite(it, Metrics.REWARD_LOSS, objective.loss());
        requireFinite(it, Metrics.REWARD_LOG_Z, objective.logZ());
        requireFinite(it, GRADIENT_NORM, GradClip.globalNorm(gradTheta));
        adam.step(gradTheta);
      }
      // 4. improve q on r_θ: PPO on D_traj relabelled, then on fresh episodes
      UpdateStats stats = null;
      double rewardSum = 0;
      long rewardRows = 0;
      for (int u = 0; u < ppoConfig.iterations(); u++) {
        Batch b = batch;
        if (u == 0) {
          pool.newestInputs(stepInputs);
        } else {
          b = sampler.collectEpisodes(q, config.episodesPerIteration());
          steps += b.size();
          stepInputs.reshape(b.size(), reward.inputDim());
          GuidedCostLearningReward.input(b.observations(), b.actions(), b.size(),
              b.observationDim(), b.actionDim(), numActions, stepInputs.data);
        }
        if (stepRewards.length != b.size()) {
          stepRewards = new double[b.size()];
        }
        objective.rewards(stepInputs, stepRewards);
        for (double r : stepRewards) {
          rewardSum += r;
        }
        rewardRows += b.size();
        stats = ppo.update(withRewards(b, stepRewards), it);
      }
      // metrics
      out.onScalar(it, Metrics.REWARD_LOSS, objective.loss());
      out.onScalar(it, Metrics.REWARD_LOG_Z, objective.logZ());
      out.onScalar(it, Metrics.REWARD_ESS, objective.ess());
      if (config.lcrWeight() > 0) {
        out.onScalar(it, Metrics.REWARD_LCR, objective.lcr());
      }
      if (config.monoWeight() > 0) {
        out.onScalar(it, Metrics.REWARD_MONO, objective.mono());
      }
      out.onScalar(it, Metrics.REWARD_MEAN, requireFinite(it, Metrics.REWARD_MEAN,
          rewardSum / rewardRows));
      out.onScalar(it, Metrics.POLICY_RETURN, batch.meanEpisodeReturn());
      stats.report(out, it);
      out.onIterationEnd(it, (System.nanoTime() - start) * 1e-9);
    }
    return new SampledIrlResult<>(q, reward, config.iterations(), steps, config,
        history.history(), Provenance.of(NAME, config, seed));
  }

  /**
   * The batch with its rewards replaced (the arrays of {@code batch} shared, not copied).
   *
   * @param batch the experience. Not modified.
   * @param rewards r_θ of each step, length {@code batch.size()}; kept by reference.
   */
  static Batch withRewards(Batch batch, double[] rewards) {
    return new Batch(batch.observationDim(), batch.actionDim(), batch.observations(),
        batch.actions(), batch.actionIndices(), rewards, batch.logProbs(),
        batch.nextObservations(), batch.terminated(), batch.truncated(), batch.last(),
        batch.tasks(), batch.episodeReturns(), batch.episodeLengths());
  }

  private static void checkSpaces(Sampler<?, ?> sampler, Transitions expert) {
    Check.argument(expert.observationDim() == sampler.observationDim(),
        "the demos' observations have length %s, the sampler's %s", expert.observationDim(),
        sampler.observationDim());
    Check.argument(expert.discrete() == sampler.discrete(),
        "the demos' actions are %s, the sampler's %s",
        expert.discrete() ? "discrete" : "continuous",
        sampler.discrete() ? "discrete" : "continuous");
    if (sampler.discrete()) {
      Check.argument(expert.numActions() == sampler.numActions(),
          "the demos have %s actions, the sampler %s", expert.numActions(),
          sampler.numActions());
    } else {
      Check.argument(expert.actionDim() == sampler.actionDim(),
          "the demos' actions have length %s, the sampler's %s", expert.actionDim(),
          sampler.actionDim());
    }
  }

  private static double requireFinite(long iteration, String quantity, double x) {
    if (!Double.isFinite(x)) {
      throw new ArithmeticException("guided cost learning iteration " + iteration + ": "
          + quantity + " is " + x);
    }
    return x;
  }
}
