package org.gridrl.meta.baselines;

import org.gridrl.core.env.Step;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.SampleStats;
import org.gridrl.envs.mdp.RandomMdp;

/**
 * Runs a tabular-MDP policy on fresh tasks, one trial of n episodes each, and records per trial
 * the total return Σ_episodes Σ_t r_t (RL²'s Table 2 number) and the oracle's expected total
 * n·V*_0(0) (exact, from the task's model), whose difference is the trial's regret.
 *
 * <p>Streams: from {@code Rng(seed)}, trial i draws its task from {@code fork(0)} (the tasks in
 * order), the policy's generator is {@code fork(1).fork(i)} and episode e of trial i is reset
 * with the e-th {@code nextLong} of {@code fork(2).fork(i)}, so trial i sees the same MDP and the
 * same noise and transition streams whatever policy runs: policies compared with one seed face
 * common random numbers.
 */
public final class MdpTrials {

  private MdpTrials() {
  }

  /**
   * Per-trial outcomes.
   *
   * @param totalReturn Σ r over the n episodes of each trial
   * @param optimalReturn n·V*_0(0) of each trial's MDP, the oracle's expected total
   */
  public record Outcome(double[] totalReturn, double[] optimalReturn) {

    /** The mean total return. */
    public double meanTotalReturn() {
      return SampleStats.mean(totalReturn);
    }

    /** The standard error of the mean total return, s/√m (sample std, m − 1); NaN for m = 1. */
    public double standardError() {
      return SampleStats.standardError(totalReturn);
    }

    /** The mean oracle total n·V*_0(0). */
    public double meanOptimalReturn() {
      return SampleStats.mean(optimalReturn);
    }

    /** The mean regret, mean(n·V*_0(0) − Σ r). */
    public double meanRegret() {
      return meanOptimalReturn() - meanTotalReturn();
    }

  }

  /**
   * Runs {@code trials} trials of {@code episodes} episodes.
   *
   * @param policy the policy (one instance, restarted at each trial)
   * @param tasks the task distribution, e.g. {@link RandomMdp#tasks}
   * @param trials m ≥ 1
   * @param episodes n ≥ 1, the episodes of a trial
   * @param seed the only source of randomness
   */
  public static Outcome run(MdpTrialPolicy policy, TaskDistribution<RandomMdp> tasks, int trials,
      int episodes, long seed) {
    Check.notNull("policy", policy);
    Check.notNull("tasks", tasks);
    Check.positive("trials", trials);
    Check.positive("episodes", episodes);
    Rng root = new Rng(seed);
    Rng taskRng = root.fork(0);
    Rng policyRngs = root.fork(1);
    Rng envRngs = root.fork(2);
    double[] total = new double[trials];
    double[] optimal = new double[trials];
    for (int i = 0; i < trials; i++) {
      RandomMdp env = tasks.sample(taskRng);
      int h = env.episodeLength();
      policy.startTrial(env.numStates(), env.numActions(), h, policyRngs.fork(i));
      Rng episodeSeeds = envRngs.fork(i);
      for (int e = 0; e < episodes; e++) {
        policy.startEpisode();
        int s = env.reset(episodeSeeds.nextLong());
        for (int t = 0; t < h; t++) {
          int a = policy.act(s, t);
          Step<Integer> step = env.step(a);
          policy.observe(s, a, step.reward(), step.observation());
          total[i] += step.reward();
          s = step.observation();
        }
      }
      optimal[i] = episodes * env.optimalEpisodeValue();
    }
    return new Outcome(total, optimal);
  }
}
