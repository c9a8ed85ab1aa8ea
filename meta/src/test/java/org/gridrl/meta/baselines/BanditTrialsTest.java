package org.gridrl.meta.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.bandit.BernoulliBandit;
import org.junit.jupiter.api.Test;

class BanditTrialsTest {

  @Test
  void eachTrial_isTheHandReplayOfItsStreams() {
    TaskDistribution<BernoulliBandit> tasks = BernoulliBandit.tasks(4, 25);
    BanditTrials.Outcome out = BanditTrials.run(new Ucb1(), tasks, 3, 9);
    Rng root = new Rng(9);
    Rng taskRng = root.fork(0);
    for (int i = 0; i < 3; i++) {
      BernoulliBandit b = tasks.sample(taskRng);
      Ucb1 ucb = new Ucb1();
      ucb.reset(4, root.fork(1).fork(i));
      b.reset(root.fork(2).fork(i).nextLong());
      double total = 0;
      double regret = 0;
      java.util.Set<Integer> arms = new java.util.HashSet<>();
      for (int t = 0; t < 25; t++) {
        int a = ucb.choose();
        double r = b.step(a).reward();
        ucb.observe(a, r);
        total += r;
        regret += b.bestMean() - b.mean(a);
        arms.add(a);
      }
      assertThat(out.totalReward()[i]).isEqualTo(total);
      assertThat(out.pseudoRegret()[i]).isEqualTo(regret);
      assertThat(out.armsTried()[i]).isEqualTo(arms.size());
    }
  }

  @Test
  void armsTried_countsDistinctArms_ucbTriesEveryArm_aOneArmPolicyOne() {
    TaskDistribution<BernoulliBandit> tasks = BernoulliBandit.tasks(6, 20);
    // UCB1 without a prior pulls every arm once before comparing bounds
    assertThat(BanditTrials.run(new Ucb1(), tasks, 30, 3).armsTried()).containsOnly(6.0);
    BanditPolicy first = new BanditPolicy() {
      @Override
      public void reset(int arms, Rng rng) {
      }

      @Override
      public int choose() {
        return 0;
      }

      @Override
      public void observe(int arm, double reward) {
      }

      @Override
      public String name() {
        return "first";
      }
    };
    BanditTrials.Outcome one = BanditTrials.run(first, tasks, 30, 3);
    assertThat(one.armsTried()).containsOnly(1.0);
    assertThat(one.meanArmsTried()).isEqualTo(1.0);
  }

  @Test
  void equalMeans_haveZeroRegret_andTheStandardErrorIsTheSampleOnes() {
    TaskDistribution<BernoulliBandit> same = rng -> new BernoulliBandit(
        new double[] {0.3, 0.3, 0.3}, 40);
    BanditTrials.Outcome out = BanditTrials.run(new RandomPolicy(), same, 50, 2);
    assertThat(out.pseudoRegret()).containsOnly(0.0);
    double[] x = out.totalReward();
    double m = out.meanTotalReward();
    double ss = 0;
    for (double v : x) {
      ss += (v - m) * (v - m);
    }
    assertThat(out.standardError()).isCloseTo(Math.sqrt(ss / 49 / 50), within(1e-12));
  }

  @Test
  void policies_faceTheSameTasksAndRewardStreams() {
    // a policy that always pulls arm 0 and one that always pulls arm 0 through a tie-free
    // greedy on one arm see the same rewards: equal totals, trial by trial
    TaskDistribution<BernoulliBandit> oneArm = BernoulliBandit.tasks(1, 30);
    BanditTrials.Outcome a = BanditTrials.run(new RandomPolicy(), oneArm, 20, 4);
    BanditTrials.Outcome b = BanditTrials.run(EpsilonGreedy.greedy(), oneArm, 20, 4);
    assertThat(b.totalReward()).containsExactly(a.totalReward());
  }

  /**
   * Duan et al. (2016), Table 1, n = 10 pulls, k = 5 arms (1000 trials): random 5.0, Gittins
   * 6.6, greedy 6.6. Seeded, 1000 trials each; within two standard errors plus the table's
   * rounding (0.05). UCB1 and ε-greedy are left out: the paper tuned their constants per cell
   * (the rl2-bandits experiment does that). Thompson sampling is left out too: ours gives
   * 5.84 ± 0.01 (3 × 20 000 trials: 5.854, 5.828, 5.838, each ± 0.014) against the published
   * 5.7, a gap of about two standard errors of a 1000-trial mean, so a seeded check would pass
   * or fail by the seed; the experiment reports it.
   */
  @Test
  void duanTable1_n10k5_withinTwoStandardErrors() {
    TaskDistribution<BernoulliBandit> tasks = BernoulliBandit.tasks(5, 10);
    Object[][] rows = {{new RandomPolicy(), 5.0}, {new GittinsPolicy(0.9), 6.6},
        {EpsilonGreedy.greedy(), 6.6}};
    for (Object[] row : rows) {
      BanditPolicy policy = (BanditPolicy) row[0];
      BanditTrials.Outcome out = BanditTrials.run(policy, tasks, 1000, 2016);
      assertThat(out.meanTotalReward()).as(policy.name())
          .isCloseTo((double) row[1], within(2 * out.standardError() + 0.05));
    }
  }
}
