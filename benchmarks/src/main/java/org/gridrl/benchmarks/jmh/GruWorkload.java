package org.gridrl.benchmarks.jmh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.linalg.Gemm;
import org.gridrl.core.linalg.VectorMath;
import org.gridrl.core.nn.Gru;
import org.gridrl.core.nn.Init;
import org.gridrl.core.util.Rng;

/**
 * Issue 14's GRU speed workload, shared by {@link GruBenchmark} (JMH) and {@code gridrl bench
 * gru}: forward + backpropagation through time of a {@link Gru} cell over T steps to the
 * gradients of its four parameters, float64, with the loss of ../shared/perf/torch_second_order.py
 * {@code gru}:
 *
 * <pre>
 *   h_0 = 0,  h_t = GRU(x_t, h_{t−1}),  L = (1/T) Σ_t mean_b((h_t · w_read)_b²)
 * </pre>
 *
 * with the read-out w_read an H × 1 constant (the script's {@code READ}), so each step's term is
 * the mean over the batch of a B × 1 column. The yardstick's shapes are in 8, H = 64, T = 100,
 * B = 16 ({@link #yardstick}). Weights and biases ~ U(−1/√H, 1/√H) as PyTorch's
 * {@code GRUCell} initialises them, w_read ~ 0.1·N(0, 1), x_t ~ N(0, 1), from a seeded
 * {@link Random}.
 *
 * <p>Three implementations of the same function with the same numbers:
 * <ul>
 *   <li>{@link #autodiff()}: what training code runs, {@link Gru#unroll} and the loss on the
 *       {@link Tape} (reused, reset each call), {@code Tape.grad} into a reused list;
 *   <li>{@link #autodiffUnfused()}: the same with the cell spelled out in the tape's elementwise
 *       ops (slice, add, sigmoid, tanh, mul, sub: 16 nodes a step where {@code Tape.gruCell} is
 *       one), as {@code Gru.step} recorded it before the fused op; the same numbers bit for bit,
 *       kept to time the fusion;
 *   <li>{@link #handWritten()}: explicit BPTT through {@link Gemm}: the input products of all steps as one product before the loop,
 *       one recurrent product per step, and the weight gradients as two products over all
 *       steps after it; every buffer preallocated. A trusted slower-to-write reference and the
 *       floor for what a fused recorded op could reach.
 * </ul>
 * One instance per thread; not thread-safe.
 */
public final class GruWorkload {

  private final int in;
  private final int hidden;
  private final int steps;
  private final int batch;
  private final Gru gru;
  private final DMatrixRMaj read;
  private final List<DMatrixRMaj> xs = new ArrayList<>();

  private final Tape tape = new Tape();
  private final List<Tensor> tapeParams = new ArrayList<>();
  private final List<Tensor> tapeXs = new ArrayList<>();
  private final List<Tensor> tapeGrads = new ArrayList<>();

  // hand-written buffers; the stacked ones hold all steps, step t in rows [tB, (t+1)B)
  private final DMatrixRMaj xAll; // TB × in
  private final DMatrixRMaj gxAll; // TB × 3H: x W_ih + b_ih
  private final DMatrixRMaj hPrev; // TB × H: h_{t−1}
  private final DMatrixRMaj ghAll; // TB × 3H: h_{t−1} W_hh + b_hh
  private final DMatrixRMaj gates; // TB × 3H: r | z | n after their nonlinearities
  private final DMatrixRMaj dgxAll; // TB × 3H: ∂L/∂(x W_ih + b_ih)
  private final DMatrixRMaj dghAll; // TB × 3H: ∂L/∂(h W_hh + b_hh)
  private final DMatrixRMaj hStep; // B × H
  private final DMatrixRMaj ghStep; // B × 3H
  private final DMatrixRMaj dh; // B × H: ∂L/∂h_t
  private final DMatrixRMaj dgStep; // B × 3H
  private final DMatrixRMaj dhPrev; // B × H
  private final DMatrixRMaj[] grads = new DMatrixRMaj[4];

  /** Yardstick shapes: in 8, hidden 64, 100 steps, batch 16. */
  public static GruWorkload yardstick(long seed) {
    return new GruWorkload(8, 64, 100, 16, seed);
  }

  /**
   * A workload of the given shapes.
   *
   * @param in input features
   * @param hidden hidden state size H
   * @param steps sequence length T
   * @param batch batch rows B
   * @param seed seed of the {@link Random} that draws weights, read-out and inputs
   */
  public GruWorkload(int in, int hidden, int steps, int batch, long seed) {
    if (in < 1 || hidden < 1 || steps < 1 || batch < 1) {
      throw new IllegalArgumentException("in, hidden, steps and batch must be >= 1, got " + in
          + ", " + hidden + ", " + steps + " and " + batch);
    }
    this.in = in;
    this.hidden = hidden;
    this.steps = steps;
    this.batch = batch;
    Random r = new Random(seed);
    gru = new Gru("gru", in, hidden, Init.zeros(), Init.zeros(), new Rng(seed));
    double bound = 1.0 / Math.sqrt(hidden);
    for (DMatrixRMaj p : gru.parameterValues()) {
      for (int i = 0; i < p.data.length; i++) {
        p.data[i] = bound * (2 * r.nextDouble() - 1);
      }
    }
    read = new DMatrixRMaj(hidden, 1);
    for (int i = 0; i < hidden; i++) {
      read.data[i] = 0.1 * r.nextGaussian();
    }
    int tb = steps * batch;
    xAll = new DMatrixRMaj(tb, in);
    for (int t = 0; t < steps; t++) {
      DMatrixRMaj x = new DMatrixRMaj(batch, in);
      for (int i = 0; i < x.data.length; i++) {
        x.data[i] = r.nextGaussian();
      }
      System.arraycopy(x.data, 0, xAll.data, t * batch * in, batch * in);
      xs.add(x);
    }
    int g3 = 3 * hidden;
    gxAll = new DMatrixRMaj(tb, g3);
    hPrev = new DMatrixRMaj(tb, hidden);
    ghAll = new DMatrixRMaj(tb, g3);
    gates = new DMatrixRMaj(tb, g3);
    dgxAll = new DMatrixRMaj(tb, g3);
    dghAll = new DMatrixRMaj(tb, g3);
    hStep = new DMatrixRMaj(batch, hidden);
    ghStep = new DMatrixRMaj(batch, g3);
    dh = new DMatrixRMaj(batch, hidden);
    dgStep = new DMatrixRMaj(batch, g3);
    dhPrev = new DMatrixRMaj(batch, hidden);
    grads[0] = new DMatrixRMaj(in, g3);
    grads[1] = new DMatrixRMaj(hidden, g3);
    grads[2] = new DMatrixRMaj(1, g3);
    grads[3] = new DMatrixRMaj(1, g3);
  }

  /** The cell (its parameters are the workload's weights; modifying them changes the loss). */
  public Gru gru() {
    return gru;
  }

  /** The inputs x_1..x_T, each B × in (modifying them changes the loss). */
  public List<DMatrixRMaj> inputs() {
    return xs;
  }

  /**
   * Multiply-adds ×2 of one call's matrix products: forward x W_ih and h W_hh, backward the
   * two weight gradients and ∂L/∂h W_hhᵀ (the first step's is not needed but counted).
   */
  public double flops() {
    double perStep = 2.0 * batch * 3 * hidden * (2 * in + 3 * hidden);
    return steps * perStep;
  }

  /**
   * The loss L = (1/T) Σ_t mean_b((h_t · w_read)_b²) recorded on {@code tape} from the given
   * parameter tensors (weight_ih, weight_hh, bias_ih, bias_hh) and inputs.
   */
  public Tensor loss(Tape t, List<Tensor> params, List<Tensor> inputs) {
    Tensor w = t.constant(read);
    List<Tensor> hs = gru.unroll(t, inputs, gru.initialState(t, batch), params, 0);
    Tensor sum = null;
    for (Tensor h : hs) {
      Tensor term = t.mean(t.square(t.matmul(h, w)));
      sum = sum == null ? term : t.add(sum, term);
    }
    return t.mul(sum, 1.0 / steps);
  }

  /** Forward + BPTT on the tape; returns L + ∂L/∂W_ih[0] (so nothing is dead code). */
  public double autodiff() {
    Tape t = tape;
    t.reset();
    tapeParams.clear();
    for (DMatrixRMaj p : gru.parameterValues()) {
      tapeParams.add(t.parameter(p));
    }
    tapeXs.clear();
    for (DMatrixRMaj x : xs) {
      tapeXs.add(t.constant(x));
    }
    Tensor l = loss(t, tapeParams, tapeXs);
    t.grad(l, tapeParams, false, tapeGrads);
    return l.item() + tapeGrads.get(0).value().data[0];
  }

  /** {@link #autodiff()} with the cell spelled out in elementwise tape ops (see the class). */
  public double autodiffUnfused() {
    Tape t = tape;
    t.reset();
    tapeParams.clear();
    for (DMatrixRMaj p : gru.parameterValues()) {
      tapeParams.add(t.parameter(p));
    }
    Tensor w = t.constant(read);
    Tensor h = gru.initialState(t, batch);
    List<Tensor> hs = new ArrayList<>(steps);
    for (DMatrixRMaj x : xs) {
      h = unfusedStep(t, t.constant(x), h, tapeParams);
      hs.add(h);
    }
    Tensor sum = null;
    for (Tensor ht : hs) {
      Tensor term = t.mean(t.square(t.matmul(ht, w)));
      sum = sum == null ? term : t.add(sum, term);
    }
    Tensor l = t.mul(sum, 1.0 / steps);
    t.grad(l, tapeParams, false, tapeGrads);
    return l.item() + tapeGrads.get(0).value().data[0];
  }

  private static Tensor unfusedStep(Tape t, Tensor x, Tensor h, List<Tensor> p) {
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

  /** The four gradients of the last {@link #autodiff()} call, copied. */
  public List<DMatrixRMaj> autodiffGradients() {
    List<DMatrixRMaj> out = new ArrayList<>();
    for (Tensor g : tapeGrads) {
      out.add(g.value().copy());
    }
    return out;
  }

  /** The four gradients of the last {@link #handWritten()} call (the workload's buffers). */
  public List<DMatrixRMaj> handGradients() {
    return Arrays.asList(grads);
  }

  /** Forward + BPTT written out; returns L + ∂L/∂W_ih[0] (so nothing is dead code). */
  public double handWritten() {
    final int b = batch;
    final int hh = hidden;
    final int g3 = 3 * hh;
    final List<DMatrixRMaj> p = gru.parameterValues();
    final DMatrixRMaj wih = p.get(0);
    final DMatrixRMaj whh = p.get(1);
    final double[] bih = p.get(2).data;
    final double[] bhh = p.get(3).data;
    final double[] w = read.data;
    // forward: the input products of all steps at once, then one recurrent product per step
    Gemm.mult(xAll, wih, gxAll);
    addRowToEveryRow(gxAll.data, bih, steps * b, g3);
    Arrays.fill(hStep.data, 0.0);
    double loss = 0;
    final double[] h = hStep.data;
    final double[] gh = ghStep.data;
    for (int t = 0; t < steps; t++) {
      System.arraycopy(h, 0, hPrev.data, t * b * hh, b * hh);
      Gemm.mult(hStep, whh, ghStep);
      addRowToEveryRow(gh, bhh, b, g3);
      System.arraycopy(gh, 0, ghAll.data, t * b * g3, b * g3);
      final double[] gx = gxAll.data;
      final double[] gt = gates.data;
      double stepSum = 0;
      for (int i = 0; i < b; i++) {
        int row = (t * b + i) * g3;
        int hrow = i * hh;
        for (int j = 0; j < hh; j++) {
          double r = sigmoid(gx[row + j] + gh[i * g3 + j]);
          double z = sigmoid(gx[row + hh + j] + gh[i * g3 + hh + j]);
          double n = VectorMath.tanh(gx[row + 2 * hh + j] + r * gh[i * g3 + 2 * hh + j]);
          gt[row + j] = r;
          gt[row + hh + j] = z;
          gt[row + 2 * hh + j] = n;
          h[hrow + j] = n + z * (h[hrow + j] - n);
        }
        double y = 0;
        for (int j = 0; j < hh; j++) {
          y += h[hrow + j] * w[j];
        }
        stepSum += y * y;
      }
      loss += stepSum / b;
    }
    loss /= steps;
    // backward through time; dh holds ∂L/∂h_t from the later steps
    Arrays.fill(dh.data, 0.0);
    final double scale = 2.0 / (b * (double) steps);
    final double[] dhd = dh.data;
    final double[] dg = dgStep.data;
    for (int t = steps - 1; t >= 0; t--) {
      final double[] gt = gates.data;
      final double[] hp = hPrev.data;
      final double[] ghs = ghAll.data;
      for (int i = 0; i < b; i++) {
        int row = (t * b + i) * g3;
        int hrow = (t * b + i) * hh;
        // h_t = n + z (h_{t−1} − n), recomputed; the read-out's gradient joins dh_t
        double y = 0;
        for (int j = 0; j < hh; j++) {
          double n = gt[row + 2 * hh + j];
          y += (n + gt[row + hh + j] * (hp[hrow + j] - n)) * w[j];
        }
        double dy = scale * y;
        for (int j = 0; j < hh; j++) {
          double r = gt[row + j];
          double z = gt[row + hh + j];
          double n = gt[row + 2 * hh + j];
          double d = dhd[i * hh + j] + dy * w[j];
          double dn = d * (1 - z);
          double dz = d * (hp[hrow + j] - n);
          double dan = dn * (1 - n * n);
          double dr = dan * ghs[row + 2 * hh + j];
          double daz = dz * z * (1 - z);
          double dar = dr * r * (1 - r);
          dgxAll.data[row + j] = dar;
          dgxAll.data[row + hh + j] = daz;
          dgxAll.data[row + 2 * hh + j] = dan;
          dg[i * g3 + j] = dar;
          dg[i * g3 + hh + j] = daz;
          dg[i * g3 + 2 * hh + j] = dan * r;
          dhd[i * hh + j] = d * z; // the direct path; the product through W_hh is added below
        }
      }
      System.arraycopy(dg, 0, dghAll.data, t * b * g3, b * g3);
      if (t > 0) {
        Gemm.multAddTransB(dgStep, whh, dh);
      }
    }
    // weight gradients of all steps at once
    Gemm.multTransA(xAll, dgxAll, grads[0]);
    Gemm.multTransA(hPrev, dghAll, grads[1]);
    sumRows(dgxAll.data, grads[2].data, steps * b, g3);
    sumRows(dghAll.data, grads[3].data, steps * b, g3);
    return loss + grads[0].data[0];
  }

  private static double sigmoid(double a) {
    return 1.0 / (1.0 + Math.exp(-a));
  }

  private static void addRowToEveryRow(double[] m, double[] row, int rows, int cols) {
    for (int i = 0; i < rows; i++) {
      int o = i * cols;
      for (int j = 0; j < cols; j++) {
        m[o + j] += row[j];
      }
    }
  }

  private static void sumRows(double[] m, double[] out, int rows, int cols) {
    Arrays.fill(out, 0, cols, 0.0);
    for (int i = 0; i < rows; i++) {
      int o = i * cols;
      for (int j = 0; j < cols; j++) {
        out[j] += m[o + j];
      }
    }
  }

  /**
   * The largest |autodiff − hand-written| over the four gradients after one call of each, or
   * NaN if the fused and unfused tapes' gradients are not equal bit for bit.
   */
  public double maxGradientDisagreement() {
    autodiffUnfused();
    List<DMatrixRMaj> unfused = autodiffGradients();
    autodiff();
    handWritten();
    double worst = 0;
    List<DMatrixRMaj> a = autodiffGradients();
    for (int k = 0; k < 4; k++) {
      if (!Arrays.equals(a.get(k).data, unfused.get(k).data)) {
        return Double.NaN;
      }
    }
    for (int k = 0; k < 4; k++) {
      double[] x = a.get(k).data;
      double[] y = grads[k].data;
      for (int i = 0; i < a.get(k).getNumElements(); i++) {
        worst = Math.max(worst, Math.abs(x[i] - y[i]));
      }
    }
    return worst;
  }
}
