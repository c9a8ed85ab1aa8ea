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
import org.gridrl.core.util.SampleStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KL(N(μ, diag σ²) ‖ N(0, I)) against the closed form ½ Σ (σ² + μ² − 1 − log σ²) on a hand case
 * and random cases, against a seeded Monte-Carlo estimate E_q[log q(z) − log r(z)] within four
 * standard errors, its gradient (μ, ½(1 − 1/σ²)) and finite differences; the reparameterised
 * sample against μ + √σ² ε with the same noise.
 */
class LatentPosteriorTest {

  private static final double TOL = 1e-12;

  private static LatentPosterior posterior(Tape tape, double[] mu, double[] var) {
    return new LatentPosterior(tape.constant(new DMatrixRMaj(1, mu.length, true, mu)),
        tape.constant(new DMatrixRMaj(1, var.length, true, var)));
  }

  private static double closedForm(double[] mu, double[] var) {
    double kl = 0;
    for (int j = 0; j < mu.length; j++) {
      kl += 0.5 * (var[j] + mu[j] * mu[j] - 1 - Math.log(var[j]));
    }
    return kl;
  }

  @Test
  void klToPrior_handCase_isOneMinusHalfLogTwo() {
    // μ = (1, 0), σ² = (1, 2): ½[(1 + 1 − 1 − 0) + (2 + 0 − 1 − log 2)] = 1 − ½ log 2
    Tape tape = new Tape();
    double kl = posterior(tape, new double[] {1, 0}, new double[] {1, 2}).klToPrior(tape).item();
    assertThat(kl).isCloseTo(1 - 0.5 * Math.log(2), within(TOL));
  }

  @Test
  void klToPrior_ofThePrior_isZero() {
    Tape tape = new Tape();
    assertThat(LatentPosterior.prior(tape, 5).klToPrior(tape).item()).isEqualTo(0.0);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void klToPrior_random_matchesClosedFormAndMonteCarlo(long seed) {
    Rng rng = new Rng(seed);
    int d = 5;
    double[] mu = new double[d];
    double[] var = new double[d];
    for (int j = 0; j < d; j++) {
      mu[j] = rng.nextDouble(-1.5, 1.5);
      var[j] = rng.nextDouble(0.1, 3);
    }
    Tape tape = new Tape();
    double kl = posterior(tape, mu, var).klToPrior(tape).item();
    assertThat(kl).isCloseTo(closedForm(mu, var), within(1e-12 * Math.max(1, kl)));

    // E_q[log q(z) − log r(z)] from 100 000 seeded draws; the error is within 4 standard errors
    int m = 100_000;
    double[] ratio = new double[m];
    Rng noise = new Rng(1000 + seed);
    for (int i = 0; i < m; i++) {
      double r = 0;
      for (int j = 0; j < d; j++) {
        double z = mu[j] + Math.sqrt(var[j]) * noise.nextGaussian();
        r += ProductOfGaussiansTest.logNormal(z, mu[j], var[j])
            - ProductOfGaussiansTest.logNormal(z, 0, 1);
      }
      ratio[i] = r;
    }
    double se = SampleStats.standardError(ratio);
    assertThat(SampleStats.mean(ratio)).isCloseTo(kl, within(4 * se));
  }

  @ParameterizedTest
  @ValueSource(longs = {7, 8, 9})
  void klToPrior_gradient_isMuAndHalfOneMinusPrecision(long seed) {
    Rng rng = new Rng(seed);
    int d = 4;
    DMatrixRMaj mu = ProductOfGaussiansTest.random(rng, 1, d, -2, 2);
    DMatrixRMaj var = ProductOfGaussiansTest.random(rng, 1, d, 0.1, 3);
    Tape tape = new Tape();
    Tensor m = tape.parameter(mu);
    Tensor v = tape.parameter(var);
    List<Tensor> g = tape.grad(new LatentPosterior(m, v).klToPrior(tape), List.of(m, v), false);
    for (int j = 0; j < d; j++) {
      assertThat(g.get(0).value().data[j]).isCloseTo(mu.data[j], within(1e-12));
      assertThat(g.get(1).value().data[j])
          .isCloseTo(0.5 * (1 - 1 / var.data[j]), within(1e-12));
    }
    GradCheck.Report r = GradCheck.firstOrder(
        (t, in) -> new LatentPosterior(in.get(0), in.get(1)).klToPrior(t), List.of(mu, var),
        1e-6);
    assertThat(r.within(1e-8)).as(r.describe()).isTrue();
  }

  @Test
  void rsample_isMeanPlusStdTimesTheStreamsNoise() {
    double[] mu = {0.5, -1, 2};
    double[] var = {0.25, 4, 1e-2};
    Tape tape = new Tape();
    Tensor z = posterior(tape, mu, var).rsample(tape, new Rng(42));
    Rng same = new Rng(42);
    for (int j = 0; j < 3; j++) {
      assertThat(z.value().data[j])
          .isCloseTo(mu[j] + Math.sqrt(var[j]) * same.nextGaussian(), within(1e-14));
    }
  }

  @Test
  void constructor_rejectsShapesThatAreNotOneByD() {
    Tape tape = new Tape();
    assertThatThrownBy(() -> new LatentPosterior(tape.filled(2, 3, 0), tape.filled(2, 3, 1)))
        .hasMessageContaining("1×d");
    assertThatThrownBy(() -> new LatentPosterior(tape.filled(1, 3, 0), tape.filled(1, 2, 1)))
        .hasMessageContaining("1×d");
    assertThatThrownBy(() -> LatentPosterior.prior(tape, 0)).hasMessageContaining("got 0");
  }
}
