package org.gridrl.core.nn;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.util.Rng;

/**
 * A gated recurrent unit cell (Cho et al. 2014), in PyTorch's {@code torch.nn.GRUCell} variant,
 * with row vectors (batch × features):
 *
 * <pre>
 *   r  = σ(x W_ir + b_ir + h W_hr + b_hr)
 *   z  = σ(x W_iz + b_iz + h W_hz + b_hz)
 *   n  = tanh(x W_in + b_in + r ⊙ (h W_hn + b_hn))
 *   h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 *
 * The reset gate r multiplies the recurrent product h W_hn + b_hn <em>after</em> the product
 * (PyTorch and cuDNN), not h before it (Cho et al.'s original r ⊙ h inside the product); the
 * input and recurrent biases of r and z are kept separate as in PyTorch (only their sums
 * b_ir + b_hr and b_iz + b_hz matter), so PyTorch weights load by transposing.
 *
 * <p>Parameters, in order: {@code <name>.weight_ih} (in × 3H, the column blocks r | z | n),
 * {@code <name>.weight_hh} (H × 3H, same blocks), {@code <name>.bias_ih} (1 × 3H),
 * {@code <name>.bias_hh} (1 × 3H); PyTorch's {@code GRUCell.weight_ih} ({@code GRU.weight_ih_l0})
 * is the transpose of {@code weight_ih}. Biases start at 0.
 *
 * <p>As a {@link Module} the cell maps [x | h] (batch × (in + H), x then h) to h'. Recurrent
 * code calls {@link #step} and {@link #unroll}, whose gradients flow through every step
 * (backpropagation through time) and can be recorded for higher order like any other tape op.
 */
public final class Gru implements Module {

  private final String name;
  private final int in;
  private final int hidden;
  private final List<Parameter> parameters;

  /**
   * A cell with input weights from {@code inputInit} (applied to the whole in × 3H matrix),
   * recurrent weights from {@code recurrentInit} applied to each H × H gate block separately
   * (so orthogonal init gives three orthogonal blocks), zero biases.
   *
   * @param name prefix of the parameter names
   * @param in input features (≥ 1)
   * @param hidden hidden state size H (≥ 1)
   * @param inputInit initialisation of W_ih
   * @param recurrentInit initialisation of each gate block of W_hh
   * @param rng the random stream. Modified.
   */
  public Gru(String name, int in, int hidden, Init inputInit, Init recurrentInit, Rng rng) {
    if (in < 1 || hidden < 1) {
      throw new IllegalArgumentException("Gru " + name + " needs in >= 1 and hidden >= 1, got "
          + in + " and " + hidden);
    }
    this.name = name;
    this.in = in;
    this.hidden = hidden;
    DMatrixRMaj wih = new DMatrixRMaj(in, 3 * hidden);
    inputInit.fill(wih, rng);
    DMatrixRMaj whh = new DMatrixRMaj(hidden, 3 * hidden);
    DMatrixRMaj block = new DMatrixRMaj(hidden, hidden);
    for (int g = 0; g < 3; g++) {
      recurrentInit.fill(block, rng);
      for (int i = 0; i < hidden; i++) {
        System.arraycopy(block.data, i * hidden, whh.data, i * 3 * hidden + g * hidden, hidden);
      }
    }
    this.parameters = List.of(
        new Parameter(name + ".weight_ih", wih),
        new Parameter(name + ".weight_hh", whh),
        new Parameter(name + ".bias_ih", new DMatrixRMaj(1, 3 * hidden)),
        new Parameter(name + ".bias_hh", new DMatrixRMaj(1, 3 * hidden)));
  }

  /** A cell with Xavier-uniform input weights and orthogonal (gain 1) recurrent blocks. */
  public Gru(String name, int in, int hidden, Rng rng) {
    this(name, in, hidden, Init.xavierUniform(), Init.orthogonal(1.0), rng);
  }

  /**
   * Chrono initialisation of the update gate (Tallec &amp; Ollivier 2018, "Can recurrent neural
   * networks warp time?", §3): sets each unit's input bias b_iz,j = log u_j with u_j drawn
   * uniformly from [1, T − 1], and b_hz,j = 0. At zero weights a unit keeps the fraction
   * z_j = σ(b_iz,j) of its state per step, i.e. it forgets with the characteristic time
   * 1 / (1 − z_j) = 1 + u_j, uniform over [2, T]: the cell starts with memories spanning the
   * dependencies it has to learn (up to T steps) instead of halving its state every step as at
   * zero biases. The other biases are left as they are.
   *
   * @param maxTimescale T ≥ 2, the longest dependency to expect (for example the sequence length)
   * @param rng the random stream (one draw per unit, in unit order). Modified.
   */
  public void chronoInit(double maxTimescale, Rng rng) {
    if (!(maxTimescale >= 2) || Double.isInfinite(maxTimescale)) {
      throw new IllegalArgumentException("Gru " + name
          + " chrono initialisation needs a finite maxTimescale >= 2, got " + maxTimescale);
    }
    DMatrixRMaj bih = parameters.get(2).value();
    DMatrixRMaj bhh = parameters.get(3).value();
    for (int j = 0; j < hidden; j++) {
      bih.set(0, hidden + j, Math.log(rng.nextDouble(1, maxTimescale - 1)));
      bhh.set(0, hidden + j, 0.0);
    }
  }

  /** Input features. */
  public int in() {
    return in;
  }

  /** Hidden state size H. */
  public int hidden() {
    return hidden;
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  /** The zero state h_0 = 0, batch × H, as a constant on the tape. */
  public Tensor initialState(Tape tape, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, got " + batch);
    }
    return tape.filled(batch, hidden, 0.0);
  }

  /**
   * As a {@link Module}: h' = step(x, h) for the input [x | h], batch × (in + H).
   *
   * @param x x then h along the columns
   */
  @Override
  public Tensor forward(Tape tape, Tensor x, List<Tensor> params, int offset) {
    if (x.cols() != in + hidden) {
      throw new IllegalArgumentException("Gru " + name + " as a Module expects [x | h] with "
          + (in + hidden) + " columns (" + in + " + " + hidden + "), got " + x.cols());
    }
    Tensor xt = tape.slice(x, 0, x.rows(), 0, in);
    Tensor h = tape.slice(x, 0, x.rows(), in, in + hidden);
    return step(tape, xt, h, params, offset);
  }

  /**
   * One step h' = GRU(x, h) with this cell's own parameters bound as leaves. For repeated steps
   * bind once ({@link #bind}) and call {@link #step(Tape, Tensor, Tensor, List, int)}.
   */
  public Tensor step(Tape tape, Tensor x, Tensor h) {
    return step(tape, x, h, bind(tape), 0);
  }

  /**
   * One step h' = (1 − z) ⊙ n + z ⊙ h with parameter tensors
   * {@code params[offset .. offset + 4)} (weight_ih, weight_hh, bias_ih, bias_hh).
   *
   * @param tape the tape to record on
   * @param x the input, batch × in
   * @param h the previous state, batch × H
   * @param params parameter tensors; shapes as {@link #parameters()}
   * @param offset index of weight_ih in {@code params}
   * @return the new state, batch × H
   */
  public Tensor step(Tape tape, Tensor x, Tensor h, List<Tensor> params, int offset) {
    if (x.cols() != in) {
      throw new IllegalArgumentException("Gru " + name + " expects " + in
          + " input features, got " + x.cols());
    }
    if (h.cols() != hidden || h.rows() != x.rows()) {
      throw new IllegalArgumentException("Gru " + name + " expects a state of " + x.rows() + "×"
          + hidden + " (batch × hidden), got " + h.rows() + "×" + h.cols());
    }
    // the two products with their biases, then the gates and the new state in one fused op
    // (Tape.gruCell: the same numbers as the gate formulas spelled out with slice, add, sigmoid,
    // tanh, mul and sub, in 5 tape nodes a step instead of 20)
    Tensor gx = tape.add(tape.matmul(x, params.get(offset)), params.get(offset + 2));
    Tensor gh = tape.add(tape.matmul(h, params.get(offset + 1)), params.get(offset + 3));
    return tape.gruCell(gx, gh, h);
  }

  /**
   * Runs the cell over a sequence: h_t = GRU(x_t, h_{t−1}) for t = 1..T.
   *
   * @param tape the tape to record on
   * @param xs the inputs x_1..x_T, each batch × in (T ≥ 1)
   * @param h0 the initial state, batch × H (for example {@link #initialState})
   * @param params parameter tensors; shapes as {@link #parameters()}
   * @param offset index of weight_ih in {@code params}
   * @return the states h_1..h_T (h_T last)
   */
  public List<Tensor> unroll(Tape tape, List<Tensor> xs, Tensor h0, List<Tensor> params,
      int offset) {
    if (xs.isEmpty()) {
      throw new IllegalArgumentException("Gru " + name + " cannot unroll an empty sequence");
    }
    List<Tensor> hs = new ArrayList<>(xs.size());
    Tensor h = h0;
    for (Tensor x : xs) {
      h = step(tape, x, h, params, offset);
      hs.add(h);
    }
    return hs;
  }

  /** {@link #unroll(Tape, List, Tensor, List, int)} with offset 0. */
  public List<Tensor> unroll(Tape tape, List<Tensor> xs, Tensor h0, List<Tensor> params) {
    return unroll(tape, xs, h0, params, 0);
  }
}
