package org.gridrl.meta.rl2;

import org.gridrl.core.env.Env;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.util.Check;
import org.gridrl.envs.bandit.BernoulliBandit;
import org.gridrl.envs.mdp.RandomMdp;
import org.gridrl.envs.meta.HiddenGoalGrid;

/**
 * A distribution over tasks as RL² sees it: a trial is {@code episodesPerTrial} episodes of
 * exactly {@code episodeLength} steps on one task T ~ p(T), T = episodesPerTrial · episodeLength
 * steps in all; each observation is encoded as {@code observationDim} numbers; actions are
 * 0..numActions−1. Every task family here has fixed-length episodes (truncated, never terminated
 * early), which lets {@link Rl2} run B trials in lock step; a task whose episode ends at another
 * step is rejected when it happens.
 *
 * @param tasks p(T); each draw is a fresh environment for one trial
 * @param observationDim entries of an encoded observation, ≥ 1
 * @param numActions discrete actions, ≥ 1
 * @param episodeLength steps per episode, ≥ 1
 * @param episodesPerTrial episodes per trial, ≥ 1
 * @param encoder writes an observation's encoding
 * @param <O> the environments' observation type
 */
public record Rl2Tasks<O>(TaskDistribution<? extends Env<O, Integer>> tasks, int observationDim,
    int numActions, int episodeLength, int episodesPerTrial, ObservationEncoder<O> encoder) {

  /** Writes the encoding of an observation. */
  @FunctionalInterface
  public interface ObservationEncoder<O> {
    /**
     * @param observation the environment's observation. Not modified.
     * @param out receives {@code observationDim} entries from {@code offset}. Modified.
     */
    void encode(O observation, double[] out, int offset);
  }

  /** Rejects a bad field by name. */
  public Rl2Tasks {
    Check.notNull("tasks", tasks);
    Check.positive("observationDim", observationDim);
    Check.positive("numActions", numActions);
    Check.positive("episodeLength", episodeLength);
    Check.positive("episodesPerTrial", episodesPerTrial);
    Check.notNull("encoder", encoder);
  }

  /** Steps in a trial, episodesPerTrial · episodeLength. */
  public int trialLength() {
    return episodesPerTrial * episodeLength;
  }

  /** Width of the policy's input [o | one-hot a_{t−1} | r_{t−1} | d_{t−1}]. */
  public int inputDim() {
    return observationDim + numActions + 2;
  }

  /**
   * k-armed Bernoulli bandits with n pulls ({@link BernoulliBandit#tasks}): one episode of n
   * steps per trial, the dummy observation encoded as the single entry 1 (the one-hot of
   * {@code Discrete(1)}).
   */
  public static Rl2Tasks<Integer> bandits(int arms, int pulls) {
    return new Rl2Tasks<>(BernoulliBandit.tasks(arms, pulls), 1, arms, pulls, 1,
        Rl2Tasks::oneHotSingleton);
  }

  /**
   * RL²'s random tabular MDPs ({@link RandomMdp#tasks}), {@code episodes} episodes of H steps
   * per trial, the state one-hot over S.
   */
  public static Rl2Tasks<Integer> mdps(RandomMdp.Spec spec, int episodes) {
    int s = spec.numStates();
    return new Rl2Tasks<>(RandomMdp.tasks(spec), s, spec.numActions(), spec.episodeLength(),
        episodes, (o, out, off) -> {
          java.util.Arrays.fill(out, off, off + s, 0.0);
          out[off + o] = 1.0;
        });
  }

  /**
   * VariBAD's hidden-goal grid ({@link HiddenGoalGrid#tasks}): the observation is the position
   * (x, y) as the environment gives it (VariBAD's raw {@code Box(0, n−1)} coordinates).
   */
  public static Rl2Tasks<double[]> hiddenGoal(int size, int horizon, int episodesPerTrial) {
    return new Rl2Tasks<>(HiddenGoalGrid.tasks(size, horizon, episodesPerTrial), 2,
        HiddenGoalGrid.NUM_ACTIONS, horizon, episodesPerTrial,
        (o, out, off) -> System.arraycopy(o, 0, out, off, 2));
  }

  private static void oneHotSingleton(Integer observation, double[] out, int offset) {
    out[offset] = 1.0;
  }
}
