package org.gridrl.irl.sampled;

import org.gridrl.core.nn.Mlp;
import org.gridrl.core.pg.ReplayBuffer;
import org.gridrl.core.pg.ReplayReward;
import org.gridrl.core.pg.SacConfig;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.pg.TanhGaussianPolicy;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * {@link Airl} with SAC as its policy learner ({@link PolicyLearner#SAC}): the same
 * discriminator D = exp f / (exp f + π), f = g(s) + γ·(1 − done)·h(s') − h(s), and the same
 * objective for π, E Σ_t γ^t (f − log π), with the reward recomputed for every minibatch SAC
 * replays, from g, h (and π) as they are at that update ({@link Relabel}, a
 * {@link org.gridrl.core.pg.ReplayReward}), never stored. By default
 * ({@link AirlConfig.SacReward#F}) the replayed reward is f and −log π is SAC's own entropy term
 * at α = 1; {@link AirlConfig.SacReward#F_MINUS_LOG_PI} writes f − log π(a|s) at the replayed
 * action instead.
 *
 * <p>Each iteration: (1) K = {@code sacStepsPerIteration} SAC steps on the one environment, each
 * (after {@code learningStarts}) one update on a replayed, relabelled minibatch
 * ({@link SacImitation#step}); (2) K transitions drawn uniformly from the replay buffer
 * (Kostrikov et al. 2019; see {@link SacImitation} for why not the newest), and log π(a|s) of
 * the current π on them and on every expert triple; (3) g and h trained on expert against those
 * K rows by the logistic loss on z = f − log π ({@link Discriminator}). Actions enter g
 * (g(s, a)) and log π in the environment's units, for expert and policy rows alike; SAC's
 * unit-box actions are mapped with {@link TanhGaussianPolicy#toEnvironment}. γ is SAC's.
 *
 * <p>Logged per iteration: the discriminator's keys, {@value Metrics#REWARD_MEAN} (mean of
 * the replayed reward, f or f − log π, over the K rows after the update),
 * {@value Metrics#POLICY_RETURN} (mean true return of the episodes that ended in the
 * iteration, when any did), then SAC's update keys at the iteration's last step
 * ({@link SacImitation#UPDATE_KEYS}, once updates run).
 */
final class AirlSac {

  private AirlSac() {
  }

  /** {@link Airl#train} with {@code config.learner()} SAC; the arguments are checked there. */
  static SampledIrlResult<AirlConfig> train(Sampler<?, ?> sampler, Transitions expert,
      AirlConfig config, TrainingListener listener) {
    SacConfig sacConfig = config.sac();
    int k = config.sacStepsPerIteration();
    long seed = config.seed();
    Rng root = new Rng(seed);
    MetricsRecorder history = new MetricsRecorder();
    TrainingListener out = TrainingListener.tee(history, listener);
    long start = System.nanoTime();

    int obsDim = sampler.observationDim();
    int actionDim = sampler.actionDim();
    boolean stateAction = config.rewardInputs() == LearnedReward.Inputs.STATE_ACTION;
    int gInputDim = obsDim + (stateAction ? actionDim : 0);
    Rng init = root.fork(4);
    Mlp g = Gail.discriminatorNet(gInputDim, config.discriminator(), init);
    Mlp h = Gail.discriminatorNet(obsDim, config.discriminator(), init);
    Discriminator disc = new Discriminator(Airl.NAME, Airl.shapedLogit(g, h, gInputDim, obsDim,
        sacConfig.gamma()), config.discriminator(), root.fork(5));
    boolean minusLogPi = config.sacReward() == AirlConfig.SacReward.F_MINUS_LOG_PI;
    Relabel relabel = new Relabel(disc, obsDim, actionDim, gInputDim, stateAction, minusLogPi,
        sacConfig.batchSize());
    SacImitation sac = new SacImitation(SacImitation.environment(sampler, Airl.NAME), sacConfig,
        k, relabel, root.fork(7));
    Airl.LogProbs logProbs = new Airl.LogProbs(sac.policy());

    // the expert's (s, a, s') triples, packed once; their log π column is refreshed each iteration
    Airl.Rows expertRows = Airl.Rows.ofExpert(expert, gInputDim, stateAction, 0);
    Airl.Rows policyRows = new Airl.Rows(k, obsDim, actionDim, gInputDim);
    double[] unit = new double[actionDim];
    for (int it = 1; it <= config.iterations(); it++) {
      // 1. K steps of SAC, every update on the reward recomputed for its minibatch
      ReplayBuffer.Minibatch replayed = sac.step();
      // 2. K transitions from the buffer as rows; log π(a|s) of the current π on both classes
      pack(replayed, sac.policy(), stateAction, policyRows, unit);
      expertRows.refreshLogProbs(logProbs);
      policyRows.refreshLogProbs(logProbs);
      // 3. g, h: expert triples against the policy's
      Discriminator.Stats ds = disc.update(expertRows.x, expertRows.aux, expertRows.n,
          policyRows.x, policyRows.aux, k, it);
      double[] z = disc.policyLogits();
      double mean = 0;
      for (int t = 0; t < k; t++) {
        mean += z[t] + (minusLogPi ? 0 : policyRows.aux[2 * t + 1]); // z + log π = f
      }
      ds.report(out, it, config.discriminator().gradientPenalty() > 0);
      out.onScalar(it, Metrics.REWARD_MEAN, mean / k);
      sac.reportReturn(out, it);
      sac.reportUpdate(out, it);
      out.onIterationEnd(it, (System.nanoTime() - start) * 1e-9);
    }
    LearnedReward reward = new NetworkReward(g, config.rewardInputs(), obsDim, actionDim, 0,
        false);
    return new SampledIrlResult<>(sac.policy(), reward, config.iterations(),
        sac.environmentSteps(), config, history.history(), Provenance.of("airl", config, seed));
  }

  /**
   * Packs a minibatch's transitions as AIRL rows x = [s | (a) | s'], c = [1 − done, ·], with
   * the actions mapped from the unit box onto the environment's; log π is left to
   * {@code Rows.refreshLogProbs}.
   *
   * @param batch B transitions, B = rows.n. Not modified.
   * @param rows Modified (obs, actions, x, the 1 − done column).
   * @param unit scratch of length actionDim. Modified.
   */
  static void pack(ReplayBuffer.Minibatch batch, TanhGaussianPolicy policy,
      boolean stateAction, Airl.Rows rows, double[] unit) {
    int n = rows.n;
    int obsDim = batch.observations.numCols;
    int actionDim = unit.length;
    double[] actions = batch.actions.data;
    System.arraycopy(batch.observations.data, 0, rows.obs, 0, n * obsDim);
    for (int t = 0; t < n; t++) {
      System.arraycopy(actions, t * actionDim, unit, 0, actionDim);
      policy.toEnvironment(unit, unit);
      System.arraycopy(unit, 0, rows.actions, t * actionDim, actionDim);
    }
    for (int t = 0; t < n; t++) {
      rows.packRow(t, batch.observations.data, rows.actions, t, batch.nextObservations.data,
          batch.terminated.data[t] != 0.0, stateAction, 0);
    }
  }

  /**
   * AIRL's reward of a replayed minibatch, r_k = f(s_k, a_k, s'_k) or
   * r_k = f(s_k, a_k, s'_k) − log π(a_k|s_k): from the logit z = f − log π of the current
   * discriminator with log π of the policy as it is at this update, on the actions in the
   * environment's units (as the discriminator is trained on them); f = z + log π.
   */
  static final class Relabel implements ReplayReward {
    private final Discriminator disc;
    private final boolean stateAction;
    private final boolean minusLogPi;
    private final Airl.Rows rows;
    private final double[] unit;
    private final double[] z;
    private Airl.LogProbs logProbs;

    /**
     * @param disc g and h, read at every call (updated between calls by the caller)
     * @param minusLogPi whether r = f − log π (else r = f)
     * @param batchSize B, the rows of every minibatch
     */
    Relabel(Discriminator disc, int obsDim, int actionDim, int gInputDim, boolean stateAction,
        boolean minusLogPi, int batchSize) {
      this.disc = disc;
      this.stateAction = stateAction;
      this.minusLogPi = minusLogPi;
      this.rows = new Airl.Rows(batchSize, obsDim, actionDim, gInputDim);
      this.unit = new double[actionDim];
      this.z = new double[batchSize];
    }

    @Override
    public void relabel(ReplayBuffer.Minibatch batch, TanhGaussianPolicy policy, long step) {
      pack(batch, policy, stateAction, rows, unit);
      if (minusLogPi) {
        if (logProbs == null) {
          logProbs = new Airl.LogProbs(policy); // SAC hands over the same policy every time
        }
        rows.refreshLogProbs(logProbs); // the log π column of c; else it stays 0 and z = f
      }
      disc.logits(rows.x, rows.aux, rows.n, z);
      for (int t = 0; t < rows.n; t++) {
        if (!Double.isFinite(z[t])) {
          throw new ArithmeticException(Airl.NAME + " environment step " + step
              + ": the replayed reward " + (minusLogPi ? "f - log pi" : "f") + " is " + z[t]);
        }
        batch.rewards.data[t] = z[t];
      }
    }
  }
}
