package org.gridrl.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

class FeatureExpectationsTest extends TestBase {

  private final StateFeatures phi = StateFeatures.of(3, 2, new double[] {1, 0, 0, 2, 1, -1},
      List.of("a", "b"));

  @Test
  void of_isVisitationWeightedSumOfFeatures() {
    double[] mu = FeatureExpectations.of(phi, new double[] {0.5, 2, 4});
    assertClose(new double[] {0.5 + 4, 4 - 4}, mu, TIGHT);
  }

  @Test
  void of_identityFeatures_returnsTheVisitation() {
    double[] d = {0.1, 3, 0.25};
    assertClose(d, FeatureExpectations.of(StateFeatures.identity(3), d), 0.0);
  }

  /** FeatureExpectations.of before the four-state loop (commit 2e1ae92), verbatim. */
  private static double[] ofOneStateAtATime(StateFeatures phi, double[] visitation) {
    final int numStates = phi.numStates();
    final int k = phi.numFeatures();
    final double[] table = phi.data();
    final double[] mu = new double[k];
    for (int s = 0; s < numStates; s++) {
      final double ds = visitation[s];
      if (ds == 0) {
        continue;
      }
      for (int i = 0; i < k; i++) {
        mu[i] += ds * table[s * k + i];
      }
    }
    return mu;
  }

  @Test
  void of_intoACallersArray_equalsTheStateByStateSum_bitForBit() {
    java.util.Random r = new java.util.Random(345);
    for (int[] shape : new int[][] {{1, 1}, {3, 2}, {7, 4}, {33, 124}, {1024, 4}, {10, 9}}) {
      int n = shape[0];
      int k = shape[1];
      double[] table = new double[n * k];
      for (int j = 0; j < table.length; j++) {
        table[j] = r.nextInt(4) == 0 ? 0 : r.nextGaussian() * Math.exp(10 * r.nextGaussian());
      }
      StateFeatures f = StateFeatures.of(n, k, table);
      double[] d = new double[n];
      for (int s = 0; s < n; s++) {
        d[s] = r.nextInt(3) == 0 ? 0 : r.nextGaussian();
      }
      double[] expected = ofOneStateAtATime(f, d);
      double[] mu = new double[k];
      java.util.Arrays.fill(mu, Double.NaN);
      assertThat(FeatureExpectations.of(f, d, mu)).isSameAs(mu);
      for (int i = 0; i < k; i++) {
        assertThat(Double.doubleToRawLongBits(mu[i])).as("S=%d k=%d entry %d", n, k, i)
            .isEqualTo(Double.doubleToRawLongBits(expected[i]));
      }
      assertThat(FeatureExpectations.of(f, d)).containsExactly(expected);
    }
    assertThatThrownBy(() -> FeatureExpectations.of(phi, new double[3], new double[3]))
        .hasMessageContaining("mu must be an array of length k = 2");
  }

  @Test
  void empirical_isMeanOfDiscountedFeatureSums() {
    int[][] trajectories = {{0, 1, 2}, {2}, {}};
    double c = 0.5;
    // traj 0: φ0 + ½φ1 + ¼φ2 = (1.25, 0.75); traj 1: φ2 = (1, −1); traj 2: 0
    double[] mu = FeatureExpectations.empirical(phi, trajectories, c);
    assertClose(new double[] {(1.25 + 1) / 3, (0.75 - 1) / 3}, mu, TIGHT);
  }

  @Test
  void empiricalOfSampledRollouts_approachesFiniteHorizonModelExpectation() {
    // 2 states, action 0 stays and action 1 switches with prob 0.8; π = (0.6, 0.4) everywhere
    TabularMdp m = TabularMdp.builder(2, 2).transition(0, 0, 0, 1).transition(0, 1, 1, 0.8)
        .transition(0, 1, 0, 0.2).transition(1, 0, 1, 1).transition(1, 1, 0, 0.8)
        .transition(1, 1, 1, 0.2).initialDistribution(new double[] {1, 0}).build();
    TabularPolicy pi = TabularPolicy.of(2, 2, new double[] {0.6, 0.4, 0.6, 0.4});
    StateFeatures f = StateFeatures.of(2, 1, new double[] {0, 1});
    int horizon = 4;
    double discount = 0.9;
    TabularPolicy[] pis = {pi, pi, pi, pi};
    double model = FeatureExpectations.of(f, StateVisitation.finiteHorizon(m, pis,
        m.initialDistribution(), discount))[0];
    Rng rng = new Rng(17);
    int n = 40_000;
    int[][] trajectories = new int[n][horizon];
    for (int i = 0; i < n; i++) {
      int s = 0;
      for (int t = 0; t < horizon; t++) {
        trajectories[i][t] = s;
        if (pi.sample(s, rng) == 1 && rng.nextDouble() < 0.8) {
          s = 1 - s;
        }
      }
    }
    double empirical = FeatureExpectations.empirical(f, trajectories, discount)[0];
    // Σ_t c^t 1[s_t = 1] lies in [0, 2.71], so its standard deviation is below 1.4: 5σ/√n
    assertClose(model, empirical, 5 * 1.4 / Math.sqrt(n));
  }

  @Test
  void ofPolicy_isOfDiscountedVisitation() {
    TabularMdp m = TabularMdp.builder(3, 1).gamma(0.5).transition(0, 0, 1, 1)
        .transition(1, 0, 2, 1).transition(2, 0, 2, 1)
        .initialDistribution(new double[] {1, 0, 0}).build();
    // d = (1, ½, ½·2·½) = (1, 0.5, 0.5): μ = φ0 + ½φ1 + ½φ2 = (1.5, 0.5)
    assertClose(new double[] {1.5, 0.5},
        FeatureExpectations.ofPolicy(m, TabularPolicy.uniform(3, 1), phi), TIGHT);
  }

  @Test
  void badArguments_areRejectedWithTheValue() {
    assertThatThrownBy(() -> FeatureExpectations.of(phi, new double[2]))
        .hasMessageContaining("visitation must have length S = 3, got 2");
    assertThatThrownBy(() -> FeatureExpectations.empirical(phi, new int[0][], 1))
        .hasMessageContaining("at least one trajectory");
    assertThatThrownBy(() -> FeatureExpectations.empirical(phi, new int[][] {{0, 3}}, 1))
        .hasMessageContaining("trajectory 0 step 1: state 3 out of range [0, 3)");
    assertThatThrownBy(() -> FeatureExpectations.empirical(phi, new int[][] {{0}}, -0.1))
        .hasMessageContaining("discount must be in [0, 1], got -0.1");
  }
}
