package org.gridrl.core.nn;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.util.Rng;

/**
 * An affine layer y = x·W + b: x is batch × in, W is in × out, b is a 1 × out row broadcast over
 * the batch. Parameters, in order: {@code <name>.weight}, {@code <name>.bias} (bias starts at 0).
 */
public final class Linear implements Module {

  private final int in;
  private final int out;
  private final List<Parameter> parameters;

  /**
   * A layer with weights from {@code init} and zero bias.
   *
   * @param name prefix of the parameter names
   * @param in input features (≥ 1)
   * @param out output features (≥ 1)
   * @param init weight initialisation
   * @param rng the random stream. Modified.
   */
  public Linear(String name, int in, int out, Init init, Rng rng) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException("Linear " + name + " needs in >= 1 and out >= 1, got "
          + in + " and " + out);
    }
    this.in = in;
    this.out = out;
    DMatrixRMaj w = new DMatrixRMaj(in, out);
    init.fill(w, rng);
    this.parameters = List.of(new Parameter(name + ".weight", w),
        new Parameter(name + ".bias", new DMatrixRMaj(1, out)));
  }

  /** Input features. */
  public int in() {
    return in;
  }

  /** Output features. */
  public int out() {
    return out;
  }

  /** The weight matrix W (in × out). */
  public DMatrixRMaj weight() {
    return parameters.get(0).value();
  }

  /** The bias row b (1 × out). */
  public DMatrixRMaj bias() {
    return parameters.get(1).value();
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public Tensor forward(Tape tape, Tensor x, List<Tensor> params, int offset) {
    if (x.cols() != in) {
      throw new IllegalArgumentException("Linear " + parameters.get(0).name() + " expects " + in
          + " input features, got " + x.cols());
    }
    return tape.add(tape.matmul(x, params.get(offset)), params.get(offset + 1));
  }
}
