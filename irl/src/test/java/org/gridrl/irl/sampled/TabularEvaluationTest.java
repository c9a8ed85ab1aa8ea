package org.gridrl.irl.sampled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
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
