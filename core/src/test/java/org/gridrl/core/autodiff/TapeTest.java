package org.gridrl.core.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.AllocationMeter;
import org.junit.jupiter.api.Test;

class TapeTest extends TestBase {

  @Test
  void binaryOps_sameShapes_areTheElementwiseOpsExactly() {
    // the no-broadcast path is one flat loop: a 7×1 column and a 3×5 matrix, all four ops
    Tape tape = new Tape();
    for (int[] shape : new int[][] {{7, 1}, {3, 5}}) {
      DMatrixRMaj x = RandomMatrices_DDRM.rectangle(shape[0], shape[1], -1, 1, rand);
      DMatrixRMaj y = RandomMatrices_DDRM.rectangle(shape[0], shape[1], 0.5, 2, rand);
      tape.reset();
      Tensor a = tape.constant(x);
      Tensor b = tape.constant(y);
      double[] sum = tape.add(a, b).value().data;
      double[] diff = tape.sub(a, b).value().data;
      double[] prod = tape.mul(a, b).value().data;
      double[] quot = tape.div(a, b).value().data;
      for (int i = 0; i < x.data.length; i++) {
        assertThat(sum[i]).isEqualTo(x.data[i] + y.data[i]);
        assertThat(diff[i]).isEqualTo(x.data[i] - y.data[i]);
        assertThat(prod[i]).isEqualTo(x.data[i] * y.data[i]);
        assertThat(quot[i]).isEqualTo(x.data[i] / y.data[i]);
      }
    }
  }

  @Test
  void sigmoid_branchFreeSelect_isTheTwoBranchFormulaBitForBit() {
    // σ(v) = 1/(1 + e^{−v}) for v ≥ 0, e^v/(1 + e^v) below; the kernel picks the numerator by
    // v's sign bit instead of a branch: the same bits, including ±0, ±∞, huge |v| and NaN
    double[] vs = {0.0, -0.0, 1e-300, -1e-300, 0.3, -0.3, 2.5, -2.5, 37.0, -37.0, 745.0, -745.0,
        800.0, -800.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (double v : vs) {
      double expected = v >= 0 ? 1.0 / (1.0 + Math.exp(-v)) : Math.exp(v) / (1.0 + Math.exp(v));
      assertThat(Double.doubleToRawLongBits(Kernels.sigmoid(v)))
          .as("σ(%s)", v).isEqualTo(Double.doubleToRawLongBits(expected));
    }
    assertThat(Kernels.sigmoid(Double.NaN)).isNaN();
    assertThat(Kernels.sigmoid(-0.0)).isEqualTo(0.5);
    for (int i = 0; i < 10_000; i++) {
      double v = 8 * rand.nextGaussian();
      double expected = v >= 0 ? 1.0 / (1.0 + Math.exp(-v)) : Math.exp(v) / (1.0 + Math.exp(v));
      assertThat(Kernels.sigmoid(v)).isEqualTo(expected);
    }
  }

  @Test
  void hessianVectorProduct_ofQuadraticForm_isSymmetrisedMatrixTimesV() {
    // L = xᵀ A x (x a 1×n row: L = x A xᵀ), ∇L = x(A + Aᵀ), H v = v (A + Aᵀ)
    int n = 5;
    DMatrixRMaj a = RandomMatrices_DDRM.rectangle(n, n, -1, 1, rand);
    DMatrixRMaj x = RandomMatrices_DDRM.rectangle(1, n, -1, 1, rand);
    DMatrixRMaj v = RandomMatrices_DDRM.rectangle(1, n, -1, 1, rand);
    Tape tape = new Tape();
    Tensor xt = tape.parameter(x);
    Tensor loss = tape.sum(tape.mul(tape.matmul(xt, tape.constant(a)), xt));
    Tensor g = tape.grad(loss, xt, true);
    Tensor hv = tape.grad(tape.sum(tape.mul(g, tape.constant(v))), xt, false);
    DMatrixRMaj sym = new DMatrixRMaj(n, n);
    CommonOps_DDRM.add(a, CommonOps_DDRM.transpose(a, null), sym);
    assertClose(CommonOps_DDRM.mult(x, sym, null).data, g.value().data, TIGHT);
    assertClose(CommonOps_DDRM.mult(v, sym, null).data, hv.value().data, TIGHT);
  }

  @Test
  void mamlStep_secondOrderMetaGradient_matchesClosedForm() {
    // inner loss l(w) = ½ a w², adapted w' = w − α a w, outer loss ½ b w'²:
    // dL/dw = b (1 − α a)² w  (first-order MAML would give b (1 − α a) w)
    double a = 3, b = 2, alpha = 0.1, w0 = 0.7;
    Tape tape = new Tape();
    DMatrixRMaj w = new DMatrixRMaj(1, 1, true, w0);
    Tensor wt = tape.parameter(w);
    Tensor inner = tape.mul(tape.square(wt), 0.5 * a);
    Tensor g = tape.grad(inner, wt, true);
    Tensor adapted = tape.sub(wt, tape.mul(g, alpha));
    Tensor outer = tape.mul(tape.square(adapted), 0.5 * b);
    double meta = tape.grad(outer, wt, false).item();
    assertClose(b * (1 - alpha * a) * (1 - alpha * a) * w0, meta, TIGHT);
  }

  @Test
  void stopGradient_blocksFlow_andGradCheckNoticesTheMismatch() {
    DMatrixRMaj x = new DMatrixRMaj(2, 2, true, 1, -2, 3, 0.5);
    GradCheck.Loss f = (t, in) -> t.sum(t.mul(t.stopGradient(in.get(0)), in.get(0)));
    Tape tape = new Tape();
    Tensor xt = tape.parameter(x);
    assertClose(x.data, tape.grad(f.apply(tape, List.of(xt)), xt, false).value().data, TIGHT);
    // the true derivative of Σx² is 2x, so the check must fail with error ~ |x|
    GradCheck.Report r = GradCheck.firstOrder(f, List.of(x), 1e-5);
    assertThat(r.maxError()).isGreaterThan(0.4);
  }

  @Test
  void grad_ofUnrelatedTensor_isZeros_andSharedInputsAccumulate() {
    Tape tape = new Tape();
    Tensor x = tape.parameter(new DMatrixRMaj(1, 3, true, 1, 2, 3));
    Tensor y = tape.parameter(new DMatrixRMaj(2, 2));
    Tensor loss = tape.sum(tape.add(x, x)); // d/dx = 2
    List<Tensor> g = tape.grad(loss, List.of(x, y), false);
    assertClose(new double[] {2, 2, 2}, g.get(0).value().data, 0);
    assertClose(new double[4], g.get(1).value().data, 0);
  }

  @Test
  void reset_reusesTensorsAndBuffers_andGivesTheSameGradients() {
    DMatrixRMaj w = RandomMatrices_DDRM.rectangle(4, 3, -1, 1, rand);
    DMatrixRMaj xin = RandomMatrices_DDRM.rectangle(5, 4, -1, 1, rand);
    Tape tape = new Tape();
    double[] first = null;
    DMatrixRMaj firstBuffer = null;
    for (int pass = 0; pass < 3; pass++) {
      tape.reset();
      Tensor wt = tape.parameter(w);
      Tensor h = tape.tanh(tape.matmul(tape.constant(xin), wt));
      Tensor loss = tape.mean(tape.square(h));
      Tensor g = tape.grad(loss, wt, false);
      if (pass == 0) {
        first = g.value().data.clone();
        firstBuffer = h.value();
      } else {
        assertClose(first, g.value().data, 0);
        assertThat(h.value()).isSameAs(firstBuffer);
      }
    }
  }

  @Test
  void replayedPass_allocatesAlmostNothing_afterTheFirst() {
    org.junit.jupiter.api.Assumptions.assumeTrue(AllocationMeter.supported());
    DMatrixRMaj w1 = RandomMatrices_DDRM.rectangle(8, 16, -1, 1, rand);
    DMatrixRMaj b1 = new DMatrixRMaj(1, 16);
    DMatrixRMaj w2 = RandomMatrices_DDRM.rectangle(16, 3, -1, 1, rand);
    DMatrixRMaj xin = RandomMatrices_DDRM.rectangle(64, 8, -1, 1, rand);
    int[] actions = new int[64];
    Tape tape = new Tape();
    List<Tensor> params = new java.util.ArrayList<>();
    long[] bytes = new long[3];
    for (int pass = 0; pass < 3; pass++) {
      long before = AllocationMeter.threadBytes();
      tape.reset();
      params.clear();
      params.add(tape.parameter(w1));
      params.add(tape.parameter(b1));
      params.add(tape.parameter(w2));
      Tensor h = tape.tanh(tape.add(tape.matmul(tape.constant(xin), params.get(0)), params.get(1)));
      Tensor logp = tape.logSoftmax(tape.matmul(h, params.get(2)));
      Tensor loss = tape.neg(tape.mean(tape.gather(logp, actions)));
      tape.grad(loss, params, false);
      bytes[pass] = AllocationMeter.threadBytes() - before;
    }
    // the first pass allocates the buffers (tens of kB); replays only the returned gradient list
    assertThat(bytes[0]).isGreaterThan(20_000);
    assertThat(bytes[2]).isLessThan(1_000);
  }

  @Test
  void replayedPass_withCallerOwnedGradientList_allocatesNothing_andGivesTheSameGradients() {
    org.junit.jupiter.api.Assumptions.assumeTrue(AllocationMeter.supported());
    DMatrixRMaj w1 = RandomMatrices_DDRM.rectangle(8, 16, -1, 1, rand);
    DMatrixRMaj b1 = new DMatrixRMaj(1, 16);
    DMatrixRMaj w2 = RandomMatrices_DDRM.rectangle(16, 3, -1, 1, rand);
    DMatrixRMaj xin = RandomMatrices_DDRM.rectangle(64, 8, -1, 1, rand);
    Tape tape = new Tape();
    List<Tensor> params = new java.util.ArrayList<>();
    List<Tensor> grads = new java.util.ArrayList<>();
    double[][] fresh = new double[3][];
    long[] bytes = new long[4];
    for (int pass = 0; pass < 4; pass++) {
      long before = AllocationMeter.threadBytes();
      tape.reset();
      params.clear();
      params.add(tape.parameter(w1));
      params.add(tape.parameter(b1));
      params.add(tape.parameter(w2));
      Tensor h = tape.tanh(tape.add(tape.matmul(tape.constant(xin), params.get(0)), params.get(1)));
      Tensor loss = tape.mean(tape.square(tape.matmul(h, params.get(2))));
      if (pass == 0) { // the allocating form, for reference
        List<Tensor> g = tape.grad(loss, params, false);
        for (int k = 0; k < 3; k++) {
          fresh[k] = g.get(k).value().data.clone();
        }
      } else {
        List<Tensor> out = tape.grad(loss, params, false, grads);
        bytes[pass] = AllocationMeter.threadBytes() - before;
        assertThat(out).isSameAs(grads);
        assertThat(grads).hasSize(3);
        for (int k = 0; k < 3; k++) {
          assertClose(fresh[k], grads.get(k).value().data, 0);
        }
      }
    }
    // pass 1 sizes the caller's list; of passes 2 and 3 the smaller, so that a one-off charge
    // by the VM (see SacAllocationTest) cannot fail the test while a per-pass allocation would
    assertThat(Math.min(bytes[2], bytes[3])).isZero();
    assertThatThrownBy(() -> tape.vjp(tape.sum(params.get(0)), null, params, false, params))
        .hasMessageContaining("out must not be wrt");
  }

  @Test
  void logSoftmax_isStable_forLargeLogits_andMatchesHandValues() {
    Tape tape = new Tape();
    Tensor z = tape.constant(new DMatrixRMaj(1, 2, true, 1000, 1000 + Math.log(3)));
    Tensor lp = tape.logSoftmax(z);
    assertClose(new double[] {Math.log(0.25), Math.log(0.75)}, lp.value().data, TIGHT);
    assertClose(1000 + Math.log(4), tape.logSumExp(z).item(), 1e-9);
    assertClose(0.75, tape.softmax(z).value().get(0, 1), TIGHT);
  }

  @Test
  void shapeErrors_nameTheShapes() {
    Tape tape = new Tape();
    Tensor a = tape.constant(new DMatrixRMaj(2, 3));
    Tensor b = tape.constant(new DMatrixRMaj(3, 2));
    assertThatThrownBy(() -> tape.add(a, b)).hasMessageContaining("2×3 and 3×2");
    assertThatThrownBy(() -> tape.matmul(a, a)).hasMessageContaining("inner dimensions");
    assertThatThrownBy(() -> tape.gather(a, new int[] {0, 3}))
        .hasMessageContaining("index 3 in row 1");
    assertThatThrownBy(() -> tape.grad(a, a, false)).hasMessageContaining("1×1 loss");
    Tape other = new Tape();
    assertThatThrownBy(() -> other.neg(a)).hasMessageContaining("does not belong");
  }

  @Test
  void concatList_placesEveryPart_andGivesEachItsSliceOfTheGradient() {
    // 7 parts of 1..7 rows (rows axis) and 5 parts of 1..5 columns: values placed in order,
    // and for L = Σ w ⊙ concat each part's gradient is exactly its block of w
    Tape tape = new Tape();
    for (int axis : new int[] {0, 1}) {
      int parts = axis == 0 ? 7 : 5;
      tape.reset();
      List<Tensor> xs = new ArrayList<>();
      int total = 0;
      for (int p = 1; p <= parts; p++) {
        DMatrixRMaj x = axis == 0 ? RandomMatrices_DDRM.rectangle(p, 3, -1, 1, rand)
            : RandomMatrices_DDRM.rectangle(3, p, -1, 1, rand);
        xs.add(tape.parameter(x));
        total += p;
      }
      Tensor c = tape.concat(xs, axis);
      DMatrixRMaj w = axis == 0 ? RandomMatrices_DDRM.rectangle(total, 3, -1, 1, rand)
          : RandomMatrices_DDRM.rectangle(3, total, -1, 1, rand);
      List<Tensor> grads = tape.grad(tape.sum(tape.mul(c, tape.constant(w))), xs, false);
      int at = 0;
      for (int p = 0; p < parts; p++) {
        DMatrixRMaj x = xs.get(p).value();
        DMatrixRMaj g = grads.get(p).value();
        for (int i = 0; i < x.numRows; i++) {
          for (int j = 0; j < x.numCols; j++) {
            int ci = axis == 0 ? at + i : i;
            int cj = axis == 0 ? j : at + j;
            assertThat(c.value().get(ci, cj)).isEqualTo(x.get(i, j));
            assertThat(g.get(i, j)).isEqualTo(w.get(ci, cj));
          }
        }
        at += axis == 0 ? x.numRows : x.numCols;
      }
    }
    assertThatThrownBy(() -> tape.concat(List.of(), 0))
        .hasMessageContaining("at least one tensor");
  }

  @Test
  void concatList_ofManyParts_storesNLogNElements_notNSquared() {
    // 1024 parts of 8×8: a left-to-right chain of pairwise concatenations allocates
    // Σ_i 64·i doubles ≈ 268 MB; the balanced tree 1024·64·10 doubles ≈ 5.2 MB (the first pass,
    // when the tape's pool is still empty, is the one that allocates)
    assumeTrue(AllocationMeter.supported());
    DMatrixRMaj x = RandomMatrices_DDRM.rectangle(8, 8, -1, 1, rand);
    Tape tape = new Tape();
    List<Tensor> parts = new ArrayList<>();
    for (int i = 0; i < 1024; i++) {
      parts.add(tape.constant(x));
    }
    long before = AllocationMeter.threadBytes();
    Tensor c = tape.concat(parts, 0);
    long bytes = AllocationMeter.threadBytes() - before;
    assertThat(c.rows()).isEqualTo(8192);
    assertThat(c.value().get(8191, 7)).isEqualTo(x.get(7, 7));
    assertThat(bytes).isLessThan(16L << 20);
  }
  @Test
  void tanh_recordedBackward_isOneNode_withTheSpelledOutFormulasBits_toSecondOrder() {
    // the recorded rule g ⊙ (1 − y²) is one node (it was four: square, neg, add, mul); its
    // value and the Hessian-vector product through it are those of the spelled-out formula
    // bit for bit: L = Σ tanh(x W) ⊙ c, H v by a second sweep
    DMatrixRMaj x = RandomMatrices_DDRM.rectangle(6, 3, -1, 1, rand);
    DMatrixRMaj w = RandomMatrices_DDRM.rectangle(3, 4, -1, 1, rand);
    DMatrixRMaj c = RandomMatrices_DDRM.rectangle(6, 4, -1, 1, rand);
    DMatrixRMaj v = RandomMatrices_DDRM.rectangle(3, 4, -1, 1, rand);
    double[][] got = new double[2][];
    double[][] hv = new double[2][];
    int[] recorded = new int[2];
    for (int spelled = 0; spelled < 2; spelled++) {
      Tape tape = new Tape();
      Tensor wt = tape.parameter(w);
      Tensor pre = tape.matmul(tape.constant(x), wt);
      Tensor y = tape.tanh(pre);
      int before;
      Tensor g;
      if (spelled == 0) {
        Tensor loss = tape.sum(tape.mul(y, tape.constant(c)));
        before = tape.size();
        g = tape.grad(loss, wt, true);
      } else {
        // ∂L/∂y = c (the recorded sweep computes 1 ⊙ c), then the old four-op rule by hand
        Tensor upstream = tape.mul(tape.filled(6, 4, 1.0), tape.constant(c));
        before = tape.size();
        Tensor dpre = tape.mul(upstream, tape.add(tape.neg(tape.square(y)), 1.0));
        g = tape.matmulTransA(tape.constant(x), dpre);
      }
      recorded[spelled] = tape.size() - before;
      got[spelled] = g.value().data.clone();
      hv[spelled] = tape.grad(tape.sum(tape.mul(g, tape.constant(v))), wt, false).value().data
          .clone();
    }
    assertThat(got[0]).containsExactly(got[1]);
    assertThat(hv[0]).containsExactly(hv[1]);
    // fused: seed, sum's scale-free broadcast, mul's rule, tanhGrad, matmul = 5 nodes; the
    // spelled-out rule alone is 4 (square, neg, add, mul) before its matmul
    assertThat(recorded[0]).isEqualTo(5);
  }

  @Test
  void tanh_thirdDerivative_throughTheFusedRecordedRule_isTheClosedForm() {
    // d³/dx³ tanh x = (1 − t²)(6t² − 2), t = tanh x: three sweeps, the first two recorded
    for (double x0 : new double[] {-1.3, 0.2, 0.9}) {
      Tape tape = new Tape();
      Tensor x = tape.parameter(new DMatrixRMaj(1, 1, true, x0));
      Tensor d1 = tape.grad(tape.tanh(x), x, true);
      Tensor d2 = tape.grad(d1, x, true);
      double d3 = tape.grad(d2, x, false).item();
      double t = Math.tanh(x0);
      assertClose(1 - t * t, d1.item(), TIGHT);
      assertClose(-2 * t * (1 - t * t), d2.item(), TIGHT);
      assertClose((1 - t * t) * (6 * t * t - 2), d3, TIGHT);
    }
  }
}
