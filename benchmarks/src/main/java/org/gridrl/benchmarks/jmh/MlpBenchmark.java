package org.gridrl.benchmarks.jmh;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward + backward (all parameter gradients) of the MLP 32→64→64→5, tanh hidden layers,
 * float64, MSE loss L = mean((out − y)²), batch 256 — issue 5's speed target, the same network
 * as ../shared/perf/mlp_numpy.py. Four versions: {@code handWritten} (explicit backprop
 * through {@link Gemm}, preallocated), {@code autodiff} (the {@link Tape}, reused across
 * iterations), {@code autodiffMlp} (the same through core.nn's {@code Mlp}) and {@code ejmlGeneric} (the hand-written backprop through EJML's
 * {@code CommonOps_DDRM}). All three use {@link VectorMath#tanh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MlpBenchmark {

  static final int BATCH = 256;
  static final int[] SIZES = {32, 64, 64, 5};

  DMatrixRMaj x;
  DMatrixRMaj y;
  DMatrixRMaj[] w = new DMatrixRMaj[3];
  DMatrixRMaj[] b = new DMatrixRMaj[3];
  // hand-written buffers
  DMatrixRMaj[] act = new DMatrixRMaj[4]; // act[0] = x, act[l+1] = layer l output
  DMatrixRMaj[] delta = new DMatrixRMaj[3];
  DMatrixRMaj[] gw = new DMatrixRMaj[3];
  DMatrixRMaj[] gb = new DMatrixRMaj[3];
  Tape tape = new Tape();
  Mlp mlp;
  java.util.ArrayList<Tensor> mlpParams = new java.util.ArrayList<>();

  @Setup
  public void setup() {
    Random r = new Random(0);
    x = gaussian(BATCH, SIZES[0], 1, r);
    y = gaussian(BATCH, SIZES[3], 1, r);
    act[0] = x;
    for (int l = 0; l < 3; l++) {
      w[l] = gaussian(SIZES[l], SIZES[l + 1], 0.1, r);
      b[l] = new DMatrixRMaj(1, SIZES[l + 1]);
      act[l + 1] = new DMatrixRMaj(BATCH, SIZES[l + 1]);
      delta[l] = new DMatrixRMaj(BATCH, SIZES[l + 1]);
      gw[l] = new DMatrixRMaj(SIZES[l], SIZES[l + 1]);
      gb[l] = new DMatrixRMaj(1, SIZES[l + 1]);
    }
    mlp = new Mlp(SIZES, Activation.TANH, Init.xavierUniform(), new Rng(0));
  }

  static DMatrixRMaj gaussian(int rows, int cols, double scale, Random r) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = scale * r.nextGaussian();
    }
    return m;
  }

  @Benchmark
  public DMatrixRMaj handWritten() {
    return handWritten(false);
  }

  @Benchmark
  public DMatrixRMaj ejmlGeneric() {
    return handWritten(true);
  }

  @Benchmark
  public double autodiff() {
    Tape t = tape;
    t.reset();
    Tensor h = t.constant(x);
    Tensor[] params = new Tensor[6];
    for (int l = 0; l < 3; l++) {
      params[2 * l] = t.parameter(w[l]);
      params[2 * l + 1] = t.parameter(b[l]);
      h = t.add(t.matmul(h, params[2 * l]), params[2 * l + 1]);
      if (l < 2) {
        h = t.tanh(h);
      }
    }
    Tensor loss = t.mean(t.square(t.sub(h, t.constant(y))));
    List<Tensor> g = t.grad(loss, List.of(params), false);
    return g.get(0).value().data[0] + loss.item();
  }

  /** The same network as {@link #autodiff} through core.nn's {@link Mlp} (own weights). */
  @Benchmark
  public double autodiffMlp() {
    Tape t = tape;
    t.reset();
    mlpParams.clear();
    for (Parameter p : mlp.parameters()) {
      mlpParams.add(t.parameter(p.value()));
    }
    Tensor out = mlp.forward(t, t.constant(x), mlpParams, 0);
    Tensor loss = t.mean(t.square(t.sub(out, t.constant(y))));
    List<Tensor> g = t.grad(loss, mlpParams, false);
    return g.get(0).value().data[0] + loss.item();
  }

  /** out = x W + b per layer, tanh on hidden layers; δ backwards; gW = aᵀ δ, gb = Σ_rows δ. */
  DMatrixRMaj handWritten(boolean ejml) {
    for (int l = 0; l < 3; l++) {
      DMatrixRMaj z = act[l + 1];
      if (ejml) {
        CommonOps_DDRM.mult(act[l], w[l], z);
      } else {
        Gemm.mult(act[l], w[l], z);
      }
      int n = z.numCols;
      double[] zd = z.data;
      double[] bd = b[l].data;
      boolean hidden = l < 2;
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
    double[] out = act[3].data;
    double[] d = delta[2].data;
    double scale = 2.0 / out.length;
    for (int i = 0; i < out.length; i++) {
      d[i] = scale * (out[i] - y.data[i]);
    }
    for (int l = 2; l >= 0; l--) {
      if (ejml) {
        CommonOps_DDRM.multTransA(act[l], delta[l], gw[l]);
        CommonOps_DDRM.sumCols(delta[l], gb[l]);
      } else {
        Gemm.multTransA(act[l], delta[l], gw[l]);
        double[] g = gb[l].data;
        double[] dl = delta[l].data;
        int n = delta[l].numCols;
        java.util.Arrays.fill(g, 0.0);
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
