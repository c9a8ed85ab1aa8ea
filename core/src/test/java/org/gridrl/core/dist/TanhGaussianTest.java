package org.gridrl.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.GradCheck;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TanhGaussianTest extends TestBase {

  static IntStream seeds() {
    return IntStream.range(0, 8);
  }

  private static DMatrixRMaj random(Random r, int rows, int cols, double scale) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = scale * r.nextGaussian();
    }
    return m;
  }

  /** ∫_{−1}^{1} π(a) da = 1 by the midpoint rule on 10⁶ cells (d = 1). */
  @ParameterizedTest
  @MethodSource("seeds")
  void density_d1_integratesToOneOverTheOpenInterval(int seed) {
    Random r = new Random(seed);
    double mu = r.nextDouble() * 2 - 1;
    double logStd = Math.log(0.2 + 0.8 * r.nextDouble());
    int n = 1_000_000;
    double h = 2.0 / n;
    double[] a = new double[1];
    double[] m = {mu};
    double[] ls = {logStd};
    double sum = 0;
    for (int i = 0; i < n; i++) {
      a[0] = -1 + (i + 0.5) * h;
      sum += Math.exp(TanhGaussian.logProb(a, m, ls));
    }
    assertThat(sum * h).isCloseTo(1.0, within(1e-6));
  }

  /** The mass of (−1, c] equals Φ((atanh c − μ)/σ), again by quadrature. */
  @Test
  void density_d1_cumulativeMatchesGaussianCdfOfAtanh() {
    double mu = 0.3;
    double sigma = 0.7;
    double c = 0.5;
    int n = 1_000_000;
    double h = (c + 1) / n;
    double[] a = new double[1];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      a[0] = -1 + (i + 0.5) * h;
      sum += Math.exp(TanhGaussian.logProb(a, new double[] {mu}, new double[] {Math.log(sigma)}));
    }
    double z = (0.5 * Math.log((1 + c) / (1 - c)) - mu) / sigma;
    // Φ(z) for z = (atanh 0.5 − 0.3)/0.7 = 0.35614...: scipy.stats.norm.cdf(0.356144...) = 0.63913...
    double phi = 0.5 * (1 + erf(z / Math.sqrt(2)));
    assertThat(sum * h).isCloseTo(phi, within(1e-6));
  }

  /** Abramowitz–Stegun 7.1.26 is too coarse; a series good to 1e-12 for |x| &lt; 3. */
  private static double erf(double x) {
    double sum = 0;
    double term = x;
    for (int k = 0; k < 200; k++) {
      sum += term / (2 * k + 1);
      term *= -x * x / (k + 1);
    }
    return 2 / Math.sqrt(Math.PI) * sum;
  }

  /**
   * At random points the tensor log-prob (rsample and logProbOfPreTanh) equals the
   * change-of-variables density log N(u; μ, σ) − log(1 − a²), written out with Math.tanh.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void logProb_matchesChangeOfVariablesAtPoints(int seed) {
    Random r = new Random(seed);
    int b = 4;
    int d = 3;
    DMatrixRMaj mu = random(r, b, d, 0.5);
    DMatrixRMaj logStd = random(r, b, d, 0.3);
    DMatrixRMaj eps = random(r, b, d, 1.0);
    Tape tape = new Tape();
    TanhGaussian dist = new TanhGaussian(tape.constant(mu), tape.constant(logStd));
    TanhGaussian.Sample s = dist.rsample(eps);
    Tensor again = dist.logProbOfPreTanh(s.preTanh());
    for (int i = 0; i < b; i++) {
      double expected = 0;
      double[] ai = new double[d];
      for (int j = 0; j < d; j++) {
        double sigma = Math.exp(logStd.get(i, j));
        double u = mu.get(i, j) + sigma * eps.get(i, j);
        double a = Math.tanh(u);
        ai[j] = a;
        assertThat(s.action().value().get(i, j)).isCloseTo(a, within(1e-14));
        double gauss = Math.exp(-0.5 * Math.pow((u - mu.get(i, j)) / sigma, 2))
            / (sigma * Math.sqrt(2 * Math.PI));
        expected += Math.log(gauss / (1 - a * a));
      }
      assertThat(s.logProb().value().get(i, 0)).isCloseTo(expected, within(1e-10));
      assertThat(again.value().get(i, 0)).isCloseTo(expected, within(1e-10));
      double[] m = new double[d];
      double[] l = new double[d];
      for (int j = 0; j < d; j++) {
        m[j] = mu.get(i, j);
        l[j] = logStd.get(i, j);
      }
      assertThat(TanhGaussian.logProb(ai, m, l)).isCloseTo(expected, within(1e-8));
    }
  }

  /** log(1 − tanh²u) against Math.tanh for moderate u and log sech² u = 2(log 2 − |u|) − 2 log1p(e^{−2|u|}) for large. */
  @Test
  void logOneMinusTanhSquared_isStableAndExact() {
    for (double u = -5; u <= 5; u += 0.25) {
      double t = Math.tanh(u);
      assertThat(TanhGaussian.logOneMinusTanhSquared(u)).isCloseTo(Math.log(1 - t * t),
          within(1e-12));
    }
    for (double u : new double[] {-40, -25, 25, 40}) {
      double expected = 2 * (Math.log(2) - Math.abs(u)) - 2 * Math.log1p(Math.exp(-2 * Math.abs(u)));
      assertThat(TanhGaussian.logOneMinusTanhSquared(u)).isCloseTo(expected, within(1e-12));
      // the naive form underflows to log 0 here
      assertThat(Math.log(1 - Math.tanh(u) * Math.tanh(u))).isInfinite();
      Tape tape = new Tape();
      DMatrixRMaj m = new DMatrixRMaj(1, 1);
      m.data[0] = u;
      assertThat(TanhGaussian.logOneMinusTanhSquared(tape, tape.constant(m)).item())
          .isCloseTo(expected, within(1e-12));
    }
  }

  /** Loss Σ a ⊙ w + Σ log π(a) of a reparameterised sample, against finite differences in μ and log σ. */
  @ParameterizedTest
  @MethodSource("seeds")
  void rsample_gradientsMatchFiniteDifferences_firstAndSecondOrder(int seed) {
    Random r = new Random(seed);
    int b = 3;
    int d = 2;
    DMatrixRMaj eps = random(r, b, d, 1.0);
    DMatrixRMaj w = random(r, b, d, 1.0);
    GradCheck.Loss f = (tape, x) -> {
      TanhGaussian dist = new TanhGaussian(x.get(0), x.get(1));
      TanhGaussian.Sample s = dist.rsample(eps);
      return tape.add(tape.sum(tape.mul(s.action(), tape.constant(w))), tape.sum(s.logProb()));
    };
    List<DMatrixRMaj> inputs = List.of(random(r, b, d, 0.7), random(r, b, d, 0.4));
    GradCheck.Report first = GradCheck.firstOrder(f, inputs, 1e-5);
    assertThat(first.within(1e-7)).as(first.describe()).isTrue();
    GradCheck.Report second = GradCheck.secondOrder(f, inputs,
        List.of(random(r, b, d, 1.0), random(r, b, d, 1.0)), 1e-5);
    assertThat(second.within(1e-6)).as(second.describe()).isTrue();
  }

  /** log π of given pre-squash values, with a 1 × d (broadcast) log σ, in u, μ and log σ. */
  @ParameterizedTest
  @MethodSource("seeds")
  void logProbOfPreTanh_gradientsMatchFiniteDifferences(int seed) {
    Random r = new Random(seed);
    int b = 3;
    int d = 2;
    GradCheck.Loss f = (tape, x) -> {
      TanhGaussian dist = new TanhGaussian(x.get(0), x.get(1));
      return tape.sum(dist.logProbOfPreTanh(x.get(2)));
    };
    List<DMatrixRMaj> inputs = List.of(random(r, b, d, 0.7), random(r, 1, d, 0.4),
        random(r, b, d, 1.0));
    GradCheck.Report first = GradCheck.firstOrder(f, inputs, 1e-5);
    assertThat(first.within(1e-7)).as(first.describe()).isTrue();
  }

  /** A distribution rebound with set and a sample written into a holder equal fresh ones. */
  @Test
  void setAndRsampleIntoHolder_matchFreshObjects() {
    Random r = new Random(3);
    DMatrixRMaj mu = random(r, 4, 2, 0.5);
    DMatrixRMaj logStd = random(r, 4, 2, 0.3);
    DMatrixRMaj eps = random(r, 4, 2, 1.0);
    Tape tape = new Tape();
    TanhGaussian.Sample fresh = new TanhGaussian(tape.constant(mu), tape.constant(logStd))
        .rsample(eps);
    Tape other = new Tape();
    TanhGaussian reused = new TanhGaussian(other.filled(1, 2, 0.0), other.filled(1, 2, 0.0));
    TanhGaussian.Sample holder = reused.rsample(random(r, 1, 2, 1.0));
    assertThat(reused.set(tape.constant(mu), tape.constant(logStd))).isSameAs(reused);
    assertThat(reused.rsample(eps, holder)).isSameAs(holder);
    assertThat(holder.action().tape()).isSameAs(tape);
    assertClose(fresh.preTanh().value().data, holder.preTanh().value().data, 0);
    assertClose(fresh.action().value().data, holder.action().value().data, 0);
    assertClose(fresh.logProb().value().data, holder.logProb().value().data, 0);
    assertThatThrownBy(() -> reused.set(tape.filled(2, 3, 0), tape.filled(2, 2, 0)))
        .hasMessageContaining("2×2");
  }

  @Test
  void mode_isTanhOfMu() {
    Tape tape = new Tape();
    DMatrixRMaj mu = new DMatrixRMaj(new double[][] {{0.5, -2.0}});
    TanhGaussian dist = new TanhGaussian(tape.constant(mu), tape.filled(1, 2, 0.0));
    assertClose(new double[] {Math.tanh(0.5), Math.tanh(-2.0)}, dist.mode().value().data, 1e-15);
  }

  @Test
  void constructor_rejectsMismatchedShapes() {
    Tape tape = new Tape();
    assertThatThrownBy(() -> new TanhGaussian(tape.filled(2, 3, 0), tape.filled(2, 2, 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2×2");
    assertThatThrownBy(() -> TanhGaussian.logProb(new double[] {1.0}, new double[] {0},
        new double[] {0})).hasMessageContaining("a[0]");
  }

  private static org.assertj.core.data.Offset<Double> within(double tol) {
    return org.assertj.core.data.Offset.offset(tol);
  }
}
