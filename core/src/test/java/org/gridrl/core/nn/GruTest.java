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
import org.junit.jupiter.params.provider.ValueSource;

class GruTest extends TestBase {

  @Test
  void step_handCase_gatesHalfAndThreeQuarters() {
    // W = 0, b_iz = ln 3, b_hn = 2 atanh(1/2): r = σ(0) = 1/2, z = σ(ln 3) = 3/4,
    // n = tanh(r · b_hn) = tanh(atanh(1/2)) = 1/2; h' = (1 − 3/4)·1/2 + 3/4·0.2 = 0.275.
    Gru gru = new Gru("g", 1, 1, Init.zeros(), Init.zeros(), new Rng(0));
    DMatrixRMaj bih = gru.parameters().get(2).value();
    DMatrixRMaj bhh = gru.parameters().get(3).value();
    bih.data[1] = Math.log(3);
    bhh.data[2] = 2 * 0.5 * Math.log(3); // 2 atanh(1/2) = ln 3
    Tape tape = new Tape();
    Tensor h1 = gru.step(tape, tape.scalar(0.7), tape.scalar(0.2));
    assertClose(0.275, h1.item(), TIGHT);
  }

  @Test
  void chronoInit_zeroWeights_forgettingTimesAreTheDrawsUniformOverTwoToT() {
    // W = 0 and x = 0: n = tanh(r ⊙ b_hn) = 0, so h_t = z^t h_0 with z_j = σ(b_iz,j) and the
    // forgetting time 1 / (1 − z_j) = 1 + u_j for the draws u_j ~ U[1, T − 1] in unit order.
    int hidden = 2000;
    double horizon = 100;
    Gru gru = new Gru("g", 1, hidden, Init.zeros(), Init.zeros(), new Rng(0));
    gru.chronoInit(horizon, new Rng(7));
    Tape tape = new Tape();
    Tensor h = tape.filled(1, hidden, 1.0);
    Tensor h1 = gru.step(tape, tape.scalar(0.0), h);
    Tensor h2 = gru.step(tape, tape.scalar(0.0), h1);
    Rng draws = new Rng(7);
    double sum = 0;
    for (int j = 0; j < hidden; j++) {
      double u = draws.nextDouble(1, horizon - 1);
      double z = h1.value().get(0, j);
      assertClose(1 + u, 1 / (1 - z), 1e-9 * (1 + u) * (1 + u));
      assertClose(z * z, h2.value().get(0, j), TIGHT);
      assertThat(gru.parameters().get(3).value().get(0, hidden + j)).isZero();
      assertThat(gru.parameters().get(2).value().get(0, j)).isZero();
      sum += 1 / (1 - z);
    }
    // the mean of U[2, T] is (2 + T)/2 = 51 with standard deviation 98/√12 ≈ 28.3 per unit
    assertThat(Math.abs(sum / hidden - 51)).isLessThan(4 * 28.3 / Math.sqrt(hidden));
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.999, -3, Double.NaN, Double.POSITIVE_INFINITY})
  void chronoInit_timescaleBelowTwoOrNotFinite_throwsNamingIt(double horizon) {
    Gru gru = new Gru("g", 1, 3, new Rng(0));
    assertThatThrownBy(() -> gru.chronoInit(horizon, new Rng(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxTimescale >= 2");
  }

  @Test
  void step_handCase_inputAndRecurrentWeightsEnterTheirGates() {
    // in = 1, H = 1, x = 1, h = 0.5, all biases 0; W_ih = [a_r, a_z, a_n], W_hh = [u_r, u_z, u_n]
    double ar = 0.3;
    double az = -0.4;
    double an = 0.8;
    double ur = 1.2;
    double uz = 0.6;
    double un = -0.9;
    Gru gru = new Gru("g", 1, 1, Init.zeros(), Init.zeros(), new Rng(0));
    gru.parameters().get(0).value().setTo(new DMatrixRMaj(1, 3, true, ar, az, an));
    gru.parameters().get(1).value().setTo(new DMatrixRMaj(1, 3, true, ur, uz, un));
    double x = 1;
    double h = 0.5;
    double r = 1 / (1 + Math.exp(-(ar * x + ur * h)));
    double z = 1 / (1 + Math.exp(-(az * x + uz * h)));
    double n = Math.tanh(an * x + r * (un * h));
    double expected = (1 - z) * n + z * h;
    Tape tape = new Tape();
    assertClose(expected, gru.step(tape, tape.scalar(x), tape.scalar(h)).item(), TIGHT);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void step_randomCell_matchesScalarReference(long seed) {
    Rng rng = new Rng(seed);
    int in = 3;
    int hd = 4;
    Gru gru = new Gru("g", in, hd, rng);
    for (int k = 2; k < 4; k++) {
      DMatrixRMaj b = gru.parameters().get(k).value();
      for (int i = 0; i < b.data.length; i++) {
        b.data[i] = rng.nextDouble(-1, 1);
      }
    }
    DMatrixRMaj x = RandomMatrices_DDRM.rectangle(2, in, -1, 1, rand);
    DMatrixRMaj h = RandomMatrices_DDRM.rectangle(2, hd, -1, 1, rand);
    Tape tape = new Tape();
    DMatrixRMaj out = gru.step(tape, tape.constant(x), tape.constant(h)).value();
    DMatrixRMaj expected = reference(gru, x, h);
    assertClose(expected.data, out.data, 1e-14);
  }

  @Test
  void moduleForward_onConcatenatedInputAndState_equalsStep() {
    Gru gru = new Gru("g", 2, 3, new Rng(9));
    DMatrixRMaj x = RandomMatrices_DDRM.rectangle(4, 2, -1, 1, rand);
    DMatrixRMaj h = RandomMatrices_DDRM.rectangle(4, 3, -1, 1, rand);
    DMatrixRMaj xh = new DMatrixRMaj(4, 5);
    CommonOps_DDRM.concatColumns(x, h, xh);
    Tape tape = new Tape();
    DMatrixRMaj viaModule = gru.forward(tape, tape.constant(xh)).value();
    assertClose(reference(gru, x, h).data, viaModule.data, 1e-14);
    assertThat(gru.parameters()).extracting(Parameter::name).containsExactly(
        "g.weight_ih", "g.weight_hh", "g.bias_ih", "g.bias_hh");
    assertThat(gru.numScalars()).isEqualTo(2 * 9 + 3 * 9 + 9 + 9);
  }

  @Test
  void unroll_threeSteps_equalsRepeatedReference() {
    Gru gru = new Gru("g", 2, 3, new Rng(11));
    List<DMatrixRMaj> xs = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      xs.add(RandomMatrices_DDRM.rectangle(2, 2, -1, 1, rand));
    }
    Tape tape = new Tape();
    List<Tensor> xt = new ArrayList<>();
    for (DMatrixRMaj x : xs) {
      xt.add(tape.constant(x));
    }
    List<Tensor> hs = gru.unroll(tape, xt, gru.initialState(tape, 2), gru.bind(tape));
    DMatrixRMaj h = new DMatrixRMaj(2, 3);
    for (int t = 0; t < 3; t++) {
      h = reference(gru, xs.get(t), h);
      assertClose(h.data, hs.get(t).value().data, 1e-14);
    }
  }

  @Test
  void orthogonalRecurrentInit_eachGateBlockIsOrthogonal() {
    Gru gru = new Gru("g", 2, 4, new Rng(5));
    DMatrixRMaj whh = gru.parameters().get(1).value();
    for (int g = 0; g < 3; g++) {
      DMatrixRMaj block = CommonOps_DDRM.extract(whh, 0, 4, 4 * g, 4 * g + 4);
      DMatrixRMaj gram = CommonOps_DDRM.multTransA(block, block, null);
      assertClose(CommonOps_DDRM.identity(4).data, gram.data, 1e-12);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23})
  void unrolledLoss_passesGradCheck_overParametersAndInputs_firstAndSecondOrder(long seed) {
    Rng rng = new Rng(seed);
    Gru gru = new Gru("g", 2, 3, rng);
    for (int k = 2; k < 4; k++) {
      DMatrixRMaj b = gru.parameters().get(k).value();
      for (int i = 0; i < b.data.length; i++) {
        b.data[i] = rng.nextDouble(-0.5, 0.5);
      }
    }
    int steps = 3;
    List<DMatrixRMaj> inputs = new ArrayList<>(gru.parameterValues());
    for (int t = 0; t < steps; t++) {
      inputs.add(RandomMatrices_DDRM.rectangle(2, 2, -1, 1, rand));
    }
    inputs.add(RandomMatrices_DDRM.rectangle(2, 3, -1, 1, rand)); // h0
    DMatrixRMaj target = RandomMatrices_DDRM.rectangle(2, 3, -1, 1, rand);
    // L = Σ_t mean((h_t − target)²): every step's state enters the loss
    GradCheck.Loss loss = (t, p) -> {
      List<Tensor> hs = gru.unroll(t, p.subList(4, 4 + steps), p.get(4 + steps), p, 0);
      Tensor sum = null;
      for (Tensor h : hs) {
        Tensor term = t.mean(t.square(t.sub(h, t.constant(target))));
        sum = sum == null ? term : t.add(sum, term);
      }
      return sum;
    };
    GradCheck.Report first = GradCheck.firstOrder(loss, inputs, 1e-5);
    assertThat(first.maxError()).as(first.describe()).isLessThan(1e-8);
    List<DMatrixRMaj> v = new ArrayList<>();
    for (DMatrixRMaj m : inputs) {
      v.add(RandomMatrices_DDRM.rectangle(m.numRows, m.numCols, -1, 1, rand));
    }
    GradCheck.Report second = GradCheck.secondOrder(loss, inputs, v, 1e-5);
    assertThat(second.maxError()).as(second.describe()).isLessThan(1e-7);
  }

  /**
   * The cell spelled out with the tape's elementwise ops, as Gru.step recorded it before the
   * fused Tape.gruCell (kept here as the trusted slower version).
   */
  private static Tensor spelledOutStep(Tape t, Tensor x, Tensor h, List<Tensor> p) {
    int b = x.rows();
    int hh = h.cols();
    Tensor gx = t.add(t.matmul(x, p.get(0)), p.get(2));
    Tensor gh = t.add(t.matmul(h, p.get(1)), p.get(3));
    Tensor r = t.sigmoid(t.add(t.slice(gx, 0, b, 0, hh), t.slice(gh, 0, b, 0, hh)));
    Tensor z = t.sigmoid(t.add(t.slice(gx, 0, b, hh, 2 * hh), t.slice(gh, 0, b, hh, 2 * hh)));
    Tensor n = t.tanh(t.add(t.slice(gx, 0, b, 2 * hh, 3 * hh),
        t.mul(r, t.slice(gh, 0, b, 2 * hh, 3 * hh))));
    return t.add(n, t.mul(z, t.sub(h, n)));
  }

  /** Σ_t mean((h_t · w)²) over an unroll of {@code steps} steps, fused or spelled out. */
  private static Tensor readoutLoss(Tape t, Gru gru, List<Tensor> p, boolean fused,
      DMatrixRMaj w) {
    Tensor h = p.get(p.size() - 1);
    Tensor sum = null;
    for (int k = 4; k < p.size() - 1; k++) {
      h = fused ? gru.step(t, p.get(k), h, p, 0) : spelledOutStep(t, p.get(k), h, p);
      Tensor term = t.mean(t.square(t.matmul(h, t.constant(w))));
      sum = sum == null ? term : t.add(sum, term);
    }
    return sum;
  }

  @ParameterizedTest
  @ValueSource(longs = {31, 32, 33})
  void fusedCell_equalsSpelledOutOps_bitForBit_inValueAndFirstOrderGradients(long seed) {
    Rng rng = new Rng(seed);
    Gru gru = new Gru("g", 3, 5, rng);
    for (DMatrixRMaj m : gru.parameterValues()) {
      for (int i = 0; i < m.data.length; i++) {
        m.data[i] = rng.nextDouble(-0.8, 0.8);
      }
    }
    List<DMatrixRMaj> inputs = new ArrayList<>(gru.parameterValues());
    for (int k = 0; k < 4; k++) {
      inputs.add(RandomMatrices_DDRM.rectangle(2, 3, -2, 2, rand)); // x_1..x_4
    }
    inputs.add(RandomMatrices_DDRM.rectangle(2, 5, -1, 1, rand)); // h0
    DMatrixRMaj w = RandomMatrices_DDRM.rectangle(5, 1, -1, 1, rand);
    List<List<DMatrixRMaj>> grads = new ArrayList<>();
    double[] losses = new double[2];
    for (int fused = 0; fused < 2; fused++) {
      Tape t = new Tape();
      List<Tensor> p = new ArrayList<>();
      for (DMatrixRMaj m : inputs) {
        p.add(t.parameter(m));
      }
      Tensor loss = readoutLoss(t, gru, p, fused == 1, w);
      losses[fused] = loss.item();
      List<DMatrixRMaj> g = new ArrayList<>();
      for (Tensor gi : t.grad(loss, p, false)) {
        g.add(gi.value().copy());
      }
      grads.add(g);
    }
    assertThat(losses[1]).isEqualTo(losses[0]);
    for (int i = 0; i < inputs.size(); i++) {
      assertThat(grads.get(1).get(i).data).as("input %d", i)
          .containsExactly(grads.get(0).get(i).data);
    }
  }

  @Test
  void fusedCell_recordedGradient_equalsFirstOrderGradient() {
    // createGraph = true rebuilds the gates with recorded ops; same numbers up to rounding
    Gru gru = new Gru("g", 2, 4, new Rng(41));
    List<DMatrixRMaj> inputs = new ArrayList<>(gru.parameterValues());
    inputs.add(RandomMatrices_DDRM.rectangle(3, 2, -1, 1, rand));
    inputs.add(RandomMatrices_DDRM.rectangle(3, 2, -1, 1, rand));
    inputs.add(RandomMatrices_DDRM.rectangle(3, 4, -1, 1, rand));
    DMatrixRMaj w = RandomMatrices_DDRM.rectangle(4, 1, -1, 1, rand);
    Tape t = new Tape();
    List<Tensor> p = new ArrayList<>();
    for (DMatrixRMaj m : inputs) {
      p.add(t.parameter(m));
    }
    Tensor loss = readoutLoss(t, gru, p, true, w);
    List<DMatrixRMaj> fast = new ArrayList<>();
    for (Tensor g : t.grad(loss, p, false)) {
      fast.add(g.value().copy());
    }
    List<Tensor> recorded = t.grad(loss, p, true);
    for (int i = 0; i < inputs.size(); i++) {
      assertThat(recorded.get(i).requiresGrad()).isTrue();
      assertClose(fast.get(i).data, recorded.get(i).value().data, 1e-14);
    }
  }

  @Test
  void step_wrongShapes_nameTheCellAndSizes() {
    Gru gru = new Gru("policy.gru", 2, 3, new Rng(1));
    Tape tape = new Tape();
    assertThatThrownBy(() -> gru.step(tape, tape.filled(1, 4, 0), gru.initialState(tape, 1)))
        .hasMessageContaining("policy.gru").hasMessageContaining("expects 2 input features, got 4");
    assertThatThrownBy(() -> gru.step(tape, tape.filled(1, 2, 0), tape.filled(2, 3, 0)))
        .hasMessageContaining("expects a state of 1×3");
    assertThatThrownBy(() -> new Gru("g", 0, 3, new Rng(1)))
        .hasMessageContaining("in >= 1 and hidden >= 1, got 0 and 3");
  }

  /** PyTorch's GRUCell equations entry by entry, no tape. */
  private static DMatrixRMaj reference(Gru gru, DMatrixRMaj x, DMatrixRMaj h) {
    DMatrixRMaj wih = gru.parameters().get(0).value();
    DMatrixRMaj whh = gru.parameters().get(1).value();
    DMatrixRMaj bih = gru.parameters().get(2).value();
    DMatrixRMaj bhh = gru.parameters().get(3).value();
    int hd = gru.hidden();
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, hd);
    for (int b = 0; b < x.numRows; b++) {
      for (int j = 0; j < hd; j++) {
        double[] gi = new double[3];
        double[] gh = new double[3];
        for (int g = 0; g < 3; g++) {
          int col = g * hd + j;
          gi[g] = bih.get(0, col);
          for (int k = 0; k < x.numCols; k++) {
            gi[g] += x.get(b, k) * wih.get(k, col);
          }
          gh[g] = bhh.get(0, col);
          for (int k = 0; k < hd; k++) {
            gh[g] += h.get(b, k) * whh.get(k, col);
          }
        }
        double r = 1 / (1 + Math.exp(-(gi[0] + gh[0])));
        double z = 1 / (1 + Math.exp(-(gi[1] + gh[1])));
        double n = Math.tanh(gi[2] + r * gh[2]);
        out.set(b, j, (1 - z) * n + z * h.get(b, j));
      }
    }
    return out;
  }
}
