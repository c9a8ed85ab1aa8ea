package org.gridrl.meta.baselines;

import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * The common shape of TabulaRL's optimistic agents ({@link TabulaRlBeb}, {@link TabulaRlUcrl2};
 * Osband, {@code src/finite_tabular_agents.py}): at the start of episode e = 0, 1, ... of a trial
 * they compute Q_t(s, a), t &lt; H, once from the posterior ({@link #plan}), then act
 * a_t = argmax_a Q_t(s_t, a) with exact ties drawn uniformly; the optimism is scaled by
 * TabulaRL's {@code scaling} κ. The last transition of each episode updates the reward posterior
 * only, as TabulaRL's {@code update_obs} with {@code pContinue = 0}.
 */
abstract class TabulaRlPlanner extends MdpModelPolicy {

  private final double scaling;
  private int episode;
  private double[][] q;

  /** @param scaling κ ≥ 0 */
  TabulaRlPlanner(MdpPrior prior, double scaling) {
    super(prior, true);
    this.scaling = Check.nonNegativeFinite("scaling", scaling);
  }

  /** κ. */
  public double scaling() {
    return scaling;
  }

  /** Q_t(s, a) at index [t][s·A + a] for episode e of the trial, from the current posterior. */
  abstract double[][] plan(int e);

  @Override
  public void startTrial(int numStates, int numActions, int episodeLength, Rng rng) {
    super.startTrial(numStates, numActions, episodeLength, rng);
    episode = 0;
    q = null;
  }

  @Override
  public void startEpisode() {
    requireStarted();
    q = plan(episode);
    episode++;
  }

  @Override
  public int act(int state, int t) {
    checkStep(state, t);
    if (q == null) {
      throw new IllegalStateException(name() + ": act before startEpisode");
    }
    return argmaxUniformTies(q[t], state * numActions, numActions, rng);
  }
}
