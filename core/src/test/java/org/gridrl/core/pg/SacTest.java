package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.GradCheck;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SacTest extends TestBase {

  static SacConfig small(long seed) {
    return SacConfig.defaults().withSteps(3000, 300).withNetwork(64, 32, 2).withGamma(0.9)
        .withSeed(seed);
  }

  @Test
  void polyak_byHand() {
    DMatrixRMaj online = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
    DMatrixRMaj target = new DMatrixRMaj(new double[][] {{0, 10}, {-4, 4}});
    Sac.polyak(List.of(online), List.of(target), 0.25);
    // 0.75·target + 0.25·online
    assertClose(new double[] {0.25, 8.0, -2.25, 4.0}, target.data, TIGHT);
    Sac.polyak(List.of(online), List.of(target), 1.0);
    assertClose(online.data, target.data, 0.0);
    assertThatThrownBy(() -> Sac.polyak(List.of(online), List.of(target), 0.0))
        .hasMessageContaining("tau").hasMessageContaining("0.0");
  }

  @Test
  void softTarget_handCase() {
    DMatrixRMaj r = new DMatrixRMaj(new double[][] {{1.0}, {-0.5}, {2.0}});
    DMatrixRMaj d = new DMatrixRMaj(new double[][] {{0}, {0}, {1}});
    DMatrixRMaj q1 = new DMatrixRMaj(new double[][] {{3.0}, {-1.0}, {7.0}});
    DMatrixRMaj q2 = new DMatrixRMaj(new double[][] {{2.0}, {4.0}, {9.0}});
    DMatrixRMaj logPi = new DMatrixRMaj(new double[][] {{-1.0}, {0.5}, {3.0}});
    DMatrixRMaj y = new DMatrixRMaj(1, 1);
    Sac.softTarget(r, d, q1, q2, logPi, 0.9, 0.2, y);
    // row 0: 1 + 0.9 (min(3, 2) − 0.2·(−1)) = 1 + 0.9·2.2 = 2.98
    // row 1: −0.5 + 0.9 (−1 − 0.2·0.5) = −0.5 − 0.99 = −1.49
    // row 2: terminated, 2
    assertClose(new double[] {2.98, -1.49, 2.0}, y.data, TIGHT);
    assertThat(y.numRows).isEqualTo(3);
  }

  static IntStream seeds() {
    return IntStream.range(0, 5);
  }

  /** ∂L_π/∂θ_actor from the tape against central differences, critics held fixed. */
  @ParameterizedTest
  @MethodSource("seeds")
  void actorLoss_gradientMatchesFiniteDifferences(int seed) {
    Rng rng = new Rng(seed);
    // tanh hidden units keep the loss smooth (ReLU kinks would spoil finite differences)
    Mlp actor = new Mlp(new int[] {3, 5, 4}, Activation.TANH, Init.xavierUniform(), rng);
    Mlp q1 = new Mlp(new int[] {5, 6, 1}, Activation.TANH, Init.xavierUniform(), rng);
    Mlp q2 = new Mlp(new int[] {5, 6, 1}, Activation.TANH, Init.xavierUniform(), rng);
    Random r = new Random(seed);
    DMatrixRMaj obs = new DMatrixRMaj(4, 3);
    DMatrixRMaj eps = new DMatrixRMaj(4, 2);
    for (int i = 0; i < obs.data.length; i++) {
      obs.data[i] = r.nextGaussian();
    }
    for (int i = 0; i < eps.data.length; i++) {
      eps.data[i] = r.nextGaussian();
    }
    GradCheck.Loss f = (tape, x) -> Sac.actorLoss(tape, actor, x, q1, constants(tape, q1), q2,
        constants(tape, q2), tape.constant(obs), eps, 0.3, -5, 2);
    List<DMatrixRMaj> params = new ArrayList<>(actor.parameterValues());
    GradCheck.Report report = GradCheck.firstOrder(f, params, 1e-6);
    assertThat(report.within(1e-6)).as(report.describe()).isTrue();
  }

  /** The actor loss value by hand: mean(α log π − min(Q1, Q2)) with an independent forward. */
  @Test
  void actorLoss_valueMatchesDirectComputation() {
    Rng rng = new Rng(7);
    Mlp actor = new Mlp(new int[] {2, 4, 2}, Activation.TANH, Init.xavierUniform(), rng);
    Mlp q1 = new Mlp(new int[] {3, 4, 1}, Activation.TANH, Init.xavierUniform(), rng);
    Mlp q2 = new Mlp(new int[] {3, 4, 1}, Activation.TANH, Init.xavierUniform(), rng);
    DMatrixRMaj obs = new DMatrixRMaj(new double[][] {{0.1, -0.4}, {0.7, 0.2}, {-1.0, 0.5}});
    DMatrixRMaj eps = new DMatrixRMaj(new double[][] {{0.3}, {-1.2}, {0.8}});
    double alpha = 0.5;
    Tape tape = new Tape();
    double loss = Sac.actorLoss(tape, actor, actor.bind(tape), q1, constants(tape, q1), q2,
        constants(tape, q2), tape.constant(obs), eps, alpha, -5, 2).item();
    double expected = 0;
    for (int i = 0; i < 3; i++) {
      double[] s = {obs.get(i, 0), obs.get(i, 1)};
      double[] out = forward(actor, s);
      double mu = out[0];
      double logStd = -5 + 3.5 * (Math.tanh(out[1]) + 1);
      double u = mu + Math.exp(logStd) * eps.get(i, 0);
      double a = Math.tanh(u);
      double logPi = -0.5 * eps.get(i, 0) * eps.get(i, 0) - logStd - 0.5 * Math.log(2 * Math.PI)
          - Math.log(1 - a * a);
      double[] sa = {s[0], s[1], a};
      double minQ = Math.min(forward(q1, sa)[0], forward(q2, sa)[0]);
      expected += (alpha * logPi - minQ) / 3;
    }
    assertThat(loss).isCloseTo(expected, within(1e-10));
  }

  /** A plain-Java forward of a tanh MLP (independent of the tape). */
  private static double[] forward(Mlp net, double[] x) {
    double[] h = x;
    List<Parameter> ps = net.parameters();
    for (int l = 0; l < ps.size() / 2; l++) {
      DMatrixRMaj w = ps.get(2 * l).value();
      DMatrixRMaj b = ps.get(2 * l + 1).value();
      double[] next = new double[w.numCols];
      for (int j = 0; j < w.numCols; j++) {
        double acc = b.get(0, j);
        for (int i = 0; i < w.numRows; i++) {
          acc += h[i] * w.get(i, j);
        }
        next[j] = l + 1 < ps.size() / 2 ? Math.tanh(acc) : acc;
      }
      h = next;
    }
    return h;
  }

  private static List<Tensor> constants(Tape tape, Mlp net) {
    List<Tensor> out = new ArrayList<>();
    for (Parameter p : net.parameters()) {
      out.add(tape.constant(p.value()));
    }
    return out;
  }

  /**
   * Golden: on the 1-D task "move the point to 0" ({@link PointToZero}), 2 000 steps of SAC
   * (seed 1, α from 0.1) give a deterministic policy that closes at least 95% of the gap between
   * standing still (return −16|x_0|) and the optimum, from each of five starts, and within 0.15
   * of the optimal return (−1.2 from |x_0| = 0.9); the temperature has fallen.
   */
  @Test
  void golden_solvesPointToZero() {
    PointToZero env = new PointToZero();
    Sac sac = new Sac(env, golden());
    MetricsRecorder rec = new MetricsRecorder();
    sac.train(2000, rec);
    for (double x0 : new double[] {-0.9, -0.5, -0.2, 0.3, 0.7}) {
      double ret = sac.evaluate(new PointToZero(x0), 0, PointToZero.HORIZON);
      double opt = PointToZero.optimalReturn(x0);
      double still = -PointToZero.HORIZON * Math.abs(x0);
      assertThat(ret).as("return from x0 = %s", x0).isGreaterThan(opt - 0.15);
      assertThat((ret - still) / (opt - still)).as("fraction from x0 = %s", x0)
          .isGreaterThan(0.95);
    }
    assertThat(sac.alpha()).isLessThan(0.05);
    assertThat(rec.series("loss/q1")).hasSize(17);
    assertThat(rec.series("charts/episodic_return")).hasSize(2000 / PointToZero.HORIZON);
  }

  static SacConfig golden() {
    return small(1).withSteps(2000, 300).withAlpha(0.1, true);
  }

  @Test
  void sameSeed_sameWeights_and_chunkedTrainingEqualsOneCall() {
    Sac a = new Sac(new PointToZero(), small(3));
    Sac b = new Sac(new PointToZero(), small(3));
    a.train(400, TrainingListener.NONE);
    b.train(150, TrainingListener.NONE);
    b.train(250, TrainingListener.NONE);
    for (int k = 0; k < a.actor().parameters().size(); k++) {
      assertClose(a.actor().parameterValues().get(k).data, b.actor().parameterValues().get(k).data,
          0.0);
    }
    assertThat(a.alpha()).isEqualTo(b.alpha());
    Sac c = new Sac(new PointToZero(), small(4));
    c.train(400, TrainingListener.NONE);
    assertThat(c.alpha()).isNotEqualTo(a.alpha());
  }

  @Test
  void trainWithoutCount_runsUpToTotalSteps() {
    Sac sac = new Sac(new PointToZero(), small(5).withSteps(350, 300));
    sac.train(TrainingListener.NONE);
    assertThat(sac.steps()).isEqualTo(350);
    sac.train(TrainingListener.NONE);
    assertThat(sac.steps()).isEqualTo(350);
    assertThat(sac.buffer().size()).isEqualTo(350);
  }

  @Test
  void nanReward_stopsWithArithmeticExceptionNamingIterationAndQuantity() {
    PointToZero env = new PointToZero();
    env.rewardOverride = Double.NaN;
    Sac sac = new Sac(env, small(1));
    assertThatThrownBy(() -> sac.train(1000, TrainingListener.NONE))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("loss/q1")
        .hasMessageContaining("iteration 301");
  }

  @Test
  void targetsStartAsCopies_andTrackTheCriticsByPolyak() {
    Sac sac = new Sac(new PointToZero(), small(2));
    for (int k = 0; k < sac.q1().parameters().size(); k++) {
      assertClose(sac.q1().parameterValues().get(k).data,
          sac.q1Target().parameterValues().get(k).data, 0.0);
    }
    List<double[]> before = new ArrayList<>();
    for (DMatrixRMaj m : sac.q1Target().parameterValues()) {
      before.add(m.data.clone());
    }
    sac.train(301, TrainingListener.NONE); // exactly one update
    // after one update: θ_targ = (1 − τ)θ_0 + τθ_1
    double tau = sac.config().tau();
    for (int k = 0; k < before.size(); k++) {
      double[] online = sac.q1().parameterValues().get(k).data;
      double[] expected = new double[online.length];
      for (int i = 0; i < online.length; i++) {
        expected[i] = (1 - tau) * before.get(k)[i] + tau * online[i];
      }
      assertClose(expected, sac.q1Target().parameterValues().get(k).data, 1e-15);
    }
  }

  @Test
  void config_rejectsNonsenseWithTheValue() {
    SacConfig d = SacConfig.defaults();
    assertThatThrownBy(() -> d.withGamma(1.5)).hasMessageContaining("gamma")
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> d.withSteps(10, 0)).hasMessageContaining("learningStarts");
    assertThatThrownBy(() -> d.withLearningRates(Double.NaN, 1e-3, 1e-3))
        .hasMessageContaining("policyLearningRate").hasMessageContaining("NaN");
    assertThatThrownBy(() -> d.withNetwork(0, 8, 1)).hasMessageContaining("batchSize");
  }
}
