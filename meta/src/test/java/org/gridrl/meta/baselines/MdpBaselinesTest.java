package org.gridrl.meta.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.planning.FiniteHorizonSolution;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.mdp.RandomMdp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MdpBaselinesTest {

  private static final double TIGHT = 1e-12;

  /**
   * Prior α_0 = 1, μ_0 = 0.5, σ_0 = 2, σ = 1.5 on S = 3, A = 2; transitions (0,1)→2 r=1,
   * (0,1)→2 r=3, (0,1)→0 r=−1, (1,0)→1 r=2. Closed forms: α(0,1,·) = (2, 1, 3), mean (2, 1, 3)/6;
   * λ(0,1) = 1/4 + 3/2.25, m(0,1) = (0.5/4 + 3/2.25)/λ; an unvisited pair keeps the prior.
   */
  @Test
  void posterior_afterHandTransitions_isClosedFormDirichletAndNormal() {
    MdpPosterior post = new MdpPosterior(new MdpPrior(1, 0.5, 2, 1.5), 3, 2);
    post.observe(0, 1, 1.0, 2);
    post.observe(0, 1, 3.0, 2);
    post.observe(0, 1, -1.0, 0);
    post.observe(1, 0, 2.0, 1);
    assertThat(post.visits(0, 1)).isEqualTo(3);
    assertThat(post.transitionAlpha(0, 1, 0)).isEqualTo(2.0);
    assertThat(post.transitionAlpha(0, 1, 1)).isEqualTo(1.0);
    assertThat(post.transitionAlpha(0, 1, 2)).isEqualTo(3.0);
    assertThat(post.transitionMean(0, 1, 0)).isCloseTo(2.0 / 6, within(TIGHT));
    assertThat(post.transitionMean(0, 1, 2)).isCloseTo(3.0 / 6, within(TIGHT));
    assertThat(post.transitionMean(1, 0, 1)).isCloseTo(2.0 / 4, within(TIGHT));
    assertThat(post.transitionMean(2, 1, 0)).isCloseTo(1.0 / 3, within(TIGHT));
    double lambda = 1 / 4.0 + 3 / 2.25;
    assertThat(post.rewardPrecision(0, 1)).isCloseTo(lambda, within(TIGHT));
    assertThat(post.rewardMean(0, 1)).isCloseTo((0.5 / 4 + 3.0 / 2.25) / lambda, within(TIGHT));
    assertThat(post.rewardVariance(0, 1)).isCloseTo(1 / lambda, within(TIGHT));
    double lambda10 = 1 / 4.0 + 1 / 2.25;
    assertThat(post.rewardMean(1, 0)).isCloseTo((0.5 / 4 + 2 / 2.25) / lambda10, within(TIGHT));
    assertThat(post.rewardMean(2, 0)).isCloseTo(0.5, within(TIGHT));
    assertThat(post.rewardVariance(2, 0)).isCloseTo(4.0, within(TIGHT));

    TabularMdp mean = post.meanModel(0.6);
    assertThat(mean.transitionProbability(0, 1, 1)).isCloseTo(1.0 / 6, within(TIGHT));
    assertThat(mean.reward(0, 1)).isCloseTo((0.5 / 4 + 3.0 / 2.25) / lambda + 0.6 / 4,
        within(TIGHT));
    assertThat(mean.reward(2, 0)).isCloseTo(0.5 + 0.6, within(TIGHT));
    assertThat(mean.initialDistribution()).containsExactly(1, 0, 0);
  }

  /** The first MDP of the RL² distribution at sizes (3, 2, 5) whose plan has all Q gaps ≥ 0.1. */
  private static RandomMdp wellSeparatedMdp() {
    for (long seed = 1; ; seed++) {
      RandomMdp env = RandomMdp.sample(RandomMdp.Spec.rl2(3, 2, 5), new Rng(seed));
      FiniteHorizonSolution sol = env.optimalSolution();
      double minGap = Double.POSITIVE_INFINITY;
      for (double[] q : sol.q()) {
        for (int s = 0; s < 3; s++) {
          minGap = Math.min(minGap, Math.abs(q[2 * s] - q[2 * s + 1]));
        }
      }
      if (minGap >= 0.1) {
        return env;
      }
    }
  }

  /**
   * After 10⁶ transitions per (s, a) in proportion to the true P and with rewards at their means,
   * every posterior draw is within ~10⁻³ of the true MDP, so PSRL's time-indexed policy equals
   * the finite-horizon VI policy of that MDP at every (t, s), in every episode.
   */
  @Test
  void psrl_concentratedPosterior_actsAsTheTrueMdpsOptimalPolicy() {
    RandomMdp env = wellSeparatedMdp();
    TabularMdp mdp = env.mdp();
    Psrl psrl = new Psrl(MdpPrior.rl2());
    psrl.startTrial(3, 2, 5, new Rng(4));
    int n = 1_000_000;
    for (int s = 0; s < 3; s++) {
      for (int a = 0; a < 2; a++) {
        for (int next = 0; next < 3; next++) {
          long count = Math.round(n * mdp.transitionProbability(s, a, next));
          for (long k = 0; k < count; k++) {
            psrl.observe(s, a, mdp.reward(s, a), next);
          }
        }
      }
    }
    var optimal = env.optimalSolution().policies();
    for (int episode = 0; episode < 5; episode++) {
      psrl.startEpisode();
      for (int t = 0; t < 5; t++) {
        for (int s = 0; s < 3; s++) {
          assertThat(psrl.act(s, t)).as("episode %s, t %s, s %s", episode, t, s)
              .isEqualTo(optimal[t].greedyAction(s));
        }
      }
    }
  }

  /**
   * The random policy's mean return over 20 000 one-episode trials on one fixed MDP (S = 4,
   * A = 3, H = 10, with unit reward noise) is within 4 standard errors of the exact uniform-policy
   * value V_0(0), by backward recursion V_t(s) = (1/A) Σ_a [R̄(s,a) + Σ_{s'} P(s'|s,a) V_{t+1}(s')].
   */
  @Test
  void randomPolicy_meanReturn_matchesExactFiniteHorizonEvaluation() {
    RandomMdp env = RandomMdp.sample(RandomMdp.Spec.rl2(4, 3, 10), new Rng(8));
    TabularMdp mdp = env.mdp();
    double[] v = new double[4];
    for (int t = 9; t >= 0; t--) {
      double[] next = new double[4];
      for (int s = 0; s < 4; s++) {
        for (int a = 0; a < 3; a++) {
          double q = mdp.reward(s, a);
          for (int s2 = 0; s2 < 4; s2++) {
            q += mdp.transitionProbability(s, a, s2) * v[s2];
          }
          next[s] += q / 3;
        }
      }
      v = next;
    }
    TaskDistribution<RandomMdp> always = rng -> env;
    MdpTrials.Outcome o = MdpTrials.run(new MdpRandomPolicy(), always, 20_000, 1, 3);
    assertThat(Math.abs(o.meanTotalReturn() - v[0])).isLessThan(4 * o.standardError());
    // the mean of 20 000 equal numbers, up to summation rounding
    assertThat(o.meanOptimalReturn()).isCloseTo(env.optimalEpisodeValue(), within(1e-9));
  }

  static Stream<Supplier<MdpTrialPolicy>> baselines() {
    return Stream.of(MdpRandomPolicy::new, () -> MdpEpsilonGreedy.greedy(MdpPrior.rl2()),
        () -> new MdpEpsilonGreedy(MdpPrior.rl2(), 0.2), () -> new Beb(MdpPrior.rl2(), 0.5),
        () -> new Psrl(MdpPrior.rl2()), () -> new Ucrl2(Ucrl2.TUNED_SCALE_RL2),
        () -> MdpEpsilonGreedy.tabulaRl(0), () -> MdpEpsilonGreedy.tabulaRl(0.1),
        Psrl::tabulaRl, () -> Beb.tabulaRl(1e-3), () -> Ucrl2.tabulaRl(0.01));
  }

  /** Same seed, same trials: fresh instances and one instance reused agree to the bit. */
  @ParameterizedTest
  @MethodSource("baselines")
  void sameSeed_sameTrials(Supplier<MdpTrialPolicy> policy) {
    var tasks = RandomMdp.tasks(RandomMdp.Spec.rl2());
    MdpTrials.Outcome a = MdpTrials.run(policy.get(), tasks, 5, 3, 17);
    MdpTrialPolicy reused = policy.get();
    MdpTrials.run(reused, tasks, 2, 2, 99);
    MdpTrials.Outcome b = MdpTrials.run(reused, tasks, 5, 3, 17);
    assertThat(b.totalReturn()).containsExactly(a.totalReturn());
    assertThat(b.optimalReturn()).containsExactly(a.optimalReturn());
  }

  /**
   * With β = 0 and ε = 0, BEB and greedy are the same policy; the tuner picks the clearly better
   * of β ∈ {0.5, 8} (measured 162 vs 123 on 500 trials, standard errors ≈ 1).
   */
  @Test
  void tabulaRlGreedy_plansOncePerEpisodeOnTheEmpiricalModel_andBreaksTiesUniformly() {
    MdpEpsilonGreedy greedy = MdpEpsilonGreedy.tabulaRl(0);
    assertThat(greedy.replansEachEpisode()).isTrue();
    assertThat(greedy.prior()).isEqualTo(new MdpPrior(1e-4, 0, 100, 1));
    greedy.startTrial(2, 3, 2, new Rng(5));
    Rng twin = new Rng(5);
    // nothing seen: every pair has reward 0 and uniform transitions, all Q tie: one uniform draw
    greedy.startEpisode();
    assertThat(greedy.act(0, 0)).isEqualTo(twin.nextInt(3));
    greedy.observe(0, 1, 2.0, 1);
    // the episode's plan is kept: at t = 1 in state 1 the Q values still all tie (one draw)
    assertThat(greedy.act(1, 1)).isEqualTo(twin.nextInt(3));
    // the empirical posterior mean: (0·10⁻⁴ + 2·1)/(10⁻⁴ + 1)
    assertThat(greedy.posterior().rewardMean(0, 1)).isCloseTo(2 / 1.0001, within(TIGHT));
    assertThat(greedy.posterior().rewardMean(0, 0)).isEqualTo(0.0);
    // next episode: replanned, (0, 1) is the only positive reward, no tie and no draw
    greedy.startEpisode();
    assertThat(greedy.act(0, 0)).isEqualTo(1);
    greedy.observe(0, 1, -5.0, 0);
    // the mean of (0, 1) is now (2 − 5)/(1.0001 + 1) < 0, but the plan made at t = 0 stands
    assertThat(greedy.act(0, 1)).isEqualTo(1);
    // a step-replanning greedy on the same history avoids it (ties 0 and 2 go to action 0)
    MdpEpsilonGreedy stepwise = new MdpEpsilonGreedy(MdpPrior.tabulaRlEmpirical(), 0, false);
    stepwise.startTrial(2, 3, 2, new Rng(5));
    stepwise.startEpisode();
    stepwise.observe(0, 1, 2.0, 1);
    stepwise.observe(0, 1, -5.0, 0);
    assertThat(stepwise.act(0, 1)).isEqualTo(0);
  }

  @Test
  void tune_picksTheClearlyBetterConstant() {
    var tasks = RandomMdp.tasks(RandomMdp.Spec.rl2());
    MdpTrials.Outcome greedy = MdpTrials.run(MdpEpsilonGreedy.greedy(MdpPrior.rl2()), tasks, 20,
        2, 5);
    MdpTrials.Outcome beb0 = MdpTrials.run(new Beb(MdpPrior.rl2(), 0), tasks, 20, 2, 5);
    assertThat(beb0.totalReturn()).containsExactly(greedy.totalReturn());
    MdpBaselineTuning.Result r = MdpBaselineTuning.tune(b -> new Beb(MdpPrior.rl2(), b),
        new double[] {8, 0.5}, tasks, 60, 10, 1000);
    assertThat(r.best()).isEqualTo(0.5);
    assertThat(r.bestIndex()).isEqualTo(1);
    assertThat(r.meanTotalReturn()[1] - r.meanTotalReturn()[0])
        .isGreaterThan(3 * Math.hypot(r.standardError()[0], r.standardError()[1]));
  }

  /**
   * RL²'s Table 2, row n = 10 (200 trials × 10 episodes, S = 10, A = 5, H = 10, seed 0). Paper:
   * random 100.1, PSRL 138.1, UCRL2 146.6, BEB 150.2, ε-greedy 132.8, greedy 134.8. Measured here:
   * random 98.34 ± 1.36, PSRL 131.08 ± 1.79, UCRL2 (c = 2) 143.79 ± 1.77, BEB (β = 0.5)
   * 162.12 ± 1.81, ε-greedy (ε = 0.01) 156.81 ± 1.69, greedy 157.51 ± 1.70, oracle n·V*_0(0)
   * 217.30. Asserted: random within two
   * standard errors of the paper (it has no constant and no modelling choice), every baseline
   * between random and the oracle, and the model-based ones above random by 20 standard errors.
   * The others are reported, not pinned (see docs/algorithms/meta.md for why greedy and BEB beat
   * the paper's numbers).
   */
  @Test
  void table2RowTen_randomMatchesPaper_othersBetweenRandomAndOracle() {
    var tasks = RandomMdp.tasks(RandomMdp.Spec.rl2());
    MdpTrials.Outcome random = MdpTrials.run(new MdpRandomPolicy(), tasks, 200, 10, 0);
    assertThat(Math.abs(random.meanTotalReturn() - 100.1))
        .isLessThan(2 * random.standardError());
    MdpTrialPolicy[] others = {new Psrl(MdpPrior.rl2()),
        new Beb(MdpPrior.rl2(), Beb.TUNED_BETA_RL2), new Ucrl2(Ucrl2.TUNED_SCALE_RL2),
        new MdpEpsilonGreedy(MdpPrior.rl2(), MdpEpsilonGreedy.TUNED_EPSILON_RL2),
        MdpEpsilonGreedy.greedy(MdpPrior.rl2())};
    for (MdpTrialPolicy p : others) {
      MdpTrials.Outcome o = MdpTrials.run(p, tasks, 200, 10, 0);
      assertThat(o.meanTotalReturn()).as(p.name())
          .isGreaterThan(random.meanTotalReturn() + 20 * random.standardError())
          .isLessThan(o.meanOptimalReturn());
      assertThat(o.meanRegret()).isPositive();
    }
  }

  @Test
  void badArguments_nameTheValue() {
    assertThatThrownBy(() -> new Beb(MdpPrior.rl2(), -1)).hasMessageContaining("bonus");
    assertThatThrownBy(() -> new MdpEpsilonGreedy(MdpPrior.rl2(), 1.5))
        .hasMessageContaining("epsilon");
    assertThatThrownBy(() -> new MdpPrior(1, 1, 0, 1)).hasMessageContaining("rewardPriorStd");
    Psrl psrl = new Psrl(MdpPrior.rl2());
    assertThatThrownBy(() -> psrl.act(0, 0)).isInstanceOf(IllegalStateException.class);
    psrl.startTrial(3, 2, 4, new Rng(1));
    psrl.startEpisode();
    assertThatThrownBy(() -> psrl.act(0, 4)).hasMessage("t must be in [0, 4), got 4");
  }
}
