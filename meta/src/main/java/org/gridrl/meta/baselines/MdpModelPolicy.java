package org.gridrl.meta.baselines;

import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * What the model-based tabular baselines share: the trial's {@link MdpPosterior}, the sizes, the
 * generator, and the argument checks of {@link MdpTrialPolicy}. A base class, not an API.
 */
abstract class MdpModelPolicy implements MdpTrialPolicy {

  final MdpPrior prior;
  MdpPosterior posterior;
  int numStates;
  int numActions;
  int episodeLength;
  Rng rng;

  MdpModelPolicy(MdpPrior prior) {
    this.prior = Check.notNull("prior", prior);
  }

  @Override
  public void startTrial(int numStates, int numActions, int episodeLength, Rng rng) {
    this.numStates = Check.positive("numStates", numStates);
    this.numActions = Check.positive("numActions", numActions);
    this.episodeLength = Check.positive("episodeLength", episodeLength);
    this.rng = Check.notNull("rng", rng);
    this.posterior = new MdpPosterior(prior, numStates, numActions);
  }

  @Override
  public void observe(int state, int action, double reward, int nextState) {
    requireStarted();
    posterior.observe(state, action, reward, nextState);
  }

  /** The posterior of the current trial (read-only use). */
  public MdpPosterior posterior() {
    requireStarted();
    return posterior;
  }

  /** The prior. */
  public MdpPrior prior() {
    return prior;
  }

  final void requireStarted() {
    if (posterior == null) {
      throw new IllegalStateException(name() + ": used before startTrial");
    }
  }

  final void checkStep(int state, int t) {
    requireStarted();
    if (state < 0 || state >= numStates) {
      throw new IllegalArgumentException("state must be in [0, " + numStates + "), got "
          + state);
    }
    if (t < 0 || t >= episodeLength) {
      throw new IllegalArgumentException("t must be in [0, " + episodeLength + "), got " + t);
    }
  }
}
