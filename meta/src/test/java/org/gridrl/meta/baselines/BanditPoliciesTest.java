package org.gridrl.meta.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.bandit.BernoulliBandit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BanditPoliciesTest {

  static Stream<Supplier<BanditPolicy>> policies() {
    return Stream.of(RandomPolicy::new, EpsilonGreedy::greedy, () -> new EpsilonGreedy(0.1),
        Ucb1::new, () -> Ucb1.withPrior(0.2, 1, 1), ThompsonSampling::new,
        () -> new GittinsPolicy(0.9));
  }

  /** One trial of n pulls; returns the arms pulled and, after them, the rewards. */
  private static int[] trial(BanditPolicy policy, BernoulliBandit bandit, long seed) {
    int n = bandit.pulls();
    int[] out = new int[2 * n];
    policy.reset(bandit.numArms(), new Rng(seed));
    bandit.reset(seed + 1);
    for (int t = 0; t < n; t++) {
      int arm = policy.choose();
      double r = bandit.step(arm).reward();
      policy.observe(arm, r);
      out[t] = arm;
      out[n + t] = (int) r;
    }
    return out;
  }

  private static void feed(BanditPolicy policy, int arm, int successes, int failures) {
    for (int i = 0; i < successes; i++) {
      policy.observe(arm, 1);
    }
    for (int i = 0; i < failures; i++) {
      policy.observe(arm, 0);
    }
  }

  @ParameterizedTest
  @MethodSource("policies")
  void sameSeed_sameArmsAndRewards(Supplier<BanditPolicy> make) {
    BernoulliBandit bandit = BernoulliBandit.tasks(5, 200).sample(new Rng(3));
    int[] first = trial(make.get(), bandit, 17);
    assertThat(trial(make.get(), bandit, 17)).containsExactly(first);
    // and a policy reused across trials forgets the last one
    BanditPolicy reused = make.get();
    trial(reused, bandit, 99);
    assertThat(trial(reused, bandit, 17)).containsExactly(first);
  }

  @Test
  void random_isTheRngsUniformDraws() {
    BanditPolicy random = new RandomPolicy();
    random.reset(7, new Rng(5));
    Rng same = new Rng(5);
    for (int t = 0; t < 50; t++) {
      assertThat(random.choose()).isEqualTo(same.nextInt(7));
    }
  }

  @Test
  void greedy_picksTheBestPosteriorMean_andBreaksTiesWithOneDraw() {
    BanditPolicy greedy = EpsilonGreedy.greedy();
    greedy.reset(3, new Rng(1));
    // posterior means (1+s)/(2+n): arm 0 (1+3)/(2+4) = 2/3, arm 1 (1+0)/2 = 1/2, arm 2 (1+1)/(2+1)
    // = 2/3: a tie between 0 and 2, settled by nextInt(2)
    feed(greedy, 0, 3, 1);
    feed(greedy, 2, 1, 0);
    Rng same = new Rng(1);
    for (int t = 0; t < 20; t++) {
      assertThat(greedy.choose()).isEqualTo(same.nextInt(2) == 0 ? 0 : 2);
    }
    greedy.observe(2, 1); // arm 2 now (1+2)/(2+2) = 3/4: no tie, no draw
    assertThat(greedy.choose()).isEqualTo(2);
  }

  @Test
  void greedyLowestTie_takesTheLowestBestArm_drawingNothing() {
    EpsilonGreedy greedy = EpsilonGreedy.lowestTie(0);
    assertThat(greedy.breaksTiesLow()).isTrue();
    assertThat(EpsilonGreedy.greedy().breaksTiesLow()).isFalse();
    Rng rng = new Rng(1);
    greedy.reset(4, rng);
    // untouched: all four at 1/2, so arm 0 (numpy's argmax)
    assertThat(greedy.choose()).isZero();
    // arm 0 at 1 success in 1 pull (2/3), then 1 success 1 failure: 2/4 = 1/2, tied with the
    // unpulled arms 1–3, and still arm 0 is taken before any unpulled arm
    feed(greedy, 0, 1, 0);
    assertThat(greedy.choose()).isZero();
    greedy.observe(0, 0);
    assertThat(greedy.choose()).isZero();
    greedy.observe(0, 0); // arm 0 at 2/5 < 1/2: the lowest of the tied unpulled arms, arm 1
    assertThat(greedy.choose()).isEqualTo(1);
    feed(greedy, 3, 2, 0); // arm 3 at 3/4, the unique best
    assertThat(greedy.choose()).isEqualTo(3);
    // no draw was taken from the trial's generator
    assertThat(rng.nextLong()).isEqualTo(new Rng(1).nextLong());
  }

  @Test
  void epsilonGreedy_explores_exactlyWhenTheUniformDrawIsBelowEpsilon() {
    EpsilonGreedy policy = new EpsilonGreedy(0.3);
    policy.reset(4, new Rng(8));
    feed(policy, 1, 5, 0); // arm 1 is the unique best posterior mean
    Rng same = new Rng(8);
    int explored = 0;
    for (int t = 0; t < 2000; t++) {
      int expected = same.nextDouble() < 0.3 ? same.nextInt(4) : 1;
      if (expected != 1) {
        explored++;
      }
      assertThat(policy.choose()).isEqualTo(expected);
    }
    // explorations that leave arm 1: ε(k−1)/k = 0.225 of the pulls, to 4 standard errors
    assertThat(explored / 2000.0).isCloseTo(0.225, within(4 * Math.sqrt(0.225 * 0.775 / 2000)));
  }

  @Test
  void ucb1_pullsEachArmOnceInOrder_thenTheLargestUpperBound() {
    Ucb1 ucb = new Ucb1();
    ucb.reset(3, new Rng(0));
    for (int arm = 0; arm < 3; arm++) {
      assertThat(ucb.choose()).isEqualTo(arm);
      ucb.observe(arm, arm == 1 ? 1 : 0);
    }
    ucb.observe(0, 1);
    ucb.observe(2, 0);
    ucb.observe(2, 0);
    // t = 6; arm 0: n = 2, s = 1; arm 1: n = 1, s = 1; arm 2: n = 3, s = 0
    double l = Math.log(6);
    assertThat(ucb.upperBound(0)).isCloseTo(0.5 + Math.sqrt(2 * l / 2), within(1e-15));
    assertThat(ucb.upperBound(1)).isCloseTo(1.0 + Math.sqrt(2 * l / 1), within(1e-15));
    assertThat(ucb.upperBound(2)).isCloseTo(0.0 + Math.sqrt(2 * l / 3), within(1e-15));
    assertThat(ucb.choose()).isEqualTo(1);
    Ucb1 noBonus = new Ucb1(0);
    noBonus.reset(2, new Rng(0));
    feed(noBonus, 0, 1, 3);
    feed(noBonus, 1, 1, 2);
    assertThat(noBonus.choose()).isEqualTo(1); // c = 0: the empirical means 1/4 < 1/3
  }

  @Test
  void ucb1WithPrior_scoresThePosteriorMeanPlusTheBonusOverPseudoCounts_withoutARound() {
    Ucb1 ucb = Ucb1.withPrior(0.5, 1, 1);
    assertThat(ucb.hasPrior()).isTrue();
    assertThat(new Ucb1(0.5).hasPrior()).isFalse();
    ucb.reset(3, new Rng(0));
    // t = 0: every score is the prior mean 1/2 (no bonus while t <= 1)
    for (int i = 0; i < 3; i++) {
      assertThat(ucb.upperBound(i)).isEqualTo(0.5);
    }
    ucb.observe(0, 0);
    // t = 1: ln 1 = 0, so the scores are the posterior means 1/3, 1/2, 1/2
    assertThat(ucb.upperBound(0)).isEqualTo(1.0 / 3);
    assertThat(ucb.upperBound(1)).isEqualTo(0.5);
    ucb.observe(0, 1);
    ucb.observe(1, 0);
    // t = 3; arm 0: s = 1, n = 2, m = 4; arm 1: s = 0, n = 1, m = 3; arm 2: s = n = 0, m = 2.
    // U = (1 + s)/m + 0.5·sqrt(2 ln 3 / m), by hand: 0.5 + 0.370576, 1/3 + 0.427904,
    // 0.5 + 0.524074
    assertThat(ucb.upperBound(0)).isCloseTo(0.870576, within(1e-6));
    assertThat(ucb.upperBound(1)).isCloseTo(0.761238, within(1e-6));
    assertThat(ucb.upperBound(2)).isCloseTo(1.024074, within(1e-6));
    assertThat(ucb.choose()).isEqualTo(2);

    // No initial round: at c = 0 a pulled arm with posterior mean 3/4 beats an unpulled one
    // (1/2), where Auer's form would pull the unpulled arm first
    Ucb1 greedyLike = Ucb1.withPrior(0, 1, 1);
    greedyLike.reset(2, new Rng(0));
    feed(greedyLike, 0, 2, 0);
    assertThat(greedyLike.choose()).isEqualTo(0);
    Ucb1 auer = new Ucb1(0);
    auer.reset(2, new Rng(0));
    feed(auer, 0, 2, 0);
    assertThat(auer.choose()).isEqualTo(1);

    // α₀ and β₀ enter as pseudo-successes and pseudo-failures: Beta(2, 1), t = 2, arm 0 with
    // s = 0, n = 2: (2 + 0)/5 + 1·sqrt(2 ln 2 / 5); the unpulled arm 1: 2/3 + sqrt(2 ln 2 / 3)
    Ucb1 skewed = Ucb1.withPrior(1, 2, 1);
    skewed.reset(2, new Rng(0));
    feed(skewed, 0, 0, 2);
    assertThat(skewed.upperBound(0)).isCloseTo(0.4 + 0.526554, within(1e-6));
    assertThat(skewed.upperBound(1)).isCloseTo(2.0 / 3 + 0.679778, within(1e-6));
    assertThat(skewed.choose()).isEqualTo(1);
  }

  @Test
  void ucb1WithPrior_refusesABadPrior() {
    assertThatThrownBy(() -> Ucb1.withPrior(1, 0, 1))
        .hasMessage("priorAlpha must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> Ucb1.withPrior(1, 1, Double.NaN))
        .hasMessage("priorBeta must be finite and > 0, got NaN");
    assertThatThrownBy(() -> Ucb1.withPrior(-1, 1, 1))
        .hasMessage("c must be finite and >= 0, got -1.0");
  }

  @Test
  void thompson_pullsTheArgmaxOfOneBetaDrawPerArm() {
    ThompsonSampling ts = new ThompsonSampling();
    ts.reset(3, new Rng(4));
    feed(ts, 0, 2, 3);
    feed(ts, 2, 7, 1);
    Rng same = new Rng(4);
    for (int t = 0; t < 100; t++) {
      double a = BetaSampler.next(3, 4, same);
      double b = BetaSampler.next(1, 1, same);
      double c = BetaSampler.next(8, 2, same);
      int expected = a > b && a > c ? 0 : b > c ? 1 : 2;
      assertThat(ts.choose()).isEqualTo(expected);
    }
  }

  @Test
  void betaSampler_hasTheBetaMeanAndVariance() {
    // E = a/(a+b), Var = ab/((a+b)²(a+b+1)); 200 000 draws, means to 5 standard errors,
    // variances to 3% (the shape < 1 path is a = 0.5)
    double[][] cases = {{2, 5}, {0.5, 0.5}, {30, 10}};
    Rng rng = new Rng(12);
    for (double[] ab : cases) {
      double a = ab[0];
      double b = ab[1];
      int n = 200_000;
      double sum = 0;
      double sq = 0;
      for (int i = 0; i < n; i++) {
        double x = BetaSampler.next(a, b, rng);
        sum += x;
        sq += x * x;
      }
      double mean = a / (a + b);
      double var = a * b / ((a + b) * (a + b) * (a + b + 1));
      double m = sum / n;
      assertThat(m).as("mean of Beta(%s, %s)", a, b)
          .isCloseTo(mean, within(5 * Math.sqrt(var / n)));
      assertThat(sq / n - m * m).as("variance").isCloseTo(var, within(0.03 * var));
    }
  }

  @Test
  void gittins_prefersTheHigherIndex_evenOverAHigherMean() {
    GittinsPolicy policy = new GittinsPolicy(0.9);
    policy.reset(2, new Rng(0));
    // arm 0: 9 wins 6 losses, mean 10/17 = 0.588, index 0.6300; arm 1: 1–1, mean 0.5,
    // index 0.6346 (the example in Christian & Griffiths 2016, ch. 2)
    feed(policy, 0, 9, 6);
    feed(policy, 1, 1, 1);
    assertThat(policy.choose()).isEqualTo(1);
    EpsilonGreedy greedy = EpsilonGreedy.greedy();
    greedy.reset(2, new Rng(0));
    feed(greedy, 0, 9, 6);
    feed(greedy, 1, 1, 1);
    assertThat(greedy.choose()).isEqualTo(0);
  }

  @Test
  void betaBernoulliPolicies_refuseNonBinaryRewards_andAllRefuseBadArms() {
    ThompsonSampling ts = new ThompsonSampling();
    ts.reset(2, new Rng(0));
    assertThatThrownBy(() -> ts.observe(0, 0.5))
        .hasMessage("thompson needs Bernoulli rewards (0 or 1), got 0.5");
    Ucb1 ucb = new Ucb1();
    assertThatThrownBy(ucb::choose).hasMessage("ucb1: choose before reset");
    ucb.reset(2, new Rng(0));
    assertThatThrownBy(() -> ucb.observe(2, 1)).hasMessage("arm must be in [0, 2), got 2");
    assertThatThrownBy(() -> new EpsilonGreedy(1.5))
        .hasMessage("epsilon must be in [0, 1], got 1.5");
  }
}
