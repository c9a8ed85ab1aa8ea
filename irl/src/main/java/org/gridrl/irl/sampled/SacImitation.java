package org.gridrl.irl.sampled;

import java.util.List;
import org.gridrl.core.env.Box;
import org.gridrl.core.env.Env;
import org.gridrl.core.pg.ReplayBuffer;
import org.gridrl.core.pg.ReplayReward;
import org.gridrl.core.pg.Sac;
import org.gridrl.core.pg.SacConfig;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.pg.TanhGaussianPolicy;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * SAC as the policy learner of an adversarial imitation method ({@link PolicyLearner#SAC}): one
 * {@link Sac} on one environment, its rewards recomputed on every replayed minibatch by the
 * method's {@link ReplayReward}, run K environment steps per iteration ({@link Sac#run}: chunked
 * calls give the numbers of one call), after which {@link #step} hands back K transitions drawn
 * uniformly from the whole replay buffer for the discriminator's policy class.
 *
 * <p>Why the buffer and not the K newest transitions: the critic is trained on rewards the
 * discriminator gives to every transition in the buffer, so the discriminator must be trained
 * where it is read (Kostrikov et al. 2019, "Discriminator-Actor-Critic", §4.2, sample the
 * policy class from the replay buffer for this reason). Measured while this was written, on
 * {@code PointNavigation} with AirlSacTest's expert and networks and α autotuned: with the K
 * newest transitions only, GAIL's SAC policy fell to a true return of −30 and AIRL's (r = f) to
 * −23 within 30 iterations, running away from the goal (a random policy scores −7 to −10),
 * rewarded by the discriminator's extrapolation on old transitions it was no longer trained
 * on; drawing from the buffer, GAIL's went −7.3 → −1.5.
 *
 * <p>SAC reports per environment step; this class listens to it and reports per iteration:
 * {@value Metrics#POLICY_RETURN} as the mean true return of the episodes that ended during the
 * iteration ({@link #reportReturn}), and SAC's update keys ({@link #UPDATE_KEYS}) of the update
 * at the iteration's last step ({@link #reportUpdate}; SAC's {@code logEvery} is K, so that step
 * reports them, once past {@code learningStarts}). Not thread-safe.
 */
final class SacImitation implements TrainingListener {

  /** SAC's keys of one update, in SAC's order: {@code loss/q1} … {@code charts/entropy}. */
  static final List<String> UPDATE_KEYS = Sac.METRICS.stream().filter(k ->
      !k.equals(org.gridrl.core.pg.Metrics.EPISODIC_RETURN)
          && !k.equals(org.gridrl.core.pg.Metrics.EPISODIC_LENGTH)
          && !k.equals(org.gridrl.core.pg.Metrics.EVAL_RETURN)).toList();

  private final Sac sac;
  private final int stepsPerIteration;
  private final Rng discriminatorRng;
  private final ReplayBuffer.Minibatch replayed;
  private final double[] update = new double[UPDATE_KEYS.size()];
  private boolean updated;
  private double returnSum;
  private int episodes;

  /**
   * A fresh SAC learner (networks from {@code config}'s seed).
   *
   * @param env the one environment. Modified (stepped).
   * @param config SAC's settings; its {@code logEvery} must be {@code stepsPerIteration}
   * @param reward the reward of every replayed minibatch
   * @param discriminatorRng the stream of the discriminator's draws from the buffer. Modified.
   */
  SacImitation(Env<double[], double[]> env, SacConfig config, int stepsPerIteration,
      ReplayReward reward, Rng discriminatorRng) {
    Check.argument(config.logEvery() == stepsPerIteration,
        "SAC's logEvery (%s) must be the steps per iteration (%s)", config.logEvery(),
        stepsPerIteration);
    this.sac = new Sac(env, config, reward);
    this.stepsPerIteration = stepsPerIteration;
    this.discriminatorRng = discriminatorRng;
    this.replayed = new ReplayBuffer.Minibatch(stepsPerIteration, sac.buffer().obsDim(),
        sac.buffer().actDim());
  }

  /**
   * The sampler's one environment, for SAC: continuous actions in a bounded box and vector
   * observations used as they are ({@code Sampler.vector}).
   *
   * @throws IllegalArgumentException naming the algorithm, if the sampler has discrete actions
   *     or more than one environment
   */
  @SuppressWarnings("unchecked")
  static Env<double[], double[]> environment(Sampler<?, ?> sampler, String algorithm) {
    Check.argument(!sampler.discrete(),
        "%s with SAC needs continuous actions, the sampler's are discrete", algorithm);
    Check.argument(sampler.numEnvs() == 1,
        "%s with SAC steps one environment, the sampler has %s", algorithm, sampler.numEnvs());
    Env<?, ?> env = sampler.envs().get(0);
    Check.argument(env.observationSpace() instanceof Box b
        && b.dim() == sampler.observationDim(),
        "%s with SAC needs Box observations of the sampler's %s entries, got %s", algorithm,
        sampler.observationDim(), env.observationSpace());
    return (Env<double[], double[]>) env;
  }

  /**
   * One iteration's K environment steps (and their updates).
   *
   * @return K transitions drawn uniformly, with replacement, from the replay buffer (actions in
   *     the unit box); overwritten by the next call
   */
  ReplayBuffer.Minibatch step() {
    updated = false;
    returnSum = 0;
    episodes = 0;
    sac.run(stepsPerIteration, this);
    sac.buffer().sample(discriminatorRng, replayed);
    return replayed;
  }

  /** The policy being trained. */
  TanhGaussianPolicy policy() {
    return sac.policy();
  }

  /** Environment steps so far. */
  long environmentSteps() {
    return sac.steps();
  }

  /** {@value Metrics#POLICY_RETURN}: the iteration's mean episode return, if an episode ended. */
  void reportReturn(TrainingListener out, long iteration) {
    if (episodes > 0) {
      out.onScalar(iteration, Metrics.POLICY_RETURN, returnSum / episodes);
    }
  }

  /** SAC's {@link #UPDATE_KEYS} of the iteration's last update, if it made one. */
  void reportUpdate(TrainingListener out, long iteration) {
    if (updated) {
      for (int i = 0; i < update.length; i++) {
        out.onScalar(iteration, UPDATE_KEYS.get(i), update[i]);
      }
    }
  }

  /** SAC's per-step reports: episode returns are summed, an update's values kept. */
  @Override
  public void onScalar(long iteration, String name, double value) {
    if (name.equals(org.gridrl.core.pg.Metrics.EPISODIC_RETURN)) {
      returnSum += value;
      episodes++;
      return;
    }
    int i = UPDATE_KEYS.indexOf(name);
    if (i >= 0) {
      update[i] = value;
      updated = true;
    }
  }
}
