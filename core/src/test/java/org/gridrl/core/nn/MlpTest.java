package org.gridrl.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.gridrl.core.autodiff.GradCheck;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MlpTest extends TestBase {

  @Test
  void linear_forward_isXWPlusB() {
    Linear lin = new Linear("fc", 2, 3, Init.xavierUniform(), new Rng(1));
    lin.bias().data[1] = 0.5;
    DMatrixRMaj x = new DMatrixRMaj(2, 2, true, 1, 2, -1, 0.5);
    Tape tape = new Tape();
    DMatrixRMaj y = lin.forward(tape, tape.constant(x)).value();
    DMatrixRMaj expected = CommonOps_DDRM.mult(x, lin.weight(), null);
    for (int i = 0; i < 2; i++) {
      expected.set(i, 1, expected.get(i, 1) + 0.5);
    }
    assertClose(expected.data, y.data, TIGHT);
    assertThat(lin.parameters()).extracting(Parameter::name).containsExactly("fc.weight", "fc.bias");
  }

  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"TANH", "SIGMOID", "SOFTPLUS"})
  void mlpParameters_passGradCheck_firstAndSecondOrder(Activation act) {
    Mlp net = new Mlp(new int[] {3, 4, 4, 2}, act, Init.xavierUniform(), new Rng(7));
    for (DMatrixRMaj b : net.parameterValues()) {
      if (b.numRows == 1) {
        for (int i = 0; i < b.numCols; i++) {
          b.data[i] = 0.1 * (i - 1);
        }
      }
    }
    DMatrixRMaj x = RandomMatrices_DDRM.rectangle(5, 3, -1, 1, rand);
    DMatrixRMaj y = RandomMatrices_DDRM.rectangle(5, 2, -1, 1, rand);
    GradCheck.Loss mse = (t, p) -> t.mean(t.square(t.sub(net.forward(t, t.constant(x), p),
        t.constant(y))));
    List<DMatrixRMaj> params = net.parameterValues();
    GradCheck.Report first = GradCheck.firstOrder(mse, params, 1e-5);
    assertThat(first.maxError()).as(first.describe()).isLessThan(1e-7);
    List<DMatrixRMaj> v = new ArrayList<>();
    for (DMatrixRMaj p : params) {
      v.add(RandomMatrices_DDRM.rectangle(p.numRows, p.numCols, -1, 1, rand));
    }
    GradCheck.Report second = GradCheck.secondOrder(mse, params, v, 1e-5);
    assertThat(second.maxError()).as(second.describe()).isLessThan(1e-6);
  }

  @Test
  void functionalForward_withAdaptedParameters_equalsModuleHoldingThem() {
    Mlp net = new Mlp(new int[] {3, 5, 2}, Activation.TANH, Init.xavierUniform(), new Rng(3));
    Mlp copy = new Mlp(new int[] {3, 5, 2}, Activation.TANH, Init.xavierUniform(), new Rng(99));
    DMatrixRMaj x = RandomMatrices_DDRM.rectangle(4, 3, -1, 1, rand);
    Tape tape = new Tape();
    List<Tensor> p = net.bind(tape);
    Tensor loss = tape.sum(tape.square(net.forward(tape, tape.constant(x), p)));
    List<Tensor> g = tape.grad(loss, p, true);
    List<Tensor> adapted = new ArrayList<>();
    for (int i = 0; i < p.size(); i++) {
      adapted.add(tape.sub(p.get(i), tape.mul(g.get(i), 0.1)));
      copy.parameterValues().get(i).setTo(adapted.get(i).value());
    }
    DMatrixRMaj viaAdapted = net.forward(tape, tape.constant(x), adapted).value();
    DMatrixRMaj viaCopy = copy.forward(tape, tape.constant(x)).value();
    assertClose(viaCopy.data, viaAdapted.data, TIGHT);
  }

  @Test
  void sameSeed_sameWeights_differentSeed_differentWeights() {
    int[] sizes = {4, 8, 2};
    Mlp a = new Mlp(sizes, Activation.RELU, Init.orthogonal(1.0), new Rng(5));
    Mlp b = new Mlp(sizes, Activation.RELU, Init.orthogonal(1.0), new Rng(5));
    Mlp c = new Mlp(sizes, Activation.RELU, Init.orthogonal(1.0), new Rng(6));
    assertClose(a.layers().get(0).weight().data, b.layers().get(0).weight().data, 0);
    assertThat(a.layers().get(0).weight().data).isNotEqualTo(c.layers().get(0).weight().data);
    assertThat(a.numScalars()).isEqualTo(4 * 8 + 8 + 8 * 2 + 2);
  }

  @Test
  void orthogonalInit_hasOrthonormalColumnsOrRows_timesGain() {
    for (int[] s : new int[][] {{8, 3}, {3, 8}, {5, 5}}) {
      DMatrixRMaj w = new DMatrixRMaj(s[0], s[1]);
      Init.orthogonal(2.0).fill(w, new Rng(11));
      DMatrixRMaj gram = s[0] >= s[1] ? CommonOps_DDRM.multTransA(w, w, null)
          : CommonOps_DDRM.multTransB(w, w, null);
      DMatrixRMaj expected = CommonOps_DDRM.identity(gram.numRows);
      CommonOps_DDRM.scale(4.0, expected);
      assertClose(expected.data, gram.data, 1e-12);
    }
  }

  @Test
  void xavierUniform_isWithinBound_withGlorotVariance() {
    DMatrixRMaj w = new DMatrixRMaj(200, 300);
    Init.xavierUniform().fill(w, new Rng(2));
    double bound = Math.sqrt(6.0 / 500);
    double sumSq = 0;
    for (double v : w.data) {
      assertThat(Math.abs(v)).isLessThan(bound);
      sumSq += v * v;
    }
    // Var = 2/(in+out) = 0.004; the sample variance of 60,000 draws is within 2%
    assertClose(2.0 / 500, sumSq / w.data.length, 0.02 * 2.0 / 500);
  }

  @Test
  void forward_rejectsWrongInputWidthAndWrongParameterShapes() {
    Mlp net = new Mlp(new int[] {3, 2}, Activation.TANH, Init.xavierUniform(), new Rng(1));
    Tape tape = new Tape();
    assertThatThrownBy(() -> net.forward(tape, tape.constant(new DMatrixRMaj(2, 4))))
        .hasMessageContaining("expects 3 input features, got 4");
    List<Tensor> wrong = List.of(tape.constant(new DMatrixRMaj(2, 3)),
        tape.constant(new DMatrixRMaj(1, 2)));
    assertThatThrownBy(() -> net.forward(tape, tape.constant(new DMatrixRMaj(2, 3)), wrong))
        .hasMessageContaining("layer0.weight is 3×2");
    assertThatThrownBy(() -> new Mlp(new int[] {3}, Activation.TANH, Init.zeros(), new Rng(1)))
        .hasMessageContaining("[3]");
  }
}
