package org.gridrl.meta.rl2;

import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;
import org.gridrl.meta.baselines.BanditPolicy;
import org.gridrl.meta.baselines.BanditTrials;
import org.gridrl.meta.baselines.MdpTrialPolicy;
import org.gridrl.meta.baselines.MdpTrials;

/**
 * A trained RL² network seen as one more policy over a trial's history, so that it runs through
 * the baselines' own trial loops ({@link BanditTrials}, {@link MdpTrials}) on the same tasks and
 * reward streams as every baseline (common random numbers): a_t ~ π(·|h_t) with
 * h_t = GRU(x_t, h_{t−1}), x_t = [o_t | onehot(a_{t−1}) | r_{t−1} | d_{t−1}], exactly the input
 * {@link Rl2#sample} trains on (h_0 = 0, a_{−1} = none, r_{−1} = 0, d_{−1} = 1 at a trial's start;
 * d = 1 after an episode's last step, the state kept across episodes). The action draw uses the
 * generator the trial loop hands to {@code reset} / {@code startTrial}.
 *
 * <p>Each call returns a new policy with its own {@link Rl2Policy} (its own hidden state and
 * tape) over the shared network, so several threads may evaluate one trained network at once as
 * long as none trains it.
 */
public final class Rl2TrialPolicies {

  /** The name the policies report, {@code "rl2"}. */
  public static final String NAME = "rl2";

  private Rl2TrialPolicies() {
  }

  /**
   * The network as a {@link BanditPolicy}: one observation entry (the dummy observation's one-hot,
   * 1), one action per arm ({@link Rl2Tasks#bandits}).
   *
   * @throws IllegalArgumentException if the network is not shaped for bandits
   */
  public static BanditPolicy bandit(Rl2Network network) {
    Check.notNull("network", network);
    Check.argument(network.observationDim() == 1,
        "an RL² bandit network has 1 observation entry, this one has %s",
        network.observationDim());
    return new BanditAdapter(network);
  }

  /** {@link #bandit}'s policy; {@link #policy} lets the tests read its hidden state. */
  static final class BanditAdapter implements BanditPolicy {
    private final Rl2Network network;
    private final Rl2Policy policy;
    private final double[] observation = {1.0};
    private Rng rng;

    BanditAdapter(Rl2Network network) {
      this.network = network;
      this.policy = new Rl2Policy(network);
    }

    Rl2Policy policy() {
      return policy;
    }

    @Override
    public void reset(int arms, Rng trialRng) {
      Check.argument(arms == network.numActions(),
          "the RL² network was trained on %s arms, the bandit has %s", network.numActions(),
          arms);
      rng = Check.notNull("rng", trialRng);
      policy.startTrial();
    }

    @Override
    public int choose() {
      return policy.act(observation, rng);
    }

    @Override
    public void observe(int arm, double reward) {
      // a bandit trial is one episode; its end is never fed back, so d stays 0 inside it
      policy.observe(arm, reward, false);
    }

    @Override
    public String name() {
      return NAME;
    }
  }

  /**
   * The network as an {@link MdpTrialPolicy}: the state one-hot over S ({@link Rl2Tasks#mdps}),
   * d = 1 after the step t = H − 1 of every episode.
   *
   * @throws IllegalArgumentException if the trial's S or A differ from the network's
   */
  public static MdpTrialPolicy mdp(Rl2Network network) {
    return new MdpAdapter(Check.notNull("network", network));
  }

  /** {@link #mdp}'s policy; {@link #policy} lets the tests read its hidden state. */
  static final class MdpAdapter implements MdpTrialPolicy {
    private final Rl2Network network;
    private final Rl2Policy policy;
    private final double[] observation;
    private Rng rng;
    private int episodeLength;
    private int step;

    MdpAdapter(Rl2Network network) {
      this.network = network;
      this.policy = new Rl2Policy(network);
      this.observation = new double[network.observationDim()];
    }

    Rl2Policy policy() {
      return policy;
    }

    @Override
    public void startTrial(int numStates, int numActions, int length, Rng trialRng) {
      Check.argument(numStates == network.observationDim(),
          "the RL² network was trained on %s states, the MDP has %s",
          network.observationDim(), numStates);
      Check.argument(numActions == network.numActions(),
          "the RL² network was trained on %s actions, the MDP has %s", network.numActions(),
          numActions);
      episodeLength = Check.positive("episodeLength", length);
      rng = Check.notNull("rng", trialRng);
      policy.startTrial();
    }

    @Override
    public void startEpisode() {
      // the hidden state carries over; the previous step's d = 1 marks the boundary
    }

    @Override
    public int act(int state, int t) {
      java.util.Arrays.fill(observation, 0.0);
      observation[state] = 1.0;
      step = t;
      return policy.act(observation, rng);
    }

    @Override
    public void observe(int state, int action, double reward, int nextState) {
      policy.observe(action, reward, step == episodeLength - 1);
    }

    @Override
    public String name() {
      return NAME;
    }
  }
}
