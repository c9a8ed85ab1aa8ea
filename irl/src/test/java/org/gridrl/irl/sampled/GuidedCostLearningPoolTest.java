package org.gridrl.irl.sampled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.CategoricalPolicy;
import org.gridrl.core.pg.GaussianPolicy;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.continuous.PointNavigation;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;

class GuidedCostLearningPoolTest extends IrlTestBase {

  private static final int S = 5;
  private static final int A = 3;

  private static Sampler<Integer, Integer> tabularSampler() {
    TabularMdp mdp = randomMdp(11, S, A, 2, 0.9, 0);
    Sampler<Integer, Integer> sampler = Sampler.oneHot(
        List.of(new TimeLimit<>(new TabularEnv(mdp), 4)), S);
    sampler.reseed(5);
    return sampler;
  }

  private static List<DMatrixRMaj> copy(List<DMatrixRMaj> params) {
    List<DMatrixRMaj> out = new ArrayList<>();
    for (DMatrixRMaj p : params) {
      out.add(p.copy());
    }
    return out;
  }

  private void perturb(List<DMatrixRMaj> params) {
    for (DMatrixRMaj p : params) {
      for (int i = 0; i < p.getNumElements(); i++) {
        p.data[i] += 0.5 * rand.nextGaussian();
      }
    }
  }

  /** q(τ) = Π_t π(a_t|s_t) with plain doubles from the policy's probability table. */
  private static double[] directDensities(CategoricalPolicy pi, List<DMatrixRMaj> theta,
      double[] obs, int[] actions, int[] starts, int rows) {
    List<DMatrixRMaj> live = pi.parameterValues();
    List<DMatrixRMaj> keep = copy(live);
    for (int k = 0; k < live.size(); k++) {
      live.get(k).setTo(theta.get(k));
    }
    DMatrixRMaj p = pi.probabilities(new Tape(), DMatrixRMaj.wrap(rows, S, obs), null);
    for (int k = 0; k < live.size(); k++) {
      live.get(k).setTo(keep.get(k));
    }
    double[] q = new double[starts.length];
    for (int j = 0; j < starts.length; j++) {
      int end = j + 1 < starts.length ? starts[j + 1] : rows;
      q[j] = 1;
      for (int t = starts[j]; t < end; t++) {
        q[j] *= p.get(t, actions[t]);
      }
    }
    return q;
  }

  private static int[] starts(Batch b) {
    int[] s = new int[b.numSegments()];
    for (int t = 0, k = 0; t < b.size(); t++) {
      if (t == 0 || b.last()[t - 1]) {
        s[k++] = t;
      }
    }
    return s;
  }

  /**
   * Three iterations into a pool that keeps two: the first block is evicted, and every kept
   * trajectory's log q̄ equals log(α_2 q_2(τ) + α_3 q_3(τ)) computed from the policy's
   * probability table at the two kept parameter vectors, with α_2 = n_2/M and
   * α_3 = (n_3 + N)/M (the demos counted under the newest policy).
   */
  @Test
  void add_threeIterationsIntoTwoSlots_logMixtureDensityEqualsDirectComputation() {
    Sampler<Integer, Integer> sampler = tabularSampler();
    CategoricalPolicy pi = CategoricalPolicy.mlp(S, new int[] {8}, A, new Rng(3));
    Transitions demos = Transitions.of(sampler.collectEpisodes(pi, 3), A);
    GuidedCostLearningPool pool = new GuidedCostLearningPool(pi, demos, 2);
    List<Batch> batches = new ArrayList<>();
    List<List<DMatrixRMaj>> thetas = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      if (i > 0) {
        perturb(pi.parameterValues());
      }
      thetas.add(copy(pi.parameterValues()));
      Batch b = sampler.collectEpisodes(pi, 2 + i);
      batches.add(b);
      pool.add(b);
    }
    assertThat(pool.size()).isEqualTo(2);
    int n = demos.numTrajectories();
    int n2 = batches.get(1).numSegments();
    int n3 = batches.get(2).numSegments();
    int m = n + n2 + n3;
    assertThat(pool.numDemos()).isEqualTo(n);
    assertThat(pool.numTrajectories()).isEqualTo(m);
    double alpha2 = n2 / (double) m;
    double alpha3 = (n3 + n) / (double) m;
    double sumAlpha = 0;
    for (double a : pool.mixtureWeights()) {
      sumAlpha += a;
    }
    assertThat(sumAlpha).isCloseTo(1.0, within(TIGHT));

    double[] expected = new double[m];
    int j = 0;
    int[] demoStarts = new int[n];
    for (int i = 0; i < n; i++) {
      demoStarts[i] = demos.start(i);
    }
    List<double[]> obs = List.of(demos.observations(), batches.get(1).observations(),
        batches.get(2).observations());
    List<int[]> act = List.of(demos.actionIndices(), batches.get(1).actionIndices(),
        batches.get(2).actionIndices());
    List<int[]> st = List.of(demoStarts, starts(batches.get(1)), starts(batches.get(2)));
    int[] rows = {demos.size(), batches.get(1).size(), batches.get(2).size()};
    int rowOffset = 0;
    for (int block = 0; block < 3; block++) {
      double[] q2 = directDensities(pi, thetas.get(1), obs.get(block), act.get(block),
          st.get(block), rows[block]);
      double[] q3 = directDensities(pi, thetas.get(2), obs.get(block), act.get(block),
          st.get(block), rows[block]);
      for (int t = 0; t < q2.length; t++, j++) {
        expected[j] = Math.log(alpha2 * q2[t] + alpha3 * q3[t]);
        assertThat(pool.starts()[j]).isEqualTo(rowOffset + st.get(block)[t]);
      }
      rowOffset += rows[block];
    }
    assertClose(expected, java.util.Arrays.copyOf(pool.logQbar(), m), 1e-12);
    assertThat(pool.inputs().numRows).isEqualTo(rowOffset);
    // the demo rows come first: [o_t, one-hot(a_t)]
    assertThat(pool.inputs().get(0, S + demos.actionIndices()[0])).isEqualTo(1.0);
  }

  @Test
  void add_tabular_newestPolicyDensityOfItsOwnSamplesIsTheSumOfRecordedLogProbs() {
    Sampler<Integer, Integer> sampler = tabularSampler();
    CategoricalPolicy pi = CategoricalPolicy.mlp(S, new int[] {8}, A, new Rng(4));
    Transitions demos = Transitions.of(sampler.collectEpisodes(pi, 2), A);
    GuidedCostLearningPool pool = new GuidedCostLearningPool(pi, demos, 3);
    Batch b = sampler.collectEpisodes(pi, 4);
    pool.add(b);
    assertClose(GuidedCostLearningObjective.trajectorySums(b.logProbs(), starts(b),
        b.numSegments(), b.size(), new double[b.numSegments()]), pool.newestSelfLogDensity(),
        1e-12);
  }

  @Test
  void add_continuous_newestPolicyDensityOfItsOwnSamplesIsTheSumOfRecordedLogProbs() {
    Sampler<double[], double[]> sampler = Sampler.vector(
        List.of(new TimeLimit<>(PointNavigation.withGoal(0.3, -0.2), 6)));
    sampler.reseed(9);
    GaussianPolicy pi = GaussianPolicy.mlp(2, new int[] {8}, 2, -1.0, new Rng(2));
    Transitions demos = Transitions.of(sampler.collectEpisodes(pi, 2), 0);
    GuidedCostLearningPool pool = new GuidedCostLearningPool(pi, demos, 2);
    Batch b = sampler.collectEpisodes(pi, 3);
    pool.add(b);
    assertClose(GuidedCostLearningObjective.trajectorySums(b.logProbs(), starts(b),
        b.numSegments(), b.size(), new double[b.numSegments()]), pool.newestSelfLogDensity(),
        1e-10);
    // one component: q̄ is the newest policy's density for the samples
    double[] logQbar = pool.logQbar();
    double[] self = pool.newestSelfLogDensity();
    for (int j = 0; j < self.length; j++) {
      assertThat(logQbar[demos.numTrajectories() + j]).isCloseTo(self[j], within(1e-10));
    }
  }
}
