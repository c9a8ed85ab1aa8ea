package org.gridrl.meta.baselines;

import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/** a_t ~ U{0..A−1}, one {@code nextInt(A)} per act: the floor of RL²'s Table 2. */
public final class MdpRandomPolicy implements MdpTrialPolicy {

  private int numActions;
  private Rng rng;

  @Override
  public void startTrial(int numStates, int numActions, int episodeLength, Rng rng) {
    Check.positive("numStates", numStates);
    this.numActions = Check.positive("numActions", numActions);
    Check.positive("episodeLength", episodeLength);
    this.rng = Check.notNull("rng", rng);
  }

  @Override
  public void startEpisode() {
  }

  @Override
  public int act(int state, int t) {
    if (rng == null) {
      throw new IllegalStateException("random: act before startTrial");
    }
    return rng.nextInt(numActions);
  }

  @Override
  public void observe(int state, int action, double reward, int nextState) {
  }

  @Override
  public String name() {
    return "random";
  }
}
