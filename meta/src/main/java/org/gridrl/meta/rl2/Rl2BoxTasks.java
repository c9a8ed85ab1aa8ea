package org.gridrl.meta.rl2;

import java.util.List;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.NormalizeAction;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.util.Check;
import org.gridrl.envs.continuous.Goal;
import org.gridrl.envs.continuous.SparsePointRobot;

/**
 * A distribution over tasks with continuous actions a ∈ R^d as RL² sees it ({@link Rl2Tasks}'s
 * counterpart for a Gaussian head): a trial is {@code episodesPerTrial} episodes of exactly
 * {@code episodeLength} steps on one task T ~ p(T); each observation is encoded as
 * {@code observationDim} numbers; the policy's input is x_t = [o_t | a_{t−1} | r_{t−1} |
 * d_{t−1}] with the raw action a_{t−1} (the Gaussian draw the environment was given, before any
 * clipping it does; zeros at a trial's start), as in rllab's {@code GaussianGRUPolicy} used by
 * RL² (Duan et al. 2016). The policy's Gaussian is unbounded: wrap an environment whose actions
 * lie in a box in {@link NormalizeAction} so that [−1, 1]^d maps onto it (as
 * {@link #sparsePointRobot} does).
 *
 * @param tasks p(T); each draw is a fresh environment for one trial
 * @param observationDim entries of an encoded observation, ≥ 1
 * @param actionDim d, entries of an action, ≥ 1
 * @param episodeLength steps per episode, ≥ 1
 * @param episodesPerTrial episodes per trial, ≥ 1
 * @param encoder writes an observation's encoding
 * @param <O> the environments' observation type
 */
public record Rl2BoxTasks<O>(TaskDistribution<? extends Env<O, double[]>> tasks,
    int observationDim, int actionDim, int episodeLength, int episodesPerTrial,
    Rl2Tasks.ObservationEncoder<O> encoder) {

  /** Rejects a bad field by name. */
  public Rl2BoxTasks {
    Check.notNull("tasks", tasks);
    Check.positive("observationDim", observationDim);
    Check.positive("actionDim", actionDim);
    Check.positive("episodeLength", episodeLength);
    Check.positive("episodesPerTrial", episodesPerTrial);
    Check.notNull("encoder", encoder);
  }

  /** Steps in a trial, episodesPerTrial · episodeLength. */
  public int trialLength() {
    return episodesPerTrial * episodeLength;
  }

  /** Width of the policy's input [o | a_{t−1} | r_{t−1} | d_{t−1}]: observationDim + d + 2. */
  public int inputDim() {
    return observationDim + actionDim + 2;
  }

  /** The same trial shape and encoder over another task distribution (e.g. held-out goals). */
  public Rl2BoxTasks<O> withTasks(TaskDistribution<? extends Env<O, double[]>> other) {
    return new Rl2BoxTasks<>(other, observationDim, actionDim, episodeLength, episodesPerTrial,
        encoder);
  }

  /**
   * PEARL's sparse point robot ({@link SparsePointRobot}) on goals drawn uniformly from
   * {@code goals} per trial (e.g. the 80 training or 20 held-out goals of
   * {@link SparsePointRobot#referenceGoals}), actions in [−1, 1]² through
   * {@link NormalizeAction} (−1 ↦ −0.1, 1 ↦ 0.1, clipped outside), the observation the
   * position (2 entries), {@link SparsePointRobot#HORIZON} = 20 steps per episode.
   *
   * @param goals the task set, not empty. Copied.
   * @param episodesPerTrial episodes per trial, ≥ 1
   */
  public static Rl2BoxTasks<double[]> sparsePointRobot(List<Goal> goals, int episodesPerTrial) {
    Check.notNull("goals", goals);
    Check.argument(!goals.isEmpty(), "goals is empty");
    List<Goal> copy = List.copyOf(goals);
    return sparsePointRobot(rng -> copy.get(rng.nextInt(copy.size())), episodesPerTrial);
  }

  /**
   * {@link #sparsePointRobot(List, int)} with goals from a distribution (e.g.
   * {@link SparsePointRobot#goals()}, θ ~ U[0, π]).
   */
  public static Rl2BoxTasks<double[]> sparsePointRobot(TaskDistribution<Goal> goals,
      int episodesPerTrial) {
    Check.notNull("goals", goals);
    TaskDistribution<Env<double[], double[]>> envs =
        rng -> new NormalizeAction<>(new SparsePointRobot(goals.sample(rng)));
    return new Rl2BoxTasks<>(envs, 2, 2, SparsePointRobot.HORIZON, episodesPerTrial,
        (o, out, off) -> System.arraycopy(o, 0, out, off, 2));
  }
}
