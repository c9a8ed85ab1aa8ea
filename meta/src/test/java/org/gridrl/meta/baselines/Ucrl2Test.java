package org.gridrl.meta.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.mdp.RandomMdp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ucrl2Test {

  /**
   * On S = 3 the maximiser of Σ p v over {p in the simplex, ‖p − p̂‖₁ ≤ d} is feasible and at
   * least as good as every feasible point of a 0.002 grid of the simplex (brute force), for
   * random p̂, v, d.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  void optimisticExpectation_beatsEveryFeasibleGridPoint(int seed) {
    Rng rng = new Rng(seed);
    double[] pHat = org.gridrl.core.dist.Dirichlet.sample(new double[] {1, 1, 1}, rng);
    double[] v = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
    double d = 1.2 * rng.nextDouble();
    double[] p = new double[3];
    double e = Ucrl2.optimisticExpectation(pHat, v, d, new int[3], p);
    double l1 = 0;
    double sum = 0;
    for (int i = 0; i < 3; i++) {
      assertThat(p[i]).isGreaterThanOrEqualTo(0);
      l1 += Math.abs(p[i] - pHat[i]);
      sum += p[i];
    }
    assertThat(sum).isCloseTo(1, within(1e-12));
    assertThat(l1).isLessThanOrEqualTo(d + 1e-12);
    assertThat(e).isCloseTo(p[0] * v[0] + p[1] * v[1] + p[2] * v[2], within(1e-12));
    int steps = 500;
    for (int i = 0; i <= steps; i++) {
      for (int j = 0; i + j <= steps; j++) {
        double[] q = {i / (double) steps, j / (double) steps, (steps - i - j) / (double) steps};
        double dist = Math.abs(q[0] - pHat[0]) + Math.abs(q[1] - pHat[1])
            + Math.abs(q[2] - pHat[2]);
        if (dist <= d) {
          assertThat(e).isGreaterThanOrEqualTo(q[0] * v[0] + q[1] * v[1] + q[2] * v[2] - 1e-12);
        }
      }
    }
  }

  /**
   * With c = 0 the confidence set is the empirical model, so after a history that visits every
   * pair UCRL2's plan is core's finite-horizon VI policy on (p̂, r̂) at every (t, s).
   */
  @Test
  void zeroScale_plansTheEmpiricalModel() {
    RandomMdp env = RandomMdp.sample(RandomMdp.Spec.rl2(4, 3, 6), new Rng(21));
    Ucrl2 ucrl = new Ucrl2(0);
    ucrl.startTrial(4, 3, 6, new Rng(1));
    Rng rng = new Rng(2);
    int[][][] counts = new int[4][3][4];
    double[][] sums = new double[4][3];
    for (int e = 0; e < 200; e++) {
      int s = env.reset(rng.nextLong());
      for (int t = 0; t < 6; t++) {
        int a = rng.nextInt(3);
        var step = env.step(a);
        ucrl.observe(s, a, step.reward(), step.observation());
        counts[s][a][step.observation()]++;
        sums[s][a] += step.reward();
        s = step.observation();
      }
    }
    TabularMdpBuilder b = TabularMdp.builder(4, 3).gamma(1.0);
    for (int s = 0; s < 4; s++) {
      for (int a = 0; a < 3; a++) {
        int n = counts[s][a][0] + counts[s][a][1] + counts[s][a][2] + counts[s][a][3];
        assertThat(n).as("visits of (%s, %s)", s, a).isPositive();
        for (int next = 0; next < 4; next++) {
          b.transition(s, a, next, counts[s][a][next] / (double) n);
        }
        b.reward(s, a, sums[s][a] / n);
      }
    }
    var policies = ValueIteration.solveFiniteHorizon(b.build(), 6, 1.0).policies();
    ucrl.startEpisode();
    for (int t = 0; t < 6; t++) {
      for (int s = 0; s < 4; s++) {
        assertThat(ucrl.act(s, t)).as("t %s, s %s", t, s)
            .isEqualTo(policies[t].greedyAction(s));
      }
    }
  }
}
