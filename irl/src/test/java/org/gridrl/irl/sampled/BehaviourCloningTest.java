package org.gridrl.irl.sampled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.CategoricalPolicy;
import org.gridrl.core.pg.GaussianPolicy;
import org.gridrl.core.pg.Networks;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.envs.continuous.PointNavigation;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Behaviour cloning against closed forms: the categorical MLE per state and its NLL (the
 * empirical conditional entropy), the least-squares mean of a linear Gaussian; determinism.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BehaviourCloningTest extends IrlTestBase {

  private static final int S = 5;
  private static final int A = 3;

  private Transitions tabular;
  private Transitions continuous;

  @BeforeAll
  void data() {
    TabularMdp mdp = randomMdp(7, S, A, 2, 0.9, 0);
    double[] table = new double[S * A];
    for (int s = 0; s < S; s++) {
      double[] row = {0.1 + 0.1 * s, 0.5, 0.4 - 0.05 * s};
      double sum = row[0] + row[1] + row[2];
      for (int a = 0; a < A; a++) {
        table[s * A + a] = row[a] / sum;
      }
    }
    tabular = ExpertData.sample(mdp, TabularPolicy.of(S, A, table), 200, 20, 1);
    Controller mu = Controller.linear(2, 2, new double[] {-0.5, 0.1, 0.0, -0.4},
        new double[] {0.15, -0.08});
    Sampler<double[], double[]> sampler = Sampler.vector(List.of(
        new TimeLimit<>(PointNavigation.withGoal(0.3, -0.2), 5)));
    // short episodes: most rows lie on the way from the origin, which spreads the observations
    // and keeps the least-squares problem well conditioned
    continuous = ExpertData.sample(sampler,
        ControllerPolicy.gaussian(mu, 2, 2, new double[] {0.05, 0.08}), 400, 2);
  }

  /** n(s, a) of the one-hot rows. */
  private static double[] counts(Transitions tr) {
    double[] n = new double[S * A];
    for (int t = 0; t < tr.size(); t++) {
      n[stateOf(tr, t) * A + tr.actionIndices()[t]]++;
    }
    return n;
  }

  private static int stateOf(Transitions tr, int t) {
    for (int s = 0; s < S; s++) {
      if (tr.observations()[t * S + s] == 1) {
        return s;
      }
    }
    throw new AssertionError("row " + t + " is not one-hot");
  }

  @Test
  void tabular_linearLogits_convergeToTheEmpiricalFrequencies_andNllToTheConditionalEntropy() {
    int n = tabular.size();
    double[] count = counts(tabular);
    double[] visits = new double[S];
    double[] pHat = new double[S * A];
    for (int s = 0; s < S; s++) {
      for (int a = 0; a < A; a++) {
        visits[s] += count[s * A + a];
      }
      for (int a = 0; a < A; a++) {
        pHat[s * A + a] = count[s * A + a] / visits[s];
      }
    }
    // Ĥ(A|S) = −(1/N) Σ_t log p̂(a_t|s_t) = −Σ_{s,a} (n(s,a)/N) log p̂(a|s)
    double entropy = 0;
    int modeHits = 0;
    for (int s = 0; s < S; s++) {
      int mode = 0;
      for (int a = 0; a < A; a++) {
        entropy -= count[s * A + a] / n * Math.log(pHat[s * A + a]);
        mode = count[s * A + a] > count[s * A + mode] ? a : mode;
      }
      modeHits += (int) count[s * A + mode];
    }
    // no hidden layer, one-hot input: every state's logits are free, the loss is convex in
    // them; full-batch Adam steps
    BehaviourCloningConfig config = BehaviourCloningConfig.defaults()
        .with(b -> b.hidden(List.of()).minibatchSize(n).learningRate(0.05).epochs(1500));
    SampledIrlResult<BehaviourCloningConfig> r = BehaviourCloning.train(tabular, config, null);

    double gap = r.history().last(Metrics.BC_NLL) - entropy;
    // Ĥ is the minimum of the NLL; 1500 full-batch steps reach it to round-off (gap 4.7e-15)
    assertThat(gap).isBetween(-1e-12, 1e-10);
    double[] pi = ((CategoricalPolicy) r.policy()).probabilities(new Tape(),
        identity(S), null).data;
    for (int s = 0; s < S; s++) {
      // gap = Σ_s (n_s/N) KL(p̂_s ‖ π_s) and Pinsker: max_a |π − p̂| ≤ √(KL / 2)
      double bound = Math.sqrt(gap * n / visits[s] / 2) + 1e-12;
      for (int a = 0; a < A; a++) {
        assertThat(pi[s * A + a]).as("pi(%d|%d)", a, s).isCloseTo(pHat[s * A + a],
            within(Math.min(bound, 1e-3)));
      }
    }
    // the mode of π is the mode of p̂ (no ties in this sample), so accuracy has a closed form
    assertThat(r.history().last(Metrics.BC_ACCURACY)).isEqualTo((double) modeHits / n);
    assertThat(r.reward()).isNull();
    assertThat(r.environmentSteps()).isZero();
    assertThat(r.iterations()).isEqualTo(1500);
    assertThat(r.algorithm()).isEqualTo("bc");
  }

  @Test
  void tabular_defaultNetworkAndMinibatches_goFromUniformToTheConditionalEntropy() {
    double[] count = counts(tabular);
    int n = tabular.size();
    BehaviourCloningConfig config = BehaviourCloningConfig.defaults().withEpochs(10);
    // the untrained network is nearly uniform (output gain 0.01): NLL ≈ log 3
    double[] pi0 = ((CategoricalPolicy) BehaviourCloning.initialPolicy(tabular, config))
        .probabilities(new Tape(), identity(S), null).data;
    double nll0 = 0;
    double entropy = 0;
    for (int s = 0; s < S; s++) {
      double v = count[s * A] + count[s * A + 1] + count[s * A + 2];
      for (int a = 0; a < A; a++) {
        nll0 -= count[s * A + a] / n * Math.log(pi0[s * A + a]);
        entropy -= count[s * A + a] / n * Math.log(count[s * A + a] / v);
      }
    }
    assertThat(nll0).isCloseTo(Math.log(3), within(0.01));
    SampledIrlResult<BehaviourCloningConfig> r = BehaviourCloning.train(tabular, config, null);
    double[] nll = r.history().series(Metrics.BC_NLL);
    assertThat(nll).hasSize(10);
    // log 3 − Ĥ = 0.082 nats at the start; minibatch noise keeps Adam (η = 1e-3) within a few
    // thousandths of Ĥ afterwards (measured 0.0001 to 0.0032 over the 10 epochs, 0.001 last)
    assertThat(nll[9] - entropy).isBetween(0.0, 0.005);
  }

  @Test
  void continuous_linearMean_isTheLeastSquaresFit_andSigmaTheResidualRms() {
    int n = continuous.size();
    double[] o = continuous.observations();
    double[] act = continuous.actions();
    // least squares a_i ≈ W o + b per action coordinate: normal equations of [o, 1]
    double[][] xtx = new double[3][3];
    double[][] xty = new double[3][2];
    for (int t = 0; t < n; t++) {
      double[] x = {o[2 * t], o[2 * t + 1], 1};
      for (int p = 0; p < 3; p++) {
        for (int q = 0; q < 3; q++) {
          xtx[p][q] += x[p] * x[q];
        }
        for (int i = 0; i < 2; i++) {
          xty[p][i] += x[p] * act[2 * t + i];
        }
      }
    }
    double[][] beta = solve3(xtx, xty); // beta[p][i]: coefficient of x_p for action i
    double[] rss = new double[2];
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < 2; i++) {
        double fit = beta[0][i] * o[2 * t] + beta[1][i] * o[2 * t + 1] + beta[2][i];
        rss[i] += (act[2 * t + i] - fit) * (act[2 * t + i] - fit);
      }
    }
    // the NLL at the MLE: Σ_i ½ log(2π e σ̂_i²), σ̂_i² = RSS_i / N
    double nllAtMle = 0;
    for (int i = 0; i < 2; i++) {
      nllAtMle += 0.5 * Math.log(2 * Math.PI * Math.E * rss[i] / n);
    }
    // a linear mean (no hidden layer), full-batch steps
    BehaviourCloningConfig config = BehaviourCloningConfig.defaults()
        .with(b -> b.hidden(List.of()).minibatchSize(n).learningRate(0.02).epochs(1500));
    SampledIrlResult<BehaviourCloningConfig> r = BehaviourCloning.train(continuous, config,
        null);
    double gap = r.history().last(Metrics.BC_NLL) - nllAtMle;
    assertThat(gap).isBetween(-1e-12, 1e-7); // measured 6.6e-9
    // The gap bounds both parts: NLL(μ, σ) − NLL* = Σ_i MSE_i(μ − fit) / (2σ_i²)
    // + Σ_i [δ_i + ½ e^{−2δ_i} − ½] with δ_i = log σ_i − log σ̂_i, both terms ≥ 0 and the
    // second ≥ δ²/2 for |δ| < 0.3; so RMS_i(μ − fit) ≤ σ_i √(2 gap) and |δ_i| ≤ √(2 gap).
    GaussianPolicy pi = (GaussianPolicy) r.policy();
    double[] logStd = pi.parameters().get(pi.parameters().size() - 1).value().data;
    Tape tape = new Tape();
    double[] mean = pi.forward(tape, tape.constant(DMatrixRMaj.wrap(n, 2, o.clone()))).value()
        .data;
    double bound = Math.sqrt(2 * Math.max(gap, 0));
    for (int i = 0; i < 2; i++) {
      double mse = 0;
      for (int t = 0; t < n; t++) {
        double fit = beta[0][i] * o[2 * t] + beta[1][i] * o[2 * t + 1] + beta[2][i];
        mse += (mean[2 * t + i] - fit) * (mean[2 * t + i] - fit) / n;
      }
      assertThat(Math.sqrt(mse)).as("rms of mean − fit, action %d", i)
          .isLessThanOrEqualTo(Math.exp(logStd[i]) * bound + 1e-12).isLessThan(1e-4);
      assertThat(logStd[i] - 0.5 * Math.log(rss[i] / n)).as("log sigma %d", i)
          .isBetween(-bound - 1e-12, bound + 1e-12);
    }
    assertThat(r.history().series(Metrics.BC_ACCURACY)).isEmpty();
  }

  /** Solves the 3×3 system m x = y for two right-hand sides (Gaussian elimination, pivoting). */
  private static double[][] solve3(double[][] m, double[][] y) {
    double[][] a = new double[3][5];
    for (int p = 0; p < 3; p++) {
      System.arraycopy(m[p], 0, a[p], 0, 3);
      a[p][3] = y[p][0];
      a[p][4] = y[p][1];
    }
    for (int c = 0; c < 3; c++) {
      int piv = c;
      for (int r = c + 1; r < 3; r++) {
        piv = Math.abs(a[r][c]) > Math.abs(a[piv][c]) ? r : piv;
      }
      double[] tmp = a[c];
      a[c] = a[piv];
      a[piv] = tmp;
      for (int r = 0; r < 3; r++) {
        if (r != c) {
          double f = a[r][c] / a[c][c];
          for (int k = c; k < 5; k++) {
            a[r][k] -= f * a[c][k];
          }
        }
      }
    }
    double[][] x = new double[3][2];
    for (int p = 0; p < 3; p++) {
      x[p][0] = a[p][3] / a[p][p];
      x[p][1] = a[p][4] / a[p][p];
    }
    return x;
  }

  private static DMatrixRMaj identity(int n) {
    DMatrixRMaj m = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      m.set(i, i, 1);
    }
    return m;
  }

  /** The values of every row (the elapsed times differ from run to run). */
  private static List<Map<String, Double>> values(MetricsHistory h) {
    List<Map<String, Double>> out = new ArrayList<>();
    for (MetricsRecorder.Row row : h.rows()) {
      out.add(row.values());
    }
    return out;
  }

  @Test
  void sameSeed_sameHistory_onPoolsOfOneAndTwoThreads() throws Exception {
    BehaviourCloningConfig config = BehaviourCloningConfig.defaults().withEpochs(3);
    // seeds 1 and 2 on the tabular and on the continuous data, run at once on each pool
    List<List<Map<String, Double>>> one = runOnPool(1, config);
    List<List<Map<String, Double>>> two = runOnPool(2, config);
    assertThat(two).isEqualTo(one);
    assertThat(one.get(0)).isNotEqualTo(one.get(1)); // the seeds differ
    assertThat(one.get(2)).isNotEqualTo(one.get(3));
  }

  private List<List<Map<String, Double>>> runOnPool(int threads, BehaviourCloningConfig config)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Map<String, Double>>>> runs = new ArrayList<>();
      for (Transitions data : List.of(tabular, continuous)) {
        for (long seed : new long[] {1, 2}) {
          runs.add(pool.submit(() -> values(
              BehaviourCloning.train(data, config.withSeed(seed), null).history())));
        }
      }
      List<List<Map<String, Double>>> out = new ArrayList<>();
      for (Future<List<Map<String, Double>>> f : runs) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void retrainingFromTheProvenance_givesTheSameNumbersAndWeights() {
    MetricsRecorder listener = new MetricsRecorder();
    SampledIrlResult<BehaviourCloningConfig> r = BehaviourCloning.train(continuous,
        BehaviourCloningConfig.defaults().with(b -> b.epochs(3).seed(5)), listener);
    SampledIrlResult<BehaviourCloningConfig> again = BehaviourCloning.train(continuous,
        (BehaviourCloningConfig) r.provenance().config(), null);
    assertThat(values(again.history())).isEqualTo(values(r.history()));
    assertThat(values(listener.history())).isEqualTo(values(r.history()));
    for (int i = 0; i < r.policy().parameters().size(); i++) {
      assertThat(again.policy().parameters().get(i).value().data)
          .containsExactly(r.policy().parameters().get(i).value().data);
    }
    assertThat(r.provenance().seed()).isEqualTo(5);
  }

  @Test
  void initialPolicy_isTheNetworkThePpoMethodsBuild() {
    BehaviourCloningConfig config = BehaviourCloningConfig.defaults().withSeed(9);
    Sampler<double[], double[]> sampler = Sampler.vector(List.of(
        new TimeLimit<>(PointNavigation.withGoal(0.3, -0.2), 40)));
    Policy ours = BehaviourCloning.initialPolicy(continuous, config);
    Policy theirs = Networks.defaultPolicy(sampler, config.hidden(), config.initLogStd(), 9);
    assertThat(ours).isInstanceOf(GaussianPolicy.class);
    assertThat(ours.parameters()).hasSameSizeAs(theirs.parameters());
    for (int i = 0; i < ours.parameters().size(); i++) {
      assertThat(ours.parameters().get(i).value().data)
          .containsExactly(theirs.parameters().get(i).value().data);
    }
    assertThat(BehaviourCloning.initialPolicy(tabular, config))
        .isInstanceOf(CategoricalPolicy.class);
  }

  @Test
  void everyReportedKey_isDeclared() {
    for (Transitions data : List.of(tabular, continuous)) {
      SampledIrlResult<BehaviourCloningConfig> r = BehaviourCloning.train(data,
          BehaviourCloningConfig.defaults().withEpochs(2), null);
      assertThat(r.history().size()).isEqualTo(2);
      for (MetricsRecorder.Row row : r.history().rows()) {
        assertThat(BehaviourCloning.METRICS).containsAll(row.values().keySet());
        assertThat(Metrics.ALL).containsAll(row.values().keySet());
        assertThat(row.values().containsKey(Metrics.BC_ACCURACY)).isEqualTo(data.discrete());
      }
    }
  }

  @Test
  void anInfiniteLoss_stopsTheRun_namingTheEpochAndTheQuantity() {
    // (a − μ)² overflows for a = 1e200: the first minibatch's loss is +∞
    Transitions bad = Transitions.of(1, 1, 0, new double[] {0, 1}, new double[] {1e200, 0},
        new double[] {1, 0}, new boolean[] {true, false}, new boolean[2], new int[] {0});
    assertThatThrownBy(() -> BehaviourCloning.train(bad, BehaviourCloningConfig.defaults(),
        null)).isInstanceOf(ArithmeticException.class)
        .hasMessage("bc epoch 1: minibatch loss is Infinity");
  }

  @Test
  void config_rejectsNonsense_namingTheFieldAndValue() {
    BehaviourCloningConfig d = BehaviourCloningConfig.defaults();
    assertThat(d.hidden()).containsExactly(64, 64);
    assertThatThrownBy(() -> d.withEpochs(0)).hasMessage("epochs must be >= 1, got 0");
    assertThatThrownBy(() -> d.withLearningRate(Double.NaN))
        .hasMessage("learningRate must be finite and > 0, got NaN");
    assertThatThrownBy(() -> d.withHidden(List.of(64, 0)))
        .hasMessage("hidden layer sizes must be >= 1, got [64, 0]");
    assertThatThrownBy(() -> d.withInitLogStd(Double.POSITIVE_INFINITY))
        .hasMessage("initLogStd must be finite, got Infinity");
    assertThatThrownBy(() -> BehaviourCloning.train(continuous, TabularExpertPolicy.oneHot(
        TabularPolicy.uniform(2, 2)), d, null)).hasMessageStartingWith("the policy (obs 2, "
            + "action 1, discrete) does not match the expert's rows");
  }
}
