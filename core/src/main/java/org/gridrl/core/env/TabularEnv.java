package org.gridrl.core.env;

import java.util.Map;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.util.Rng;

/**
 * An {@link Env} that samples a {@link TabularMdp}: {@code reset(seed)} draws s_0 ~ d0 from a
 * fresh {@code Rng(seed)}; {@code step(a)} draws s_{t+1} ~ P(·|s_t, a) by inverse-CDF over the
 * CSR row of (s_t, a) and pays r(s_t, a); the episode terminates when s_{t+1} is terminal.
 *
 * <p>If s_0 itself is terminal the episode is over at reset ({@link #terminated()} is true).
 * Observations and actions are state and action indices. Besides the boxed {@link Env} methods,
 * {@link #resetState(long)}, {@link #stepState(int)}, {@link #state()} and
 * {@link #lastReward()} work on primitives and allocate nothing per step (after the
 * {@code Rng} of each reset), for samplers that run millions of steps. Not thread-safe.
 */
public final class TabularEnv implements Env<Integer, Integer> {

  private final TabularMdp mdp;
  private final Discrete observationSpace;
  private final Discrete actionSpace;
  private final int numActions;
  private final int[] rowStart;
  private final int[] successors;
  private final double[] probabilities;
  private final double[] rewards;
  private final boolean[] terminal;

  private Rng rng;
  private int state = -1;
  private boolean terminated;
  private double lastReward;
  private long stepsThisEpisode;

  /**
   * An environment over {@code mdp}.
   *
   * @param mdp the MDP to sample. Not modified (shared, read only).
   */
  public TabularEnv(TabularMdp mdp) {
    if (mdp == null) {
      throw new IllegalArgumentException("mdp must not be null");
    }
    this.mdp = mdp;
    this.observationSpace = new Discrete(mdp.numStates());
    this.actionSpace = new Discrete(mdp.numActions());
    this.numActions = mdp.numActions();
    this.rowStart = mdp.rowStart();
    this.successors = mdp.successors();
    this.probabilities = mdp.probabilities();
    this.rewards = mdp.rewards();
    this.terminal = mdp.terminals();
  }

  /** The MDP this environment samples. */
  public TabularMdp mdp() {
    return mdp;
  }

  @Override
  public Discrete observationSpace() {
    return observationSpace;
  }

  @Override
  public Discrete actionSpace() {
    return actionSpace;
  }

  @Override
  public Integer reset(long seed) {
    return resetState(seed);
  }

  /** {@link #reset(long)} without boxing: starts an episode and returns s_0 ~ d0. */
  public int resetState(long seed) {
    rng = new Rng(seed);
    state = rng.nextCategorical(mdp.initialDistribution());
    terminated = terminal[state];
    lastReward = 0;
    stepsThisEpisode = 0;
    return state;
  }

  @Override
  public Step<Integer> step(Integer action) {
    if (action == null) {
      throw new IllegalArgumentException("action must not be null");
    }
    int next = stepState(action);
    return new Step<>(next, lastReward, terminated, false, Map.of());
  }

  /**
   * {@link #step(Integer)} without allocation: takes action a in the current state s, moves to
   * s' ~ P(·|s, a) and returns s'; the reward r(s, a) is then {@link #lastReward()} and
   * {@link #terminated()} says whether s' is terminal.
   *
   * @throws IllegalStateException before the first reset or after the episode terminated
   * @throws IllegalArgumentException if a is not in [0, A)
   */
  public int stepState(int action) {
    if (state < 0) {
      throw new IllegalStateException("step before reset: call reset(seed) to start an episode");
    }
    if (terminated) {
      throw new IllegalStateException("the episode has ended: state " + state + " is terminal"
          + (stepsThisEpisode == 0 ? " (it was the start state)" : " (reached after "
          + stepsThisEpisode + " steps)") + "; call reset(seed) to start a new episode");
    }
    if (action < 0 || action >= numActions) {
      throw new IllegalArgumentException("action " + action + " out of range [0, " + numActions
          + ")");
    }
    int row = state * numActions + action;
    int start = rowStart[row];
    int next = successors[start + rng.nextCategorical(probabilities, start,
        rowStart[row + 1] - start)];
    lastReward = rewards[row];
    state = next;
    terminated = terminal[next];
    stepsThisEpisode++;
    return next;
  }

  /** The current state s_t; −1 before the first reset. */
  public int state() {
    return state;
  }

  /** The reward of the last step, r(s_{t−1}, a_{t−1}); 0 right after a reset. */
  public double lastReward() {
    return lastReward;
  }

  /** Whether the current state is terminal (the episode is over until the next reset). */
  public boolean terminated() {
    return terminated;
  }

  /** Steps taken since the last reset. */
  public long stepsThisEpisode() {
    return stepsThisEpisode;
  }

  @Override
  public String toString() {
    return "TabularEnv[" + mdp + "]";
  }
}
