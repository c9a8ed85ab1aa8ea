package org.gridrl.core.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.linalg.Gemm;

/**
 * Reverse-mode automatic differentiation over EJML matrices: ops run eagerly and are recorded;
 * {@link #grad} sweeps the record backwards, ∂L/∂x = Σ over uses of x of (∂L/∂y)·∂y/∂x.
 *
 * <p><b>Shapes and broadcasting.</b> Every tensor is a matrix, rows = batch, columns =
 * features. Elementwise binary ops (add, sub, mul, div) broadcast: a 1×n row repeats over rows,
 * an m×1 column over columns, a 1×1 scalar over everything; in general each dimension must be
 * equal or 1 in one operand, and the result takes the larger. Gradients of a broadcast operand
 * are summed back to its shape.
 *
 * <p><b>Higher order.</b> With {@code createGraph = true}, {@link #grad} records the backward
 * sweep itself (every backward rule is written with this tape's differentiable ops), so the
 * returned gradients are ordinary tensors that can enter a new loss and be differentiated again:
 * Hessian-vector products H·v = ∇(∇L·v), MAML's meta-gradient through an inner SGD step. With
 * {@code createGraph = false} the hot ops (matmul, add, sub, tanh, square, sum, mean) use fused
 * raw kernels and nothing is recorded that needs a gradient. The recorded rules are single
 * nodes where they can be: a matmul's adjoints are one product each, tanh's g ⊙ (1 − y²) one
 * fused node whose own backward is one fused kernel, so a second-order pass costs what its
 * matrix products cost (as the first-order one does).
 *
 * <p><b>Memory.</b> Tensors and their buffers are pooled: after {@link #reset()} the next ops
 * reuse the tensors of the previous pass in order, reshaping their buffers (an allocation only
 * when a buffer is too small), so a training loop that replays the same shapes allocates
 * nothing per op after the first pass; with a caller-owned list for the gradients
 * ({@link #grad(Tensor, List, boolean, List)}) it allocates nothing at all per pass. Tensors
 * from before a reset must not be used. Leaves wrap
 * the caller's matrix without copying; do not modify it between the forward pass and
 * {@link #grad}. Not thread-safe: one tape per thread.
 */
public final class Tape {

  // op codes
  static final int LEAF = 0;
  static final int CONST = 1;
  static final int ADD = 2;
  static final int SUB = 3;
  static final int MUL = 4;
  static final int DIV = 5;
  static final int NEG = 6;
  static final int MATMUL = 7;
  static final int TRANSPOSE = 8;
  static final int EXP = 9;
  static final int LOG = 10;
  static final int TANH = 11;
  static final int SIGMOID = 12;
  static final int RELU = 13;
  static final int SOFTPLUS = 14;
  static final int SQUARE = 15;
  static final int SQRT = 16;
  static final int POW = 17;
  static final int CLAMP = 18;
  static final int SUM_ALL = 19;
  static final int SUM_ROWS = 20; // over rows (axis 0): m×n → 1×n
  static final int SUM_COLS = 21; // over columns (axis 1): m×n → m×1
  static final int LSE = 22;
  static final int SOFTMAX = 23;
  static final int LOG_SOFTMAX = 24;
  static final int CONCAT = 25;
  static final int SLICE = 26;
  static final int PAD = 27;
  static final int GATHER = 28;
  static final int SCATTER = 29;
  static final int STOP = 30;
  static final int BROADCAST = 31;
  static final int SCALE = 32;
  static final int ADD_SCALAR = 33;
  static final int GRU_CELL = 34;
  static final int TANH_GRAD = 35; // g ⊙ (1 − y²): tanh's backward, recorded as one node

  private static final String[] NAMES = {"leaf", "constant", "add", "sub", "mul", "div", "neg",
      "matmul", "transpose", "exp", "log", "tanh", "sigmoid", "relu", "softplus", "square", "sqrt",
      "pow", "clamp", "sum", "sumRows", "sumCols", "logSumExp", "softmax", "logSoftmax", "concat",
      "slice", "pad", "gather", "scatter", "stopGradient", "broadcast", "scale", "addScalar", "gruCell",
      "tanhGrad"};

  /** Matmul variants: C = A·B, Aᵀ·B, A·Bᵀ. */
  static final int NN = 0;
  static final int TN = 1;
  static final int NT = 2;

  private final ArrayList<Tensor> nodes = new ArrayList<>();
  private int size;
  private boolean recording = true;

  // backward-sweep state, indexed by tensor id, grown as needed
  private Tensor[] adj = new Tensor[0];
  private boolean[] owned = new boolean[0];
  private boolean[] reach = new boolean[0];
  private boolean overwrite;

  /** An empty tape. */
  public Tape() {}

  static String opName(int op) {
    return NAMES[op];
  }

  /** Forgets every recorded tensor; their objects and buffers are reused by the next ops. */
  public void reset() {
    size = 0;
    recording = true;
  }

  /** Number of tensors recorded since the last reset (ops, leaves and backward-sweep nodes). */
  public int size() {
    return size;
  }

  // ---------------------------------------------------------------- leaves

  /** A leaf that gradients flow into, wrapping {@code m} (not copied; do not modify it). */
  public Tensor parameter(DMatrixRMaj m) {
    Tensor t = leaf(m);
    t.requiresGrad = true;
    return t;
  }

  /** A leaf that gradients do not flow into, wrapping {@code m} (not copied). */
  public Tensor constant(DMatrixRMaj m) {
    Tensor t = leaf(m);
    t.requiresGrad = false;
    return t;
  }

  /** A 1×1 constant. */
  public Tensor scalar(double c) {
    Tensor t = node(CONST, 1, 1, null, null);
    t.value.data[0] = c;
    return t;
  }

  /** A constant of the given shape filled with {@code c}. */
  public Tensor filled(int rows, int cols, double c) {
    Tensor t = node(CONST, rows, cols, null, null);
    Arrays.fill(t.value.data, 0, rows * cols, c);
    return t;
  }

  private Tensor leaf(DMatrixRMaj m) {
    Tensor t = pooled();
    t.op = LEAF;
    t.a = null;
    t.b = null;
    t.index = null;
    t.value = m;
    return t;
  }

  private Tensor pooled() {
    Tensor t;
    if (size < nodes.size()) {
      t = nodes.get(size);
    } else {
      t = new Tensor(this);
      nodes.add(t);
    }
    t.id = size++;
    t.c = null;
    return t;
  }

  private Tensor node(int op, int rows, int cols, Tensor a, Tensor b) {
    Tensor t = pooled();
    t.op = op;
    t.a = a;
    t.b = b;
    t.index = null;
    if (t.own == null) {
      t.own = new DMatrixRMaj(rows, cols);
    } else {
      t.own.reshape(rows, cols);
    }
    t.value = t.own;
    t.requiresGrad = recording
        && ((a != null && a.requiresGrad) || (b != null && b.requiresGrad));
    return t;
  }

  private void check(Tensor t) {
    if (t.tape != this || t.id >= size || nodes.get(t.id) != t) {
      throw new IllegalArgumentException(t + " does not belong to this tape's current pass");
    }
  }

  // ---------------------------------------------------------------- elementwise binary

  private static int broadcastDim(int x, int y, String op, Tensor a, Tensor b) {
    if (x == y || y == 1) {
      return x;
    }
    if (x == 1) {
      return y;
    }
    throw new IllegalArgumentException(op + ": shapes " + a.rows() + "×" + a.cols() + " and "
        + b.rows() + "×" + b.cols() + " do not broadcast (each dimension must match or be 1)");
  }

  private Tensor binary(int op, Tensor a, Tensor b) {
    check(a);
    check(b);
    int r = broadcastDim(a.rows(), b.rows(), NAMES[op], a, b);
    int c = broadcastDim(a.cols(), b.cols(), NAMES[op], a, b);
    Tensor t = node(op, r, c, a, b);
    Kernels.binary(op, a.value, b.value, t.value);
    return t;
  }

  /** a + b (broadcasting). ∂/∂a = 1, ∂/∂b = 1. */
  public Tensor add(Tensor a, Tensor b) {
    return binary(ADD, a, b);
  }

  /** a − b (broadcasting). ∂/∂a = 1, ∂/∂b = −1. */
  public Tensor sub(Tensor a, Tensor b) {
    return binary(SUB, a, b);
  }

  /** a ⊙ b, elementwise (broadcasting). ∂/∂a = b, ∂/∂b = a. */
  public Tensor mul(Tensor a, Tensor b) {
    return binary(MUL, a, b);
  }

  /** a / b, elementwise (broadcasting). ∂/∂a = 1/b, ∂/∂b = −a/b². */
  public Tensor div(Tensor a, Tensor b) {
    return binary(DIV, a, b);
  }

  /** a + c for a constant c. */
  public Tensor add(Tensor a, double c) {
    check(a);
    Tensor t = node(ADD_SCALAR, a.rows(), a.cols(), a, null);
    t.s0 = c;
    double[] x = a.value.data;
    double[] y = t.value.data;
    for (int i = 0, n = a.value.getNumElements(); i < n; i++) {
      y[i] = x[i] + c;
    }
    return t;
  }

  /** c·a for a constant c. */
  public Tensor mul(Tensor a, double c) {
    check(a);
    Tensor t = node(SCALE, a.rows(), a.cols(), a, null);
    t.s0 = c;
    double[] x = a.value.data;
    double[] y = t.value.data;
    for (int i = 0, n = a.value.getNumElements(); i < n; i++) {
      y[i] = c * x[i];
    }
    return t;
  }

  // ---------------------------------------------------------------- unary

  private Tensor unary(int op, Tensor a) {
    check(a);
    Tensor t = node(op, a.rows(), a.cols(), a, null);
    Kernels.unary(op, a.value.data, t.value.data, a.value.getNumElements(), 0, 0);
    return t;
  }

  /** −a. */
  public Tensor neg(Tensor a) {
    return unary(NEG, a);
  }

  /** exp(a). d/da = exp(a). */
  public Tensor exp(Tensor a) {
    return unary(EXP, a);
  }

  /** log(a). d/da = 1/a. */
  public Tensor log(Tensor a) {
    return unary(LOG, a);
  }

  /** tanh(a). d/da = 1 − tanh²(a). */
  public Tensor tanh(Tensor a) {
    return unary(TANH, a);
  }

  /** σ(a) = 1/(1 + e^{−a}). d/da = σ(a)(1 − σ(a)). */
  public Tensor sigmoid(Tensor a) {
    return unary(SIGMOID, a);
  }

  /** max(a, 0). d/da = 1 where a > 0, else 0. */
  public Tensor relu(Tensor a) {
    return unary(RELU, a);
  }

  /** softplus(a) = log(1 + e^a), computed stably. d/da = σ(a). */
  public Tensor softplus(Tensor a) {
    return unary(SOFTPLUS, a);
  }

  /** a². d/da = 2a. */
  public Tensor square(Tensor a) {
    return unary(SQUARE, a);
  }

  /** √a. d/da = 1/(2√a). */
  public Tensor sqrt(Tensor a) {
    return unary(SQRT, a);
  }

  /** a^p for a constant exponent p. d/da = p·a^{p−1}. */
  public Tensor pow(Tensor a, double p) {
    check(a);
    Tensor t = node(POW, a.rows(), a.cols(), a, null);
    t.s0 = p;
    Kernels.unary(POW, a.value.data, t.value.data, a.value.getNumElements(), p, 0);
    return t;
  }

  /**
   * min(max(a, lo), hi). d/da = 1 where lo ≤ a ≤ hi, else 0.
   *
   * @throws IllegalArgumentException if lo > hi or either is NaN
   */
  public Tensor clamp(Tensor a, double lo, double hi) {
    if (!(lo <= hi)) {
      throw new IllegalArgumentException("clamp needs lo <= hi, got lo " + lo + ", hi " + hi);
    }
    check(a);
    Tensor t = node(CLAMP, a.rows(), a.cols(), a, null);
    t.s0 = lo;
    t.s1 = hi;
    Kernels.unary(CLAMP, a.value.data, t.value.data, a.value.getNumElements(), lo, hi);
    return t;
  }

  /** The value of a, with no gradient flowing back through it. */
  public Tensor stopGradient(Tensor a) {
    check(a);
    Tensor t = pooled();
    t.op = STOP;
    t.a = a;
    t.b = null;
    t.index = null;
    t.value = a.value;
    t.requiresGrad = false;
    return t;
  }

  // ---------------------------------------------------------------- linear algebra

  /** a·b, the matrix product (m×k times k×n). ∂/∂a = g·bᵀ, ∂/∂b = aᵀ·g. */
  public Tensor matmul(Tensor a, Tensor b) {
    return matmul(a, b, NN);
  }

  /** aᵀ·b (a is k×m, b is k×n). */
  public Tensor matmulTransA(Tensor a, Tensor b) {
    return matmul(a, b, TN);
  }

  /** a·bᵀ (a is m×k, b is n×k). */
  public Tensor matmulTransB(Tensor a, Tensor b) {
    return matmul(a, b, NT);
  }

  private Tensor matmul(Tensor a, Tensor b, int variant) {
    check(a);
    check(b);
    int m = variant == TN ? a.cols() : a.rows();
    int ka = variant == TN ? a.rows() : a.cols();
    int kb = variant == NT ? b.cols() : b.rows();
    int n = variant == NT ? b.rows() : b.cols();
    if (ka != kb) {
      throw new IllegalArgumentException("matmul: inner dimensions differ, " + a.rows() + "×"
          + a.cols() + (variant == TN ? "ᵀ" : "") + " times " + b.rows() + "×" + b.cols()
          + (variant == NT ? "ᵀ" : ""));
    }
    Tensor t = node(MATMUL, m, n, a, b);
    t.i0 = variant;
    if (variant == NN) {
      Gemm.mult(a.value, b.value, t.value);
    } else if (variant == TN) {
      Gemm.multTransA(a.value, b.value, t.value);
    } else {
      Gemm.multTransB(a.value, b.value, t.value);
    }
    return t;
  }

  /** aᵀ. */
  public Tensor transpose(Tensor a) {
    check(a);
    Tensor t = node(TRANSPOSE, a.cols(), a.rows(), a, null);
    org.gridrl.core.linalg.ImplGemm.transpose(a.value.data, t.value.data, a.rows(), a.cols());
    return t;
  }

  // ---------------------------------------------------------------- fused recurrent cell

  /**
   * The gates and new state of a GRU cell (PyTorch's {@code GRUCell}) from its two products,
   * fused into one op:
   *
   * <pre>
   *   r = σ(gx_r + gh_r),  z = σ(gx_z + gh_z),  n = tanh(gx_n + r ⊙ gh_n),
   *   h' = n + z ⊙ (h − n)   (= (1 − z) ⊙ n + z ⊙ h)
   * </pre>
   *
   * where gx = x W_ih + b_ih and gh = h W_hh + b_hh are batch × 3H with the column blocks
   * r | z | n. The same numbers, bit for bit, as that formula spelled out with
   * {@link #slice}, {@link #add}, {@link #sigmoid}, {@link #mul}, {@link #tanh} and {@link #sub}
   * (forward and first-order gradients), but one node instead of sixteen: the op keeps r, z, n
   * for its backward, whose first-order form is one hand-written loop
   * (∂n = g − g⊙z, ∂a_n = ∂n ⊙ (1 − n²), ∂a_r = ∂a_n ⊙ gh_n ⊙ r(1 − r),
   * ∂a_z = g ⊙ (h − n) ⊙ z(1 − z); ∂gx = [∂a_r | ∂a_z | ∂a_n], ∂gh = [∂a_r | ∂a_z | ∂a_n ⊙ r],
   * ∂h = g ⊙ z). With {@code createGraph} the backward is recorded from the op's formula like
   * any other, so higher-order gradients flow through it.
   *
   * @param gx x W_ih + b_ih, batch × 3H
   * @param gh h W_hh + b_hh, batch × 3H
   * @param h the previous state, batch × H
   * @return h', batch × H
   */
  public Tensor gruCell(Tensor gx, Tensor gh, Tensor h) {
    check(gx);
    check(gh);
    check(h);
    int rows = h.rows();
    int hidden = h.cols();
    if (gx.rows() != rows || gh.rows() != rows || gx.cols() != 3 * hidden
        || gh.cols() != 3 * hidden) {
      throw new IllegalArgumentException("gruCell: gx and gh must be " + rows + "×"
          + (3 * hidden) + " for a state of " + rows + "×" + hidden + ", got " + gx.rows() + "×"
          + gx.cols() + " and " + gh.rows() + "×" + gh.cols());
    }
    Tensor t = node(GRU_CELL, rows, hidden, gx, gh);
    t.c = h;
    t.requiresGrad |= recording && h.requiresGrad;
    if (t.aux == null) {
      t.aux = new DMatrixRMaj(rows, 3 * hidden);
    } else {
      t.aux.reshape(rows, 3 * hidden);
    }
    Kernels.gruCell(gx.value.data, gh.value.data, h.value.data, t.aux.data, t.value.data, rows,
        hidden);
    return t;
  }

  /**
   * g ⊙ (1 − y²), tanh's backward rule from its output y, as one recorded node (what
   * {@link #grad} records for a {@link #tanh} with {@code createGraph}; before, four:
   * square, neg, add, mul). The same bits as {@code mul(g, add(neg(square(y)), 1.0))}
   * (1 − q and −q + 1 are the same IEEE sum), and its own backward is fused too:
   * ∂/∂g = G ⊙ (1 − y²), ∂/∂y = (−(G ⊙ g)) ⊙ 2y, grouped as the four ops' rules group them.
   */
  Tensor tanhGrad(Tensor g, Tensor y) {
    Tensor t = node(TANH_GRAD, y.rows(), y.cols(), g, y);
    Kernels.tanhBackward(g.value.data, y.value.data, t.value.data, y.value.getNumElements(),
        false);
    return t;
  }

  // ---------------------------------------------------------------- reductions

  /** Σ_ij a_ij, a 1×1 tensor. */
  public Tensor sum(Tensor a) {
    return reduce(SUM_ALL, a, 1.0);
  }

  /** (1/(mn)) Σ_ij a_ij, a 1×1 tensor. */
  public Tensor mean(Tensor a) {
    return reduce(SUM_ALL, a, 1.0 / a.value.getNumElements());
  }

  /**
   * Sum over one axis: axis 0 sums over rows (m×n → 1×n), axis 1 over columns (m×n → m×1).
   */
  public Tensor sum(Tensor a, int axis) {
    return reduce(axisOp(axis), a, 1.0);
  }

  /** Mean over one axis (see {@link #sum(Tensor, int)}). */
  public Tensor mean(Tensor a, int axis) {
    int op = axisOp(axis);
    return reduce(op, a, 1.0 / (op == SUM_ROWS ? a.rows() : a.cols()));
  }

  private static int axisOp(int axis) {
    if (axis != 0 && axis != 1) {
      throw new IllegalArgumentException("axis must be 0 (over rows) or 1 (over columns), got "
          + axis);
    }
    return axis == 0 ? SUM_ROWS : SUM_COLS;
  }

  private Tensor reduce(int op, Tensor a, double scale) {
    check(a);
    int r = op == SUM_COLS ? a.rows() : 1;
    int c = op == SUM_ROWS ? a.cols() : 1;
    Tensor t = node(op, r, c, a, null);
    t.s0 = scale;
    Kernels.sumTo(a.value, t.value, scale, false);
    return t;
  }

  /** Repeats a (1×n, m×1 or 1×1) to rows×cols; the gradient sums back. */
  public Tensor broadcast(Tensor a, int rows, int cols) {
    check(a);
    if ((a.rows() != rows && a.rows() != 1) || (a.cols() != cols && a.cols() != 1)) {
      throw new IllegalArgumentException("cannot broadcast " + a.rows() + "×" + a.cols() + " to "
          + rows + "×" + cols);
    }
    Tensor t = node(BROADCAST, rows, cols, a, null);
    Kernels.broadcast(a.value, t.value, 1.0, false);
    return t;
  }

  /**
   * Row-wise log-sum-exp, m×n → m×1: y_i = log Σ_j exp(a_ij), computed as
   * max_j a_ij + log Σ_j exp(a_ij − max). Its gradient is the row softmax.
   */
  public Tensor logSumExp(Tensor a) {
    check(a);
    Tensor t = node(LSE, a.rows(), 1, a, null);
    Kernels.logSumExpRows(a.value, t.value);
    return t;
  }

  /**
   * Row-wise softmax: y_ij = exp(a_ij − lse_i). Backward: ∂L/∂a = y ⊙ (g − Σ_j g_ij y_ij).
   */
  public Tensor softmax(Tensor a) {
    check(a);
    Tensor t = node(SOFTMAX, a.rows(), a.cols(), a, null);
    Kernels.softmaxRows(a.value, t.value, false);
    return t;
  }

  /**
   * Row-wise log-softmax: y_ij = a_ij − lse_i (stable). Backward: ∂L/∂a = g − softmax(a)·Σ_j g_ij.
   */
  public Tensor logSoftmax(Tensor a) {
    check(a);
    Tensor t = node(LOG_SOFTMAX, a.rows(), a.cols(), a, null);
    Kernels.softmaxRows(a.value, t.value, true);
    return t;
  }

  // ---------------------------------------------------------------- structure

  /**
   * Concatenation: axis 1 puts b's columns after a's (same rows), axis 0 puts b's rows below
   * a's (same columns).
   */
  public Tensor concat(Tensor a, Tensor b, int axis) {
    check(a);
    check(b);
    axisOp(axis);
    boolean cols = axis == 1;
    if (cols ? a.rows() != b.rows() : a.cols() != b.cols()) {
      throw new IllegalArgumentException("concat along axis " + axis + ": shapes " + a.rows()
          + "×" + a.cols() + " and " + b.rows() + "×" + b.cols() + " do not fit");
    }
    Tensor t = cols ? node(CONCAT, a.rows(), a.cols() + b.cols(), a, b)
        : node(CONCAT, a.rows() + b.rows(), a.cols(), a, b);
    t.i0 = axis;
    Kernels.place(a.value, t.value, 0, 0, false);
    Kernels.place(b.value, t.value, cols ? 0 : a.rows(), cols ? a.cols() : 0, false);
    return t;
  }

  /**
   * Concatenation of several tensors along an axis (see {@link #concat(Tensor, Tensor, int)}),
   * as a balanced tree of pairwise concatenations: for p parts of e elements each the pass
   * stores and copies about p·e·⌈log₂ p⌉ elements, where a left-to-right chain would store
   * p²·e/2 (an RL² loss over 500 steps of 64 trials × 50 logits: 0.1 GB instead of 3.2 GB).
   * The result and its gradients are the same numbers either way (concatenation only copies).
   */
  public Tensor concat(List<Tensor> parts, int axis) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("concat needs at least one tensor");
    }
    return concat(parts, 0, parts.size(), axis);
  }

  private Tensor concat(List<Tensor> parts, int from, int to, int axis) {
    if (to - from == 1) {
      return parts.get(from);
    }
    int mid = (from + to) >>> 1;
    return concat(concat(parts, from, mid, axis), concat(parts, mid, to, axis), axis);
  }

  /** The block rows [row0, row1) × columns [col0, col1). */
  public Tensor slice(Tensor a, int row0, int row1, int col0, int col1) {
    check(a);
    if (row0 < 0 || row1 > a.rows() || row0 >= row1 || col0 < 0 || col1 > a.cols()
        || col0 >= col1) {
      throw new IllegalArgumentException("slice rows [" + row0 + ", " + row1 + ") columns ["
          + col0 + ", " + col1 + ") is empty or outside " + a.rows() + "×" + a.cols());
    }
    Tensor t = node(SLICE, row1 - row0, col1 - col0, a, null);
    t.i0 = row0;
    t.i1 = col0;
    Kernels.extract(a.value, row0, col0, t.value);
    return t;
  }

  /** Zeros of rows×cols with a placed at (row0, col0): the adjoint of slice. */
  Tensor pad(Tensor a, int rows, int cols, int row0, int col0) {
    Tensor t = node(PAD, rows, cols, a, null);
    t.i0 = row0;
    t.i1 = col0;
    Arrays.fill(t.value.data, 0, rows * cols, 0.0);
    Kernels.place(a.value, t.value, row0, col0, false);
    return t;
  }

  /**
   * y_i = a[i, index[i]], m×n → m×1 (for example the log-probability of the action taken in each
   * row). The index array is kept by reference until the tape is reset.
   */
  public Tensor gather(Tensor a, int[] index) {
    check(a);
    if (index.length != a.rows()) {
      throw new IllegalArgumentException("gather needs one index per row: " + a.rows()
          + " rows, " + index.length + " indices");
    }
    int n = a.cols();
    for (int i = 0; i < index.length; i++) {
      if (index[i] < 0 || index[i] >= n) {
        throw new IllegalArgumentException("gather: index " + index[i] + " in row " + i
            + " is outside [0, " + n + ")");
      }
    }
    Tensor t = node(GATHER, a.rows(), 1, a, null);
    t.index = index;
    double[] x = a.value.data;
    double[] y = t.value.data;
    for (int i = 0; i < index.length; i++) {
      y[i] = x[i * n + index[i]];
    }
    return t;
  }

  /** m×1 → m×cols with a_i at column index[i] and zeros elsewhere: the adjoint of gather. */
  Tensor scatter(Tensor a, int[] index, int cols) {
    Tensor t = node(SCATTER, a.rows(), cols, a, null);
    t.index = index;
    t.i0 = cols;
    double[] y = t.value.data;
    Arrays.fill(y, 0, a.rows() * cols, 0.0);
    double[] x = a.value.data;
    for (int i = 0; i < index.length; i++) {
      y[i * cols + index[i]] = x[i];
    }
    return t;
  }

  /** A constant 0/1 mask of a's shape: 1 where lo ≤ a ≤ hi. */
  private Tensor mask(Tensor a, double lo, double hi, boolean strictLo) {
    Tensor t = node(CONST, a.rows(), a.cols(), null, null);
    double[] x = a.value.data;
    double[] y = t.value.data;
    for (int i = 0, n = a.value.getNumElements(); i < n; i++) {
      double v = x[i];
      y[i] = (strictLo ? v > lo : v >= lo) && v <= hi ? 1.0 : 0.0;
    }
    return t;
  }

  // ---------------------------------------------------------------- gradients

  /**
   * Gradients of the 1×1 tensor {@code loss} with respect to each tensor of {@code wrt}
   * (same order, same shapes; zeros for a tensor the loss does not depend on).
   *
   * @param createGraph true to record the backward sweep so the gradients can be differentiated
   *     again; false for the fast first-order path (the gradients are then constants)
   * @return the gradients, owned by this tape until {@link #reset()}; treat them as read-only
   */
  public List<Tensor> grad(Tensor loss, List<Tensor> wrt, boolean createGraph) {
    return grad(loss, wrt, createGraph, null);
  }

  /**
   * {@link #grad(Tensor, List, boolean)} into a caller-owned list, so that a training loop
   * allocates nothing per pass.
   *
   * @param out cleared, then filled with the gradients; null for a new list. Modified.
   * @return {@code out}, or the new list
   */
  public List<Tensor> grad(Tensor loss, List<Tensor> wrt, boolean createGraph,
      List<Tensor> out) {
    if (loss.rows() != 1 || loss.cols() != 1) {
      throw new IllegalArgumentException("grad needs a 1×1 loss, got " + loss.rows() + "×"
          + loss.cols() + "; use vjp for a vector-Jacobian product");
    }
    return vjp(loss, null, wrt, createGraph, out);
  }

  /** {@link #grad(Tensor, List, boolean)} for one tensor. */
  public Tensor grad(Tensor loss, Tensor wrt, boolean createGraph) {
    return grad(loss, List.of(wrt), createGraph).get(0);
  }

  /**
   * The vector-Jacobian product Σ_ij seed_ij ∂y_ij/∂x for each x in {@code wrt}.
   *
   * @param seed y's shape, or null for all ones
   */
  public List<Tensor> vjp(Tensor y, Tensor seed, List<Tensor> wrt, boolean createGraph) {
    return vjp(y, seed, wrt, createGraph, null);
  }

  /**
   * {@link #vjp(Tensor, Tensor, List, boolean)} into a caller-owned list (indexed loops, no
   * iterator), so that a training loop allocates nothing per pass.
   *
   * @param out cleared, then filled with one product per tensor of {@code wrt}; null for a new
   *     list. Modified.
   * @return {@code out}, or the new list
   */
  public List<Tensor> vjp(Tensor y, Tensor seed, List<Tensor> wrt, boolean createGraph,
      List<Tensor> out) {
    if (out == wrt) {
      throw new IllegalArgumentException("out must not be wrt");
    }
    check(y);
    final int m = wrt.size();
    for (int k = 0; k < m; k++) {
      check(wrt.get(k));
    }
    int last = y.id;
    int n = last + 1;
    if (adj.length < n) {
      int cap = Math.max(n, 2 * adj.length);
      adj = new Tensor[cap];
      owned = new boolean[cap];
      reach = new boolean[cap];
    }
    boolean wasRecording = recording;
    recording = createGraph && wasRecording;
    try {
      // reach[i]: tensor i depends on some wrt tensor through recorded ops
      Arrays.fill(reach, 0, n, false);
      for (int k = 0; k < m; k++) {
        final Tensor w = wrt.get(k);
        if (w.id <= last) {
          reach[w.id] = true;
        }
      }
      for (int i = 0; i < n; i++) {
        Tensor t = nodes.get(i);
        if (!reach[i] && t.requiresGrad && t.op != LEAF) {
          reach[i] = (t.a != null && reach[t.a.id]) || (t.b != null && reach[t.b.id])
              || (t.c != null && reach[t.c.id]);
        }
      }
      Arrays.fill(adj, 0, n, null);
      Arrays.fill(owned, 0, n, false);
      if (reach[last]) {
        if (seed == null) {
          adj[last] = filled(y.rows(), y.cols(), 1.0);
        } else {
          check(seed);
          if (seed.rows() != y.rows() || seed.cols() != y.cols()) {
            throw new IllegalArgumentException("seed must be " + y.rows() + "×" + y.cols());
          }
          adj[last] = seed;
        }
        for (int i = last; i >= 0; i--) {
          Tensor g = adj[i];
          Tensor t = nodes.get(i);
          if (g != null && t.op != LEAF && t.op != CONST && reach[i]) {
            backward(t, g, createGraph);
          }
        }
      }
      List<Tensor> grads = out == null ? new ArrayList<>(m) : out;
      grads.clear();
      for (int k = 0; k < m; k++) {
        final Tensor w = wrt.get(k);
        final Tensor g = w.id <= last ? adj[w.id] : null;
        grads.add(g != null ? g : filled(w.rows(), w.cols(), 0.0));
      }
      Arrays.fill(adj, 0, n, null);
      return grads;
    } finally {
      recording = wasRecording;
    }
  }

  private boolean need(Tensor x) {
    return x != null && reach[x.id];
  }

  /** Adds contribution c (of x's shape, or broadcast-larger) to x's adjoint. */
  private void contribute(Tensor x, Tensor c, boolean fresh, boolean create) {
    if (c.rows() != x.rows() || c.cols() != x.cols()) {
      c = reduce(x.rows() == 1 && x.cols() == 1 ? SUM_ALL : x.rows() == 1 ? SUM_ROWS : SUM_COLS,
          c, 1.0);
      fresh = true;
    }
    Tensor t = adj[x.id];
    if (t == null) {
      adj[x.id] = c;
      owned[x.id] = fresh && !create;
    } else if (!create && owned[x.id]) {
      Kernels.addInPlace(t.value, c.value);
    } else {
      adj[x.id] = add(t, c);
      owned[x.id] = !create;
    }
  }

  /**
   * The adjoint buffer of x to write a raw (first-order) contribution into; {@link #overwrite}
   * says whether it is new (write) or holds earlier contributions (add).
   */
  private DMatrixRMaj rawTarget(Tensor x) {
    Tensor t = adj[x.id];
    if (t == null) {
      t = node(CONST, x.rows(), x.cols(), null, null);
      adj[x.id] = t;
      owned[x.id] = true;
      overwrite = true;
      return t.value;
    }
    if (!owned[x.id]) {
      Tensor c = node(CONST, x.rows(), x.cols(), null, null);
      System.arraycopy(t.value.data, 0, c.value.data, 0, t.value.getNumElements());
      adj[x.id] = c;
      owned[x.id] = true;
      t = c;
    }
    overwrite = false;
    return t.value;
  }

  private void backward(Tensor t, Tensor g, boolean create) {
    Tensor a = t.a;
    Tensor b = t.b;
    if (!create && rawBackward(t, g)) {
      return;
    }
    switch (t.op) {
      case ADD:
        if (need(a)) {
          contribute(a, g, false, create);
        }
        if (need(b)) {
          contribute(b, g, false, create);
        }
        break;
      case SUB:
        if (need(a)) {
          contribute(a, g, false, create);
        }
        if (need(b)) {
          contribute(b, neg(g), true, create);
        }
        break;
      case MUL:
        if (need(a)) {
          contribute(a, mul(g, b), true, create);
        }
        if (need(b)) {
          contribute(b, mul(g, a), true, create);
        }
        break;
      case DIV:
        if (need(a)) {
          contribute(a, div(g, b), true, create);
        }
        if (need(b)) {
          contribute(b, neg(mul(g, div(t, b))), true, create);
        }
        break;
      case NEG:
        contribute(a, neg(g), true, create);
        break;
      case MATMUL:
        if (t.i0 == NN) {
          if (need(a)) {
            contribute(a, matmulTransB(g, b), true, create);
          }
          if (need(b)) {
            contribute(b, matmulTransA(a, g), true, create);
          }
        } else if (t.i0 == TN) {
          if (need(a)) {
            contribute(a, matmulTransB(b, g), true, create);
          }
          if (need(b)) {
            contribute(b, matmul(a, g), true, create);
          }
        } else {
          if (need(a)) {
            contribute(a, matmul(g, b), true, create);
          }
          if (need(b)) {
            contribute(b, matmulTransA(g, a), true, create);
          }
        }
        break;
      case TRANSPOSE:
        contribute(a, transpose(g), true, create);
        break;
      case EXP:
        contribute(a, mul(g, t), true, create);
        break;
      case LOG:
        contribute(a, div(g, a), true, create);
        break;
      case TANH:
        contribute(a, tanhGrad(g, t), true, create);
        break;
      case TANH_GRAD:
        // t = g_in ⊙ (1 − y²): ∂/∂g_in = G ⊙ (1 − y²), ∂/∂y = (−(G ⊙ g_in)) ⊙ 2y
        if (need(a)) {
          contribute(a, tanhGrad(g, b), true, create);
        }
        if (need(b)) {
          contribute(b, mul(neg(mul(g, a)), mul(b, 2.0)), true, create);
        }
        break;
      case SIGMOID:
        contribute(a, mul(g, mul(t, add(neg(t), 1.0))), true, create);
        break;
      case RELU:
        contribute(a, mul(g, mask(a, 0.0, Double.POSITIVE_INFINITY, true)), true, create);
        break;
      case SOFTPLUS:
        contribute(a, mul(g, sigmoid(a)), true, create);
        break;
      case SQUARE:
        contribute(a, mul(g, mul(a, 2.0)), true, create);
        break;
      case SQRT:
        contribute(a, div(g, mul(t, 2.0)), true, create);
        break;
      case POW:
        contribute(a, mul(g, mul(pow(a, t.s0 - 1), t.s0)), true, create);
        break;
      case CLAMP:
        contribute(a, mul(g, mask(a, t.s0, t.s1, false)), true, create);
        break;
      case SUM_ALL:
      case SUM_ROWS:
      case SUM_COLS: {
        Tensor gs = t.s0 == 1.0 ? g : mul(g, t.s0);
        contribute(a, broadcast(gs, a.rows(), a.cols()), true, create);
        break;
      }
      case BROADCAST:
        contribute(a, g, false, create); // contribute sums back to a's shape
        break;
      case LSE:
        contribute(a, mul(g, softmax(a)), true, create);
        break;
      case SOFTMAX:
        contribute(a, mul(t, sub(g, sum(mul(g, t), 1))), true, create);
        break;
      case LOG_SOFTMAX:
        contribute(a, sub(g, mul(exp(t), sum(g, 1))), true, create);
        break;
      case CONCAT:
        if (t.i0 == 1) {
          if (need(a)) {
            contribute(a, slice(g, 0, a.rows(), 0, a.cols()), true, create);
          }
          if (need(b)) {
            contribute(b, slice(g, 0, b.rows(), a.cols(), t.cols()), true, create);
          }
        } else {
          if (need(a)) {
            contribute(a, slice(g, 0, a.rows(), 0, a.cols()), true, create);
          }
          if (need(b)) {
            contribute(b, slice(g, a.rows(), t.rows(), 0, b.cols()), true, create);
          }
        }
        break;
      case SLICE:
        contribute(a, pad(g, a.rows(), a.cols(), t.i0, t.i1), true, create);
        break;
      case PAD:
        contribute(a, slice(g, t.i0, t.i0 + a.rows(), t.i1, t.i1 + a.cols()), true, create);
        break;
      case GATHER:
        contribute(a, scatter(g, t.index, a.cols()), true, create);
        break;
      case SCATTER:
        contribute(a, gather(g, t.index), true, create);
        break;
      case SCALE:
        contribute(a, mul(g, t.s0), true, create);
        break;
      case ADD_SCALAR:
        contribute(a, g, false, create);
        break;
      case STOP:
        break;
      case GRU_CELL:
        gruCellBackward(t, g, create);
        break;
      default:
        throw new IllegalStateException("no backward rule for " + NAMES[t.op]);
    }
  }

  /** Fused first-order backward for the hot ops; false if the op has none. */
  private boolean rawBackward(Tensor t, Tensor g) {
    Tensor a = t.a;
    Tensor b = t.b;
    switch (t.op) {
      case MATMUL: {
        DMatrixRMaj gv = g.value;
        if (need(a)) {
          DMatrixRMaj ta = rawTarget(a);
          boolean w = overwrite;
          if (t.i0 == NN) {
            if (w) {
              Gemm.multTransB(gv, b.value, ta);
            } else {
              Gemm.multAddTransB(gv, b.value, ta);
            }
          } else if (t.i0 == TN) {
            if (w) {
              Gemm.multTransB(b.value, gv, ta);
            } else {
              Gemm.multAddTransB(b.value, gv, ta);
            }
          } else {
            if (w) {
              Gemm.mult(gv, b.value, ta);
            } else {
              Gemm.multAdd(gv, b.value, ta);
            }
          }
        }
        if (need(b)) {
          DMatrixRMaj tb = rawTarget(b);
          boolean w = overwrite;
          if (t.i0 == NN) {
            if (w) {
              Gemm.multTransA(a.value, gv, tb);
            } else {
              Gemm.multAddTransA(a.value, gv, tb);
            }
          } else if (t.i0 == TN) {
            if (w) {
              Gemm.mult(a.value, gv, tb);
            } else {
              Gemm.multAdd(a.value, gv, tb);
            }
          } else {
            if (w) {
              Gemm.multTransA(gv, a.value, tb);
            } else {
              Gemm.multAddTransA(gv, a.value, tb);
            }
          }
        }
        return true;
      }
      case ADD:
      case SUB:
        if (need(a)) {
          if (a.rows() == t.rows() && a.cols() == t.cols()) {
            contribute(a, g, false, false); // pass the adjoint through, no copy
          } else {
            DMatrixRMaj ta = rawTarget(a);
            Kernels.sumTo(g.value, ta, 1.0, !overwrite);
          }
        }
        if (need(b)) {
          DMatrixRMaj tb = rawTarget(b);
          Kernels.sumTo(g.value, tb, t.op == ADD ? 1.0 : -1.0, !overwrite);
        }
        return true;
      case TANH: {
        DMatrixRMaj ta = rawTarget(a);
        Kernels.tanhBackward(g.value.data, t.value.data, ta.data, ta.getNumElements(), !overwrite);
        return true;
      }
      case TANH_GRAD: {
        if (need(a)) {
          DMatrixRMaj ta = rawTarget(a);
          Kernels.tanhBackward(g.value.data, b.value.data, ta.data, ta.getNumElements(),
              !overwrite);
        }
        if (need(b)) {
          DMatrixRMaj tb = rawTarget(b);
          Kernels.tanhGradBackwardY(g.value.data, a.value.data, b.value.data, tb.data,
              tb.getNumElements(), !overwrite);
        }
        return true;
      }
      case SQUARE: {
        DMatrixRMaj ta = rawTarget(a);
        Kernels.squareBackward(g.value.data, a.value.data, ta.data, ta.getNumElements(),
            !overwrite);
        return true;
      }
      case SUM_ALL:
      case SUM_ROWS:
      case SUM_COLS: {
        DMatrixRMaj ta = rawTarget(a);
        Kernels.broadcast(g.value, ta, t.s0, !overwrite);
        return true;
      }
      case GRU_CELL: {
        Tensor h = t.c;
        DMatrixRMaj ta = need(a) ? rawTarget(a) : null;
        boolean addA = !overwrite;
        DMatrixRMaj tb = need(b) ? rawTarget(b) : null;
        boolean addB = !overwrite;
        DMatrixRMaj th = need(h) ? rawTarget(h) : null;
        boolean addH = !overwrite;
        Kernels.gruCellBackward(g.value.data, t.aux.data, b.value.data, h.value.data,
            ta == null ? null : ta.data, addA, tb == null ? null : tb.data, addB,
            th == null ? null : th.data, addH, t.rows(), t.cols());
        return true;
      }
      default:
        return false;
    }
  }

  /**
   * The recorded (differentiable) backward of {@link #gruCell}: the gates are rebuilt from the
   * op's inputs with recorded ops and the adjoints written with them, so a second sweep can
   * differentiate the gradient.
   */
  private void gruCellBackward(Tensor t, Tensor g, boolean create) {
    Tensor gx = t.a;
    Tensor gh = t.b;
    Tensor h = t.c;
    int rows = t.rows();
    int hh = t.cols();
    Tensor r = sigmoid(add(slice(gx, 0, rows, 0, hh), slice(gh, 0, rows, 0, hh)));
    Tensor z = sigmoid(add(slice(gx, 0, rows, hh, 2 * hh), slice(gh, 0, rows, hh, 2 * hh)));
    Tensor ghN = slice(gh, 0, rows, 2 * hh, 3 * hh);
    Tensor n = tanh(add(slice(gx, 0, rows, 2 * hh, 3 * hh), mul(r, ghN)));
    Tensor gz = mul(g, z);
    if (need(h)) {
      contribute(h, gz, true, create);
    }
    Tensor daN = mul(sub(g, gz), add(neg(square(n)), 1.0));
    Tensor daR = mul(mul(daN, ghN), mul(r, add(neg(r), 1.0)));
    Tensor daZ = mul(mul(g, sub(h, n)), mul(z, add(neg(z), 1.0)));
    if (need(gx)) {
      contribute(gx, concat(concat(daR, daZ, 1), daN, 1), true, create);
    }
    if (need(gh)) {
      contribute(gh, concat(concat(daR, daZ, 1), mul(daN, r), 1), true, create);
    }
  }
}
