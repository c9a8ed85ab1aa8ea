package org.gridrl.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

  // ------------------------------------------------------------------ masked actions

  private static final double NEG_INF = Double.NEGATIVE_INFINITY;

  /** Two rows with masked categories (the last one masked in row 0). */
  private static DMatrixRMaj maskedLogits() {
    return new DMatrixRMaj(new double[][] {{0.5, NEG_INF, 1.0, NEG_INF},
        {NEG_INF, 2.0, -1.0, 0.3}});
  }

  /** The unmasked logits of {@link #maskedLogits}, as plain distributions of 2 and 3. */
  private static final int[][] UNMASKED = {{0, 2}, {1, 2, 3}};

  /**
   * Masked categories have p = 0 and log p = −∞; the rest are the softmax over the unmasked
   * logits; the entropy is that of the unmasked distribution (0·log 0 = 0), finite.
   */
  @Test
  void maskedLogits_probabilityZero_logProbMinusInfinity_entropyOverTheRest() {
    Tape tape = new Tape();
    Categorical p = new Categorical(tape, tape.constant(maskedLogits()));
    double[] probs = p.probs().value().data;
    double[] h = p.entropy().value().data;
    for (int i = 0; i < 2; i++) {
      double z = 0;
      for (int k : UNMASKED[i]) {
        z += Math.exp(maskedLogits().get(i, k));
      }
      double entropy = 0;
      for (int k = 0; k < 4; k++) {
        double logit = maskedLogits().get(i, k);
        double expected = logit == NEG_INF ? 0 : Math.exp(logit) / z;
        assertThat(probs[i * 4 + k]).isCloseTo(expected, within(1e-15));
        if (expected > 0) {
          entropy -= expected * Math.log(expected);
        }
      }
      assertThat(h[i]).isCloseTo(entropy, within(1e-14));
    }
    // row 0 over {0.5, 1.0}: p = σ(−0.5), σ(0.5); H = 0.6604...
    double p0 = 1 / (1 + Math.exp(0.5));
    assertThat(h[0]).isCloseTo(-p0 * Math.log(p0) - (1 - p0) * Math.log(1 - p0),
        within(1e-15));
    assertThat(p.logProb(new int[] {1, 0}).value().data).containsExactly(NEG_INF, NEG_INF);
    assertThat(p.logProbValue(0, 3)).isEqualTo(NEG_INF);
    assertThat(p.mode(0)).isEqualTo(2);
    assertThat(p.mode(1)).isEqualTo(1);
  }

  /** A masked category is never drawn, the last one included. */
  @Test
  void maskedLogits_neverSampled_frequenciesOfTheRestMatch() {
    Tape tape = new Tape();
    Categorical p = new Categorical(tape, tape.constant(maskedLogits()));
    Rng rng = new Rng(11);
    int n = 40_000;
    int[][] counts = new int[2][4];
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < 2; i++) {
        counts[i][p.sample(i, rng)]++;
      }
    }
    assertThat(counts[0][1]).isZero();
    assertThat(counts[0][3]).isZero();
    assertThat(counts[1][0]).isZero();
    double[] probs = p.probs().value().data;
    for (int i = 0; i < 2; i++) {
      for (int k : UNMASKED[i]) {
        double q = probs[i * 4 + k];
        assertThat(Math.abs(counts[i][k] / (double) n - q))
            .isLessThan(4 * Math.sqrt(q * (1 - q) / n));
      }
    }
  }

  /**
   * Values and gradients with masked logits equal those of the distribution over the unmasked
   * logits alone (the slower trusted version), and match central differences in the unmasked
   * logits; the masked logits get gradient 0. Loss: Σ log p(a) + Σ H + Σ KL(p ‖ q), q with the
   * same mask.
   */
  @Test
  void maskedLogits_gradientsWithRespectToUnmaskedLogits_areThoseOfTheReducedDistribution() {
    DMatrixRMaj zp = maskedLogits();
    DMatrixRMaj zq = new DMatrixRMaj(new double[][] {{-0.2, NEG_INF, 0.4, NEG_INF},
        {NEG_INF, 0.1, 0.9, -0.6}});
    int[] actions = {2, 3};
    Tape tape = new Tape();
    Tensor lp = tape.parameter(zp);
    Tensor lq = tape.parameter(zq);
    Tensor loss = maskedLoss(tape, lp, lq, actions);
    List<Tensor> g = tape.grad(loss, List.of(lp, lq), false);
    double[] gp = g.get(0).value().data;
    double[] gq = g.get(1).value().data;
    // the same loss row by row on the reduced (unmasked) logits
    double reducedLoss = 0;
    for (int i = 0; i < 2; i++) {
      int[] keep = UNMASKED[i];
      DMatrixRMaj rp = new DMatrixRMaj(1, keep.length);
      DMatrixRMaj rq = new DMatrixRMaj(1, keep.length);
      int action = -1;
      for (int j = 0; j < keep.length; j++) {
        rp.data[j] = zp.get(i, keep[j]);
        rq.data[j] = zq.get(i, keep[j]);
        if (keep[j] == actions[i]) {
          action = j;
        }
      }
      Tape t = new Tape();
      Tensor rpT = t.parameter(rp);
      Tensor rqT = t.parameter(rq);
      Categorical p = new Categorical(t, rpT);
      Categorical q = new Categorical(t, rqT);
      Tensor l = t.add(t.add(t.sum(p.logProb(new int[] {action})), t.sum(p.entropy())),
          t.sum(p.kl(q)));
      reducedLoss += l.item();
      List<Tensor> rg = t.grad(l, List.of(rpT, rqT), false);
      for (int j = 0; j < keep.length; j++) {
        assertThat(gp[i * 4 + keep[j]]).isCloseTo(rg.get(0).value().data[j], within(1e-14));
        assertThat(gq[i * 4 + keep[j]]).isCloseTo(rg.get(1).value().data[j], within(1e-14));
      }
    }
    assertThat(loss.item()).isCloseTo(reducedLoss, within(1e-14));
    for (int i = 0; i < 8; i++) {
      assertThat(Double.isFinite(gp[i])).as("gradient %s", i).isTrue();
      if (zp.data[i] == NEG_INF) {
        assertThat(gp[i]).isZero();
        assertThat(gq[i]).isZero();
      }
    }
    // central differences in every unmasked logit of p
    double h = 1e-6;
    for (int i = 0; i < 8; i++) {
      if (zp.data[i] == NEG_INF) {
        continue;
      }
      DMatrixRMaj plus = zp.copy();
      DMatrixRMaj minus = zp.copy();
      plus.data[i] += h;
      minus.data[i] -= h;
      Tape t = new Tape();
      double fd = (maskedLoss(t, t.constant(plus), t.constant(zq), actions).item()
          - maskedLoss(t, t.constant(minus), t.constant(zq), actions).item()) / (2 * h);
      assertThat(gp[i]).as("entry %s", i).isCloseTo(fd, within(1e-8));
    }
  }

  private static Tensor maskedLoss(Tape tape, Tensor zp, Tensor zq, int[] actions) {
    Categorical p = new Categorical(tape, zp);
    Categorical q = new Categorical(tape, zq);
    Tensor t = tape.add(tape.sum(p.logProb(actions)), tape.sum(p.entropy()));
    return tape.add(t, tape.sum(p.kl(q)));
  }

  /** KL(p ‖ q) is +∞ where q masks a category p gives mass, finite where p masks it too. */
  @Test
  void kl_qMasksWhatPAllows_isInfinite() {
    Tape tape = new Tape();
    Categorical p = new Categorical(tape, tape.constant(new DMatrixRMaj(new double[][] {
        {0, 0, NEG_INF}, {0, NEG_INF, 0}})));
    Categorical q = new Categorical(tape, tape.constant(new DMatrixRMaj(new double[][] {
        {0, NEG_INF, 0}, {1, NEG_INF, 0}})));
    double[] kl = p.kl(q).value().data;
    assertThat(kl[0]).isEqualTo(Double.POSITIVE_INFINITY);
    // row 1 over {0, 2}: p = (½, ½), q = softmax(1, 0)
    double q0 = 1 / (1 + Math.exp(-1));
    assertThat(kl[1]).isCloseTo(0.5 * Math.log(0.5 / q0) + 0.5 * Math.log(0.5 / (1 - q0)),
        within(1e-15));
  }

  /**
   * With finite logits the entropy (recorded through the floor on log p) is bit for bit the
   * plain −Σ p log p, in value and in gradient: nothing moves for unmasked policies.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void entropy_finiteLogits_isBitForBitThePlainFormula(int seed) {
    Random rand = new Random(seed);
    DMatrixRMaj z = randomLogits(rand, 6, 5, 3);
    Tape a = new Tape();
    Tensor za = a.parameter(z);
    Tensor ha = a.sum(new Categorical(a, za).entropy());
    Tape b = new Tape();
    Tensor zb = b.parameter(z);
    Tensor lp = b.logSoftmax(zb);
    Tensor hb = b.sum(b.neg(b.sum(b.mul(b.exp(lp), lp), 1)));
    assertThat(ha.item()).isEqualTo(hb.item());
    assertThat(a.grad(ha, za, false).value().data)
        .containsExactly(b.grad(hb, zb, false).value().data);
  }
}
