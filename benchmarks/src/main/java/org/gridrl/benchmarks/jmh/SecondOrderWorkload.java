package org.gridrl.benchmarks.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;

/**
 * Issue 15's second-order speed workload, for {@code gridrl bench second-order}: the two cases
 * of ../shared/perf/torch_second_order.py on its shapes, float64, on {@link Tape} with
 * {@code Tape.grad(..., createGraph = true)}:
 *
 * <pre>
 *   f(x; θ) = tanh(tanh(x W1 + b1) W2 + b2) W3 + b3,   L(θ; X, Y) = mean((f(X; θ) − Y)²)
 *   hvp:   H v = ∇_θ (∇_θ L(θ; X, Y) · v)
 *   maml:  ∇_θ L(θ − α ∇_θ L(θ; X, Y); X2, Y2)          (α = 0.1, through the inner step)
 * </pre>
 *
 * with the MLP 32 → 64 → 64 → 5 (tanh), batch 256 for X, Y, X2 and Y2 ({@link #yardstick}),
 * W_i ~ N(0, 1/fan_in), b_i = 0 (the script's {@code mlp_params}), X, Y, X2, Y2 and the
 * direction v ~ N(0, 1), from a seeded {@link Random} (not torch's numbers: the timing only
 * depends on the shapes). Beside them, on the same batch: {@link #grad()} the plain gradient
 * ∇_θ L (first order) and {@link #firstOrderMaml()} the first-order meta-gradient (the inner
 * gradient a constant: ∇_θ' L(θ'; X2, Y2) at θ' = θ − α ∇_θ L, first-order MAML). Each call
 * resets and replays one {@link Tape} and writes into reused lists; one instance per thread.
 */
public final class SecondOrderWorkload {

  /** The inner step size of the yardstick's {@code maml}. */
  public static final double ALPHA = 0.1;

  private final int[] sizes;
  private final List<DMatrixRMaj> params = new ArrayList<>();
  private final List<DMatrixRMaj> direction = new ArrayList<>();
  private final DMatrixRMaj x;
  private final DMatrixRMaj y;
  private final DMatrixRMaj x2;
  private final DMatrixRMaj y2;

  private final Tape tape = new Tape();
  private final List<Tensor> leaves = new ArrayList<>();
  private final List<Tensor> inner = new ArrayList<>();
  private final List<Tensor> adapted = new ArrayList<>();
  private final List<Tensor> out = new ArrayList<>();

  /** The yardstick's shapes: 32 → 64 → 64 → 5, batch 256. */
  public static SecondOrderWorkload yardstick(long seed) {
    return new SecondOrderWorkload(new int[] {32, 64, 64, 5}, 256, seed);
  }

  /**
   * A workload of the given shapes.
   *
   * @param sizes layer widths, input first (the yardstick: 32, 64, 64, 5)
   * @param batch rows of X, Y, X2 and Y2
   * @param seed seed of the {@link Random} that draws weights, data and the direction v
   */
  public SecondOrderWorkload(int[] sizes, int batch, long seed) {
    if (sizes.length < 2 || batch < 1) {
      throw new IllegalArgumentException("need at least 2 layer sizes and batch >= 1, got "
          + sizes.length + " sizes and batch " + batch);
    }
    this.sizes = sizes.clone();
    Random r = new Random(seed);
    for (int l = 0; l + 1 < sizes.length; l++) {
      DMatrixRMaj w = new DMatrixRMaj(sizes[l], sizes[l + 1]);
      double s = Math.sqrt(1.0 / sizes[l]);
      for (int i = 0; i < w.data.length; i++) {
        w.data[i] = s * r.nextGaussian();
      }
      params.add(w);
      params.add(new DMatrixRMaj(1, sizes[l + 1]));
    }
    int in = sizes[0];
    int o = sizes[sizes.length - 1];
    x = gaussian(r, batch, in);
    y = gaussian(r, batch, o);
    x2 = gaussian(r, batch, in);
    y2 = gaussian(r, batch, o);
    for (DMatrixRMaj p : params) {
      direction.add(gaussian(r, p.numRows, p.numCols));
    }
  }

  private static DMatrixRMaj gaussian(Random r, int rows, int cols) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = r.nextGaussian();
    }
    return m;
  }

  /** The parameters W1, b1, W2, b2, W3, b3 (live: modifying them changes every case). */
  public List<DMatrixRMaj> parameters() {
    return params;
  }

  /** The direction v of {@link #hvp()}, one matrix per parameter. */
  public List<DMatrixRMaj> direction() {
    return direction;
  }

  /** The MLP's output on the tape: tanh hidden layers, a linear last layer. */
  public static Tensor mlp(Tape t, Tensor in, List<Tensor> p) {
    Tensor h = in;
    int layers = p.size() / 2;
    for (int l = 0; l < layers; l++) {
      h = t.add(t.matmul(h, p.get(2 * l)), p.get(2 * l + 1));
      if (l + 1 < layers) {
        h = t.tanh(h);
      }
    }
    return h;
  }

  /** L(θ; X, Y) = mean((f(X; θ) − Y)²) on the tape. */
  public static Tensor loss(Tape t, Tensor in, Tensor target, List<Tensor> p) {
    return t.mean(t.square(t.sub(mlp(t, in, p), target)));
  }

  private void bind() {
    tape.reset();
    leaves.clear();
    for (int k = 0; k < params.size(); k++) { // no iterator: a replay allocates nothing
      leaves.add(tape.parameter(params.get(k)));
    }
  }

  /** ∇_θ L(θ; X, Y), first order. @return L + the gradient's first entry (to keep alive) */
  public double grad() {
    bind();
    Tensor l = loss(tape, tape.constant(x), tape.constant(y), leaves);
    tape.grad(l, leaves, false, out);
    return l.item() + out.get(0).value().data[0];
  }

  /** H v = ∇_θ (∇_θ L · v), the gradient recorded. @return (H v)'s first entry */
  public double hvp() {
    bind();
    Tensor l = loss(tape, tape.constant(x), tape.constant(y), leaves);
    tape.grad(l, leaves, true, inner);
    Tensor dot = null;
    for (int k = 0; k < inner.size(); k++) {
      Tensor term = tape.sum(tape.mul(inner.get(k), tape.constant(direction.get(k))));
      dot = dot == null ? term : tape.add(dot, term);
    }
    tape.grad(dot, leaves, false, out);
    return out.get(0).value().data[0];
  }

  /** MAML's meta-gradient through one inner step (second order). @return outer L + entry 0 */
  public double maml() {
    return meta(true);
  }

  /** First-order MAML's meta-gradient: the inner gradient a constant. @return outer L + entry 0 */
  public double firstOrderMaml() {
    return meta(false);
  }

  private double meta(boolean secondOrder) {
    bind();
    Tensor l = loss(tape, tape.constant(x), tape.constant(y), leaves);
    tape.grad(l, leaves, secondOrder, inner);
    adapted.clear();
    for (int k = 0; k < leaves.size(); k++) {
      adapted.add(tape.sub(leaves.get(k), tape.mul(inner.get(k), ALPHA)));
    }
    Tensor outer = loss(tape, tape.constant(x2), tape.constant(y2), adapted);
    tape.grad(outer, leaves, false, out);
    return outer.item() + out.get(0).value().data[0];
  }

  /** The result of the last {@link #hvp}, {@link #maml}, {@link #grad} call, copied. */
  public List<DMatrixRMaj> lastResult() {
    List<DMatrixRMaj> copies = new ArrayList<>();
    for (Tensor t : out) {
      copies.add(t.value().copy());
    }
    return copies;
  }

  /** L(θ; X, Y) at the given parameters (no gradient), for finite differences. */
  public double innerLoss(List<DMatrixRMaj> theta) {
    Tape t = new Tape();
    List<Tensor> p = new ArrayList<>();
    for (DMatrixRMaj m : theta) {
      p.add(t.constant(m));
    }
    return loss(t, t.constant(x), t.constant(y), p).item();
  }

  /** ∇_θ L(θ; X, Y) at the given parameters, first order, for finite differences. */
  public List<DMatrixRMaj> innerGradient(List<DMatrixRMaj> theta) {
    Tape t = new Tape();
    List<Tensor> p = new ArrayList<>();
    for (DMatrixRMaj m : theta) {
      p.add(t.parameter(m));
    }
    List<DMatrixRMaj> g = new ArrayList<>();
    for (Tensor gk : t.grad(loss(t, t.constant(x), t.constant(y), p), p, false)) {
      g.add(gk.value().copy());
    }
    return g;
  }

  /**
   * The post-update loss F(θ) = L(θ − α ∇_θ L(θ; X, Y); X2, Y2), whose gradient {@link #maml}
   * computes; for finite differences.
   */
  public double postUpdateLoss(List<DMatrixRMaj> theta) {
    List<DMatrixRMaj> g = innerGradient(theta);
    Tape t = new Tape();
    List<Tensor> p = new ArrayList<>();
    for (int k = 0; k < theta.size(); k++) {
      DMatrixRMaj a = theta.get(k).copy();
      for (int i = 0; i < a.data.length; i++) {
        a.data[i] -= ALPHA * g.get(k).data[i];
      }
      p.add(t.constant(a));
    }
    return loss(t, t.constant(x2), t.constant(y2), p).item();
  }

  /** Multiply-adds of one forward pass, ×2 (flops): 2·batch·Σ in·out. */
  public double forwardFlops() {
    double f = 0;
    for (int l = 0; l + 1 < sizes.length; l++) {
      f += 2.0 * x.numRows * sizes[l] * sizes[l + 1];
    }
    return f;
  }
}
