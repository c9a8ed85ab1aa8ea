package org.gridrl.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

class OptimTest extends TestBase {

  @Test
  void sgdMomentum_twoSteps_matchHandComputation() {
    DMatrixRMaj p = new DMatrixRMaj(1, 2, true, 1.0, -2.0);
    Sgd sgd = new Sgd(List.of(p), new Sgd.Config(0.1, 0.9));
    DMatrixRMaj g = new DMatrixRMaj(1, 2, true, 0.5, 1.0);
    sgd.step(List.of(g)); // v = g, p = p − 0.1 g
    assertClose(new double[] {0.95, -2.1}, p.data, TIGHT);
    sgd.step(List.of(g)); // v = 0.9 g + g = 1.9 g
    assertClose(new double[] {0.95 - 0.19 * 0.5, -2.1 - 0.19}, p.data, TIGHT);
  }

  @Test
  void adam_firstStep_movesEachEntryByLearningRateTimesSign() {
    // bias correction makes m̂ = g and v̂ = g², so the step is η g/(|g| + ε)
    DMatrixRMaj p = new DMatrixRMaj(1, 3, true, 0, 0, 0);
    Adam adam = new Adam(List.of(p), Adam.Config.defaults().withLearningRate(0.01));
    adam.step(List.of(new DMatrixRMaj(1, 3, true, 3.0, -1e-3, 0.0)));
    assertClose(new double[] {-0.01, 0.01, 0}, p.data, 1e-7);
    assertThat(adam.steps()).isEqualTo(1);
  }

  @Test
  void adam_fitsMlpToRegressionTarget_lossFallsHundredfold() {
    Rng rng = new Rng(4);
    Mlp net = new Mlp(new int[] {2, 16, 1}, Activation.TANH, Init.xavierUniform(), rng);
    DMatrixRMaj x = new DMatrixRMaj(32, 2);
    DMatrixRMaj y = new DMatrixRMaj(32, 1);
    for (int i = 0; i < 32; i++) {
      x.set(i, 0, rng.nextDouble(-1, 1));
      x.set(i, 1, rng.nextDouble(-1, 1));
      y.set(i, 0, Math.sin(2 * x.get(i, 0)) * x.get(i, 1));
    }
    Adam adam = new Adam(net.parameterValues(), Adam.Config.defaults().withLearningRate(0.02));
    Tape tape = new Tape();
    double first = 0;
    double last = 0;
    for (int it = 0; it < 1500; it++) {
      tape.reset();
      List<Tensor> p = net.bind(tape);
      Tensor loss = tape.mean(tape.square(tape.sub(net.forward(tape, tape.constant(x), p),
          tape.constant(y))));
      if (it == 0) {
        first = loss.item();
      }
      last = loss.item();
      adam.step(Optimizer.values(tape.grad(loss, p, false)));
    }
    assertThat(last).isLessThan(first / 100);
  }

  @Test
  void clipGlobalNorm_scalesToMaxNorm_keepsDirection_andLeavesSmallGradients() {
    DMatrixRMaj a = new DMatrixRMaj(1, 2, true, 3, 0);
    DMatrixRMaj b = new DMatrixRMaj(1, 1, true, 4);
    assertClose(5.0, GradClip.clipGlobalNorm(List.of(a, b), 1.0), TIGHT);
    assertClose(new double[] {0.6, 0}, a.data, TIGHT);
    assertClose(new double[] {0.8}, b.data, TIGHT);
    assertClose(1.0, GradClip.clipGlobalNorm(List.of(a, b), 2.0), TIGHT);
    assertClose(new double[] {0.6, 0}, a.data, TIGHT);
    DMatrixRMaj huge = new DMatrixRMaj(1, 2, true, 3e200, 4e200);
    assertClose(5e200, GradClip.globalNorm(List.of(huge)), 1e188);
    DMatrixRMaj bad = new DMatrixRMaj(1, 2, true, Double.NaN, 1);
    assertThat(GradClip.clipGlobalNorm(List.of(bad), 1.0)).isNaN();
  }

  /**
   * Our convention: g ← g·c/‖g‖ when ‖g‖ &gt; c. g = (3, 4), c = 1 gives (0.6, 0.8), norm 1;
   * torch's clip_grad_norm_ (clip_coef = max_norm / (total_norm + 1e-6), clamped to 1) would
   * give (0.59999988, 0.79999984) (numpy, its formula: {@code g = np.array([3., 4]);
   * g * min(1, 1.0 / (np.linalg.norm(g) + 1e-6))}). And ‖g‖ = c − 5e-7 is left alone, where
   * torch would shrink it by about 5e-7.
   */
  @Test
  void clipGlobalNorm_scalesByMaxNormOverNorm_notTorchsNormPlusEpsilon() {
    DMatrixRMaj g = new DMatrixRMaj(1, 2, true, 3, 4);
    assertThat(GradClip.clipGlobalNorm(List.of(g), 1.0)).isEqualTo(5.0);
    assertClose(new double[] {3 * (1.0 / 5), 4 * (1.0 / 5)}, g.data, 0);
    assertClose(new double[] {0.6, 0.8}, g.data, 1e-16);
    double torch = 1.0 / (5 + 1e-6);
    assertThat(Math.abs(g.data[0] - 3 * torch)).isGreaterThan(1e-7);
    assertClose(new double[] {0.59999988, 0.79999984}, new double[] {3 * torch, 4 * torch},
        1e-8);
    DMatrixRMaj under = new DMatrixRMaj(1, 1, true, 1 - 5e-7);
    GradClip.clipGlobalNorm(List.of(under), 1.0);
    assertThat(under.data[0]).isEqualTo(1 - 5e-7);
  }

  @Test
  void polyak_averagesTargetsTowardsOnline_byHand() {
    DMatrixRMaj online = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
    DMatrixRMaj target = new DMatrixRMaj(new double[][] {{0, 10}, {-4, 4}});
    Polyak.update(List.of(online), List.of(target), 0.25);
    // 0.75·target + 0.25·online
    assertClose(new double[] {0.25, 8.0, -2.25, 4.0}, target.data, TIGHT);
    Polyak.update(List.of(online), List.of(target), 1.0);
    assertClose(online.data, target.data, 0.0);
    assertThatThrownBy(() -> Polyak.update(List.of(online), List.of(target), 0.0))
        .hasMessage("polyak rate must be in (0, 1], got 0.0");
    assertThatThrownBy(() -> Polyak.update(List.of(online), List.of(new DMatrixRMaj(2, 3)), 0.5))
        .hasMessage("matrix 0: online 2×2, target 2×3");
  }

  @Test
  void configs_rejectNonsense_namingTheValue() {
    assertThatThrownBy(() -> new Sgd.Config(-0.1, 0))
        .hasMessage("learningRate must be finite and >= 0, got -0.1");
    assertThatThrownBy(() -> new Sgd.Config(0.1, 1.0))
        .hasMessage("momentum must be in [0, 1), got 1.0");
    assertThatThrownBy(() -> new Adam.Config(Double.NaN, 0.9, 0.999, 1e-8))
        .hasMessage("learningRate must be finite and >= 0, got NaN");
    assertThatThrownBy(() -> new Adam.Config(1e-3, 0.9, 0.999, 0))
        .hasMessage("epsilon must be > 0, got 0.0");
    assertThatThrownBy(() -> Adam.Config.defaults().withBeta2(1.0))
        .hasMessage("beta2 must be in [0, 1), got 1.0");
    assertThat(Adam.Config.defaults().withLearningRate(0.1))
        .isEqualTo(new Adam.Config(0.1, 0.9, 0.999, 1e-8));
    assertThat(Sgd.Config.defaults().with(b -> b.learningRate(0.5).momentum(0.9)))
        .isEqualTo(new Sgd.Config(0.5, 0.9));
    Sgd sgd = new Sgd(List.of(new DMatrixRMaj(2, 2)), new Sgd.Config(0.1, 0));
    assertThatThrownBy(() -> sgd.step(List.of(new DMatrixRMaj(2, 3))))
        .hasMessageContaining("2×3 but its parameter is 2×2");
  }
}
