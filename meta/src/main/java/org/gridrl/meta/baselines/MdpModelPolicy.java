package org.gridrl.meta.baselines;

import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * What the model-based tabular baselines share: the trial's {@link MdpPosterior}, the sizes, the
 * generator, and the argument checks of {@link MdpTrialPolicy}. A base class, not an API.
 */
abstract class MdpModelPolicy implements MdpTrialPolicy {

  final MdpPrior prior;
  private final boolean lastTransitionRewardOnly;
  private int lastStep = -1;
  MdpPosterior posterior;
  int numStates;
  int numActions;
  int episodeLength;
  Rng rng;

  MdpModelPolicy(MdpPrior prior) {
    this(prior, false);
  }

  /**
   * @param lastTransitionRewardOnly whether the last step of an episode (t = H − 1) updates the
   *     reward posterior only, as TabulaRL's {@code update_obs} does ({@code pContinue = 0}: the
   *     Dirichlet is not updated), via {@link MdpPosterior#observeReward}
   */
  MdpModelPolicy(MdpPrior prior, boolean lastTransitionRewardOnly) {
    this.prior = Check.notNull("prior", prior);
    this.lastTransitionRewardOnly = lastTransitionRewardOnly;
  }

  @Override
  public void startTrial(int numStates, int numActions, int episodeLength, Rng rng) {
    this.numStates = Check.positive("numStates", numStates);
    this.numActions = Check.positive("numActions", numActions);
    this.episodeLength = Check.positive("episodeLength", episodeLength);
    this.rng = Check.notNull("rng", rng);
    this.posterior = new MdpPosterior(prior, numStates, numActions);
    this.lastStep = -1;
  }

  @Override
  public void observe(int state, int action, double reward, int nextState) {
    requireStarted();
    if (lastTransitionRewardOnly && lastStep == episodeLength - 1) {
      Check.argument(nextState >= 0 && nextState < numStates,
          "nextState must be in [0, %s), got %s", numStates, nextState);
      posterior.observeReward(state, action, reward);
    } else {
      posterior.observe(state, action, reward, nextState);
    }
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
    lastStep = t;
  }

  /**
   * argmax_a q[base + a] over a ∈ [0, A), exact ties broken uniformly (one {@code nextInt} only
   * when tied), as numpy's {@code np.random.choice(np.where(Q == Q.max())[0])} in TabulaRL's
   * {@code egreedy}.
   */
  static int argmaxUniformTies(double[] q, int base, int numActions, Rng rng) {
    int best = 0;
    int ties = 1;
    for (int a = 1; a < numActions; a++) {
      if (q[base + a] > q[base + best]) {
        best = a;
        ties = 1;
      } else if (q[base + a] == q[base + best]) {
        ties++;
      }
    }
    if (ties == 1) {
      return best;
    }
    int pick = rng.nextInt(ties);
    for (int a = 0; a < numActions; a++) {
      if (q[base + a] == q[base + best] && pick-- == 0) {
        return a;
      }
    }
    throw new AssertionError("unreachable");
  }
}
