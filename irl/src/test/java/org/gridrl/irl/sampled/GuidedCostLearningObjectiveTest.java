package org.gridrl.irl.sampled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.util.Rng;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuidedCostLearningObjectiveTest extends IrlTestBase {

  // ------------------------------------------------------------ a hand-built batch

  // three trajectories of 2, 1 and 3 rows; the first is the demo
  private static final int[] STARTS = {0, 2, 3};
  private static final double[] REWARDS = {0.5, -0.2, 1.0, 0.3, 0.3, -1.0};
  // log π_k(a_t|s_t) of each row under two sampling policies, mixed 1/4 and 3/4
  private static final double[] LOG_PI_1 = {Math.log(0.5), Math.log(0.25), Math.log(0.8),
      Math.log(0.5), Math.log(0.5), Math.log(0.5)};
  private static final double[] LOG_PI_2 = {Math.log(0.9), Math.log(0.6), Math.log(0.1),
      Math.log(0.2), Math.log(0.7), Math.log(0.4)};
  private static final double[] ALPHA = {0.25, 0.75};

  /** The batch worked out with plain doubles: the products, the mixture, the ratios. */
  private static double[] directRatios() {
    double[] r = REWARDS;
    double[] q1 = {0.5 * 0.25, 0.8, 0.5 * 0.5 * 0.5};
    double[] q2 = {0.9 * 0.6, 0.1, 0.2 * 0.7 * 0.4};
    double[] ret = {r[0] + r[1], r[2], r[3] + r[4] + r[5]};
    double[] u = new double[3];
    for (int j = 0; j < 3; j++) {
      u[j] = Math.exp(ret[j]) / (0.25 * q1[j] + 0.75 * q2[j]);
    }
    return u;
  }

  @Test
  void logPartition_handBuiltBatch_equalsDirectComputation() {
    double[] u = directRatios();
    double sum = u[0] + u[1] + u[2];
    double[] logQ = new double[6];
    double[] col = new double[3];
    GuidedCostLearningObjective.trajectorySums(LOG_PI_1, STARTS, 3, 6, col);
    System.arraycopy(col, 0, logQ, 0, 3);
    GuidedCostLearningObjective.trajectorySums(LOG_PI_2, STARTS, 3, 6, col);
    System.arraycopy(col, 0, logQ, 3, 3);
    double[] logQbar = GuidedCostLearningObjective.logMixtureDensity(logQ, 2, 3, ALPHA,
        new double[3]);
    double[] returns = GuidedCostLearningObjective.trajectorySums(REWARDS, STARTS, 3, 6,
        new double[3]);
    double[] w = new double[3];
    double logZ = GuidedCostLearningObjective.logPartition(returns, logQbar, 3, w);

    assertThat(logZ).isCloseTo(Math.log(sum / 3), within(TIGHT));
    assertClose(new double[] {u[0] / sum, u[1] / sum, u[2] / sum}, w, TIGHT);
    assertThat(GuidedCostLearningObjective.effectiveSampleSize(w, 3)).isCloseTo(
        sum * sum / (3 * (u[0] * u[0] + u[1] * u[1] + u[2] * u[2])), within(TIGHT));
  }

  /**
   * The same batch through the objective, with a linear reward whose input is the row's one-hot
   * index, so r_t is weight t: log Ẑ and the weights as above, L = −R(τ_0) + log Ẑ, and
   * ∂L/∂W_t = w̄_{j(t)} − [t in the demo].
   */
  @Test
  void evaluate_handBuiltBatch_weightsLossAndGradientEqualDirectComputation() {
    Mlp linear = new Mlp(new int[] {6, 1}, Activation.TANH, Init.zeros(), new Rng(1));
    System.arraycopy(REWARDS, 0, linear.parameterValues().get(0).data, 0, 6);
    DMatrixRMaj inputs = new DMatrixRMaj(6, 6);
    for (int t = 0; t < 6; t++) {
      inputs.set(t, t, 1.0);
    }
    double[] logQ = new double[6];
    double[] col = new double[3];
    GuidedCostLearningObjective.trajectorySums(LOG_PI_1, STARTS, 3, 6, col);
    System.arraycopy(col, 0, logQ, 0, 3);
    GuidedCostLearningObjective.trajectorySums(LOG_PI_2, STARTS, 3, 6, col);
    System.arraycopy(col, 0, logQ, 3, 3);
    double[] logQbar = GuidedCostLearningObjective.logMixtureDensity(logQ, 2, 3, ALPHA,
        new double[3]);
    GuidedCostLearningObjective objective = new GuidedCostLearningObjective(linear, 0, 0);
    List<DMatrixRMaj> grad = List.of(new DMatrixRMaj(6, 1), new DMatrixRMaj(1, 1));

    double loss = objective.evaluate(inputs, STARTS, 3, 1, logQbar, grad);

    double[] u = directRatios();
    double sum = u[0] + u[1] + u[2];
    double[] w = {u[0] / sum, u[1] / sum, u[2] / sum};
    assertThat(objective.logZ()).isCloseTo(Math.log(sum / 3), within(TIGHT));
    assertThat(loss).isCloseTo(-(REWARDS[0] + REWARDS[1]) + Math.log(sum / 3), within(TIGHT));
    assertThat(objective.demoReturn()).isCloseTo(REWARDS[0] + REWARDS[1], within(TIGHT));
    assertClose(w, java.util.Arrays.copyOf(objective.weights(), 3), TIGHT);
    assertClose(new double[] {w[0] - 1, w[0] - 1, w[1], w[2], w[2], w[2]}, grad.get(0).data,
        TIGHT);
    // the bias moves every row: Σ_t ∂L/∂r_t = Σ_j w̄_j T_j − T_0
    assertThat(grad.get(1).get(0, 0)).isCloseTo(2 * w[0] + w[1] + 3 * w[2] - 2, within(TIGHT));
  }

  @Test
  void logPartition_largeReturns_staysFiniteByMaxShift() {
    double[] w = new double[2];
    double logZ = GuidedCostLearningObjective.logPartition(new double[] {1000, 999},
        new double[] {0, 0}, 2, w);
    assertThat(logZ).isCloseTo(1000 + Math.log1p(Math.exp(-1)) - Math.log(2), within(1e-9));
    assertThat(w[0]).isCloseTo(1 / (1 + Math.exp(-1)), within(TIGHT));
  }

  @Test
  void logMixtureDensity_zeroWeightComponent_isSkippedEvenWithNegativeInfinity() {
    double[] logQ = {Math.log(0.2), Double.NEGATIVE_INFINITY};
    double[] out = GuidedCostLearningObjective.logMixtureDensity(logQ, 2, 1,
        new double[] {1.0, 0.0}, new double[1]);
    assertThat(out[0]).isCloseTo(Math.log(0.2), within(TIGHT));
  }

  // ------------------------------------------------------------ an enumerable MDP

  // 2 states, 2 actions, stochastic dynamics, horizon 3: 2^6 = 64 (s, a) paths
  private static final double[] D0 = {0.6, 0.4};
  private static final double[][][] P = {{{0.7, 0.3}, {0.2, 0.8}}, {{0.5, 0.5}, {0.9, 0.1}}};
  private static final double[][] R = {{0.3, -0.5}, {1.0, 0.2}};
  private static final double[][] PI_1 = {{0.5, 0.5}, {0.5, 0.5}};
  private static final double[][] PI_2 = {{0.8, 0.2}, {0.3, 0.7}};
  private static final int HORIZON = 3;

  /** Z = Σ_τ p_dyn(τ) exp(R(τ)), p_dyn = d0(s_0) Π_t P(s_{t+1}|s_t, a_t), by enumeration. */
  private static double exactZ() {
    double z = 0;
    for (int path = 0; path < 64; path++) {
      int[] s = {path & 1, (path >> 2) & 1, (path >> 4) & 1};
      int[] a = {(path >> 1) & 1, (path >> 3) & 1, (path >> 5) & 1};
      double p = D0[s[0]];
      double ret = 0;
      for (int t = 0; t < HORIZON; t++) {
        ret += R[s[t]][a[t]];
        if (t + 1 < HORIZON) {
          p *= P[s[t]][a[t]][s[t + 1]];
        }
      }
      z += p * Math.exp(ret);
    }
    return z;
  }

  private static int draw(Random r, double[] p) {
    return r.nextDouble() < p[0] ? 0 : 1;
  }

  /** The estimate, its standard error by the delta method, from M draws of the mixture. */
  private static double[] estimate(Random rand, int m, double[][][] policies, double[] alpha) {
    int k = policies.length;
    double[] returns = new double[m];
    double[] logQ = new double[k * m];
    for (int j = 0; j < m; j++) {
      double[][] behaviour = policies[j % k]; // each policy draws its share α_k = 1/k
      int s = draw(rand, D0);
      for (int t = 0; t < HORIZON; t++) {
        int a = draw(rand, behaviour[s]);
        returns[j] += R[s][a];
        for (int c = 0; c < k; c++) {
          logQ[c * m + j] += Math.log(policies[c][s][a]);
        }
        s = draw(rand, P[s][a]);
      }
    }
    double[] logQbar = GuidedCostLearningObjective.logMixtureDensity(logQ, k, m, alpha,
        new double[m]);
    double logZ = GuidedCostLearningObjective.logPartition(returns, logQbar, m, new double[m]);
    double mean = 0;
    double sq = 0;
    for (int j = 0; j < m; j++) {
      double u = Math.exp(returns[j] - logQbar[j]);
      mean += u / m;
      sq += u * u / m;
    }
    double se = Math.sqrt((sq - mean * mean) / m) / mean;
    return new double[] {logZ, se};
  }

  /**
   * With the dynamics cancelling, E_{τ~q̄}[exp(R(τ)) / Π_t q̄-policy(a_t|s_t)] = Σ_τ p_dyn(τ)
   * exp(R(τ)), so log Ẑ → log Z: within 3 standard errors at M = 10³, 10⁴, 10⁵ draws of one
   * policy and of an even mixture of two, the error bar shrinking as 1/√M. Here log Z =
   * 3.04791, from an independent enumeration:
   * <pre>
   * D0=[.6,.4]; P=[[[.7,.3],[.2,.8]],[[.5,.5],[.9,.1]]]; R=[[.3,-.5],[1,.2]]
   * math.log(sum(D0[s0]*P[s0][a0][s1]*P[s1][a1][s2]*math.exp(R[s0][a0]+R[s1][a1]+R[s2][a2])
   *     for s0,a0,s1,a1,s2,a2 in itertools.product([0,1],repeat=6)))   # 3.0479050387259954
   * </pre>
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void logPartition_enumerableMdp_convergesToExactLogZ(int numPolicies) {
    double logZ = Math.log(exactZ());
    assertThat(logZ).isCloseTo(3.0479050387259954, within(1e-12));
    double[][][] policies = numPolicies == 1 ? new double[][][] {PI_1}
        : new double[][][] {PI_1, PI_2};
    double[] alpha = numPolicies == 1 ? new double[] {1} : new double[] {0.5, 0.5};
    double[] se = new double[3];
    int i = 0;
    for (int m : new int[] {1_000, 10_000, 100_000}) {
      double[] est = estimate(rand, m, policies, alpha);
      assertThat(est[0]).as("log Ẑ at M = %d", m).isCloseTo(logZ, within(3 * est[1]));
      se[i++] = est[1];
    }
    assertThat(se[2]).isLessThan(se[0] / 5).isLessThan(0.01);
  }

  // ------------------------------------------------------------ regularisers

  @Test
  void lcr_handSequence_sumsSquaredSecondDifferencesInsideEachTrajectory() {
    // [0, 1, 4, 9]: second differences 2, 2; [2, 0, 5]: 7; averaged over the 2 trajectories
    double[] r = {0, 1, 4, 9, 2, 0, 5};
    double[] grad = new double[7];
    double lcr = GuidedCostLearningObjective.lcr(r, new int[] {0, 4}, 2, 7, 1.0, grad);
    assertThat(lcr).isCloseTo((4 + 4 + 49) / 2.0, within(TIGHT));
    // ∂/∂r_t of (1/2) Σ d², d_1 = r_2 − 2r_1 + r_0 = 2, d_2 = r_3 − 2r_2 + r_1 = 2, d_5 = 7
    assertClose(new double[] {2, -4 + 2, 2 - 4, 2, 7, -14, 7}, grad, TIGHT);
  }

  @Test
  void monotonic_handSequence_penalisesOnlyFallsOfMoreThanOneAlongDemos() {
    // demo [3, 1, 1.5, 0]: falls beyond the margin 1 and 0.5; the sample [5, 0] is not a demo
    double[] r = {3, 1, 1.5, 0, 5, 0};
    double mono = GuidedCostLearningObjective.monotonic(r, new int[] {0, 4}, 2, 1, 6, 1.0,
        null);
    assertThat(mono).isCloseTo(1.0 + 0.25, within(TIGHT));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void regularisers_gradients_matchFiniteDifferences(long seed) {
    Random r = new Random(seed);
    int n = 11;
    int[] starts = {0, 4, 6};
    double[] x = randomVector(r, n, 3.0);
    double[] lcrGrad = new double[n];
    double[] monoGrad = new double[n];
    GuidedCostLearningObjective.lcr(x, starts, 3, n, 0.7, lcrGrad);
    GuidedCostLearningObjective.monotonic(x, starts, 3, 2, n, 0.7, monoGrad);
    double h = 1e-6;
    for (int t = 0; t < n; t++) {
      double keep = x[t];
      x[t] = keep + h;
      double lcrUp = GuidedCostLearningObjective.lcr(x, starts, 3, n, 1, null);
      double monoUp = GuidedCostLearningObjective.monotonic(x, starts, 3, 2, n, 1, null);
      x[t] = keep - h;
      double lcrDown = GuidedCostLearningObjective.lcr(x, starts, 3, n, 1, null);
      double monoDown = GuidedCostLearningObjective.monotonic(x, starts, 3, 2, n, 1, null);
      x[t] = keep;
      assertThat(lcrGrad[t]).as("lcr row %d", t)
          .isCloseTo(0.7 * (lcrUp - lcrDown) / (2 * h), within(FD));
      assertThat(monoGrad[t]).as("mono row %d", t)
          .isCloseTo(0.7 * (monoUp - monoDown) / (2 * h), within(FD));
    }
  }

  // ------------------------------------------------------------ the IOC gradient in θ

  /**
   * ∇_θ L from the objective (weights, regularisers, one vjp through a tanh MLP) equals central
   * finite differences of L in every parameter, with both regularisers on.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void evaluate_gradientInTheta_matchesFiniteDifferences(long seed) {
    Random r = new Random(seed);
    Mlp net = new Mlp(new int[] {5, 4, 1}, Activation.TANH, Init.orthogonal(3.0), new Rng(seed));
    int n = 12;
    int[] starts = {0, 3, 5, 9};
    DMatrixRMaj inputs = DMatrixRMaj.wrap(n, 5, randomVector(r, n * 5, 2.0));
    double[] logQbar = randomVector(r, 4, 2.0);
    for (int j = 0; j < 4; j++) {
      logQbar[j] -= 3;
    }
    GuidedCostLearningObjective objective = new GuidedCostLearningObjective(net, 0.3, 0.2);
    List<DMatrixRMaj> grad = new ArrayList<>();
    for (DMatrixRMaj p : net.parameterValues()) {
      grad.add(new DMatrixRMaj(p.numRows, p.numCols));
    }
    objective.evaluate(inputs, starts, 4, 2, logQbar, grad);
    assertThat(objective.lcr()).isPositive();
    assertThat(objective.mono()).as("the monotonic term is active").isPositive();
    double h = 1e-5;
    int checked = 0;
    for (int i = 0; i < grad.size(); i++) {
      double[] theta = net.parameterValues().get(i).data;
      for (int k = 0; k < theta.length; k++) {
        double keep = theta[k];
        theta[k] = keep + h;
        double up = objective.evaluate(inputs, starts, 4, 2, logQbar, null);
        theta[k] = keep - h;
        double down = objective.evaluate(inputs, starts, 4, 2, logQbar, null);
        theta[k] = keep;
        assertThat(grad.get(i).data[k]).as("param %d entry %d", i, k)
            .isCloseTo((up - down) / (2 * h), within(FD));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(5 * 4 + 4 + 4 + 1);
  }
}
