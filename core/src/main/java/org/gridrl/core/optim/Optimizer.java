package org.gridrl.core.optim;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.util.Check;

/**
 * Updates a fixed list of parameter matrices in place, θ ← θ − update(∇), from gradients given
 * in the same order and shapes. Holds per-parameter state (momentum, moments) allocated once.
 */
public interface Optimizer {

  /**
   * One update.
   *
   * @param grads one gradient per parameter, same order and shapes. Not modified.
   */
  void step(List<DMatrixRMaj> grads);

  /** The current learning rate. */
  double learningRate();

  /** Sets the learning rate (for schedules); must be ≥ 0 and finite. */
  void setLearningRate(double learningRate);

  /** The values of gradient tensors, for {@link #step}, in a new list. */
  static List<DMatrixRMaj> values(List<Tensor> grads) {
    return values(grads, new ArrayList<>(grads.size()));
  }

  /**
   * {@link #values(List)} into a caller-owned list (indexed loop, no iterator), so that a
   * training loop allocates nothing per step.
   *
   * @param grads the gradient tensors. Not modified.
   * @param out cleared, then filled with their values, in order. Modified.
   * @return {@code out}
   */
  static List<DMatrixRMaj> values(List<Tensor> grads, List<DMatrixRMaj> out) {
    out.clear();
    for (int i = 0, n = grads.size(); i < n; i++) {
      out.add(grads.get(i).value());
    }
    return out;
  }

  /** Checks that the gradients match the parameters in number and shapes. */
  static void checkShapes(List<DMatrixRMaj> params, List<DMatrixRMaj> grads) {
    if (params.size() != grads.size()) {
      throw new IllegalArgumentException("expected " + params.size() + " gradients, got "
          + grads.size());
    }
    for (int i = 0; i < params.size(); i++) {
      DMatrixRMaj p = params.get(i);
      DMatrixRMaj g = grads.get(i);
      if (p.numRows != g.numRows || p.numCols != g.numCols) {
        throw new IllegalArgumentException("gradient " + i + " is " + g.numRows + "×" + g.numCols
            + " but its parameter is " + p.numRows + "×" + p.numCols);
      }
    }
  }

  /** Checks a learning rate: "learningRate must be finite and >= 0, got x". */
  static double checkLearningRate(double lr) {
    return Check.nonNegativeFinite("learningRate", lr);
  }
}
