package org.gridrl.irl.sampled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.CategoricalPolicy;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.Rng;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;

class TabularEvaluationTest extends IrlTestBase {

  private static final ObservationEncoder<Integer> ONE_HOT = ObservationEncoder.oneHot(6);

  /** A learned reward that is a given table r(s, a), read from one-hot observations. */
  private static LearnedReward table(double[] rSa, int numA, LearnedReward.Inputs inputs) {
    return new LearnedReward() {
      @Override
      public Inputs inputs() {
        return inputs;
      }

      @Override
      public int observationDim() {
        return rSa.length / numA;
      }

      @Override
      public double[] rewards(double[] obs, double[] act, double[] next, int n, double[] out) {
        int d = observationDim();
        for (int i = 0; i < n; i++) {
          int s = 0;
          while (obs[i * d + s] != 1.0) {
            s++;
          }
          int a = inputs == Inputs.STATE ? 0 : (int) act[i];
          double r = rSa[s * numA + a];
          if (inputs == Inputs.TRANSITION) { // + 10·(index of s'), to see the expectation
            int sp = 0;
            while (next[i * d + sp] != 1.0) {
              sp++;
            }
            r += 10 * sp;
          }
          out[i] = r;
        }
        return out;
      }
    };
  }

  private static TabularMdp world() {
    TabularMdp mdp = randomMdp(7, 6, 3, 2, 0.9, 0);
    double[] r = new double[6 * 3];
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.sin(1.7 * i) + (i % 3 == 0 ? 1 : 0);
    }
    return mdp.withRewards(r);
  }

  @Test
  void policy_isTheSoftmaxOfTheNetworksLogitsAtEveryState() {
    CategoricalPolicy net = CategoricalPolicy.mlp(6, new int[] {5}, 3, new Rng(3));
    TabularPolicy pi = TabularEvaluation.policy(net, 6, ONE_HOT);
    org.gridrl.core.autodiff.Tape tape = new org.gridrl.core.autodiff.Tape();
    for (int s = 0; s < 6; s++) {
      org.ejml.data.DMatrixRMaj x = new org.ejml.data.DMatrixRMaj(1, 6);
      x.data[s] = 1;
      double[] logits = net.network().forward(tape, tape.constant(x)).value().data;
      double z = Math.exp(logits[0]) + Math.exp(logits[1]) + Math.exp(logits[2]);
      for (int a = 0; a < 3; a++) {
        assertThat(pi.probability(s, a)).isCloseTo(Math.exp(logits[a]) / z, within(1e-14));
      }
    }
  }

  @Test
  void normalisedReturn_isOneForTheOptimalPolicy_zeroForUniform_andLinearInBetween() {
    TabularMdp mdp = world();
    TabularPolicy star = ValueIteration.solve(mdp).policy();
    TabularPolicy unif = TabularPolicy.uniform(6, 3);
    assertThat(TabularEvaluation.normalisedReturn(mdp, star)).isCloseTo(1, within(1e-12));
    assertThat(TabularEvaluation.normalisedReturn(mdp, unif)).isCloseTo(0, within(1e-12));
    // J is linear in π only state by state, not in a mixture of whole policies; check the
    // definition directly on another policy instead
    TabularPolicy other = TabularPolicy.deterministic(new int[] {2, 1, 0, 2, 1, 0}, 3);
    double jStar = TabularEvaluation.expectedReturn(mdp, star);
    double jUnif = TabularEvaluation.expectedReturn(mdp, unif);
    double jOther = TabularEvaluation.expectedReturn(mdp, other);
    assertThat(TabularEvaluation.normalisedReturn(mdp, other))
        .isCloseTo((jOther - jUnif) / (jStar - jUnif), within(1e-12));
    assertThat(jStar).isGreaterThanOrEqualTo(jOther);
  }

  @Test
  void expectedReturn_isTheBellmanSolution() {
    // one absorbing state with reward 1, γ 0.5: V = 1 / (1 − 0.5) = 2
    TabularMdp mdp = TabularMdp.builder(1, 1).gamma(0.5).transition(0, 0, 0, 1).reward(0, 0, 1)
        .initialDistribution(new double[] {1}).build();
    assertThat(TabularEvaluation.expectedReturn(mdp, TabularPolicy.uniform(1, 1)))
        .isCloseTo(2, within(1e-12));
  }

  @Test
  void episodeReturn_sumsTheRewardAlongTheStateDistributionForTSteps() {
    // a ring of 3 states, one action moving on, reward 1, 2, 4 by state, start at 0:
    // 5 steps collect 1 + 2 + 4 + 1 + 2 = 10
    var b = TabularMdp.builder(3, 1).gamma(0.9).initialDistribution(new double[] {1, 0, 0});
    for (int s = 0; s < 3; s++) {
      b.transition(s, 0, (s + 1) % 3, 1).reward(s, 0, 1 << s);
    }
    TabularMdp ring = b.build();
    assertThat(TabularEvaluation.episodeReturn(ring, TabularPolicy.uniform(3, 1), 5))
        .isEqualTo(10.0);
    // with a terminal state 2, the walk collects 1 + 2 and stops
    var c = TabularMdp.builder(3, 1).gamma(0.9).initialDistribution(new double[] {1, 0, 0})
        .terminal(2);
    for (int s = 0; s < 3; s++) {
      c.transition(s, 0, (s + 1) % 3, 1).reward(s, 0, 1 << s);
    }
    assertThat(TabularEvaluation.episodeReturn(c.build(), TabularPolicy.uniform(3, 1), 5))
        .isEqualTo(3.0);
    // a stochastic world: the mean of sampled episodes' returns within 5 standard errors
    TabularMdp mdp = world();
    TabularPolicy pi = TabularPolicy.deterministic(new int[] {2, 1, 0, 2, 1, 0}, 3);
    double exact = TabularEvaluation.episodeReturn(mdp, pi, 7);
    org.gridrl.core.env.TabularEnv env = new org.gridrl.core.env.TabularEnv(mdp);
    Rng rng = new Rng(11);
    int n = 20000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      int s = env.resetState(rng.nextLong());
      double g = 0;
      for (int t = 0; t < 7; t++) {
        int a = pi.sample(s, rng);
        g += mdp.reward(s, a);
        s = env.stepState(a);
      }
      sum += g;
      sumSq += g * g;
    }
    double mean = sum / n;
    double se = Math.sqrt((sumSq / n - mean * mean) / n);
    assertThat(Math.abs(mean - exact)).isLessThan(5 * se);
  }

  @Test
  void theTrueReward_hasCorrelationOne_andNoValueDifference_andSoHasAnAffineCopy() {
    TabularMdp mdp = world();
    double[] affine = mdp.rewards().clone();
    for (int i = 0; i < affine.length; i++) {
      affine[i] = 3 * affine[i] - 2;
    }
    for (double[] r : new double[][] {mdp.rewards(), affine}) {
      LearnedReward learned = table(r, 3, LearnedReward.Inputs.STATE_ACTION);
      assertThat(TabularEvaluation.rewardCorrelation(mdp, learned, ONE_HOT))
          .isCloseTo(1, within(1e-12));
      assertThat(TabularEvaluation.expectedValueDifference(mdp, learned, ONE_HOT))
          .isCloseTo(0, within(1e-8));
    }
    double[] flipped = mdp.rewards().clone();
    for (int i = 0; i < flipped.length; i++) {
      flipped[i] = -flipped[i];
    }
    LearnedReward bad = table(flipped, 3, LearnedReward.Inputs.STATE_ACTION);
    assertThat(TabularEvaluation.rewardCorrelation(mdp, bad, ONE_HOT)).isCloseTo(-1,
        within(1e-12));
    assertThat(TabularEvaluation.expectedValueDifference(mdp, bad, ONE_HOT)).isPositive();
  }

  @Test
  void stateActionRewards_ofATransitionReward_isItsExpectationOverTheSuccessor() {
    TabularMdp mdp = world();
    double[] base = new double[18];
    for (int i = 0; i < base.length; i++) {
      base[i] = 0.25 * i;
    }
    double[] got = table(base, 3, LearnedReward.Inputs.TRANSITION).stateActionRewards(mdp,
        ONE_HOT);
    for (int s = 0; s < 6; s++) {
      for (int a = 0; a < 3; a++) {
        double expected = base[s * 3 + a];
        for (int sp = 0; sp < 6; sp++) {
          expected += mdp.transitionProbability(s, a, sp) * 10 * sp;
        }
        assertThat(got[s * 3 + a]).as("s=%d a=%d", s, a).isCloseTo(expected, within(1e-12));
      }
    }
    // a state reward ignores the action: every action of s gets r(s, 0)
    double[] st = table(base, 3, LearnedReward.Inputs.STATE).stateActionRewards(mdp, ONE_HOT);
    for (int s = 0; s < 6; s++) {
      for (int a = 0; a < 3; a++) {
        assertThat(st[s * 3 + a]).isEqualTo(base[s * 3]);
      }
    }
  }
}
