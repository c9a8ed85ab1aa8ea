package org.gridrl.meta.baselines;

import org.gridrl.core.util.Rng;

/**
 * A tabular-MDP policy over one trial's history: a_t = π(s_t, t; h) where the history h holds
 * every (s, a, r, s') of the trial so far, across its episodes (RL²'s tabular setting, Duan et
 * al. 2016). A trial is {@link #startTrial}, then per episode {@link #startEpisode} followed by H
 * alternations of {@link #act} and {@link #observe}. All randomness (exploration, posterior
 * samples) comes from the generator given to {@code startTrial}, so the same seed and the same
 * transitions give the same actions. Not thread-safe.
 */
public interface MdpTrialPolicy {

  /**
   * Forgets the last trial and starts a new one.
   *
   * @param numStates S ≥ 1
   * @param numActions A ≥ 1
   * @param episodeLength H ≥ 1, the steps of each episode
   * @param rng this trial's randomness. Kept and advanced.
   */
  void startTrial(int numStates, int numActions, int episodeLength, Rng rng);

  /** Marks the start of an episode (posterior sampling draws its model here). */
  void startEpisode();

  /**
   * The action to take.
   *
   * @param state s_t ∈ [0, S)
   * @param t the step within the episode, in [0, H)
   */
  int act(int state, int t);

  /** Records one transition (s, a, r, s') of the current episode. */
  void observe(int state, int action, double reward, int nextState);

  /** A short name for tables and logs, e.g. {@code "psrl"}. */
  String name();
}
