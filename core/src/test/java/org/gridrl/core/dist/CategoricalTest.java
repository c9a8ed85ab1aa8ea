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

class CategoricalTest extends TestBase {

  private static DMatrixRMaj randomLogits(Random rand, int m, int k, double scale) {
    DMatrixRMaj z = new DMatrixRMaj(m, k);
    for (int i = 0; i < m * k; i++) {
      z.data[i] = scale * rand.nextGaussian();
    }
    return z;
  }

  /** log softmax computed the naive way (fine for moderate logits). */
  private static double[] logSoftmaxRow(DMatrixRMaj z, int row) {
    int k = z.numCols;
    double s = 0;
    for (int j = 0; j < k; j++) {
      s += Math.exp(z.get(row, j));
    }
    double[] out = new double[k];
    for (int j = 0; j < k; j++) {
      out[j] = z.get(row, j) - Math.log(s);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void logProbEntropyKl_matchClosedForms(int seed) {
    Random rand = new Random(seed);
    int m = 1 + rand.nextInt(5);
    int k = 2 + rand.nextInt(5);
    DMatrixRMaj zp = randomLogits(rand, m, k, 2);
    DMatrixRMaj zq = randomLogits(rand, m, k, 2);
    int[] actions = new int[m];
    for (int i = 0; i < m; i++) {
      actions[i] = rand.nextInt(k);
    }
    Tape tape = new Tape();
    Categorical p = new Categorical(tape, tape.constant(zp));
    Categorical q = new Categorical(tape, tape.constant(zq));
    double[] lp = p.logProb(actions).value().data;
    double[] h = p.entropy().value().data;
    double[] kl = p.kl(q).value().data;
    for (int i = 0; i < m; i++) {
      double[] a = logSoftmaxRow(zp, i);
      double[] b = logSoftmaxRow(zq, i);
      double ent = 0;
      double div = 0;
      for (int j = 0; j < k; j++) {
        ent -= Math.exp(a[j]) * a[j];
        div += Math.exp(a[j]) * (a[j] - b[j]);
      }
      assertClose(a[actions[i]], lp[i], 1e-12);
      assertClose(ent, h[i], 1e-12);
      assertClose(div, kl[i], 1e-12);
    }
  }

  @Test
  void entropy_ofUniform_isLogK() {
    Tape tape = new Tape();
    Categorical p = new Categorical(tape, tape.filled(2, 5, 3.0));
    assertClose(new double[] {Math.log(5), Math.log(5)}, p.entropy().value().data, 1e-12);
    assertClose(new double[] {0, 0}, p.kl(p).value().data, 1e-12);
  }

  @Test
  void logProb_hugeLogits_staysFinite() {
    Tape tape = new Tape();
    DMatrixRMaj z = new DMatrixRMaj(new double[][] {{1000, 0, -1000}});
    Categorical p = new Categorical(tape, tape.constant(z));
    assertClose(0, p.logProb(new int[] {0}).item(), 1e-12);
    assertClose(-1000, p.logProb(new int[] {1}).item(), 1e-9);
    assertThat(p.entropy().item()).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void kl_closedForm_matchesMonteCarlo() {
    Random rand = new Random(11);
    DMatrixRMaj zp = randomLogits(rand, 1, 4, 1);
    DMatrixRMaj zq = randomLogits(rand, 1, 4, 1);
    Tape tape = new Tape();
    Categorical p = new Categorical(tape, tape.constant(zp));
    Categorical q = new Categorical(tape, tape.constant(zq));
    double exact = p.kl(q).item();
    Rng rng = new Rng(5);
    int n = 200_000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      int a = p.sample(0, rng);
      double x = p.logProbValue(0, a) - q.logProbValue(0, a);
      sum += x;
      sumSq += x * x;
    }
    double mean = sum / n;
    double se = Math.sqrt((sumSq / n - mean * mean) / n);
    assertThat(Math.abs(mean - exact)).isLessThan(4 * se);
  }

  @Test
  void sample_frequencies_matchProbabilities() {
    Tape tape = new Tape();
    DMatrixRMaj z = new DMatrixRMaj(new double[][] {{0, Math.log(2), Math.log(7)}});
    Categorical p = new Categorical(tape, tape.constant(z));
    Rng rng = new Rng(3);
    int n = 100_000;
    int[] counts = new int[3];
    for (int i = 0; i < n; i++) {
      counts[p.sample(0, rng)]++;
    }
    double[] expected = {0.1, 0.2, 0.7};
    for (int j = 0; j < 3; j++) {
      double sd = Math.sqrt(expected[j] * (1 - expected[j]) / n);
      assertThat(Math.abs(counts[j] / (double) n - expected[j])).isLessThan(4 * sd);
    }
    assertThat(p.mode(0)).isEqualTo(2);
  }

  @Test
  void gradients_ofLogProbEntropyKl_matchFiniteDifferences_firstAndSecondOrder() {
    Random rand = new Random(7);
    DMatrixRMaj zp = randomLogits(rand, 3, 4, 1);
    DMatrixRMaj zq = randomLogits(rand, 3, 4, 1);
    int[] actions = {0, 3, 2};
    GradCheck.Loss f = (tape, in) -> {
      Categorical p = new Categorical(tape, in.get(0));
      Categorical q = new Categorical(tape, in.get(1));
      Tensor t = tape.add(tape.sum(p.logProb(actions)), tape.sum(p.entropy()));
      return tape.add(t, tape.sum(p.kl(q)));
    };
    GradCheck.Report r = GradCheck.firstOrder(f, List.of(zp, zq), 1e-5);
    assertThat(r.within(1e-7)).as(r.describe()).isTrue();
    GradCheck.Report r2 = GradCheck.secondOrder(f, List.of(zp, zq),
        List.of(randomLogits(rand, 3, 4, 1), randomLogits(rand, 3, 4, 1)), 1e-5);
    assertThat(r2.within(1e-6)).as(r2.describe()).isTrue();
  }
}
