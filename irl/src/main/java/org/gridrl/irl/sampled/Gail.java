package org.gridrl.irl.sampled;

import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.nn.Module;
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
 * Generative adversarial imitation learning (Ho &amp; Ermon 2016, "Generative adversarial
 * imitation learning", Algorithm 1, with PPO in place of TRPO as in most later work):
 * min_π max_D E_πE[log D(s, a)] + E_π[log(1 − D(s, a))] − λ_H H(π), the expert labelled 1.
 *
 * <p>Each iteration: (1) collect N·T steps with the current π ({@link Sampler#collect});
 * (2) train D_ψ on expert against policy (s, a) rows ({@link Discriminator}: logistic loss,
 * Adam, optional R1 penalty); (3) replace the batch's rewards by r(s, a) = −log(1 − D(s, a))
 * (or log D − log(1 − D), {@link GailConfig.RewardForm}) with the updated D; (4) one PPO update
 * on that batch ({@link Ppo#update}), whose entropy bonus is the H(π) term. Discrete actions
 * enter D one-hot, continuous ones as they are. The true rewards the sampler records are never
 * read, except to report {@value Metrics#POLICY_RETURN}.
 *
 * <p>Logged metrics per iteration: {@value Metrics#DISC_LOSS}, {@value Metrics#DISC_EXPERT_ACC},
 * {@value Metrics#DISC_POLICY_ACC} (and {@value Metrics#DISC_GRAD_PENALTY} with a penalty),
 * {@value Metrics#REWARD_MEAN} (mean r over the batch), {@value Metrics#POLICY_RETURN} (mean true
 * return of the episodes that ended in the batch, when any did), then PPO's update keys
 * ({@code UpdateStats.PpoClip.KEYS}: {@code charts/entropy}, {@code loss/policy},
 * {@code loss/value}, {@code ppo/approx_kl}, {@code ppo/clip_fraction}). A NaN or infinite loss stops the run
 * with an {@link ArithmeticException} naming the iteration and the loss.
 *
 * <p>With {@link PolicyLearner#SAC} in the config, SAC learns the policy instead, on one
 * environment with continuous actions, the reward recomputed for every replayed minibatch and D
 * updated on transitions drawn from SAC's replay buffer every {@code sacStepsPerIteration}
 * steps: see {@code GailSac}. The steps above are PPO's.
 */
public final class Gail {

  /** The algorithm's name in error messages; its provenance name is {@code gail}. */
  public static final String NAME = "GAIL";

  private Gail() {
  }

  /**
   * Trains a policy ({@link Networks#defaultPolicy}) and a discriminator from the config's seed.
   *
   * @param sampler the environments, tabular or continuous; reseeded from the config's seed.
   *     Modified (stepped).
   * @param expert the demonstrations, over the sampler's observations and actions; every row is
   *     used, with or without a successor. Not modified.
   * @param listener receives every iteration's metrics; null for none
   * @return π, the reward r(s, a) the policy was trained on (from the final D), the history and
   *     the provenance
   * @throws ArithmeticException if a loss or gradient is NaN or infinite
   */
  public static SampledIrlResult<GailConfig> train(Sampler<?, ?> sampler, Transitions expert,
      GailConfig config, TrainingListener listener) {
    Check.notNull("sampler", sampler);
    Check.notNull("expert", expert);
    Check.notNull("config", config);
    checkMatches(sampler, expert);
    if (config.learner() == PolicyLearner.SAC) {
      return GailSac.train(sampler, expert, config, listener);
    }
    PpoConfig ppoConfig = config.ppo();
    long seed = config.seed();
    Rng root = new Rng(seed);
    MetricsRecorder history = new MetricsRecorder();
    TrainingListener out = TrainingListener.tee(history, listener);
    long start = System.nanoTime();

    Policy policy = Networks.defaultPolicy(sampler, ppoConfig.hidden(), ppoConfig.initLogStd(),
        seed);
    Module value = Networks.defaultValue(sampler, ppoConfig.hidden(), seed);
    sampler.reseed(root.fork(2).nextLong());
    Ppo ppo = new Ppo(policy, value, ppoConfig);
    int obsDim = sampler.observationDim();
    int actionDim = sampler.actionDim();
    int numActions = sampler.discrete() ? sampler.numActions() : 0;
    int inputDim = obsDim + Discriminator.actionWidth(actionDim, numActions);
    Mlp net = discriminatorNet(inputDim, config.discriminator(), root.fork(4));
    Discriminator disc = new Discriminator(NAME, Discriminator.mlp(net), config.discriminator(),
        root.fork(5));
    boolean softplus = config.reward() == GailConfig.RewardForm.MINUS_LOG_ONE_MINUS_D;

    int numExpert = expert.size();
    double[] expertX = Discriminator.stateActionRows(expert.observations(), expert.actions(),
        numExpert, obsDim, actionDim, numActions, new double[numExpert * inputDim]);
    int n = sampler.numEnvs() * ppoConfig.stepsPerEnv();
    double[] policyX = new double[n * inputDim];
    double[] rewards = new double[n];
    long steps = 0;
    for (int it = 1; it <= config.iterations(); it++) {
      // 1. experience from the current policy
      Batch batch = sampler.collect(policy, ppoConfig.stepsPerEnv());
      steps += n;
      // 2. D_ψ: expert (s, a) rows against the batch's
      Discriminator.stateActionRows(batch.observations(), batch.actions(), n, obsDim, actionDim,
          numActions, policyX);
      Discriminator.Stats ds = disc.update(expertX, null, numExpert, policyX, null, n, it);
      // 3. r(s, a) from the updated D
      double[] z = disc.policyLogits();
      double mean = 0;
      for (int t = 0; t < n; t++) {
        rewards[t] = softplus ? NetworkReward.softplus(z[t]) : z[t];
        mean += rewards[t];
      }
      ds.report(out, it, config.discriminator().gradientPenalty() > 0);
      out.onScalar(it, Metrics.REWARD_MEAN, mean / n);
      reportReturn(out, it, batch);
      // 4. one PPO update on the batch with D's rewards
      UpdateStats u = ppo.update(withRewards(batch, rewards), it);
      u.report(out, it);
      out.onIterationEnd(it, (System.nanoTime() - start) * 1e-9);
    }
    LearnedReward reward = new NetworkReward(net, LearnedReward.Inputs.STATE_ACTION, obsDim,
        actionDim, numActions, softplus);
    return new SampledIrlResult<>(policy, reward, config.iterations(), steps, config,
        history.history(), Provenance.of("gail", config, seed));
  }

  /** A tanh MLP inputDim → hidden… → 1, orthogonal init (gain √2, output gain 1). */
  static Mlp discriminatorNet(int inputDim, DiscriminatorConfig config, Rng rng) {
    int[] sizes = new int[config.hidden().size() + 2];
    sizes[0] = inputDim;
    for (int i = 0; i < config.hidden().size(); i++) {
      sizes[i + 1] = config.hidden().get(i);
    }
    sizes[sizes.length - 1] = 1;
    return new Mlp(sizes, Activation.TANH, Init.orthogonal(Math.sqrt(2)), Init.orthogonal(1.0),
        rng);
  }

  /** The batch with its rewards replaced (every other array shared). */
  static Batch withRewards(Batch b, double[] rewards) {
    return new Batch(b.observationDim(), b.actionDim(), b.observations(), b.actions(),
        b.actionIndices(), rewards, b.logProbs(), b.nextObservations(), b.terminated(),
        b.truncated(), b.last(), b.tasks(), b.episodeReturns(), b.episodeLengths());
  }

  /** {@value Metrics#POLICY_RETURN}: the true return of the episodes that ended, if any. */
  static void reportReturn(TrainingListener out, long it, Batch batch) {
    double ret = batch.meanEpisodeReturn();
    if (!Double.isNaN(ret)) {
      out.onScalar(it, Metrics.POLICY_RETURN, ret);
    }
  }

  /** The expert's observations and actions must be the sampler's. */
  static void checkMatches(Sampler<?, ?> sampler, Transitions expert) {
    Check.argument(expert.observationDim() == sampler.observationDim(),
        "expert observations have %s entries, the sampler's %s", expert.observationDim(),
        sampler.observationDim());
    Check.argument(expert.discrete() == sampler.discrete(),
        "expert actions are %s but the sampler's are %s",
        expert.discrete() ? "discrete" : "continuous",
        sampler.discrete() ? "discrete" : "continuous");
    if (sampler.discrete()) {
      Check.argument(expert.numActions() == sampler.numActions(),
          "expert has %s actions, the sampler %s", expert.numActions(), sampler.numActions());
    } else {
      Check.argument(expert.actionDim() == sampler.actionDim(),
          "expert actions have %s entries, the sampler's %s", expert.actionDim(),
          sampler.actionDim());
    }
  }
}
