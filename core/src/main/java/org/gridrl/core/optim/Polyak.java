package org.gridrl.core.optim;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Polyak averaging of target networks (Lillicrap et al. 2016; SAC's targets, Haarnoja et al.
 * 2018): θ_targ ← (1 − ρ)·θ_targ + ρ·θ, entry by entry, after every update; ρ = 1 copies θ.
 * A kernel: indexed loops over caller-owned matrices, no allocation.
 */
public final class Polyak {

  private Polyak() {
  }

  /**
   * θ_targ ← (1 − ρ)·θ_targ + ρ·θ, matrix by matrix.
   *
   * @param online θ. Not modified.
   * @param target θ_targ, the same number of matrices with the same shapes. Modified.
   * @param rate ρ in (0, 1]
   */
  public static void update(List<DMatrixRMaj> online, List<DMatrixRMaj> target, double rate) {
    // a plain check, not Check's: it runs after every SAC update, where boxing would allocate
    if (!(rate > 0 && rate <= 1)) {
      throw new IllegalArgumentException("polyak rate must be in (0, 1], got " + rate);
    }
    if (online.size() != target.size()) {
      throw new IllegalArgumentException("online has " + online.size() + " matrices, target "
          + target.size());
    }
    for (int k = 0, m = online.size(); k < m; k++) {
      DMatrixRMaj src = online.get(k);
      DMatrixRMaj dst = target.get(k);
      if (src.numRows != dst.numRows || src.numCols != dst.numCols) {
        throw new IllegalArgumentException("matrix " + k + ": online " + src.numRows + "×"
            + src.numCols + ", target " + dst.numRows + "×" + dst.numCols);
      }
      final double[] s = src.data;
      final double[] d = dst.data;
      for (int i = 0, n = src.getNumElements(); i < n; i++) {
        d[i] = (1 - rate) * d[i] + rate * s[i];
      }
    }
  }
}
