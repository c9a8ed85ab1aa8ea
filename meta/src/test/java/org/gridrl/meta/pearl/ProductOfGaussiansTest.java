package org.gridrl.meta.pearl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.GradCheck;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The product of Gaussians against a hand case, against the defining property of a product of
 * densities (the log-ratio to the product's density is constant in z), against sequential
 * conjugate updating of a Gaussian mean with known noise variances (the Kalman form, solved on
 * paper), the tape form against the raw kernel bit for bit, the authors' clamp, and gradients
 * (first and second order) against finite differences.
 */
class ProductOfGaussiansTest {

  private static final double TOL = 1e-12;
  private static final double GRAD_TOL = 1e-7;

  @Test
  void combine_twoFactorsHandCase_isPrecisionWeighted() {
    // dimension 0: (1, 1) × (3, 3) → 1/σ² = 1 + 1/3 = 4/3, σ² = 0.75, μ = 0.75·(1 + 1) = 1.5
    // dimension 1: (0, 2) × (4, 2) → σ² = 1, μ = 1·(0 + 2) = 2
    double[] mu = {1, 0, 3, 4};
    double[] var = {1, 2, 3, 2};
    double[] m = new double[2];
    double[] v = new double[2];
    ProductOfGaussians.combine(mu, var, 2, 2, m, v);
    assertThat(v[0]).isCloseTo(0.75, within(TOL));
    assertThat(m[0]).isCloseTo(1.5, within(TOL));
    assertThat(v[1]).isCloseTo(1.0, within(TOL));
    assertThat(m[1]).isCloseTo(2.0, within(TOL));
  }

  @Test
  void combine_oneFactor_isThatFactor() {
    double[] m = new double[3];
    double[] v = new double[3];
    ProductOfGaussians.combine(new double[] {0.3, -2, 5}, new double[] {0.5, 2, 1e-3}, 1, 3, m,
        v);
    assertThat(m).containsExactly(new double[] {0.3, -2, 5}, within(TOL));
    assertThat(v).containsExactly(new double[] {0.5, 2, 1e-3}, within(TOL));
  }

  /**
   * A product of densities Π_i N(z; μ_i, σ²_i) is proportional to N(z; μ, σ²): the log-ratio is
   * the same at every z. Checked at five points per dimension on random factors.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void combine_randomFactors_isProportionalToTheProductOfDensities(long seed) {
    Rng rng = new Rng(seed);
    int n = 1 + rng.nextInt(8);
    int d = 1 + rng.nextInt(5);
    double[] mu = new double[n * d];
    double[] var = new double[n * d];
    for (int i = 0; i < n * d; i++) {
      mu[i] = rng.nextDouble(-3, 3);
      var[i] = rng.nextDouble(0.05, 4);
    }
    double[] m = new double[d];
    double[] v = new double[d];
    ProductOfGaussians.combine(mu, var, n, d, m, v);
    for (int j = 0; j < d; j++) {
      double ratio0 = Double.NaN;
      for (double z = -2; z <= 2; z += 1) {
        double logProduct = 0;
        for (int i = 0; i < n; i++) {
          logProduct += logNormal(z, mu[i * d + j], var[i * d + j]);
        }
        double ratio = logProduct - logNormal(z, m[j], v[j]);
        if (Double.isNaN(ratio0)) {
          ratio0 = ratio;
        }
        assertThat(ratio).isCloseTo(ratio0, within(1e-10 * Math.max(1, Math.abs(ratio0))));
      }
    }
  }

  /**
   * Sequential Bayesian updating of a Gaussian mean θ ~ N(0, 1) from observations x_k ~ N(θ,
   * s_k²) with known s_k², in the Kalman form K = v/(v + s²), m ← m + K(x − m), v ← (1 − K)v,
   * equals the product of the prior factor (0, 1) and one factor (x_k, s_k²) per observation,
   * after every prefix. On paper, x = (2, −1, 0.5, 3), s² = (1, 4, 0.25, 2): (m, v) goes
   * (1, 1/2), (7/9, 4/9), (3/5, 4/25), (7/9, 4/27).
   */
  @Test
  void combine_priorAndObservations_equalsSequentialConjugateUpdate() {
    double[] x = {2, -1, 0.5, 3};
    double[] s2 = {1, 4, 0.25, 2};
    double[][] onPaper = {{1, 0.5}, {7.0 / 9, 4.0 / 9}, {0.6, 0.16}, {7.0 / 9, 4.0 / 27}};
    double m = 0;
    double v = 1;
    double[] mu = new double[x.length + 1];
    double[] var = new double[x.length + 1];
    mu[0] = 0;
    var[0] = 1;
    double[] pm = new double[1];
    double[] pv = new double[1];
    for (int k = 0; k < x.length; k++) {
      double gain = v / (v + s2[k]);
      m = m + gain * (x[k] - m);
      v = (1 - gain) * v;
      mu[k + 1] = x[k];
      var[k + 1] = s2[k];
      ProductOfGaussians.combine(mu, var, k + 2, 1, pm, pv);
      assertThat(pm[0]).as("mean after %d observations", k + 1).isCloseTo(m, within(TOL));
      assertThat(pv[0]).as("variance after %d observations", k + 1).isCloseTo(v, within(TOL));
      assertThat(pm[0]).isCloseTo(onPaper[k][0], within(TOL));
      assertThat(pv[0]).isCloseTo(onPaper[k][1], within(TOL));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void combineOnTape_equalsRawKernel_bitForBit(long seed) {
    Rng rng = new Rng(seed);
    int n = 7;
    int d = 5;
    DMatrixRMaj mu = random(rng, n, d, -2, 2);
    DMatrixRMaj var = random(rng, n, d, 1e-3, 3);
    Tape tape = new Tape();
    LatentPosterior q = ProductOfGaussians.combine(tape, tape.constant(mu), tape.constant(var));
    double[] m = new double[d];
    double[] v = new double[d];
    ProductOfGaussians.combine(mu.data, var.data, n, d, m, v);
    assertThat(q.meanValues()).containsExactly(m);
    assertThat(q.varianceValues()).containsExactly(v);
  }

  @Test
  void combine_varianceBelowTheClamp_isClampedAndGetsNoGradient() {
    // the authors clamp each factor's σ² at 1e-7: a factor of 1e-12 acts as one of 1e-7
    double[] m1 = new double[1];
    double[] v1 = new double[1];
    double[] m2 = new double[1];
    double[] v2 = new double[1];
    ProductOfGaussians.combine(new double[] {1, 2}, new double[] {1e-12, 1}, 2, 1, m1, v1);
    ProductOfGaussians.combine(new double[] {1, 2}, new double[] {1e-7, 1}, 2, 1, m2, v2);
    assertThat(v1[0]).isEqualTo(v2[0]);
    assertThat(m1[0]).isEqualTo(m2[0]);
    assertThat(v1[0]).isCloseTo(1.0 / (1e7 + 1), within(1e-20));

    Tape tape = new Tape();
    DMatrixRMaj var = new DMatrixRMaj(new double[][] {{1e-12}, {1}});
    Tensor varLeaf = tape.parameter(var);
    LatentPosterior q = ProductOfGaussians.combine(tape,
        tape.constant(new DMatrixRMaj(new double[][] {{1}, {2}})), varLeaf);
    Tensor g = tape.grad(tape.add(q.mean(), q.variance()), varLeaf, false);
    assertThat(g.value().data[0]).isEqualTo(0.0);
    assertThat(g.value().data[1]).isNotEqualTo(0.0);
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23})
  void combineOnTape_gradients_matchFiniteDifferences(long seed) {
    Rng rng = new Rng(seed);
    int n = 4;
    int d = 3;
    DMatrixRMaj mu = random(rng, n, d, -2, 2);
    DMatrixRMaj var = random(rng, n, d, 0.2, 3);
    DMatrixRMaj wMean = random(rng, 1, d, -1, 1);
    DMatrixRMaj wVar = random(rng, 1, d, -1, 1);
    // a nonlinear readout of both outputs, so second derivatives are not trivially zero
    GradCheck.Loss f = (t, in) -> {
      LatentPosterior q = ProductOfGaussians.combine(t, in.get(0), in.get(1));
      Tensor a = t.sum(t.mul(t.square(q.mean()), t.constant(wMean)));
      return t.add(a, t.sum(t.mul(t.log(q.variance()), t.constant(wVar))));
    };
    GradCheck.Report first = GradCheck.firstOrder(f, List.of(mu, var), 1e-6);
    assertThat(first.within(GRAD_TOL)).as(first.describe()).isTrue();
    GradCheck.Report second = GradCheck.secondOrder(f, List.of(mu, var),
        List.of(random(rng, n, d, -1, 1), random(rng, n, d, -1, 1)), 1e-5);
    assertThat(second.within(1e-6)).as(second.describe()).isTrue();
  }

  @Test
  void combine_badArguments_areRejectedNamingTheValue() {
    double[] out1 = new double[2];
    double[] out2 = new double[2];
    assertThatThrownBy(() -> ProductOfGaussians.combine(new double[] {0, 0, 0, 0},
        new double[] {1, 1, 1, 0}, 2, 2, out1, out2))
        .hasMessageContaining("var of factor 1, dimension 1 must be > 0, got 0.0");
    assertThatThrownBy(() -> ProductOfGaussians.combine(new double[] {0, 0},
        new double[] {1, Double.NaN}, 1, 2, out1, out2)).hasMessageContaining("got NaN");
    assertThatThrownBy(() -> ProductOfGaussians.combine(new double[2], new double[2], 0, 2,
        out1, out2)).hasMessageContaining("n 0");
    double[] mu = {0, 0};
    assertThatThrownBy(() -> ProductOfGaussians.combine(mu, new double[] {1, 1}, 1, 2, mu,
        out2)).hasMessageContaining("alias");
    Tape tape = new Tape();
    assertThatThrownBy(() -> ProductOfGaussians.combine(tape, tape.filled(2, 3, 0),
        tape.filled(3, 3, 1))).hasMessageContaining("must match");
  }

  static double logNormal(double z, double mean, double var) {
    return -0.5 * Math.log(2 * Math.PI * var) - 0.5 * (z - mean) * (z - mean) / var;
  }

  static DMatrixRMaj random(Rng rng, int rows, int cols, double lo, double hi) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.getNumElements(); i++) {
      m.data[i] = rng.nextDouble(lo, hi);
    }
    return m;
  }
}
