package org.gridrl.core.planning;

/**
 * The one dot product of the CSR kernels: Σ_{k in [begin, end)} p[k]·v[succ[k]] = the expected
 * next value of one (state, action) row, added left to right. Every CSR kernel of this package
 * (soft, hard, with a prior, policy evaluation) goes through it, so they sum in the same order.
 */
final class CsrRows {

  private CsrRows() {
  }

  /**
   * Σ_{k in [begin, end)} p[k]·v[succ[k]], added left to right (0 for an empty row). Rows of up
   * to five entries (a grid's rows) are written out: HotSpot's C2 wraps every counted loop in
   * pre-, main- and post-loops, which for a row of five costs more than the row itself (measured
   * on the soft VI benchmark: docs/performance.md).
   */
  static double dot(double[] p, int[] succ, double[] v, int begin, int end) {
    final int k = begin;
    switch (end - begin) {
      case 0:
        return 0;
      case 1:
        return p[k] * v[succ[k]];
      case 2:
        return p[k] * v[succ[k]] + p[k + 1] * v[succ[k + 1]];
      case 3:
        return p[k] * v[succ[k]] + p[k + 1] * v[succ[k + 1]] + p[k + 2] * v[succ[k + 2]];
      case 4:
        return p[k] * v[succ[k]] + p[k + 1] * v[succ[k + 1]] + p[k + 2] * v[succ[k + 2]]
            + p[k + 3] * v[succ[k + 3]];
      case 5:
        return p[k] * v[succ[k]] + p[k + 1] * v[succ[k + 1]] + p[k + 2] * v[succ[k + 2]]
            + p[k + 3] * v[succ[k + 3]] + p[k + 4] * v[succ[k + 4]];
      default:
        double acc = p[k] * v[succ[k]];
        for (int j = k + 1; j < end; j++) {
          acc += p[j] * v[succ[j]];
        }
        return acc;
    }
  }
}
