package org.gridrl.core.optim;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Global-norm gradient clipping: ‖g‖ = √(Σ_i ‖g_i‖²_F) over all gradients; if ‖g‖ > c every
 * g_i is scaled by c/‖g‖, so the direction is kept and the norm becomes c. Indexed loops, no
 * iterator: a call allocates nothing.
 */
public final class GradClip {

  private GradClip() {}

  /** √(Σ_i Σ_k g_ik²), computed with scaling so large entries do not overflow. */
  public static double globalNorm(List<DMatrixRMaj> grads) {
    double scale = 0;
    for (int i = 0, m = grads.size(); i < m; i++) {
      final DMatrixRMaj g = grads.get(i);
      for (int k = 0, n = g.getNumElements(); k < n; k++) {
        scale = Math.max(scale, Math.abs(g.data[k]));
      }
    }
    if (scale == 0 || !Double.isFinite(scale)) {
      return scale == 0 ? 0 : Double.isNaN(scale) ? Double.NaN : Double.POSITIVE_INFINITY;
    }
    double s = 0;
    for (int i = 0, m = grads.size(); i < m; i++) {
      final DMatrixRMaj g = grads.get(i);
      for (int k = 0, n = g.getNumElements(); k < n; k++) {
        double x = g.data[k] / scale;
        s += x * x;
      }
    }
    return scale * Math.sqrt(s);
  }

  /**
   * Scales the gradients in place so their global norm is at most {@code maxNorm}.
   *
   * @param grads the gradients. Modified.
   * @param maxNorm c > 0
   * @return the global norm before clipping (NaN or infinity if a gradient holds one; the
   *     gradients are then left as they are, for the caller to report)
   */
  public static double clipGlobalNorm(List<DMatrixRMaj> grads, double maxNorm) {
    if (!(maxNorm > 0)) {
      throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
    }
    double norm = globalNorm(grads);
    if (norm > maxNorm && Double.isFinite(norm)) {
      double f = maxNorm / norm;
      for (int i = 0, m = grads.size(); i < m; i++) {
        final DMatrixRMaj g = grads.get(i);
        for (int k = 0, n = g.getNumElements(); k < n; k++) {
          g.data[k] *= f;
        }
      }
    }
    return norm;
  }
}
