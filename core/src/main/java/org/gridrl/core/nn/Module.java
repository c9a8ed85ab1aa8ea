package org.gridrl.core.nn;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;

/**
 * A differentiable function y = f(x; θ) with named parameters θ. The forward pass is
 * functional: it takes the parameter tensors as an argument, in the order of
 * {@link #parameters()}, so the same module runs with its own parameters ({@link #bind}) or
 * with any other tensors of the same shapes (MAML's adapted parameters θ' = θ − α∇L).
 *
 * <p>Usage: {@code List<Tensor> p = net.bind(tape); Tensor y = net.forward(tape, x, p);
 * List<Tensor> g = tape.grad(loss, p, false);} then an optimiser updates
 * {@link #parameterValues()} with the gradients. A training loop that must not allocate per
 * pass keeps its lists and uses the overloads that fill them: {@link #bind(Tape, List)},
 * {@code tape.grad(loss, p, false, grads)}.
 */
public interface Module {

  /** The parameters, in the fixed order the functional forward expects. */
  List<Parameter> parameters();

  /**
   * The forward pass with parameter tensors {@code params[offset .. offset + size)} where size =
   * {@code parameters().size()}; the offset lets a module forward a slice of a containing
   * module's list without copying it.
   *
   * @param tape the tape to record on
   * @param x the input, batch × inputs
   * @param params parameter tensors; shapes as {@link #parameters()}
   * @param offset index of this module's first parameter in {@code params}
   * @return batch × outputs
   */
  Tensor forward(Tape tape, Tensor x, List<Tensor> params, int offset);

  /** {@link #forward(Tape, Tensor, List, int)} with offset 0. */
  default Tensor forward(Tape tape, Tensor x, List<Tensor> params) {
    int n = parameters().size();
    if (params.size() != n) {
      throw new IllegalArgumentException("expected " + n + " parameter tensors, got "
          + params.size());
    }
    for (int i = 0; i < n; i++) {
      DMatrixRMaj p = parameters().get(i).value();
      Tensor t = params.get(i);
      if (t.rows() != p.numRows || t.cols() != p.numCols) {
        throw new IllegalArgumentException("parameter " + parameters().get(i).name() + " is "
            + p.numRows + "×" + p.numCols + ", the tensor given is " + t.rows() + "×" + t.cols());
      }
    }
    return forward(tape, x, params, 0);
  }

  /** The forward pass with this module's own parameters (bound on the tape as leaves). */
  default Tensor forward(Tape tape, Tensor x) {
    return forward(tape, x, bind(tape), 0);
  }

  /** Wraps every parameter as a {@link Tape#parameter} leaf, in order, in a new list. */
  default List<Tensor> bind(Tape tape) {
    return bind(tape, new ArrayList<>(parameters().size()));
  }

  /**
   * {@link #bind(Tape)} into a caller-owned list (indexed loop, no iterator), so that a
   * training loop allocates nothing per pass.
   *
   * @param tape the tape to record the leaves on. Modified.
   * @param out cleared, then filled with one leaf per parameter, in order. Modified.
   * @return {@code out}
   */
  default List<Tensor> bind(Tape tape, List<Tensor> out) {
    final List<Parameter> ps = parameters();
    out.clear();
    for (int i = 0, n = ps.size(); i < n; i++) {
      out.add(tape.parameter(ps.get(i).value()));
    }
    return out;
  }

  /** The parameter matrices, in order (what optimisers update), in a new list. */
  default List<DMatrixRMaj> parameterValues() {
    return parameterValues(new ArrayList<>());
  }

  /**
   * {@link #parameterValues()} into a caller-owned list (indexed loop, no iterator).
   *
   * @param out cleared, then filled with the parameter matrices, in order. Modified.
   * @return {@code out}
   */
  default List<DMatrixRMaj> parameterValues(List<DMatrixRMaj> out) {
    final List<Parameter> ps = parameters();
    out.clear();
    for (int i = 0, n = ps.size(); i < n; i++) {
      out.add(ps.get(i).value());
    }
    return out;
  }

  /** Total number of scalar parameters. */
  default int numScalars() {
    int n = 0;
    for (Parameter p : parameters()) {
      n += p.value().getNumElements();
    }
    return n;
  }
}
