package org.gridrl.core.env;

/**
 * An episodic environment: {@code o_0 = reset(seed)}, then {@code step(a_t)} gives
 * (o_{t+1}, r_t, terminated, truncated) until the episode ends.
 *
 * <p>Contract (as Gymnasium's): {@link #reset(long)} starts a new episode whose randomness comes
 * only from {@code seed}, so the same seed and the same actions give the same episode.
 * {@code terminated} means the MDP reached a terminal state (no bootstrapping past it);
 * {@code truncated} means the episode was cut short from outside (a time limit), and the last
 * observation may be bootstrapped. Stepping before the first reset or after the episode ended is
 * an {@link IllegalStateException}; an action outside {@link #actionSpace()} is an
 * {@link IllegalArgumentException} naming it. Environments are not thread-safe: give each thread
 * its own.
 *
 * @param <O> observation type, e.g. {@code Integer} (a state index) or {@code double[]}
 * @param <A> action type, e.g. {@code Integer} or {@code double[]}
 */
public interface Env<O, A> {

  /** The set observations are drawn from. */
  Space observationSpace();

  /** The set of valid actions. */
  Space actionSpace();

  /**
   * Starts a new episode.
   *
   * @param seed the only source of randomness of this episode
   * @return the first observation o_0
   */
  O reset(long seed);

  /**
   * Takes one action.
   *
   * @param action an element of {@link #actionSpace()}. Not modified.
   * @return the next observation, the reward of this step and whether the episode ended
   * @throws IllegalStateException before the first reset or after the episode ended
   * @throws IllegalArgumentException if the action is not in the action space
   */
  Step<O> step(A action);
}
