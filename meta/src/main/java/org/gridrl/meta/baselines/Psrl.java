package org.gridrl.meta.baselines;

import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.Rng;

/**
 * Posterior sampling for reinforcement learning (Osband, Russo &amp; Van Roy 2013, "(More)
 * efficient reinforcement learning via posterior sampling", NeurIPS): at the start of each
 * episode draw M̃ ~ p(M | h) from the conjugate posterior ({@link MdpPosterior#sampleModel}),
 * solve it by finite-horizon value iteration over H steps (core's
 * {@code ValueIteration.solveFiniteHorizon}), and follow its time-indexed optimal policy
 * a_t = π̃_t(s_t) for the whole episode. With {@link MdpPrior#rl2()} the posterior is exact for
 * RL²'s random MDPs. One posterior draw per episode (the order of
 * {@link MdpPosterior#sampleModel}); acting draws nothing.
 */
public final class Psrl extends MdpModelPolicy {

  private TabularPolicy[] policies;

  /** @param prior the prior of the posterior */
  public Psrl(MdpPrior prior) {
    super(prior);
  }

  /**
   * @param prior the prior of the posterior
   * @param lastTransitionRewardOnly whether the last step of an episode updates the reward
   *     posterior only (TabulaRL's {@code update_obs}, {@code pContinue = 0})
   */
  public Psrl(MdpPrior prior, boolean lastTransitionRewardOnly) {
    super(prior, lastTransitionRewardOnly);
  }

  /**
   * PSRL as TabulaRL's {@code PSRL} agent (Osband, {@code src/finite_tabular_agents.py}), the one
   * Duan et al.'s script ran for RL²'s Table 2 ({@code evaluate_pacmdp.py},
   * {@code evaluate_psrl_once}: {@code PSRL(nState, nAction, epLen)}, no prior arguments): the
   * agent's default prior {@link MdpPrior#tabulaRl()} (μ_0 = 0 where RL²'s rewards have mean 1),
   * one posterior draw per episode, and the transition of an episode's last step left out of the
   * Dirichlet.
   */
  public static Psrl tabulaRl() {
    return new Psrl(MdpPrior.tabulaRl(), true);
  }

  @Override
  public void startTrial(int numStates, int numActions, int episodeLength,
      Rng rng) {
    super.startTrial(numStates, numActions, episodeLength, rng);
    policies = null;
  }

  @Override
  public void startEpisode() {
    requireStarted();
    policies = ValueIteration.solveFiniteHorizon(posterior.sampleModel(rng), episodeLength, 1.0)
        .policies();
  }

  @Override
  public int act(int state, int t) {
    checkStep(state, t);
    if (policies == null) {
      throw new IllegalStateException("psrl: act before startEpisode");
    }
    return policies[t].greedyAction(state);
  }

  @Override
  public String name() {
    return "psrl";
  }
}
