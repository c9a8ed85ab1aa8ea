package org.gridrl.core.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.GradCheck;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiagGaussianTest extends TestBase {

  private static DMatrixRMaj random(Random rand, int m, int d, double scale) {
    DMatrixRMaj x = new DMatrixRMaj(m, d);
    for (int i = 0; i < m * d; i++) {
      x.data[i] = scale * rand.nextGaussian();
    }
    return x;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void logProbEntropyKl_matchClosedForms(int seed) {
    Random rand = new Random(seed);
    int m = 1 + rand.nextInt(4);
    int d = 1 + rand.nextInt(3);
    boolean shared = rand.nextBoolean();
    DMatrixRMaj mu = random(rand, m, d, 1);
    DMatrixRMaj ls = random(rand, shared ? 1 : m, d, 0.5);
    DMatrixRMaj mu2 = random(rand, m, d, 1);
    DMatrixRMaj ls2 = random(rand, m, d, 0.5);
    DMatrixRMaj x = random(rand, m, d, 1.5);
    Tape tape = new Tape();
    DiagGaussian p = new DiagGaussian(tape, tape.constant(mu), tape.constant(ls));
    DiagGaussian q = new DiagGaussian(tape, tape.constant(mu2), tape.constant(ls2));
    double[] lp = p.logProb(tape.constant(x)).value().data;
    double[] h = p.entropy().value().data;
    double[] kl = p.kl(q).value().data;
    for (int i = 0; i < m; i++) {
      double elp = 0;
      double eh = 0;
      double ekl = 0;
      for (int j = 0; j < d; j++) {
        double s = Math.exp(ls.get(shared ? 0 : i, j));
        double s2 = Math.exp(ls2.get(i, j));
        double dx = x.get(i, j) - mu.get(i, j);
        // the normal density, written out
        elp += Math.log(Math.exp(-dx * dx / (2 * s * s)) / (s * Math.sqrt(2 * Math.PI)));
        eh += 0.5 * Math.log(2 * Math.PI * Math.E * s * s);
        double dm = mu.get(i, j) - mu2.get(i, j);
        ekl += Math.log(s2 / s) + (s * s + dm * dm) / (2 * s2 * s2) - 0.5;
      }
      assertClose(elp, lp[i], 1e-12);
      assertClose(eh, h[i], 1e-12);
      assertClose(ekl, kl[i], 1e-12);
      assertClose(elp, p.logProbValue(i, x.data, i * d), 1e-12);
    }
  }

  @Test
  void kl_closedForm_matchesMonteCarlo() {
    Tape tape = new Tape();
    DMatrixRMaj mu = new DMatrixRMaj(new double[][] {{0.3, -0.5}});
    DMatrixRMaj ls = new DMatrixRMaj(new double[][] {{-0.2, 0.1}});
    DMatrixRMaj mu2 = new DMatrixRMaj(new double[][] {{-0.1, 0.4}});
    DMatrixRMaj ls2 = new DMatrixRMaj(new double[][] {{0.3, -0.3}});
    DiagGaussian p = new DiagGaussian(tape, tape.constant(mu), tape.constant(ls));
    DiagGaussian q = new DiagGaussian(tape, tape.constant(mu2), tape.constant(ls2));
    double exact = p.kl(q).item();
    Rng rng = new Rng(9);
    DMatrixRMaj x = new DMatrixRMaj(1, 2);
    int n = 200_000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      p.sample(rng, x);
      double v = p.logProbValue(0, x.data, 0) - q.logProbValue(0, x.data, 0);
      sum += v;
      sumSq += v * v;
    }
    double mean = sum / n;
    double se = Math.sqrt((sumSq / n - mean * mean) / n);
    assertThat(Math.abs(mean - exact)).isLessThan(4 * se);
  }

  @Test
  void sample_hasTheRightMeanAndStd() {
    Tape tape = new Tape();
    DiagGaussian p = new DiagGaussian(tape, tape.filled(1, 1, 2.0), tape.filled(1, 1,
        Math.log(0.5)));
    Rng rng = new Rng(1);
    DMatrixRMaj x = new DMatrixRMaj(1, 1);
    int n = 100_000;
    double s = 0;
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      double v = p.sample(rng, x).data[0];
      s += v;
      s2 += v * v;
    }
    double mean = s / n;
    assertClose(2.0, mean, 4 * 0.5 / Math.sqrt(n));
    assertClose(0.25, s2 / n - mean * mean, 0.01);
  }

  @Test
  void rsample_gradient_isOneForMeanAndEpsSigmaForLogStd() {
    Tape tape = new Tape();
    DMatrixRMaj mu = new DMatrixRMaj(new double[][] {{0.5, -1}});
    DMatrixRMaj ls = new DMatrixRMaj(new double[][] {{0.2, -0.4}});
    DMatrixRMaj eps = new DMatrixRMaj(new double[][] {{1.5, -0.7}});
    Tensor m = tape.parameter(mu);
    Tensor l = tape.parameter(ls);
    DiagGaussian p = new DiagGaussian(tape, m, l);
    Tensor x = p.rsample(tape.constant(eps));
    List<Tensor> g = tape.grad(tape.sum(x), List.of(m, l), false);
    assertClose(new double[] {1, 1}, g.get(0).value().data, 1e-12);
    assertClose(new double[] {1.5 * Math.exp(0.2), -0.7 * Math.exp(-0.4)},
        g.get(1).value().data, 1e-12);
    assertClose(new double[] {0.5 + 1.5 * Math.exp(0.2), -1 - 0.7 * Math.exp(-0.4)},
        x.value().data, 1e-12);
  }

  @Test
  void gradients_ofLogProbEntropyKl_matchFiniteDifferences_firstAndSecondOrder() {
    Random rand = new Random(3);
    DMatrixRMaj mu = random(rand, 3, 2, 1);
    DMatrixRMaj ls = random(rand, 1, 2, 0.3);
    DMatrixRMaj mu2 = random(rand, 3, 2, 1);
    DMatrixRMaj ls2 = random(rand, 3, 2, 0.3);
    DMatrixRMaj x = random(rand, 3, 2, 1);
    GradCheck.Loss f = (tape, in) -> {
      DiagGaussian p = new DiagGaussian(tape, in.get(0), in.get(1));
      DiagGaussian q = new DiagGaussian(tape, in.get(2), in.get(3));
      Tensor t = tape.add(tape.sum(p.logProb(tape.constant(x))), tape.sum(p.entropy()));
      return tape.add(t, tape.sum(p.kl(q)));
    };
    GradCheck.Report r = GradCheck.firstOrder(f, List.of(mu, ls, mu2, ls2), 1e-5);
    assertThat(r.within(1e-7)).as(r.describe()).isTrue();
    List<DMatrixRMaj> dirs = List.of(random(rand, 3, 2, 1), random(rand, 1, 2, 1),
        random(rand, 3, 2, 1), random(rand, 3, 2, 1));
    GradCheck.Report r2 = GradCheck.secondOrder(f, List.of(mu, ls, mu2, ls2), dirs, 1e-5);
    assertThat(r2.within(1e-6)).as(r2.describe()).isTrue();
  }
}
