package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.testing.RandomMdps;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

class PolicyTablesTest extends TestBase {

  private static final ObservationEncoder<Integer> ONE_HOT = ObservationEncoder.oneHot(6);

  private static TabularMdp world() {
    // RandomMdps' rewards are replaced; the assertions hold for any dynamics
    TabularMdp mdp = RandomMdps.random(7, 6, 3, 2, 0.9, 0.0);
    double[] r = new double[6 * 3];
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.sin(1.7 * i) + (i % 3 == 0 ? 1 : 0);
    }
    return mdp.withRewards(r);
  }

  @Test
  void policy_isTheSoftmaxOfTheNetworksLogitsAtEveryState() {
    CategoricalPolicy net = CategoricalPolicy.mlp(6, new int[] {5}, 3, new Rng(3));
    TabularPolicy pi = PolicyTables.policy(net, 6, ONE_HOT);
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
    assertThat(PolicyTables.normalisedReturn(mdp, star)).isCloseTo(1, within(1e-12));
    assertThat(PolicyTables.normalisedReturn(mdp, unif)).isCloseTo(0, within(1e-12));
    // J is linear in π only state by state, not in a mixture of whole policies; check the
    // definition directly on another policy instead
    TabularPolicy other = TabularPolicy.deterministic(new int[] {2, 1, 0, 2, 1, 0}, 3);
    double jStar = PolicyTables.expectedReturn(mdp, star);
    double jUnif = PolicyTables.expectedReturn(mdp, unif);
    double jOther = PolicyTables.expectedReturn(mdp, other);
    assertThat(PolicyTables.normalisedReturn(mdp, other))
        .isCloseTo((jOther - jUnif) / (jStar - jUnif), within(1e-12));
    assertThat(jStar).isGreaterThanOrEqualTo(jOther);
  }

  @Test
  void expectedReturn_isTheBellmanSolution() {
    // one absorbing state with reward 1, γ 0.5: V = 1 / (1 − 0.5) = 2
    TabularMdp mdp = TabularMdp.builder(1, 1).gamma(0.5).transition(0, 0, 0, 1).reward(0, 0, 1)
        .initialDistribution(new double[] {1}).build();
    assertThat(PolicyTables.expectedReturn(mdp, TabularPolicy.uniform(1, 1)))
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
    assertThat(PolicyTables.episodeReturn(ring, TabularPolicy.uniform(3, 1), 5))
        .isEqualTo(10.0);
    // with a terminal state 2, the walk collects 1 + 2 and stops
    var c = TabularMdp.builder(3, 1).gamma(0.9).initialDistribution(new double[] {1, 0, 0})
        .terminal(2);
    for (int s = 0; s < 3; s++) {
      c.transition(s, 0, (s + 1) % 3, 1).reward(s, 0, 1 << s);
    }
    assertThat(PolicyTables.episodeReturn(c.build(), TabularPolicy.uniform(3, 1), 5))
        .isEqualTo(3.0);
    // a stochastic world: the mean of sampled episodes' returns within 5 standard errors
    TabularMdp mdp = world();
    TabularPolicy pi = TabularPolicy.deterministic(new int[] {2, 1, 0, 2, 1, 0}, 3);
    double exact = PolicyTables.episodeReturn(mdp, pi, 7);
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
}
