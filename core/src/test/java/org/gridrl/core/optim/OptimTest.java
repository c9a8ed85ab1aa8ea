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

  @Test
  void configs_rejectNonsense_namingTheValue() {
    assertThatThrownBy(() -> new Sgd.Config(-0.1, 0)).hasMessageContaining("-0.1");
    assertThatThrownBy(() -> new Sgd.Config(0.1, 1.0)).hasMessageContaining("momentum");
    assertThatThrownBy(() -> new Adam.Config(Double.NaN, 0.9, 0.999, 1e-8))
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> new Adam.Config(1e-3, 0.9, 0.999, 0)).hasMessageContaining("epsilon");
    Sgd sgd = new Sgd(List.of(new DMatrixRMaj(2, 2)), new Sgd.Config(0.1, 0));
    assertThatThrownBy(() -> sgd.step(List.of(new DMatrixRMaj(2, 3))))
        .hasMessageContaining("2×3 but its parameter is 2×2");
  }
}
