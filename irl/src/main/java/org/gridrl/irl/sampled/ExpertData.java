package org.gridrl.irl.sampled;

import java.util.List;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.core.util.Check;

/**
 * Expert transitions sampled from a policy in any {@code Env}: τ ~ π_E, recorded as
 * (o_t, a_t, o_{t+1}, done_t) by {@code core.pg.Sampler#collectEpisodes}, tabular and continuous
 * worlds alike. The expert is any {@link Policy}: a trained one, a tabular π(a|s) through
 * {@link TabularExpertPolicy}, or a hand-written {@link Controller} through
 * {@link ControllerPolicy}.
 *
 * <p><b>Tabular experts: one path.</b> A tabular expert goes through the sampler too, not
 * through {@code Demonstrations.sample} + {@link Transitions#fromDemonstrations}, so that
 * expert data and the imitation policy's own rollouts (GAIL, AIRL) are recorded by the same
 * code: an episode that enters a terminal state ends with that transition marked terminated, and
 * one that the time limit cuts ends truncated, its last successor kept. (The two paths give the
 * same distribution of data but not the same draws.) {@link Transitions#fromDemonstrations}
 * stays the way in for demonstrations read from a {@code trajectory,step,state,action} CSV.
 *
 * <p><b>Seeding.</b> The sampler is reseeded with {@code seed} ({@link Sampler#reseed}), so the
 * data depend on the seed, the sampler's environments and the expert only. With one
 * environment, episode k is the same in a sample of any size ≥ k + 1: the first k trajectories
 * of a larger sample are the sample of k (nested data sets for "quality against the number of
 * demonstrations").
 */
public final class ExpertData {

  private ExpertData() {
  }

  /**
   * Runs the expert for {@code episodesPerEnv} whole episodes in each of the sampler's
   * environments (wrap an environment that need not end in a {@code TimeLimit}).
   *
   * @param sampler the environments and the observation encoding. Modified: reseeded with
   *     {@code seed} and stepped.
   * @param expert π_E, matching the sampler's spaces
   * @param episodesPerEnv episodes per environment, ≥ 1 (trajectories: N·episodesPerEnv,
   *     environment by environment)
   * @param seed the seed of the resets and the expert's action draws
   */
  public static Transitions sample(Sampler<?, ?> sampler, Policy expert, int episodesPerEnv,
      long seed) {
    Check.notNull("sampler", sampler);
    Check.notNull("expert", expert);
    Check.positive("episodesPerEnv", episodesPerEnv);
    sampler.reseed(seed);
    Batch batch = sampler.collectEpisodes(expert, episodesPerEnv);
    return Transitions.of(batch, sampler.discrete() ? sampler.numActions() : 0);
  }

  /**
   * {@code episodes} episodes of a tabular expert with one-hot observations: s_0 ~ d0,
   * a_t ~ π(·|s_t), s_{t+1} ~ P(·|s_t, a_t), until a terminal state or {@code horizon} steps.
   *
   * @param mdp the world (its rewards are not recorded). Not modified.
   * @param pi π_E, S × A. Not modified.
   * @param episodes N ≥ 1
   * @param horizon the time limit T ≥ 1
   * @param seed the seed of the resets and the action draws
   */
  public static Transitions sample(TabularMdp mdp, TabularPolicy pi, int episodes, int horizon,
      long seed) {
    Check.notNull("mdp", mdp);
    return sample(mdp, pi, ObservationEncoder.oneHot(mdp.numStates()), mdp.numStates(),
        episodes, horizon, seed);
  }

  /**
   * {@link #sample(TabularMdp, TabularPolicy, int, int, long)} with the observations
   * {@code encoder} writes (features that tell the states apart).
   *
   * @param encoder state → observation of length obsDim
   * @param obsDim the observation length, ≥ 1
   * @throws IllegalArgumentException if d0 puts mass on a terminal state (such an episode
   *     would hold no transition), or the policy and the MDP differ in shape
   */
  public static Transitions sample(TabularMdp mdp, TabularPolicy pi,
      ObservationEncoder<Integer> encoder, int obsDim, int episodes, int horizon, long seed) {
    Check.notNull("mdp", mdp);
    Check.notNull("pi", pi);
    Check.argument(pi.numStates() == mdp.numStates() && pi.numActions() == mdp.numActions(),
        "the policy is %sx%s but the MDP has S=%s, A=%s", pi.numStates(), pi.numActions(),
        mdp.numStates(), mdp.numActions());
    Check.positive("episodes", episodes);
    Check.positive("horizon", horizon);
    double[] d0 = mdp.initialDistribution();
    for (int s = 0; s < d0.length; s++) {
      Check.argument(d0[s] == 0 || !mdp.isTerminal(s),
          "the start distribution puts mass %s on the terminal state %s", d0[s], s);
    }
    Sampler<Integer, Integer> sampler = new Sampler<>(
        List.of(new TimeLimit<>(new TabularEnv(mdp), horizon)), encoder, obsDim);
    return sample(sampler, TabularExpertPolicy.of(pi, encoder, obsDim), episodes, seed);
  }
}
