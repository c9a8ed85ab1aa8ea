package org.gridrl.benchmarks.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.GradCheck;
import org.gridrl.core.autodiff.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GruWorkloadTest {

  @Test
  void yardstickShapes_fusedUnfusedAndHandWritten_computeTheSameGradients() {
    // NaN would mean the fused and the unfused tape differ in some bit
    assertThat(GruWorkload.yardstick(0).maxGradientDisagreement()).isLessThan(1e-13);
    assertThat(GruWorkload.yardstick(7).maxGradientDisagreement()).isLessThan(1e-13);
  }

  @Test
  void handWritten_returnsTheSameLossAsTheTape() {
    GruWorkload w = GruWorkload.yardstick(3);
    double tape = w.autodiff();
    double hand = w.handWritten();
    // both return L + ∂L/∂W_ih[0]
    assertThat(hand).isCloseTo(tape, org.assertj.core.data.Offset.offset(1e-13));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void tinyWorkload_gradientsMatchFiniteDifferences(long seed) {
    // in 2, hidden 3, 4 steps, batch 2: every entry of every parameter is checked
    GruWorkload w = new GruWorkload(2, 3, 4, 2, seed);
    List<DMatrixRMaj> params = w.gru().parameterValues();
    GradCheck.Loss loss = (t, p) -> {
      List<Tensor> xs = new ArrayList<>();
      for (DMatrixRMaj x : w.inputs()) {
        xs.add(t.constant(x));
      }
      return w.loss(t, p, xs);
    };
    GradCheck.Report report = GradCheck.firstOrder(loss, params, 1e-5);
    assertThat(report.maxError()).as(report.describe()).isLessThan(1e-9);
    // the hand-written BPTT against the same (checked) tape gradients
    assertThat(w.maxGradientDisagreement()).isLessThan(1e-15);
  }

  @Test
  void flops_countsTheFiveProductsOfEveryStep() {
    // forward x·W_ih (16·8·192) and h·W_hh (16·64·192); backward twice each, minus nothing
    double perStep = 2.0 * 16 * 192 * (2 * 8 + 3 * 64);
    assertThat(GruWorkload.yardstick(0).flops()).isEqualTo(100 * perStep);
  }
}
