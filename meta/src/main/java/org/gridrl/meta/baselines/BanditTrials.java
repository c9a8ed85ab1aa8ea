package org.gridrl.meta.baselines;

import java.util.function.Supplier;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.SampleStats;
import org.gridrl.envs.bandit.BernoulliBandit;

/**
 * Runs a bandit policy on fresh tasks, one trial each, and records per trial the total reward
 * Σ_t r_t and the pseudo-regret Σ_t (max_i μ_i − μ_{a_t}) (exact, from the task's means), the
 * two numbers RL²'s bandit table and the regret curves are made of, and how many distinct arms
 * the policy pulled (how far it explored).
 *
 * <p>Streams: from {@code Rng(seed)}, trial i draws its task from {@code fork(0)} (the tasks in
 * order), the policy's generator is {@code fork(1).fork(i)} and the bandit is reset with seed
 * {@code fork(2).fork(i).nextLong()}, so trial i sees the same task and the same reward stream
 * whatever policy runs: policies compared with one seed face common random numbers.
 */
public final class BanditTrials {

  private BanditTrials() {
  }

  /**
   * Per-trial outcomes.
   *
   * @param totalReward Σ_t r_t of each trial
   * @param pseudoRegret Σ_t (max_i μ_i − μ_{a_t}) of each trial
   * @param armsTried the number of distinct arms pulled in each trial
   */
  public record Outcome(double[] totalReward, double[] pseudoRegret, double[] armsTried) {

    /** The mean total reward. */
    public double meanTotalReward() {
      return SampleStats.mean(totalReward);
    }

    /** The standard error of the mean total reward, s/√m (sample std, m − 1); NaN for m = 1. */
    public double standardError() {
      return SampleStats.standardError(totalReward);
    }

    /** The mean pseudo-regret. */
    public double meanPseudoRegret() {
      return SampleStats.mean(pseudoRegret);
    }

    /** The mean number of distinct arms pulled in a trial. */
    public double meanArmsTried() {
      return SampleStats.mean(armsTried);
    }

  }

  /**
   * Runs {@code trials} trials.
   *
   * @param policy the policy (one instance, reset at each trial)
   * @param tasks the task distribution, e.g. {@link BernoulliBandit#tasks(int, int)}
   * @param trials m ≥ 1
   * @param seed the only source of randomness
   */
  public static Outcome run(BanditPolicy policy, TaskDistribution<BernoulliBandit> tasks,
      int trials, long seed) {
    Check.notNull("policy", policy);
    Check.notNull("tasks", tasks);
    Check.positive("trials", trials);
    Rng root = new Rng(seed);
    Rng taskRng = root.fork(0);
    Rng policyRngs = root.fork(1);
    Rng rewardRngs = root.fork(2);
    double[] total = new double[trials];
    double[] regret = new double[trials];
    double[] tried = new double[trials];
    boolean[] pulled = new boolean[0];
    for (int i = 0; i < trials; i++) {
      BernoulliBandit bandit = tasks.sample(taskRng);
      if (pulled.length != bandit.numArms()) {
        pulled = new boolean[bandit.numArms()];
      } else {
        java.util.Arrays.fill(pulled, false);
      }
      policy.reset(bandit.numArms(), policyRngs.fork(i));
      bandit.reset(rewardRngs.fork(i).nextLong());
      double best = bandit.bestMean();
      for (int t = 0; t < bandit.pulls(); t++) {
        int arm = policy.choose();
        double r = bandit.step(arm).reward();
        policy.observe(arm, r);
        total[i] += r;
        regret[i] += best - bandit.mean(arm);
        if (!pulled[arm]) {
          pulled[arm] = true;
          tried[i]++;
        }
      }
    }
    return new Outcome(total, regret, tried);
  }

  /** {@link #run(BanditPolicy, TaskDistribution, int, long)} with a fresh policy. */
  public static Outcome run(Supplier<BanditPolicy> policy,
      TaskDistribution<BernoulliBandit> tasks, int trials, long seed) {
    return run(policy.get(), tasks, trials, seed);
  }
}
