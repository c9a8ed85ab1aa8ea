package org.gridrl.core.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.gridrl.core.util.Rng;

/**
 * Weight initialisation of a fan-in × fan-out matrix from a seeded {@link Rng}.
 *
 * <ul>
 *   <li>{@link #xavierUniform()}: W_ij ~ U(−a, a), a = √(6 / (fan_in + fan_out)), so
 *       Var W_ij = 2 / (fan_in + fan_out) (Glorot &amp; Bengio 2010).
 *   <li>{@link #orthogonal(double)}: gain · Q from the QR decomposition of a Gaussian matrix,
 *       signs fixed by R's diagonal, so the columns (or rows, whichever are fewer) are
 *       orthonormal times gain (Saxe et al. 2014).
 *   <li>{@link #zeros()}.
 * </ul>
 */
@FunctionalInterface
public interface Init {

  /**
   * Fills {@code w} (its shape is fan-in × fan-out).
   *
   * @param w the matrix. Modified.
   * @param rng the random stream. Modified.
   */
  void fill(DMatrixRMaj w, Rng rng);

  /** Glorot/Xavier uniform. */
  static Init xavierUniform() {
    return (w, rng) -> {
      double a = Math.sqrt(6.0 / (w.numRows + w.numCols));
      for (int i = 0; i < w.getNumElements(); i++) {
        w.data[i] = rng.nextDouble(-a, a);
      }
    };
  }

  /** Orthogonal with the given gain (√2 for ReLU, 1 for tanh, 0.01 for policy heads). */
  static Init orthogonal(double gain) {
    if (!Double.isFinite(gain)) {
      throw new IllegalArgumentException("gain must be finite, got " + gain);
    }
    return (w, rng) -> {
      int rows = Math.max(w.numRows, w.numCols);
      int cols = Math.min(w.numRows, w.numCols);
      DMatrixRMaj g = new DMatrixRMaj(rows, cols);
      for (int i = 0; i < g.data.length; i++) {
        g.data[i] = rng.nextGaussian();
      }
      QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(rows, cols);
      if (!qr.decompose(g.copy())) {
        throw new IllegalStateException("QR decomposition failed");
      }
      DMatrixRMaj q = qr.getQ(null, true); // rows × cols, orthonormal columns
      DMatrixRMaj r = qr.getR(null, true);
      for (int j = 0; j < cols; j++) {
        double s = r.get(j, j) < 0 ? -gain : gain;
        for (int i = 0; i < rows; i++) {
          q.set(i, j, s * q.get(i, j));
        }
      }
      if (w.numRows >= w.numCols) {
        w.setTo(q);
      } else {
        for (int i = 0; i < w.numRows; i++) {
          for (int j = 0; j < w.numCols; j++) {
            w.set(i, j, q.get(j, i));
          }
        }
      }
    };
  }

  /** All zeros. */
  static Init zeros() {
    return (w, rng) -> w.zero();
  }
}
