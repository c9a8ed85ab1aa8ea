package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReturnsGaeTest extends TestBase {

  private static final boolean T = true;
  private static final boolean F = false;

  @Test
  void rewardToGo_terminatedEpisode_isDiscountedSumWithoutBootstrap() {
    // G2 = 3, G1 = 2 + .5·3 = 3.5, G0 = 1 + .5·3.5 = 2.75; V(s') = 100 is ignored
    double[] g = Returns.rewardToGo(new double[] {1, 2, 3}, new boolean[] {F, F, T},
        new boolean[] {F, F, T}, new double[] {7, 7, 100}, 0.5, null);
    assertClose(new double[] {2.75, 3.5, 3}, g, TIGHT);
  }

  @Test
  void rewardToGo_truncatedEpisode_bootstrapsFromNextValue() {
    // G2 = 3 + .5·10 = 8, G1 = 2 + 4 = 6, G0 = 1 + 3 = 4
    double[] g = Returns.rewardToGo(new double[] {1, 2, 3}, new boolean[] {F, F, F},
        new boolean[] {F, F, T}, new double[] {0, 0, 10}, 0.5, null);
    assertClose(new double[] {4, 6, 8}, g, TIGHT);
  }

  @Test
  void rewardToGo_withoutValues_truncationCountsAsZeroFuture() {
    double[] g = Returns.rewardToGo(new double[] {1, 2, 3}, new boolean[] {F, F, F},
        new boolean[] {F, F, T}, null, 0.5, null);
    assertClose(new double[] {2.75, 3.5, 3}, g, TIGHT);
  }

  @Test
  void rewardToGo_twoSegments_doNotLeakAcrossTheBoundary() {
    // segment 1: [1, 2] terminated → G = [2, 2]; segment 2: [3] cut with V(s') = 4 → 5
    double[] g = Returns.rewardToGo(new double[] {1, 2, 3}, new boolean[] {F, T, F},
        new boolean[] {F, T, T}, new double[] {9, 9, 4}, 0.5, null);
    assertClose(new double[] {2, 2, 5}, g, TIGHT);
  }

  @Test
  void rewardToGo_finalStepNotLast_isRejected() {
    assertThatThrownBy(() -> Returns.rewardToGo(new double[] {1}, new boolean[] {F},
        new boolean[] {F}, null, 0.5, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must end a segment");
  }

  @Test
  void gae_handCase_lambdaHalf() {
    // γ = .5, λ = .5, V = [1, 2, 3], V(s'_2) = 4, truncated at 2
    // δ2 = 3 + .5·4 − 3 = 2; δ1 = 2 + .5·3 − 2 = 1.5; δ0 = 1 + .5·2 − 1 = 1
    // A2 = 2; A1 = 1.5 + .25·2 = 2; A0 = 1 + .25·2 = 1.5
    double[] a = Gae.advantages(new double[] {1, 2, 3}, new double[] {1, 2, 3},
        new double[] {2, 3, 4}, new boolean[] {F, F, F}, new boolean[] {F, F, T}, 0.5, 0.5,
        null);
    assertClose(new double[] {1.5, 2, 2}, a, TIGHT);
  }

  @Test
  void gae_terminated_doesNotBootstrap_truncated_does() {
    double[] r = {1};
    double[] v = {0.5};
    double[] next = {10};
    double[] term = Gae.advantages(r, v, next, new boolean[] {T}, new boolean[] {T}, 0.9, 0.95,
        null);
    double[] trunc = Gae.advantages(r, v, next, new boolean[] {F}, new boolean[] {T}, 0.9, 0.95,
        null);
    assertClose(1 - 0.5, term[0], TIGHT);
    assertClose(1 + 0.9 * 10 - 0.5, trunc[0], TIGHT);
  }

  /** Random segments with random terminated / truncated / cut ends. */
  private static Object[] randomBatch(Random rand, int n) {
    double[] r = new double[n];
    double[] v = new double[n];
    double[] next = new double[n];
    boolean[] term = new boolean[n];
    boolean[] last = new boolean[n];
    for (int t = 0; t < n; t++) {
      r[t] = rand.nextGaussian();
      v[t] = rand.nextGaussian();
      last[t] = t == n - 1 || rand.nextDouble() < 0.2;
      term[t] = last[t] && rand.nextBoolean();
    }
    for (int t = 0; t < n; t++) {
      // inside a segment V(s'_t) = V(s_{t+1}); at a segment end, a fresh value
      next[t] = last[t] ? rand.nextGaussian() : v[t + 1];
    }
    return new Object[] {r, v, next, term, last};
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void gae_lambdaZero_isTdError(int seed) {
    Random rand = new Random(seed);
    Object[] b = randomBatch(rand, 30);
    double[] r = (double[]) b[0];
    double[] v = (double[]) b[1];
    double[] next = (double[]) b[2];
    boolean[] term = (boolean[]) b[3];
    double gamma = 0.9;
    double[] a = Gae.advantages(r, v, next, term, (boolean[]) b[4], gamma, 0.0, null);
    for (int t = 0; t < r.length; t++) {
      double delta = r[t] + gamma * (term[t] ? 0 : next[t]) - v[t];
      assertClose(delta, a[t], TIGHT);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void gae_lambdaOne_isMonteCarloReturnMinusBaseline(int seed) {
    Random rand = new Random(seed);
    Object[] b = randomBatch(rand, 30);
    double[] r = (double[]) b[0];
    double[] v = (double[]) b[1];
    double[] next = (double[]) b[2];
    boolean[] term = (boolean[]) b[3];
    boolean[] last = (boolean[]) b[4];
    double gamma = 0.9;
    double[] a = Gae.advantages(r, v, next, term, last, gamma, 1.0, null);
    double[] g = Returns.rewardToGo(r, term, last, next, gamma, null);
    for (int t = 0; t < r.length; t++) {
      assertClose(g[t] - v[t], a[t], 1e-12);
    }
    double[] targets = Gae.valueTargets(a, v, null);
    assertClose(g, targets, 1e-12);
  }

  @Test
  void normalize_givesMeanZeroStdOne() {
    double[] x = {1, 2, 3, 4};
    Gae.normalize(x, 0, 4);
    double s = Math.sqrt(1.25);
    assertClose(new double[] {-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s}, x, 1e-7);
    assertThat(x[0] + x[1] + x[2] + x[3]).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-12));
  }

  /**
   * Our convention: the population σ = √((1/n) Σ (x − x̄)²). On x = (1, 2, 3, 4): x̄ = 2.5,
   * σ = √1.25, so (x − x̄)/(σ + 1e-8) = ±1.3416407745, ±0.4472135915; CleanRL's torch.std is
   * the unbiased √(5/3) and would give ±1.1618949949, ±0.3872983316 (numpy:
   * {@code x = np.array([1., 2, 3, 4]); (x - x.mean()) / (x.std(ddof=1) + 1e-8)}, and
   * {@code x.std()} for ours). Pinned to the last bit of the formula; a single entry becomes 0
   * (CleanRL: NaN).
   */
  @Test
  void normalize_usesPopulationStd_notCleanRlsUnbiasedStd() {
    double[] x = {1, 2, 3, 4};
    Gae.normalize(x, 0, 4);
    double population = 1.0 / (Math.sqrt(1.25) + 1e-8);
    assertClose(new double[] {-1.5 * population, -0.5 * population, 0.5 * population,
        1.5 * population}, x, 0);
    assertClose(new double[] {-1.3416407745, -0.4472135915, 0.4472135915, 1.3416407745}, x,
        1e-9);
    double unbiased = 1.0 / (Math.sqrt(5.0 / 3.0) + 1e-8);
    assertThat(Math.abs(x[0] - (-1.5 * unbiased))).isGreaterThan(0.17);
    // a window of the array, the rest untouched
    double[] y = {7, 1, 3, 7};
    Gae.normalize(y, 1, 3);
    assertClose(new double[] {7, -1 / (1 + 1e-8), 1 / (1 + 1e-8), 7}, y, 0);
    double[] one = {5};
    Gae.normalize(one, 0, 1);
    assertThat(one[0]).isEqualTo(0.0);
  }
}
