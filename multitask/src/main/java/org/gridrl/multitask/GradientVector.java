package org.gridrl.multitask;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tensor;

/**
 * The bridge between a {@code core.nn} parameter list and a {@link GradientCombiner}: the
 * gradients of a module's parameters, in {@code Module.parameters()} order and each matrix
 * row-major, laid end to end as one vector of {@link #size} entries, and back.
 *
 * <p>A multi-task step: for each task k, one backward pass over task k's slice of the batch
 * ({@code tape.grad(loss_k, params, false, grads)}), {@link #flatten(List, double[])} into row k;
 * {@code combiner.combine(rows, T, dim, d)}; {@link #unflatten(double[], List)} into the
 * optimiser's gradient list; {@code optimizer.step(list)}. Nothing here allocates.
 */
public final class GradientVector {

  private GradientVector() {}

  /**
   * The total number of entries.
   *
   * @param parts the matrices. Not modified.
   * @return Σ rows·cols
   */
  public static int size(List<DMatrixRMaj> parts) {
    int n = 0;
    for (int i = 0, m = parts.size(); i < m; i++) {
      n += parts.get(i).getNumElements();
    }
    return n;
  }

  /**
   * Lays the matrices end to end.
   *
   * @param parts the matrices, in order. Not modified.
   * @param out length ≥ {@link #size}; its first size entries are overwritten. Modified.
   * @return {@code out}
   */
  public static double[] flatten(List<DMatrixRMaj> parts, double[] out) {
    int offset = 0;
    for (int i = 0, m = parts.size(); i < m; i++) {
      DMatrixRMaj p = parts.get(i);
      int n = p.getNumElements();
      if (!(offset + n <= out.length)) {
        throw new IllegalArgumentException("out has length " + out.length
            + ", the parameters need more");
      }
      System.arraycopy(p.data, 0, out, offset, n);
      offset += n;
    }
    return out;
  }

  /**
   * {@link #flatten(List, double[])} of the tensors' values, for the list {@code Tape.grad}
   * returns.
   *
   * @param grads gradient tensors, in parameter order. Not modified.
   * @param out length ≥ the total size. Modified.
   * @return {@code out}
   */
  public static double[] flattenTensors(List<Tensor> grads, double[] out) {
    int offset = 0;
    for (int i = 0, m = grads.size(); i < m; i++) {
      DMatrixRMaj p = grads.get(i).value();
      int n = p.getNumElements();
      if (!(offset + n <= out.length)) {
        throw new IllegalArgumentException("out has length " + out.length
            + ", the gradients need more");
      }
      System.arraycopy(p.data, 0, out, offset, n);
      offset += n;
    }
    return out;
  }

  /**
   * Cuts a flat vector back into matrices of the given shapes.
   *
   * @param flat the vector, length ≥ the total size of {@code out}. Not modified.
   * @param out the matrices, whose shapes say where each part goes. Modified.
   */
  public static void unflatten(double[] flat, List<DMatrixRMaj> out) {
    int offset = 0;
    for (int i = 0, m = out.size(); i < m; i++) {
      DMatrixRMaj p = out.get(i);
      int n = p.getNumElements();
      if (!(offset + n <= flat.length)) {
        throw new IllegalArgumentException("flat has length " + flat.length
            + ", the matrices need more");
      }
      System.arraycopy(flat, offset, p.data, 0, n);
      offset += n;
    }
  }
}
