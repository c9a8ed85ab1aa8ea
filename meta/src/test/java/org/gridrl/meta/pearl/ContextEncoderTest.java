package org.gridrl.meta.pearl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.GradCheck;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.env.Step;
import org.gridrl.core.nn.Linear;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.continuous.SparsePointRobot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The context encoder: a linear encoder whose posterior is solved on paper, the transition row
 * layout, the authors' initialisation, the posterior sharpening as one task's context
 * accumulates (exact for a product of Gaussians, checked on random encoders over sparse point
 * robot transitions), and gradients of the encoder loss through the product against finite
 * differences.
 */
class ContextEncoderTest {

  /**
   * A linear encoder with μ_n = s_n and ρ_n = log(e − 1) (so σ²_n = softplus(ρ) = 1): q(z|c) is
   * N(mean of the s_n, 1/n), the posterior of a Gaussian mean under a flat prior.
   */
  @Test
  void infer_linearEncoderHandCase_isSampleMeanWithVarianceOneOverN() {
    ContextEncoder enc = new ContextEncoder(1, 1, false, 1, new int[0], new Rng(0));
    Linear layer = enc.network().layers().get(0);
    layer.weight().zero();
    layer.weight().set(0, 0, 1.0); // μ = s
    layer.bias().set(0, 0, 0.0);
    layer.bias().set(0, 1, Math.log(Math.E - 1)); // softplus = 1
    double[] s = {0.5, -1.0, 2.0, 0.25};
    DMatrixRMaj context = new DMatrixRMaj(s.length, enc.inputDim());
    for (int n = 0; n < s.length; n++) {
      enc.encode(new double[] {s[n]}, new double[] {7}, -3, null, context.data, n * 3);
    }
    Tape tape = new Tape();
    LatentPosterior q = enc.infer(tape, tape.constant(context));
    assertThat(q.meanValues()[0]).isCloseTo((0.5 - 1 + 2 + 0.25) / 4, within(1e-15));
    assertThat(q.varianceValues()[0]).isCloseTo(0.25, within(1e-15));
  }

  @Test
  void encode_rowLayout_isObservationActionRewardNext() {
    double[] out = new double[9];
    ContextEncoder with = new ContextEncoder(2, 2, true, 5, new int[] {3}, new Rng(1));
    assertThat(with.inputDim()).isEqualTo(7);
    with.encode(new double[] {1, 2}, new double[] {3, 4}, 5, new double[] {6, 7}, out, 1);
    assertThat(out).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 0);
    ContextEncoder without = new ContextEncoder(2, 2, false, 5, new int[] {3}, new Rng(1));
    assertThat(without.inputDim()).isEqualTo(5);
    java.util.Arrays.fill(out, 0);
    without.encode(new double[] {1, 2}, new double[] {3, 4}, 5, null, out, 0);
    assertThat(out).containsExactly(1, 2, 3, 4, 5, 0, 0, 0, 0);
    assertThatThrownBy(() -> without.encode(new double[] {1}, new double[] {3, 4}, 5, null, out,
        0)).hasMessageContaining("|s| = |s'| = 2");
  }

  @Test
  void constructor_authorsInitialisation_andSameSeedSameWeights() {
    ContextEncoder a = new ContextEncoder(2, 2, false, 5, ContextEncoder.REFERENCE_HIDDEN,
        new Rng(9));
    ContextEncoder b = new ContextEncoder(2, 2, false, 5, ContextEncoder.REFERENCE_HIDDEN,
        new Rng(9));
    assertThat(a.network().sizes()).containsExactly(5, 200, 200, 200, 10);
    List<Linear> layers = a.network().layers();
    for (int l = 0; l < 3; l++) {
      DMatrixRMaj w = layers.get(l).weight();
      double bound = 1 / Math.sqrt(w.numCols); // torch's weight.size(0): the output width
      for (double x : w.data) {
        assertThat(Math.abs(x)).isLessThanOrEqualTo(bound);
      }
      assertThat(layers.get(l).bias().data).containsOnly(0.1);
    }
    for (double x : layers.get(3).weight().data) {
      assertThat(Math.abs(x)).isLessThanOrEqualTo(3e-3);
    }
    for (double x : layers.get(3).bias().data) {
      assertThat(Math.abs(x)).isLessThanOrEqualTo(3e-3).isNotEqualTo(0.0);
    }
    List<Parameter> pa = a.parameters();
    List<Parameter> pb = b.parameters();
    for (int i = 0; i < pa.size(); i++) {
      assertThat(pa.get(i).value().data).containsExactly(pb.get(i).value().data);
    }
  }

  /**
   * Sharpening, exact by construction: q after n + 1 transitions is q after n times one more
   * factor, so its precision is the earlier precision plus 1/max(σ²_{n+1}, 1e-7) &gt; 0 and every
   * component of σ² can only fall. Checked on random encoders (random weights of scale 1, so the
   * factors differ a lot) over 60 transitions of one sparse-point-robot goal under random
   * actions: the precision identity to 1e-12 relative, and σ²_{n+1} ≤ σ²_n exactly (a rounded
   * sum of positive terms never falls, a rounded reciprocal never rises), strictly in total.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void infer_contextFromOneTaskAccumulates_varianceNeverRises(long seed) {
    Rng rng = new Rng(seed);
    ContextEncoder enc = new ContextEncoder(2, 2, true, 5, new int[] {16, 16}, rng.fork(0));
    for (Parameter p : enc.parameters()) {
      DMatrixRMaj v = p.value();
      for (int i = 0; i < v.getNumElements(); i++) {
        v.data[i] = rng.nextGaussian() / Math.sqrt(v.numRows);
      }
    }
    int n = 60;
    DMatrixRMaj context = transitions(enc, n, SparsePointRobot.referenceGoals(100)
        .get(rng.nextInt(100)), rng.fork(1));
    Tape tape = new Tape();
    Tensor[] f = enc.factors(tape, tape.constant(context), enc.bind(tape), 0);
    double[] factorVar = f[1].value().data.clone();
    int d = enc.latentDim();
    double[] previous = null;
    for (int k = 1; k <= n; k++) {
      tape.reset();
      DMatrixRMaj prefix = new DMatrixRMaj(k, enc.inputDim());
      System.arraycopy(context.data, 0, prefix.data, 0, k * enc.inputDim());
      double[] var = enc.infer(tape, tape.constant(prefix)).varianceValues();
      if (previous != null) {
        for (int j = 0; j < d; j++) {
          double added = 1 / Math.max(factorVar[(k - 1) * d + j], ProductOfGaussians.MIN_VARIANCE);
          assertThat(added).isPositive().isFinite();
          assertThat(1 / var[j]).isCloseTo(1 / previous[j] + added,
              within(1e-12 * (1 / var[j])));
          assertThat(var[j]).as("σ² component %d after %d transitions", j, k)
              .isLessThanOrEqualTo(previous[j]);
        }
      } else {
        for (int j = 0; j < d; j++) {
          // one factor: σ² = 1/(1/σ²_1), the factor's variance up to the two roundings
          assertThat(var[j]).isEqualTo(
              1 / (1 / Math.max(factorVar[j], ProductOfGaussians.MIN_VARIANCE)));
        }
      }
      previous = var;
    }
    // over all 60 transitions every component fell strictly
    for (int j = 0; j < d; j++) {
      assertThat(previous[j]).isLessThan(Math.max(factorVar[j], ProductOfGaussians.MIN_VARIANCE));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {31, 32})
  void infer_encoderLossGradient_matchesFiniteDifferences(long seed) {
    Rng rng = new Rng(seed);
    ContextEncoder enc = new ContextEncoder(2, 2, false, 3, new int[] {6}, rng.fork(0));
    for (Parameter p : enc.parameters()) {
      DMatrixRMaj v = p.value();
      for (int i = 0; i < v.getNumElements(); i++) {
        v.data[i] = 0.5 * rng.nextGaussian();
      }
    }
    DMatrixRMaj context = transitions(enc, 8, SparsePointRobot.referenceGoals(100).get(40),
        rng.fork(1));
    DMatrixRMaj eps = ProductOfGaussiansTest.random(rng, 1, 3, -1, 1);
    DMatrixRMaj w = ProductOfGaussiansTest.random(rng, 1, 3, -1, 1);
    List<DMatrixRMaj> params = new ArrayList<>();
    for (Parameter p : enc.parameters()) {
      params.add(p.value());
    }
    // L = w·z + 0.1·KL(q ‖ N(0, I)), z = μ + σ ε with a fixed ε: a critic-like term and the KL
    GradCheck.Report r = GradCheck.firstOrder((t, in) -> {
      LatentPosterior q = enc.infer(t, t.constant(context), in, 0);
      Tensor z = q.gaussian(t).rsample(t.constant(eps));
      return t.add(t.sum(t.mul(z, t.constant(w))), t.mul(q.klToPrior(t), 0.1));
    }, params, 1e-6);
    assertThat(r.within(1e-6)).as(r.describe()).isTrue();
  }

  @Test
  void factors_wrongContextWidth_isRejected() {
    ContextEncoder enc = new ContextEncoder(2, 2, false, 5, new int[] {3}, new Rng(1));
    Tape tape = new Tape();
    assertThatThrownBy(() -> enc.infer(tape, tape.filled(4, 7, 0)))
        .hasMessageContaining("4×7").hasMessageContaining("rows of 5");
  }

  /** n transitions of one goal under uniform random actions, 20-step episodes, as rows. */
  static DMatrixRMaj transitions(ContextEncoder enc, int n,
      org.gridrl.envs.continuous.Goal goal, Rng rng) {
    SparsePointRobot env = new SparsePointRobot(goal);
    DMatrixRMaj rows = new DMatrixRMaj(n, enc.inputDim());
    double[] s = env.reset(0);
    for (int k = 0; k < n; k++) {
      double[] a = {rng.nextDouble(-0.1, 0.1), rng.nextDouble(-0.1, 0.1)};
      Step<double[]> step = env.step(a);
      // the encoder sees the dense reward −d here so that rewards vary along the path
      enc.encode(s, a, -env.lastDistance(), step.observation(), rows.data, k * enc.inputDim());
      s = step.truncated() ? env.reset(0) : step.observation();
    }
    return rows;
  }
}
