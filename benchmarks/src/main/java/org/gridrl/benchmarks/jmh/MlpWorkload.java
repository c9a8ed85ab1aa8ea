package org.gridrl.benchmarks.jmh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.linalg.Gemm;
import org.gridrl.core.linalg.VectorMath;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.util.Rng;

/**
 * Issue 5's speed workload, shared by {@link MlpBenchmark} (JMH) and {@code gridrl bench mlp}:
 * forward + backward (all parameter gradients) of the MLP 32→64→64→5, tanh hidden layers,
 * float64, MSE loss L = mean((out − y)²), batch 256, as in ../shared/perf/mlp_numpy.py
 * (x, y ~ N(0, 1), W ~ 0.1·N(0, 1), b = 0, from a seeded {@link Random}).
 *
 * <p>Four implementations of the same function with the same weights:
 * <ul>
 *   <li>{@link #handWritten()}: explicit backprop, out = xW + b, δ_l = (δ_{l+1} W_{l+1}ᵀ) ⊙
 *       (1 − a_l²), gW = aᵀδ, gb = Σ_rows δ, through {@link Gemm}; all buffers preallocated.
 *   <li>{@link #ejmlGeneric()}: the same with EJML's {@code CommonOps_DDRM.mult*}.
 *   <li>{@link #autodiff()}: the {@link Tape} (reused, reset each step), ops spelled out.
 *   <li>{@link #autodiffMlp()}: the tape through core.nn's {@link Mlp} (what training code runs).
 * </ul>
 * All use {@link VectorMath#tanh}. One instance per thread; not thread-safe.
 */
public final class MlpWorkload {

  /** Batch rows. */
  public static final int BATCH = 256;
  /** Layer sizes, input first. */
  static final int[] SIZES = {32, 64, 64, 5};
  private static final int LAYERS = SIZES.length - 1;

  private final DMatrixRMaj x;
  private final DMatrixRMaj y;
  private final DMatrixRMaj[] w = new DMatrixRMaj[LAYERS];
  private final DMatrixRMaj[] b = new DMatrixRMaj[LAYERS];
  // hand-written buffers: act[0] = x, act[l+1] = layer l output; delta[l] = dL/d(layer l output)
  private final DMatrixRMaj[] act = new DMatrixRMaj[LAYERS + 1];
  private final DMatrixRMaj[] delta = new DMatrixRMaj[LAYERS];
  private final DMatrixRMaj[] gw = new DMatrixRMaj[LAYERS];
  private final DMatrixRMaj[] gb = new DMatrixRMaj[LAYERS];
  private final Tape tape = new Tape();
  private final Tensor[] tapeParams = new Tensor[2 * LAYERS];
  private final List<Tensor> tapeParamList = Arrays.asList(tapeParams);
  private final Mlp mlp;
  private final ArrayList<Tensor> mlpParams = new ArrayList<>();
  private List<Tensor> lastTapeGrads;

  /** The network, data and buffers from {@code new Random(seed)}; the Mlp gets the same weights. */
  public MlpWorkload(long seed) {
    Random r = new Random(seed);
    x = gaussian(BATCH, SIZES[0], 1, r);
    y = gaussian(BATCH, SIZES[LAYERS], 1, r);
    act[0] = x;
    for (int l = 0; l < LAYERS; l++) {
      w[l] = gaussian(SIZES[l], SIZES[l + 1], 0.1, r);
      b[l] = new DMatrixRMaj(1, SIZES[l + 1]);
      act[l + 1] = new DMatrixRMaj(BATCH, SIZES[l + 1]);
      delta[l] = new DMatrixRMaj(BATCH, SIZES[l + 1]);
      gw[l] = new DMatrixRMaj(SIZES[l], SIZES[l + 1]);
      gb[l] = new DMatrixRMaj(1, SIZES[l + 1]);
    }
    mlp = new Mlp(SIZES, Activation.TANH, Init.zeros(), new Rng(seed));
    List<Parameter> ps = mlp.parameters();
    for (int l = 0; l < LAYERS; l++) {
      ps.get(2 * l).value().setTo(w[l]);
      ps.get(2 * l + 1).value().setTo(b[l]);
    }
  }

  private static DMatrixRMaj gaussian(int rows, int cols, double scale, Random r) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = scale * r.nextGaussian();
    }
    return m;
  }

  /** Multiply-adds of one forward + backward: 3 products per layer but 2 for the first. */
  public static double flops() {
    double f = 0;
    for (int l = 0; l < LAYERS; l++) {
      f += (l == 0 ? 2 : 3) * 2.0 * BATCH * SIZES[l] * SIZES[l + 1];
    }
    return f;
  }

  /** Hand-written forward/backward through {@link Gemm}; returns gW_0. */
  public DMatrixRMaj handWritten() {
    return handWritten(false);
  }

  /** Hand-written forward/backward through EJML's generic products; returns gW_0. */
  public DMatrixRMaj ejmlGeneric() {
    return handWritten(true);
  }

  /** The tape with the ops spelled out; returns gW_0[0] + L (so nothing is dead code). */
  public double autodiff() {
    Tape t = tape;
    t.reset();
    Tensor h = t.constant(x);
    for (int l = 0; l < LAYERS; l++) {
      tapeParams[2 * l] = t.parameter(w[l]);
      tapeParams[2 * l + 1] = t.parameter(b[l]);
      h = t.add(t.matmul(h, tapeParams[2 * l]), tapeParams[2 * l + 1]);
      if (l + 1 < LAYERS) {
        h = t.tanh(h);
      }
    }
    Tensor loss = t.mean(t.square(t.sub(h, t.constant(y))));
    lastTapeGrads = t.grad(loss, tapeParamList, false);
    return lastTapeGrads.get(0).value().data[0] + loss.item();
  }

  /** The tape through core.nn's {@link Mlp}; returns gW_0[0] + L. */
  public double autodiffMlp() {
    Tape t = tape;
    t.reset();
    mlpParams.clear();
    for (Parameter p : mlp.parameters()) {
      mlpParams.add(t.parameter(p.value()));
    }
    Tensor out = mlp.forward(t, t.constant(x), mlpParams, 0);
    Tensor loss = t.mean(t.square(t.sub(out, t.constant(y))));
    lastTapeGrads = t.grad(loss, mlpParams, false);
    return lastTapeGrads.get(0).value().data[0] + loss.item();
  }

  /**
   * The largest |difference| between the hand-written (Gemm) gradients and those of the EJML,
   * tape and Mlp versions, over every entry of every parameter gradient (a check that all four
   * variants compute the same thing; around 1e-16 when they do).
   */
  public double maxGradientDisagreement() {
    handWritten(false);
    List<DMatrixRMaj> reference = copies(gw, gb);
    handWritten(true);
    double worst = maxDiff(reference, copies(gw, gb));
    autodiff();
    worst = Math.max(worst, maxDiff(reference, values(lastTapeGrads)));
    autodiffMlp();
    worst = Math.max(worst, maxDiff(reference, values(lastTapeGrads)));
    handWritten(false);
    return worst;
  }

  private static List<DMatrixRMaj> copies(DMatrixRMaj[] gw, DMatrixRMaj[] gb) {
    List<DMatrixRMaj> out = new ArrayList<>();
    for (int l = 0; l < gw.length; l++) {
      out.add(gw[l].copy());
      out.add(gb[l].copy());
    }
    return out;
  }

  private static List<DMatrixRMaj> values(List<Tensor> ts) {
    List<DMatrixRMaj> out = new ArrayList<>();
    for (Tensor t : ts) {
      out.add(t.value().copy());
    }
    return out;
  }

  private static double maxDiff(List<DMatrixRMaj> a, List<DMatrixRMaj> b) {
    double worst = 0;
    for (int i = 0; i < a.size(); i++) {
      double[] p = a.get(i).data;
      double[] q = b.get(i).data;
      for (int k = 0; k < a.get(i).getNumElements(); k++) {
        worst = Math.max(worst, Math.abs(p[k] - q[k]));
      }
    }
    return worst;
  }

  /** out = x W + b per layer, tanh on hidden layers; δ backwards; gW = aᵀ δ, gb = Σ_rows δ. */
  private DMatrixRMaj handWritten(boolean ejml) {
    for (int l = 0; l < LAYERS; l++) {
      DMatrixRMaj z = act[l + 1];
      if (ejml) {
        CommonOps_DDRM.mult(act[l], w[l], z);
      } else {
        Gemm.mult(act[l], w[l], z);
      }
      int n = z.numCols;
      double[] zd = z.data;
      double[] bd = b[l].data;
      boolean hidden = l + 1 < LAYERS;
      for (int i = 0; i < BATCH; i++) {
        int row = i * n;
        for (int j = 0; j < n; j++) {
          zd[row + j] += bd[j];
        }
        if (hidden) {
          for (int j = 0; j < n; j++) {
            zd[row + j] = VectorMath.tanh(zd[row + j]);
          }
        }
      }
    }
    // dL/dout = 2 (out − y) / size
    double[] out = act[LAYERS].data;
    double[] d = delta[LAYERS - 1].data;
    double scale = 2.0 / out.length;
    for (int i = 0; i < out.length; i++) {
      d[i] = scale * (out[i] - y.data[i]);
    }
    for (int l = LAYERS - 1; l >= 0; l--) {
      if (ejml) {
        CommonOps_DDRM.multTransA(act[l], delta[l], gw[l]);
        CommonOps_DDRM.sumCols(delta[l], gb[l]);
      } else {
        Gemm.multTransA(act[l], delta[l], gw[l]);
        double[] g = gb[l].data;
        double[] dl = delta[l].data;
        int n = delta[l].numCols;
        Arrays.fill(g, 0.0);
        for (int i = 0; i < BATCH; i++) {
          for (int j = 0; j < n; j++) {
            g[j] += dl[i * n + j];
          }
        }
      }
      if (l > 0) {
        DMatrixRMaj prev = delta[l - 1];
        if (ejml) {
          CommonOps_DDRM.multTransB(delta[l], w[l], prev);
        } else {
          Gemm.multTransB(delta[l], w[l], prev);
        }
        double[] pd = prev.data;
        double[] a = act[l].data;
        for (int i = 0; i < pd.length; i++) {
          pd[i] *= 1.0 - a[i] * a[i];
        }
      }
    }
    return gw[0];
  }
}
