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
 * {@link Gail} with SAC as its policy learner ({@link PolicyLearner#SAC}), as Kostrikov et al.
 * 2019 ("Discriminator-Actor-Critic") run GAIL off-policy: the reward r(s, a) = −log(1 − D(s, a))
 * (or log D − log(1 − D)) is recomputed for every minibatch SAC replays, from D as it is at
 * that update ({@link Relabel}, a {@link ReplayReward}), never stored.
 *
 * <p>Each iteration: (1) K = {@code sacStepsPerIteration} SAC steps on the one environment, each
 * (after {@code learningStarts}) one update on a replayed, relabelled minibatch
 * ({@link SacImitation#step}); (2) D trained on expert (s, a) rows against K transitions drawn
 * uniformly from the replay buffer ({@link Discriminator}; see {@link SacImitation} for why not
 * the newest). Actions enter D in the environment's units, SAC's unit-box
 * actions mapped with {@link TanhGaussianPolicy#toEnvironment}. SAC's own entropy term is GAIL's
 * causal-entropy bonus.
 *
 * <p>Logged per iteration: the discriminator's keys, {@value Metrics#REWARD_MEAN} (mean r over
 * the K rows after the update), {@value Metrics#POLICY_RETURN} (mean true return of the episodes
 * that ended in the iteration, when any did), then SAC's update keys at the iteration's last step
 * ({@link SacImitation#UPDATE_KEYS}, once updates run).
 */
final class GailSac {

  private GailSac() {
  }

  /** {@link Gail#train} with {@code config.learner()} SAC; the arguments are checked there. */
  static SampledIrlResult<GailConfig> train(Sampler<?, ?> sampler, Transitions expert,
      GailConfig config, TrainingListener listener) {
    SacConfig sacConfig = config.sac();
    int k = config.sacStepsPerIteration();
    long seed = config.seed();
    Rng root = new Rng(seed);
    MetricsRecorder history = new MetricsRecorder();
    TrainingListener out = TrainingListener.tee(history, listener);
    long start = System.nanoTime();

    int obsDim = sampler.observationDim();
    int actionDim = sampler.actionDim();
    int inputDim = obsDim + actionDim;
    Mlp net = Gail.discriminatorNet(inputDim, config.discriminator(), root.fork(4));
    Discriminator disc = new Discriminator(Gail.NAME, Discriminator.mlp(net),
        config.discriminator(), root.fork(5));
    boolean softplus = config.reward() == GailConfig.RewardForm.MINUS_LOG_ONE_MINUS_D;
    Relabel relabel = new Relabel(disc, obsDim, actionDim, softplus, sacConfig.batchSize());
    SacImitation sac = new SacImitation(SacImitation.environment(sampler, Gail.NAME), sacConfig,
        k, relabel, root.fork(7));

    int numExpert = expert.size();
    double[] expertX = Discriminator.stateActionRows(expert.observations(), expert.actions(),
        numExpert, obsDim, actionDim, 0, new double[numExpert * inputDim]);
    double[] policyX = new double[k * inputDim];
    double[] envActions = new double[k * actionDim];
    double[] unit = new double[actionDim];
    for (int it = 1; it <= config.iterations(); it++) {
      // 1. K steps of SAC, every update on r(s, a) recomputed for its minibatch
      ReplayBuffer.Minibatch replayed = sac.step();
      // 2. D: expert (s, a) rows against K transitions from the buffer
      rows(replayed, sac.policy(), unit, envActions, policyX);
      Discriminator.Stats ds = disc.update(expertX, null, numExpert, policyX, null, k, it);
      double[] z = disc.policyLogits();
      double mean = 0;
      for (int t = 0; t < k; t++) {
        mean += softplus ? NetworkReward.softplus(z[t]) : z[t];
      }
      ds.report(out, it, config.discriminator().gradientPenalty() > 0);
      out.onScalar(it, Metrics.REWARD_MEAN, mean / k);
      sac.reportReturn(out, it);
      sac.reportUpdate(out, it);
      out.onIterationEnd(it, (System.nanoTime() - start) * 1e-9);
    }
    LearnedReward reward = new NetworkReward(net, LearnedReward.Inputs.STATE_ACTION, obsDim,
        actionDim, 0, softplus);
    return new SampledIrlResult<>(sac.policy(), reward, config.iterations(),
        sac.environmentSteps(), config, history.history(), Provenance.of("gail", config, seed));
  }

  /**
   * D's rows [s | x] of a minibatch, x = c + h ⊙ a the unit-box action mapped onto the
   * environment's box.
   *
   * @param batch B transitions. Not modified.
   * @param unit scratch of length actionDim. Modified.
   * @param envActions B × actionDim scratch. Modified.
   * @param out B × (obsDim + actionDim). Modified.
   */
  static void rows(ReplayBuffer.Minibatch batch, TanhGaussianPolicy policy, double[] unit,
      double[] envActions, double[] out) {
    int n = batch.size();
    int m = unit.length;
    for (int t = 0; t < n; t++) {
      System.arraycopy(batch.actions.data, t * m, unit, 0, m);
      policy.toEnvironment(unit, unit);
      System.arraycopy(unit, 0, envActions, t * m, m);
    }
    Discriminator.stateActionRows(batch.observations.data, envActions, n,
        batch.observations.numCols, m, 0, out);
  }

  /**
   * GAIL's reward of a replayed minibatch, r = softplus(z) = −log(1 − D) or r = z, with z the
   * logit of the current D on [s | x].
   */
  static final class Relabel implements ReplayReward {
    private final Discriminator disc;
    private final boolean softplus;
    private final double[] unit;
    private final double[] envActions;
    private final double[] x;
    private final double[] z;

    /** @param batchSize B, the rows of every minibatch */
    Relabel(Discriminator disc, int obsDim, int actionDim, boolean softplus, int batchSize) {
      this.disc = disc;
      this.softplus = softplus;
      this.unit = new double[actionDim];
      this.envActions = new double[batchSize * actionDim];
      this.x = new double[batchSize * (obsDim + actionDim)];
      this.z = new double[batchSize];
    }

    @Override
    public void relabel(ReplayBuffer.Minibatch batch, TanhGaussianPolicy policy, long step) {
      rows(batch, policy, unit, envActions, x);
      int n = batch.size();
      disc.logits(x, null, n, z);
      for (int t = 0; t < n; t++) {
        double r = softplus ? NetworkReward.softplus(z[t]) : z[t];
        if (!Double.isFinite(r)) {
          throw new ArithmeticException(Gail.NAME + " environment step " + step
              + ": the replayed reward is " + r);
        }
        batch.rewards.data[t] = r;
      }
    }
  }
}
